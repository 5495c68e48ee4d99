package eping

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/internal/golden"
)

// render writes what ParseSearchPage made of a page, for golden files.
func render(t *testing.T, page *SearchPage, err error) []byte {
	t.Helper()
	if err != nil {
		return []byte("error: " + err.Error() + "\n")
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(page); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestParseSearchPageGolden(t *testing.T) {
	tests := []struct {
		file    string
		wantErr string // substring; "" = must parse
	}{
		{"normal.json", ""},
		{"sps_emergency.json", ""},
		{"variants.json", ""},
		{"bad_items.json", ""},
		{"empty_page.json", ""},
		{"truncated.json", "unexpected EOF"},
		{"error.html", "got HTML"},
		{"gateway_error.json", "API error 401"},
		{"not_search.json", "no totalCount"},
		{"top_array.json", "want an object"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			page, err := ParseSearchPage(body)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("ParseSearchPage: %v", err)
			case tt.wantErr != "" && err == nil:
				t.Fatalf("ParseSearchPage succeeded, want an error containing %q", tt.wantErr)
			case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
				t.Fatalf("error %q, want it to contain %q", err, tt.wantErr)
			case err != nil && page != nil:
				t.Fatal("a page came back with the error")
			}
			golden.Check(t, strings.TrimSuffix(tt.file, filepath.Ext(tt.file))+".golden", render(t, page, err))
			if page != nil {
				checkNormalizes(t, page)
			}
		})
	}
}

// checkNormalizes fails unless every item normalises, without changing
// the items themselves.
func checkNormalizes(t testing.TB, page *SearchPage) {
	t.Helper()
	for i, n := range page.Items {
		before := clone(n)
		c := clone(n)
		if err := c.Normalize(); err != nil {
			t.Errorf("item %d (%s) does not normalise: %v", i, n.Symbol, err)
		}
		if diff := cmp.Diff(before, n); diff != "" {
			t.Errorf("item %d changed while checking it:\n%s", i, diff)
		}
	}
}

func TestParseSearchPageProblems(t *testing.T) {
	body, err := os.ReadFile("testdata/bad_items.json")
	if err != nil {
		t.Fatal(err)
	}
	page, err := ParseSearchPage(body)
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, p := range page.Problems {
		got = append(got, p.Item)
	}
	// Items 0 (well-formed) is the only one that maps.
	if want := []int{1, 2, 3, 4, 5, 6, 7, 8}; !cmp.Equal(got, want) {
		t.Errorf("problem items %v, want %v", got, want)
	}
	if len(page.Items) != 1 || page.Items[0].Symbol != "G/TBT/N/IND/9055" {
		t.Errorf("items %+v, want only G/TBT/N/IND/9055", page.Items)
	}
}

func TestParseSearchPageErrors(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"empty", "", "empty body"},
		{"spaces", " \n\t ", "empty body"},
		{"string", `"items"`, "a string, want an object"},
		{"trailing data", `{"totalCount":0,"items":[]} {}`, "data after"},
		{"items not array", `{"totalCount":1,"items":{"a":1}}`, "cannot unmarshal object"},
		{"total negative", `{"totalCount":-1,"items":[]}`, "out of range"},
		{"total fraction", `{"totalCount":1.5,"items":[]}`, "not a whole number"},
		{"total object", `{"totalCount":{"n":1},"items":[]}`, "an object is not a number"},
		{"total text", `{"totalCount":"many","items":[]}`, "not a whole number"},
		{"page bad", `{"totalCount":1,"currentPage":true,"items":[]}`, "currentPage"},
		{"no items but total", `{"totalCount":3}`, "no items, but totalCount 3"},
		{"gateway without code", `{"message":"Rate limit is exceeded."}`, "API error: Rate limit"},
		{"html without title", "<html><body>oops</body></html>", "got HTML, not JSON"},
		{"bom then html", "\xef\xbb\xbf<!DOCTYPE html><title>Bad Gateway</title>", `page title "Bad Gateway"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := ParseSearchPage([]byte(tt.body))
			if err == nil {
				t.Fatalf("got page %+v, want error containing %q", page, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "parse ePing page: ") {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestParseSearchPageLenient(t *testing.T) {
	tests := []struct {
		name, body string
		want       SearchPage
	}{
		{"null items, no results", `{"totalCount":0,"items":null}`, SearchPage{}},
		{"total under other name", `{"total":"0","page":2,"pageSize":"50","items":[]}`, SearchPage{Page: 2, PageSize: 50}},
		{"bom", "\xef\xbb\xbf{\"totalCount\":0,\"items\":[]}", SearchPage{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := ParseSearchPage([]byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(&tt.want, page); diff != "" {
				t.Errorf("page (-want +got):\n%s", diff)
			}
		})
	}
}
