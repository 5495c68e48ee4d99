package feed_test

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/crawler/feed"
	"github.com/stdbridge/stdbridge/crawler/fixture"
)

func benchFeed(b *testing.B, atom bool) {
	fx := fixture.NewFeed(50, time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), atom)
	path := "/feed.xml"
	if atom {
		path = "/atom.xml"
	}
	w := httptest.NewRecorder()
	fx.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
	body := w.Body.Bytes()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	entries := 0
	for b.Loop() {
		f, err := feed.ParseFeed(body)
		if err != nil {
			b.Fatal(err)
		}
		e := f.Records()
		entries += len(e.Records) + len(e.Skipped)
	}
	b.ReportMetric(float64(entries)/b.Elapsed().Seconds(), "entries/s")
}

// BenchmarkParseFeed reads and maps a 50-entry feed, RSS and Atom.
func BenchmarkParseFeed(b *testing.B) {
	b.Run("rss", func(b *testing.B) { benchFeed(b, false) })
	b.Run("atom", func(b *testing.B) { benchFeed(b, true) })
}
