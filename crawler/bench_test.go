package crawler_test

import (
	"compress/gzip"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/crawler"
	"github.com/stdbridge/stdbridge/crawler/crawltest"
	"github.com/stdbridge/stdbridge/crawler/eping"
	"github.com/stdbridge/stdbridge/crawler/fixture"
	"github.com/stdbridge/stdbridge/crawler/iso"
	"github.com/stdbridge/stdbridge/ingest"
	"github.com/stdbridge/stdbridge/kb"
)

// The crawl benchmarks measure a whole first crawl into an empty store:
// fetching from a loopback fixture, parsing, validating and the
// transactional upsert. BenchmarkImport* is the baseline: the same
// records written by `stdbridge import`'s path, without the crawl.

func benchCrawl(b *testing.B, srv *httptest.Server, job crawler.Job) {
	b.Helper()
	var records, pages int
	for b.Loop() {
		b.StopTimer()
		st := crawltest.OpenStore(b)
		b.StartTimer()
		runs, err := crawler.New(st, crawltest.Config()).Run(context.Background(), []crawler.Job{job})
		if err != nil {
			b.Fatal(err)
		}
		records += runs[0].New
		pages += runs[0].Fetched
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}

func BenchmarkCrawlEPing(b *testing.B) {
	srv := httptest.NewServer(fixture.NewEPing(3000, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)))
	defer srv.Close()
	benchCrawl(b, srv, crawler.Job{Source: eping.Source{}, BaseURL: srv.URL, Since: "2024-01-01"})
}

func BenchmarkCrawlISO(b *testing.B) {
	srv := httptest.NewServer(fixture.NewISO(10000))
	defer srv.Close()
	benchCrawl(b, srv, crawler.Job{Source: iso.Source{}, BaseURL: srv.URL})
}

// BenchmarkImportISO writes the ISO fixture's standards as one import.
func BenchmarkImportISO(b *testing.B) {
	srv := httptest.NewServer(fixture.NewISO(10000))
	defer srv.Close()
	benchImport(b, srv)
}

// benchImport reads the served catalogue once, then times writing its
// standards to an empty store as `stdbridge import` does.
func benchImport(b *testing.B, srv *httptest.Server) {
	b.Helper()
	resp, err := srv.Client().Get(srv.URL + iso.CataloguePath)
	if err != nil {
		b.Fatal(err)
	}
	cat, err := iso.ReadCatalogue(resp.Body)
	resp.Body.Close()
	if err != nil {
		b.Fatal(err)
	}
	stds, _, _ := cat.Standards()
	var records int
	for b.Loop() {
		b.StopTimer()
		st := crawltest.OpenStore(b)
		recs := make([]kb.Record, len(stds))
		for i, s := range stds {
			c := *s
			recs[i] = &c
		}
		b.StartTimer()
		res, err := ingest.Import(context.Background(), st, "iso.jsonl", recs)
		if err != nil {
			b.Fatal(err)
		}
		records += res.Inserted
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

// realCatalogue serves ISO's real catalogue (61,624 deliverables,
// converted from the relaton copy in the shared data folder named by
// STDBRIDGE_SHARED).
func realCatalogue(b *testing.B) *httptest.Server {
	b.Helper()
	dir := os.Getenv("STDBRIDGE_SHARED")
	if dir == "" {
		b.Skip("STDBRIDGE_SHARED is not set")
	}
	f, err := os.Open(filepath.Join(dir, "data", "iso-relaton-catalogue", "iso_catalogue_relaton_dedup.jsonl.gz"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	ds, err := fixture.LoadRelatonISO(zr)
	if err != nil {
		b.Fatal(err)
	}
	return httptest.NewServer(fixture.NewISOFrom(ds))
}

func BenchmarkCrawlISOCatalogue(b *testing.B) {
	srv := realCatalogue(b)
	defer srv.Close()
	benchCrawl(b, srv, crawler.Job{Source: iso.Source{}, BaseURL: srv.URL})
}

func BenchmarkImportISOCatalogue(b *testing.B) {
	srv := realCatalogue(b)
	defer srv.Close()
	benchImport(b, srv)
}
