package tris_test

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/crawler/fixture"
	"github.com/stdbridge/stdbridge/crawler/tris"
)

// served is a page as the fixture serves it: a full page of 20 results,
// or a notification page.
func served(b *testing.B, path string) []byte {
	fx := fixture.NewTRIS(60, time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC))
	w := httptest.NewRecorder()
	fx.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
	if w.Code != 200 {
		b.Fatalf("GET %s: %d", path, w.Code)
	}
	return w.Body.Bytes()
}

func BenchmarkParseList(b *testing.B) {
	body := served(b, "/en/search?page=1")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tris.ParseList(body); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

func BenchmarkParseDetail(b *testing.B) {
	body := served(b, "/en/notification/90007")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tris.ParseDetail(body); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
