package tris

import (
	"os"
	"path/filepath"
	"testing"
)

// seed adds every HTML file under testdata to the corpus.
func seed(f *testing.F) {
	paths, err := filepath.Glob(filepath.Join("testdata", "*.html"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// FuzzParseList: never panics; what is accepted normalises (the rest is
// in Problems); paging is consistent.
func FuzzParseList(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := ParseList(body)
		if err != nil {
			return
		}
		if p.Page < 0 || p.Pages < 0 || (p.Page > p.Pages && len(p.Items) > 0) {
			t.Fatalf("page %d of %d with %d items", p.Page, p.Pages, len(p.Items))
		}
		for i, n := range p.Items {
			c := *n
			if err := c.Normalize(); err != nil {
				t.Fatalf("item %d (%s) accepted but does not normalise: %v", i, n.Symbol, err)
			}
		}
	})
}

// FuzzParseDetail: never panics; what is accepted normalises.
func FuzzParseDetail(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		n, err := ParseDetail(body)
		if err != nil {
			return
		}
		c := *n
		if err := c.Normalize(); err != nil {
			t.Fatalf("%s accepted but does not normalise: %v", n.Symbol, err)
		}
	})
}
