package eping_test

import (
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/crawler"
	"github.com/stdbridge/stdbridge/crawler/crawltest"
	"github.com/stdbridge/stdbridge/crawler/eping"
	"github.com/stdbridge/stdbridge/crawler/fixture"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

var first = time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)

// expected lists the symbols a crawl from first must end with: every
// item distributed from then on, and the earlier documents of their
// chains.
func expected(t *testing.T, f *fixture.EPing) []string {
	t.Helper()
	bySymbol := map[string]bool{}
	for _, it := range f.Items() {
		bySymbol[it.DocumentSymbol] = true
	}
	want := map[string]bool{}
	for _, it := range f.Items() {
		if it.DistributionDate[:10] < first.Format("2006-01-02") {
			continue
		}
		want[it.DocumentSymbol] = true
		sym, err := kb.ParseSymbol(it.DocumentSymbol)
		if err != nil {
			t.Fatalf("fixture symbol %q: %v", it.DocumentSymbol, err)
		}
		for p := sym.Parent(); len(p.Suffixes) < len(sym.Suffixes); sym, p = p, p.Parent() {
			if bySymbol[p.String()] {
				want[p.String()] = true
			}
		}
	}
	out := slices.Sorted(func(yield func(string) bool) {
		for s := range want {
			if !yield(s) {
				return
			}
		}
	})
	return out
}

func job(srv *httptest.Server) crawler.Job {
	return crawler.Job{Source: eping.Source{PageSize: 25}, BaseURL: srv.URL, Since: kb.Date(first.Format("2006-01-02"))}
}

func TestCrawlFillsAndStaysIncremental(t *testing.T) {
	f := fixture.NewEPing(300, first)
	h := &fixture.Hostile{
		Next:       f,
		Robots:     "User-agent: *\nDisallow: /admin\n",
		Fail:       map[string]int{"/eping/notifications/search?distributionDateFrom=2025-03-03&language=1&page=1&": 2},
		Throttle:   map[string]int{"/eping/notifications/search?distributionDateFrom=2025-03-03&language=1&page=2&": 1},
		RetryAfter: 1,
		Slow:       map[string]time.Duration{"/eping/notifications/search?distributionDateFrom=2025-03-03&language=1&page=4&": 300 * time.Millisecond},
		Truncate:   map[string]int{"/eping/notifications/search?distributionDateFrom=2025-03-03&language=1&page=3&": 1},
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	st := crawltest.OpenStore(t)
	cfg := crawltest.Config()
	want := expected(t, f)
	older := 0
	for _, s := range want {
		it := item(f, s)
		if it.DistributionDate[:10] < first.Format("2006-01-02") {
			older++
		}
	}
	if older == 0 {
		t.Fatal("the fixture has no chain whose original precedes the window: the test would prove nothing")
	}

	// First crawl: one page arrives truncated and is skipped, reported.
	run := crawltest.Crawl(t, st, cfg, job(srv))
	if run.Status != store.RunDone || run.Failed != 1 || !strings.Contains(run.Errors[0].Reason, "JSON") {
		t.Fatalf("first crawl = %+v; want done with the truncated page reported", run)
	}
	// Second crawl: the truncated page is fetched whole; the rest are 304s.
	run = crawltest.Crawl(t, st, cfg, job(srv))
	if run.Failed != 0 || run.New == 0 || run.Fetched == 0 {
		t.Fatalf("second crawl = %+v; want the missing page fetched", run)
	}
	if diff := cmp.Diff(want, crawltest.Keys(t, st, kb.KindNotification)); diff != "" {
		t.Fatalf("notifications in the store (-want +got):\n%s", diff)
	}
	for _, r := range h.Requests() {
		if strings.HasPrefix(r.URL, "/admin") {
			t.Errorf("fetched %s, which robots.txt disallows", r.URL)
		}
	}

	// Third crawl: nothing changed, nothing fetched, nothing written.
	changes := crawltest.ChangeCount(t, st)
	h.Reset()
	run = crawltest.Crawl(t, st, cfg, job(srv))
	if run.Fetched != 0 || run.New != 0 || run.Updated != 0 || run.NotModified == 0 {
		t.Errorf("crawl of an unchanged source = %+v; want only not-modified pages", run)
	}
	if n := crawltest.ChangeCount(t, st); n != changes {
		t.Errorf("crawl of an unchanged source added %d change-log entries", n-changes)
	}
	for _, r := range h.Requests() {
		if r.URL != "/robots.txt" && !r.Conditional {
			t.Errorf("request %s without validators", r.URL)
		}
	}

	// A changed notification becomes a new version; history is kept.
	target := want[len(want)/2]
	if !f.Update(target, func(it *fixture.EPingItem) { it.Title += " (amended)" }) {
		t.Fatalf("no fixture item %s", target)
	}
	run = crawltest.Crawl(t, st, cfg, job(srv))
	if run.Updated != 1 || run.New != 0 {
		t.Errorf("crawl after one change = %+v; want 1 updated", run)
	}
	hist, err := st.History(t.Context(), kb.KindNotification, target)
	if err != nil || len(hist) != 2 || !strings.HasSuffix(hist[1].Record.(*kb.Notification).Title, "(amended)") {
		t.Errorf("history of %s = %d versions, %v; want the original and the amended one", target, len(hist), err)
	}
}

func item(f *fixture.EPing, symbol string) fixture.EPingItem {
	for _, it := range f.Items() {
		if it.DocumentSymbol == symbol {
			return it
		}
	}
	return fixture.EPingItem{}
}

func TestKilledCrawlResumesToTheSameRecords(t *testing.T) {
	f := fixture.NewEPing(300, first)
	srv := httptest.NewServer(f)
	defer srv.Close()
	cfg := crawltest.Config()

	whole := crawltest.OpenStore(t)
	full := crawltest.Crawl(t, whole, cfg, job(srv))

	st := crawltest.OpenStore(t)
	crawltest.CrawlUntil(t, st, cfg, job(srv), 100)
	if cp, _ := st.Checkpoint(t.Context(), "eping"); cp == "" {
		t.Fatal("an interrupted crawl left no checkpoint")
	}
	rest := crawltest.Crawl(t, st, cfg, job(srv))
	if rest.Fetched >= full.Fetched {
		t.Errorf("the resumed crawl fetched %d pages, the whole crawl %d: it started over", rest.Fetched, full.Fetched)
	}
	if diff := cmp.Diff(crawltest.Export(t, whole), crawltest.Export(t, st)); diff != "" {
		t.Errorf("killed and resumed crawl differs from a whole one (-whole +resumed):\n%s", diff)
	}
	if cp, _ := st.Checkpoint(t.Context(), "eping"); cp != "" {
		t.Errorf("a finished crawl left checkpoint %q", cp)
	}
}
