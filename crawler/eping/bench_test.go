package eping_test

import (
	"io"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/crawler/eping"
	"github.com/stdbridge/stdbridge/crawler/fixture"
)

// BenchmarkParseSearchPage parses a full page of 100 generated items.
func BenchmarkParseSearchPage(b *testing.B) {
	f := fixture.NewEPing(100, time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC))
	rec := httptest.NewRecorder()
	f.ServeHTTP(rec, httptest.NewRequest("GET", "/eping/notifications/search?language=1&page=1&pageSize=100", nil))
	body, _ := io.ReadAll(rec.Body)
	page, err := eping.ParseSearchPage(body)
	if err != nil || len(page.Items) != 100 {
		b.Fatalf("page: %d items, %v", len(page.Items), err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := eping.ParseSearchPage(body); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(page.Items))/b.Elapsed().Seconds(), "items/s")
}
