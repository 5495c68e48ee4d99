package gb

import (
	"errors"
	"strings"
	"testing"

	"github.com/stdbridge/stdbridge/internal/golden"
)

func TestParseListGolden(t *testing.T) {
	for _, name := range []string{"list_mixed", "list_empty", "list_oldlayout"} {
		t.Run(name, func(t *testing.T) {
			page, err := ParseList(golden.Read(t, name+".html"))
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, name+".golden", toJSON(t, page))
		})
	}
}

func TestParseListEmptyIsNotNil(t *testing.T) {
	page, err := ParseList(golden.Read(t, "list_empty.html"))
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 0 || page.Pages != 0 || len(page.Rows) != 0 {
		t.Errorf("empty list = %+v, want no rows and zero totals", page)
	}
}

func TestParseListErrors(t *testing.T) {
	mixed := string(golden.Read(t, "list_mixed.html"))
	tests := []struct {
		name string
		body string
		want string // in the error
	}{
		{"empty", "", "no result table"},
		{"garbage", "\x00\x01 not html at all", "no result table"},
		{"json", `{"rows":[],"total":0}`, "no result table"},
		{"detail page", string(golden.Read(t, "detail_current.html")), "not a list page"},
		{"nginx 301", "<html>\r\n<head><title>301 Moved Permanently</title></head>\r\n<body><center><h1>301 Moved Permanently</h1></center></body></html>", "301 Moved Permanently"},
		{"truncated in the table", mixed[:strings.Index(mixed, "GB/T 1.1-2020")], "truncated"},
		{"truncated before the footer", mixed[:strings.Index(mixed, `<div class="footer-body">`)], "truncated"},
		{"no pager", strings.ReplaceAll(mixed, "条标准", "项"), "no pager"},
		{"row without hcno", strings.ReplaceAll(mixed, "showInfo('1A2B3C4D5E6F708192A3B4C5D6E7F809');", "void(0);"), "no showInfo"},
		{"bad date", strings.Replace(mixed, "2020-03-31", "2020-13-45", 1), "发布日期"},
		{"short row", strings.Replace(strings.Replace(mixed, "<td>2000-12-20</td>", "", 1), "<td>2001-06-01</td>", "", 1), "cells"},
		{"more rows than total", strings.ReplaceAll(mixed, "&nbsp;4&nbsp;", "&nbsp;2&nbsp;"), "pager says 2"},
		{"page zero", strings.ReplaceAll(mixed, `<a style="color: red;">1</a>`, `<a style="color: red;">0</a>`), "pager page 0"},
		{"header without 标准号", strings.Replace(mixed, `sortcol="standard_no">标准号`, `sortcol="standard_no">编号`, 1), "no 标准号 column"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := ParseList([]byte(tt.body))
			if err == nil {
				t.Fatalf("ParseList = %+v, want an error containing %q", page, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

func TestParseListTruncatedIsErrTruncated(t *testing.T) {
	body := golden.Read(t, "list_mixed.html")
	for _, frac := range []float64{0.5, 0.7, 0.9} {
		if _, err := ParseList(cut(body, frac)); !errors.Is(err, ErrTruncated) {
			t.Errorf("cut at %.0f%%: err = %v, want ErrTruncated", frac*100, err)
		}
	}
}
