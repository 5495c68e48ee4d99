package gb_test

import (
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/crawler"
	"github.com/stdbridge/stdbridge/crawler/crawltest"
	"github.com/stdbridge/stdbridge/crawler/fixture"
	"github.com/stdbridge/stdbridge/crawler/gb"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

const since = "2015-01-01"

func job(srv *httptest.Server) crawler.Job {
	return crawler.Job{Source: gb.Source{PageSize: 10}, BaseURL: srv.URL, Since: since}
}

// canon is the standard number as the store keys it.
func canon(t *testing.T, n string) string {
	t.Helper()
	c, err := kb.CanonicalStandardNumber(n)
	if err != nil {
		t.Fatalf("fixture number %q: %v", n, err)
	}
	return c
}

func TestCrawlFillsAndStaysIncremental(t *testing.T) {
	f := fixture.NewGB(150)
	h := &fixture.Hostile{
		Next: f,
		// Detail pages whose id starts with 0 are off limits.
		Robots:     "User-agent: *\nDisallow: /bzgk/std/newGbInfo?hcno=0\n",
		Fail:       map[string]int{"/bzgk/std/std_list_type?": 1},
		Throttle:   map[string]int{"/bzgk/std/newGbInfo?hcno=A": 1},
		RetryAfter: 1,
		Truncate:   map[string]int{"/bzgk/std/newGbInfo?hcno=B": 1},
		// The crawl is pointed at an old address that answers every
		// request with a 301; robots.txt applies to where it leads.
		Redirect: map[string]string{"/mirror/": "/"},
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	st := crawltest.OpenStore(t)
	cfg := crawltest.Config()
	j := job(srv)
	j.BaseURL += "/mirror"

	var want, forbidden []string
	truncated := 0
	for _, s := range f.Standards() {
		if s.Issued < since {
			continue
		}
		if strings.HasPrefix(s.HCNO, "0") {
			forbidden = append(forbidden, s.HCNO)
			continue
		}
		if strings.HasPrefix(s.HCNO, "B") {
			truncated++
		}
		want = append(want, canon(t, s.Number))
	}
	slices.Sort(want)
	if len(forbidden) == 0 || truncated == 0 || len(want) < 50 {
		t.Fatalf("fixture: %d wanted, %d forbidden, %d truncated: too few to test", len(want), len(forbidden), truncated)
	}

	run := crawltest.Crawl(t, st, cfg, j)
	if run.Status != store.RunDone || run.Failed != len(forbidden)+truncated {
		t.Fatalf("first crawl = %+v; want done, with %d robots refusals and %d truncated pages", run, len(forbidden), truncated)
	}
	// The truncated pages come whole the next time; the refused ones never.
	run = crawltest.Crawl(t, st, cfg, j)
	if run.New != truncated || run.Failed != len(forbidden) {
		t.Errorf("second crawl = %+v; want the %d truncated pages fetched again", run, truncated)
	}
	if diff := cmp.Diff(want, crawltest.Keys(t, st, kb.KindStandard)); diff != "" {
		t.Errorf("standards in the store (-want +got):\n%s", diff)
	}
	redirected := 0
	for _, r := range h.Requests() {
		if strings.HasPrefix(r.URL, "/mirror/") {
			redirected++
			continue // the old address, which redirects; its target is checked
		}
		for _, id := range forbidden {
			if strings.Contains(r.URL, id) {
				t.Errorf("fetched %s, which robots.txt disallows", r.URL)
			}
		}
	}
	if redirected == 0 {
		t.Error("no request went through the redirect")
	}

	// Nothing changed: the lists come back not modified and no detail
	// page is fetched.
	h.Reset()
	changes := crawltest.ChangeCount(t, st)
	run = crawltest.Crawl(t, st, cfg, j)
	if run.Fetched != 0 || run.New != 0 || run.Updated != 0 {
		t.Errorf("crawl of an unchanged platform = %+v", run)
	}
	for _, r := range h.Requests() {
		if strings.Contains(r.URL, "newGbInfo") && !slices.ContainsFunc(forbidden, func(id string) bool { return strings.Contains(r.URL, id) }) {
			t.Errorf("fetched unchanged detail page %s", r.URL)
		}
	}
	if crawltest.ChangeCount(t, st) != changes {
		t.Error("a crawl of an unchanged platform changed the store")
	}

	// A standard is withdrawn: its row changes, its page is fetched again,
	// and the store keeps both versions.
	var target fixture.GBStandard
	for _, s := range f.Standards() {
		if s.Issued >= since && s.Status == "现行" && !strings.HasPrefix(s.HCNO, "0") {
			target = s
			break
		}
	}
	f.Update(target.HCNO, func(s *fixture.GBStandard) { s.Status = "废止" })
	run = crawltest.Crawl(t, st, cfg, j)
	if run.Updated != 1 {
		t.Errorf("crawl after a withdrawal = %+v; want 1 updated", run)
	}
	hist, err := st.History(t.Context(), kb.KindStandard, canon(t, target.Number))
	if err != nil || len(hist) != 2 || hist[1].Record.(*kb.Standard).Status != kb.StatusWithdrawn {
		t.Errorf("history of %s: %d versions, %v; want current then withdrawn", target.Number, len(hist), err)
	}
}

func TestKilledCrawlResumesToTheSameRecords(t *testing.T) {
	f := fixture.NewGB(120)
	srv := httptest.NewServer(f)
	defer srv.Close()
	cfg := crawltest.Config()
	whole := crawltest.OpenStore(t)
	full := crawltest.Crawl(t, whole, cfg, job(srv))

	st := crawltest.OpenStore(t)
	crawltest.CrawlUntil(t, st, cfg, job(srv), 30)
	rest := crawltest.Crawl(t, st, cfg, job(srv))
	if rest.Fetched >= full.Fetched {
		t.Errorf("the resumed crawl fetched %d pages, the whole one %d: it started over", rest.Fetched, full.Fetched)
	}
	if diff := cmp.Diff(crawltest.Export(t, whole), crawltest.Export(t, st)); diff != "" {
		t.Errorf("killed and resumed crawl differs from a whole one (-whole +resumed):\n%s", diff)
	}
}
