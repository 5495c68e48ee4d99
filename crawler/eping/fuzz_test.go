package eping

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseSearchPage: ParseSearchPage never panics; a page it accepts
// accounts for every item once, as a notification that normalises or as
// a problem.
func FuzzParseSearchPage(f *testing.F) {
	files, err := filepath.Glob("testdata/*.json")
	if err != nil {
		f.Fatal(err)
	}
	html, _ := filepath.Glob("testdata/*.html")
	for _, name := range append(files, html...) {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"totalCount":1,"items":[{"documentSymbol":"G/TBT/N/USA/9001","hsCodes":[1,2.5,{"code":{}}]}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		page, err := ParseSearchPage(body)
		if err != nil {
			if page != nil {
				t.Fatal("a page came back with the error")
			}
			return
		}
		if page.Total < 0 || page.Page < 0 || page.PageSize < 0 {
			t.Fatalf("negative counts: %+v", page)
		}
		seen := map[int]bool{}
		for _, p := range page.Problems {
			if p.Item < 0 || seen[p.Item] || p.Reason == "" {
				t.Fatalf("bad problem %+v", p)
			}
			seen[p.Item] = true
		}
		for _, p := range page.Problems {
			if p.Item >= len(page.Items)+len(page.Problems) {
				t.Fatalf("problem %+v beyond the page's %d items", p, len(page.Items)+len(page.Problems))
			}
		}
		for i, n := range page.Items {
			if n == nil {
				t.Fatalf("item %d is nil", i)
			}
			c := clone(n)
			if err := c.Normalize(); err != nil {
				t.Fatalf("accepted item %d (%s) does not normalise: %v", i, n.Symbol, err)
			}
		}
	})
}
