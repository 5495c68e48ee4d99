package crawler_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/crawler"
	"github.com/stdbridge/stdbridge/crawler/fixture"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/store/sqlite"
)

// pathsSource fetches fixed paths under the base and remembers them.
type pathsSource struct{ paths []string }

func (pathsSource) Name() string            { return "paths" }
func (pathsSource) DefaultBase() string     { return "http://invalid" }
func (pathsSource) Lookback() time.Duration { return 0 }
func (p pathsSource) Crawl(ctx context.Context, s *crawler.Session) error {
	for _, path := range p.paths {
		page, err := s.Fetch(ctx, s.Base().String()+path)
		if err != nil {
			if ctx.Err() != nil {
				return err
			}
			continue
		}
		if err := s.Commit(ctx, page, nil, ""); err != nil {
			return err
		}
	}
	return nil
}

func openStore(t *testing.T) store.Store {
	t.Helper()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// testConfig is polite but quick: tests wait milliseconds, not seconds.
func testConfig() crawler.Config {
	c := crawler.DefaultConfig()
	c.UserAgent = crawler.UserAgent("test", "mailto:crawler@example.org")
	c.Delay = 0
	c.Parallelism = 2
	c.Timeout = 2 * time.Second
	c.BaseBackoff = 10 * time.Millisecond
	c.MaxBackoff = 3 * time.Second
	c.Retries = 3
	return c
}

// pages serves text pages with validators, so 304s work.
func pages() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/missing") {
			http.NotFound(w, r)
			return
		}
		if strings.HasPrefix(r.URL.Path, "/big") {
			w.Write([]byte(strings.Repeat("x", 5000)))
			return
		}
		fixture.ServeBody(w, r, "text/plain", []byte("page "+r.URL.Path), time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	})
}

func crawlPaths(t *testing.T, st store.Store, srv *httptest.Server, cfg crawler.Config, paths ...string) store.CrawlRun {
	t.Helper()
	runs, err := crawler.New(st, cfg).Run(t.Context(), []crawler.Job{{Source: pathsSource{paths}, BaseURL: srv.URL}})
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}
	return runs[0]
}

func TestPoliteFetching(t *testing.T) {
	h := &fixture.Hostile{
		Next:       pages(),
		Robots:     "User-agent: *\nDisallow: /private\n\nUser-agent: otherbot\nDisallow: /\n",
		Fail:       map[string]int{"/flaky": 2, "/down": 100},
		Throttle:   map[string]int{"/busy": 1},
		RetryAfter: 1,
		Slow:       map[string]time.Duration{"/slow": 2 * time.Second},
		Redirect:   map[string]string{"/old/": "/new/", "/sneaky": "/private"},
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	st := openStore(t)
	cfg := testConfig()
	cfg.MaxBody = 1000
	cfg.Timeout = 300 * time.Millisecond
	run := crawlPaths(t, st, srv, cfg, "/ok", "/private/x", "/flaky", "/down", "/busy", "/slow", "/old/a", "/sneaky", "/big", "/missing-is-fine")

	seen := map[string]int{}
	var busy []time.Time
	for _, r := range h.Requests() {
		seen[r.URL]++
		if r.UserAgent != cfg.UserAgent {
			t.Errorf("request %s with User-Agent %q; want %q", r.URL, r.UserAgent, cfg.UserAgent)
		}
		if r.URL == "/busy" {
			busy = append(busy, r.At)
		}
	}
	for _, tt := range []struct {
		url  string
		want int
	}{
		{"/robots.txt", 1},
		{"/private/x", 0}, // disallowed: never fetched
		{"/private", 0},   // not even through a redirect
		{"/ok", 1},
		{"/flaky", 3},                // two 500s, then the page
		{"/down", cfg.Retries + 1},   // tried, then given up
		{"/busy", 2},                 // 429, then after Retry-After
		{"/old/a", 1}, {"/new/a", 1}, // redirect followed
	} {
		if seen[tt.url] != tt.want {
			t.Errorf("%s requested %d times; want %d", tt.url, seen[tt.url], tt.want)
		}
	}
	if len(busy) == 2 && busy[1].Sub(busy[0]) < 900*time.Millisecond {
		t.Errorf("retried a 429 after %s; Retry-After asked for 1s", busy[1].Sub(busy[0]))
	}
	reasons := map[string]string{}
	for _, e := range run.Errors {
		reasons[strings.TrimPrefix(e.URL, srv.URL)] = e.Reason
	}
	for path, want := range map[string]string{
		"/private/x":       "robots.txt",
		"/sneaky":          "robots.txt",
		"/down":            "gave up after 4 attempts: HTTP 500",
		"/slow":            "Timeout",
		"/big":             "larger than 1000 bytes",
		"/missing-is-fine": "HTTP 404",
	} {
		if !strings.Contains(reasons[path], want) {
			t.Errorf("error for %s = %q; want it to mention %q", path, reasons[path], want)
		}
	}
	if run.Fetched != 4 || run.Failed != 6 || run.Status != store.RunDone {
		t.Errorf("run = %+v; want 4 fetched (/ok /flaky /busy /old/a), 6 failed, done", run)
	}

	// A second crawl sends validators and gets 304s.
	h.Reset()
	h.Fail, h.Throttle = nil, nil
	run = crawlPaths(t, st, srv, cfg, "/ok", "/flaky", "/busy", "/old/a")
	for _, r := range h.Requests() {
		if r.URL != "/robots.txt" && r.URL != "/new/a" && !r.Conditional {
			t.Errorf("second crawl requested %s without validators", r.URL)
		}
	}
	if run.Fetched != 0 || run.NotModified != 4 {
		t.Errorf("second crawl = %+v; want 0 fetched, 4 not modified", run)
	}
}

func TestRetryAfterBeyondCapGivesUp(t *testing.T) {
	h := &fixture.Hostile{Next: pages(), Throttle: map[string]int{"/": 100}, RetryAfter: 3600}
	srv := httptest.NewServer(h)
	defer srv.Close()
	run := crawlPaths(t, openStore(t), srv, testConfig(), "/a")
	if len(run.Errors) != 1 || !strings.Contains(run.Errors[0].Reason, "Retry-After 1h0m0s exceeds") {
		t.Fatalf("errors = %+v; want the page given up for its long Retry-After", run.Errors)
	}
	if n := len(h.Requests()); n != 2 { // robots.txt and one try
		t.Errorf("%d requests; want 2", n)
	}
}

func TestRobotsTxtForOurAgent(t *testing.T) {
	h := &fixture.Hostile{Next: pages(), Robots: "User-agent: stdbridge\nDisallow: /\n"}
	srv := httptest.NewServer(h)
	defer srv.Close()
	run := crawlPaths(t, openStore(t), srv, testConfig(), "/a", "/b")
	for _, r := range h.Requests() {
		if r.URL != "/robots.txt" {
			t.Errorf("fetched %s although robots.txt disallows everything to stdbridge", r.URL)
		}
	}
	if run.Failed != 2 {
		t.Errorf("run = %+v; want 2 failed", run)
	}
}

func ExampleUserAgent() {
	fmt.Println(crawler.UserAgent("1.2", "mailto:ops@example.org"))
	// Output: stdbridge/1.2 (+mailto:ops@example.org)
}
