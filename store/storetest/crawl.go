package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/store"
)

func testCrawlPages(t *testing.T, s store.Store) {
	ctx := t.Context()
	if _, ok, err := s.Page(ctx, "eping", "http://x/1"); err != nil || ok {
		t.Fatalf("Page of an unknown URL = ok %v, err %v; want not found", ok, err)
	}
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	p := store.PageState{Source: "eping", URL: "http://x/1", ETag: `"abc"`, LastModified: "Sun, 01 Mar 2026 10:00:00 GMT", Hash: "h1", Memo: "m", FetchedAt: at}
	if err := s.SavePage(ctx, p); err != nil {
		t.Fatal(err)
	}
	p.ETag, p.Hash, p.FetchedAt = `"def"`, "h2", at.Add(time.Hour)
	if err := s.SavePage(ctx, p); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.Page(ctx, "eping", "http://x/1")
	if err != nil || !ok {
		t.Fatalf("Page = ok %v, err %v", ok, err)
	}
	if diff := cmp.Diff(p, got); diff != "" {
		t.Errorf("page state (-saved +read):\n%s", diff)
	}
	// The same URL under another source is another page.
	if _, ok, _ := s.Page(ctx, "gb", "http://x/1"); ok {
		t.Error("a page saved for eping is seen under gb")
	}
	if err := s.SavePage(ctx, store.PageState{Source: "eping"}); err == nil {
		t.Error("saving a page without a URL succeeded")
	}
}

func testCrawlCheckpoints(t *testing.T, s store.Store) {
	ctx := t.Context()
	for _, step := range []struct{ set, want string }{{"page=3", "page=3"}, {"page=4", "page=4"}, {"", ""}} {
		if err := s.SetCheckpoint(ctx, "eping", step.set); err != nil {
			t.Fatal(err)
		}
		got, err := s.Checkpoint(ctx, "eping")
		if err != nil || got != step.want {
			t.Fatalf("after setting %q, Checkpoint = %q, %v; want %q", step.set, got, err, step.want)
		}
	}
}

func testCrawlRuns(t *testing.T, s store.Store) {
	ctx := t.Context()
	t0 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	if _, ok, err := s.LastFinished(ctx, "eping"); err != nil || ok {
		t.Fatalf("LastFinished with no runs = ok %v, err %v", ok, err)
	}
	first, err := s.StartRun(ctx, "eping", t0)
	if err != nil {
		t.Fatal(err)
	}
	done := store.CrawlRun{ID: first, Source: "eping", Started: t0, Finished: t0.Add(time.Minute), Status: store.RunDone,
		CrawlCounts: store.CrawlCounts{Fetched: 5, NotModified: 1, New: 40, Updated: 2, Failed: 1}, HighWater: "2026-02-28",
		Errors: []store.CrawlError{{URL: "http://x/3", Reason: "truncated JSON"}}}
	if err := s.FinishRun(ctx, done); err != nil {
		t.Fatal(err)
	}
	// A run that never finished (the process died) is marked interrupted
	// when the next one starts, and is never the last finished one.
	if _, err := s.StartRun(ctx, "eping", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartRun(ctx, "gb", t0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	last, err := s.StartRun(ctx, "eping", t0.Add(3*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.LastFinished(ctx, "eping")
	if err != nil || !ok {
		t.Fatalf("LastFinished = ok %v, err %v", ok, err)
	}
	if diff := cmp.Diff(done, got); diff != "" {
		t.Errorf("last finished run (-stored +read):\n%s", diff)
	}
	runs, err := s.LastRuns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[0].Source != "eping" || runs[0].ID != last || runs[0].Status != store.RunRunning || runs[1].Source != "gb" {
		t.Fatalf("LastRuns = %+v; want the running eping run %d and the gb run", runs, last)
	}
	if err := s.FinishRun(ctx, store.CrawlRun{ID: 9999, Status: store.RunDone}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("finishing an unknown run: %v, want ErrNotFound", err)
	}
}
