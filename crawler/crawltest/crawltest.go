// Package crawltest holds what the sources' end-to-end tests share: a
// real SQLite store, a quick but polite crawler configuration, and ways
// to run, interrupt and compare crawls.
package crawltest

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/crawler"
	"github.com/stdbridge/stdbridge/ingest"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/store/sqlite"
)

// OpenStore opens an empty store in a temporary directory.
func OpenStore(t testing.TB) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Config is the crawler's default configuration without the pauses:
// retries after milliseconds, no delay between requests.
func Config() crawler.Config {
	c := crawler.DefaultConfig()
	c.UserAgent = crawler.UserAgent("test", "mailto:crawler-tests@example.org")
	c.Delay = 0
	c.Timeout = 5 * time.Second
	c.BaseBackoff = 5 * time.Millisecond
	c.MaxBackoff = 2 * time.Second
	c.Retries = 3
	return c
}

// Crawl runs one job and returns its run; a crawl error fails the test.
func Crawl(t testing.TB, st store.Store, cfg crawler.Config, job crawler.Job) store.CrawlRun {
	t.Helper()
	runs, err := crawler.New(st, cfg).Run(context.Background(), []crawler.Job{job})
	if err != nil {
		t.Fatalf("crawl %s: %v", job.Source.Name(), err)
	}
	return runs[0]
}

// CrawlUntil runs one job and cancels it, as a kill would, once it has
// written at least n new records. It returns the interrupted run.
func CrawlUntil(t testing.TB, st store.Store, cfg crawler.Config, job crawler.Job, n int) store.CrawlRun {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg.ProgressEvery = time.Nanosecond
	cfg.Progress = func(p crawler.Progress) {
		if p.New >= n {
			cancel()
		}
	}
	runs, err := crawler.New(st, cfg).Run(ctx, []crawler.Job{job})
	if err == nil {
		t.Fatalf("crawl %s ran to the end; want it cancelled after %d records", job.Source.Name(), n)
	}
	if len(runs) != 1 || runs[0].Status != store.RunInterrupted {
		t.Fatalf("runs = %+v; want one interrupted run", runs)
	}
	return runs[0]
}

// Export is the store's records as JSON Lines, for comparing two stores.
func Export(t testing.TB, st store.Store) string {
	t.Helper()
	var buf bytes.Buffer
	if err := ingest.Export(context.Background(), st, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// Keys lists the keys of a kind in the store, in key order.
func Keys(t testing.TB, st store.Store, kind kb.Kind) []string {
	t.Helper()
	var keys []string
	if err := st.Each(context.Background(), kind, func(r kb.Record) error {
		keys = append(keys, r.Key())
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return keys
}

// ChangeCount is the number of change-log entries: a crawl that changes
// nothing adds none.
func ChangeCount(t testing.TB, st store.Store) int64 {
	t.Helper()
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s.ChangeCount
}
