package feed_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/crawler/feed"
	"github.com/stdbridge/stdbridge/crawler/fixture"
	"github.com/stdbridge/stdbridge/kb"
)

func fetch(t *testing.T, url string) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET %s: %v %s", url, err, resp.Status)
	}
	return b
}

// kindOf is what an entry the fixture generated should become.
func kindOf(e fixture.FeedEntry) string {
	switch {
	case strings.Contains(e.Title, "G/TBT/") || strings.Contains(e.Title, "G/SPS/"):
		return "wto"
	case strings.HasPrefix(e.Title, "TRIS notification"):
		return "tris"
	case strings.Contains(e.Title, "(EU) 2099/"):
		return "act"
	}
	return "skip"
}

func TestFixtureFeeds(t *testing.T) {
	first := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, atom := range []bool{false, true} {
		fx := fixture.NewFeed(80, first, atom)
		srv := httptest.NewServer(fx)
		path := "/feed.xml"
		if atom {
			path = "/atom.xml"
		}
		f, err := feed.ParseFeed(fetch(t, srv.URL+path))
		if err != nil {
			t.Fatalf("atom=%v: %v", atom, err)
		}
		entries := fx.Entries()
		if len(f.Items) != len(entries) {
			t.Fatalf("atom=%v: %d items, want %d", atom, len(f.Items), len(entries))
		}
		got := f.Records()
		if n := len(got.Records) + len(got.Skipped); n != len(entries) {
			t.Fatalf("atom=%v: %d records + skips for %d entries", atom, n, len(entries))
		}
		counts := map[string]int{}
		var ri, si int
		for i, e := range entries {
			want := kindOf(e)
			counts[want]++
			if want == "skip" {
				if si >= len(got.Skipped) || got.Skipped[si].Item != i {
					t.Errorf("atom=%v: entry %d %q not skipped", atom, i, e.Title)
					continue
				}
				si++
				continue
			}
			if ri >= len(got.Records) {
				t.Fatalf("atom=%v: entry %d %q made no record", atom, i, e.Title)
			}
			r := got.Records[ri]
			ri++
			if err := r.Normalize(); err != nil {
				t.Errorf("atom=%v: %s does not normalise: %v", atom, r.Key(), err)
			}
			switch v := r.(type) {
			case *kb.Notification:
				if want == "act" || (want == "tris") != (v.Area == kb.AreaTRIS) {
					t.Errorf("atom=%v: entry %q became %s notification %s", atom, e.Title, v.Area, v.Symbol)
				}
				if !strings.Contains(e.Title, v.Symbol) || strings.Contains(v.Title, v.Symbol) {
					t.Errorf("atom=%v: symbol %s, title %q from %q", atom, v.Symbol, v.Title, e.Title)
				}
				if v.Distributed != kb.Date(e.Published.Format("2006-01-02")) || v.Link != e.Link {
					t.Errorf("atom=%v: %s dated %s linked %s", atom, v.Symbol, v.Distributed, v.Link)
				}
			case *kb.Regulation:
				if want != "act" || !strings.HasPrefix(e.Title, v.ID) || v.URL != e.Link {
					t.Errorf("atom=%v: entry %q became regulation %q", atom, e.Title, v.ID)
				}
			}
		}
		for _, k := range []string{"wto", "tris", "act", "skip"} {
			if counts[k] == 0 {
				t.Errorf("atom=%v: the generated feed has no %s entry", atom, k)
			}
		}
		srv.Close()
	}
}

func TestFixtureFeedChanges(t *testing.T) {
	fx := fixture.NewFeed(30, time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), false)
	srv := httptest.NewServer(fx)
	defer srv.Close()
	fx.SetLimit(10)
	newest := fx.Entries()[0]
	fx.Add(fixture.FeedEntry{
		GUID: "late-1", Title: "G/TBT/N/AUS/9999 - Labelling of sunscreen", Link: "https://regwatch.example/late",
		Published: newest.Published.Add(time.Hour),
	})
	fx.Update(newest.GUID, func(e *fixture.FeedEntry) { e.Title = "Corrected: " + e.Title })
	f, err := feed.ParseFeed(fetch(t, srv.URL+"/feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 10 || f.Items[0].ID != "late-1" || !strings.HasPrefix(f.Items[1].Title, "Corrected: ") {
		t.Errorf("after the changes: %d items, first %q, second %q", len(f.Items), f.Items[0].ID, f.Items[1].Title)
	}
}
