package gb

import (
	"errors"
	"strings"
	"testing"

	"github.com/stdbridge/stdbridge/internal/golden"
	"github.com/stdbridge/stdbridge/kb"
)

func TestParseDetailGolden(t *testing.T) {
	for _, name := range []string{"detail_current", "detail_remark", "detail_adoption", "detail_adoption_combined"} {
		t.Run(name, func(t *testing.T) {
			s, err := ParseDetail(golden.Read(t, name+".html"))
			if err != nil {
				t.Fatal(err)
			}
			parsed := *s
			if err := s.Normalize(); err != nil {
				t.Errorf("Normalize: %v", err)
			}
			golden.Check(t, name+".golden", toJSON(t, struct {
				Parsed, Normalized kb.Standard
			}{parsed, *s}))
		})
	}
}

func TestParseDetailNotFound(t *testing.T) {
	s, err := ParseDetail(golden.Read(t, "notfound.html"))
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("ParseDetail = %+v, %v; want ErrNotFound", s, err)
	}
}

func TestParseDetailErrors(t *testing.T) {
	current := string(golden.Read(t, "detail_current.html"))
	tests := []struct {
		name string
		body string
		want string
	}{
		{"empty", "", "no 标准号"},
		{"garbage", "\xff\xfe garbage <<<", "no 标准号"},
		{"json", `{"hcno":"ABC","standard_no":"GB 1-2000"}`, "no 标准号"},
		{"list page", string(golden.Read(t, "list_mixed.html")), "not a detail page"},
		{"nginx 502", "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>", "502 Bad Gateway"},
		{"empty number", strings.Replace(current, "标准号：GB/T 1.1-2020", "标准号：", 1), "empty 标准号"},
		{"truncated in the fields", current[:strings.Index(current, "发布日期")], "truncated"},
		{"adoption degrees without numbers", strings.Replace(current, "主管部门", "采用程度", 1), "without 采用国际标准号"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseDetail([]byte(tt.body))
			if err == nil {
				t.Fatalf("ParseDetail = %+v, want an error containing %q", s, tt.want)
			}
			if errors.Is(err, ErrNotFound) {
				t.Fatalf("err = %v, want an error other than ErrNotFound", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

func TestParseDetailTruncatedIsErrTruncated(t *testing.T) {
	body := golden.Read(t, "detail_remark.html")
	for _, frac := range []float64{0.4, 0.6, 0.8, 0.95} {
		if _, err := ParseDetail(cut(body, frac)); !errors.Is(err, ErrTruncated) {
			t.Errorf("cut at %.0f%%: err = %v, want ErrTruncated", frac*100, err)
		}
	}
}
