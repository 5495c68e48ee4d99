package tris_test

import (
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/crawler"
	"github.com/stdbridge/stdbridge/crawler/crawltest"
	"github.com/stdbridge/stdbridge/crawler/fixture"
	"github.com/stdbridge/stdbridge/crawler/tris"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

var first = time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)

const since = "2025-02-01"

func job(srv *httptest.Server) crawler.Job {
	return crawler.Job{Source: tris.Source{}, BaseURL: srv.URL, Since: since}
}

func TestCrawlFillsAndStaysIncremental(t *testing.T) {
	f := fixture.NewTRIS(120, first)
	h := &fixture.Hostile{Next: f, Robots: "User-agent: *\nDisallow: /en/notification/9005\n",
		Fail: map[string]int{"/en/search": 1}, Truncate: map[string]int{"/en/notification/9006": 1}}
	srv := httptest.NewServer(h)
	defer srv.Close()
	st := crawltest.OpenStore(t)
	cfg := crawltest.Config()

	var want []string
	forbidden, truncated := 0, 0
	for _, n := range f.Notifications() {
		if n.Received.Format("2006-01-02") < since {
			continue
		}
		id := strconv.Itoa(n.ID)
		switch {
		case strings.HasPrefix(id, "9005"):
			forbidden++
			continue
		case strings.HasPrefix(id, "9006"):
			truncated++
		}
		num, err := kb.ParseTRISNumber(n.Number)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, num.String())
	}
	slices.Sort(want)
	if forbidden == 0 || truncated == 0 || len(want) < 40 {
		t.Fatalf("fixture: %d wanted, %d forbidden, %d truncated: too few", len(want), forbidden, truncated)
	}
	run := crawltest.Crawl(t, st, cfg, job(srv))
	if run.Status != store.RunDone || run.Failed != forbidden+truncated {
		t.Fatalf("first crawl = %+v; want %d refused and %d truncated pages reported", run, forbidden, truncated)
	}
	crawltest.Crawl(t, st, cfg, job(srv))
	if diff := cmp.Diff(want, crawltest.Keys(t, st, kb.KindNotification)); diff != "" {
		t.Errorf("notifications (-want +got):\n%s", diff)
	}
	changes := crawltest.ChangeCount(t, st)
	run = crawltest.Crawl(t, st, cfg, job(srv))
	if run.Fetched != 0 || run.New+run.Updated != 0 || crawltest.ChangeCount(t, st) != changes {
		t.Errorf("crawl of an unchanged TRIS = %+v", run)
	}

	// A detailed opinion extends a standstill: comments stay due by the
	// first date; the state may not adopt before the later one.
	var target fixture.TRISNotification
	for _, n := range f.Notifications() {
		if n.Received.Format("2006-01-02") >= since && !n.Standstill.IsZero() && !strings.HasPrefix(strconv.Itoa(n.ID), "9005") {
			target = n
			break
		}
	}
	ext := target.Standstill.AddDate(0, 3, 0)
	f.Update(target.Number, func(n *fixture.TRISNotification) { n.Extended = ext })
	run = crawltest.Crawl(t, st, cfg, job(srv))
	num, _ := kb.ParseTRISNumber(target.Number)
	got, err := st.Notification(t.Context(), num.String())
	if err != nil || run.Updated != 1 || string(got.CommentDeadline) != target.Standstill.Format("2006-01-02") ||
		!strings.Contains(got.ProposedAdoption, ext.Format("2006-01-02")) {
		t.Errorf("after an extension: run %+v, notification %+v (%v); want 1 updated, adoption not before %s", run, got, err, ext.Format("2006-01-02"))
	}
}

func TestKilledCrawlResumesToTheSameRecords(t *testing.T) {
	f := fixture.NewTRIS(120, first)
	srv := httptest.NewServer(f)
	defer srv.Close()
	cfg := crawltest.Config()
	whole := crawltest.OpenStore(t)
	crawltest.Crawl(t, whole, cfg, job(srv))
	st := crawltest.OpenStore(t)
	crawltest.CrawlUntil(t, st, cfg, job(srv), 30)
	crawltest.Crawl(t, st, cfg, job(srv))
	if diff := cmp.Diff(crawltest.Export(t, whole), crawltest.Export(t, st)); diff != "" {
		t.Errorf("killed and resumed crawl differs from a whole one (-whole +resumed):\n%s", diff)
	}
}
