package gb

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stdbridge/stdbridge/kb"
)

// seedHTML adds every testdata page to the fuzz corpus.
func seedHTML(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.html"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzParseList(f *testing.F) {
	seedHTML(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		page, err := ParseList(body)
		if err != nil {
			if page != nil {
				t.Fatalf("ParseList returned a page with error %v", err)
			}
			return
		}
		if page.Page < 1 || len(page.Rows) > page.Total {
			t.Fatalf("inconsistent page: page %d, %d rows of %d", page.Page, len(page.Rows), page.Total)
		}
		for _, r := range page.Rows {
			if r.ID == "" || strings.TrimSpace(r.Number) == "" {
				t.Fatalf("accepted row without id or number: %+v", r)
			}
			for _, d := range []kb.Date{r.Issued, r.Implemented} {
				if back, err := kb.ParseDate(string(d)); err != nil || back != d {
					t.Fatalf("accepted row with date %q not canonical: %v", d, err)
				}
			}
		}
	})
}

func FuzzParseDetail(f *testing.F) {
	seedHTML(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		s, err := ParseDetail(body)
		if err != nil {
			if s != nil {
				t.Fatalf("ParseDetail returned a record with error %v", err)
			}
			if errors.Is(err, ErrNotFound) && errors.Is(err, ErrTruncated) {
				t.Fatalf("error is both not-found and truncated: %v", err)
			}
			return
		}
		if s.Number == "" || len(s.Sources) == 0 {
			t.Fatalf("accepted record without number or source: %+v", s)
		}
		// What the parser accepts either normalises or is reported; once
		// normalised it must stay as it is.
		if err := s.Normalize(); err != nil {
			return
		}
		again := *s
		if err := again.Normalize(); err != nil {
			t.Fatalf("normalised record fails to normalise again: %v", err)
		}
		if !reflect.DeepEqual(again, *s) {
			t.Fatalf("Normalize is not idempotent:\n%+v\n%+v", *s, again)
		}
	})
}
