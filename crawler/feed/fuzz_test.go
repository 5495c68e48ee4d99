package feed

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseFeed: never panics; every record an accepted feed yields
// normalises (the rest are skipped with a reason).
func FuzzParseFeed(f *testing.F) {
	for _, pattern := range []string{"*.xml", "*.html"} {
		paths, err := filepath.Glob(filepath.Join("testdata", pattern))
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
	f.Fuzz(func(t *testing.T, body []byte) {
		feed, err := ParseFeed(body)
		if err != nil {
			return
		}
		e := feed.Records()
		if len(e.Records)+len(e.Skipped) != len(feed.Items) {
			t.Fatalf("%d records and %d skips for %d items", len(e.Records), len(e.Skipped), len(feed.Items))
		}
		for _, s := range e.Skipped {
			if s.Reason == "" {
				t.Fatalf("item %d skipped without a reason", s.Item)
			}
		}
		for _, r := range e.Records {
			if err := r.Normalize(); err != nil {
				t.Fatalf("%s accepted but does not normalise: %v", r.Key(), err)
			}
		}
	})
}
