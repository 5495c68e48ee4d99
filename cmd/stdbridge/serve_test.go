package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/crawler/fixture"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// getter returns a function that GETs a path from the server at addr
// and returns the status and body.
func getter(addr string) func(path string) (int, string) {
	return func(path string) (int, string) {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
}

// TestServe starts the real server on a fresh data directory, as the
// README's first command does, and reads pages and the API over loopback.
func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	addr := freeAddr(t)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-data", t.TempDir(), "-addr", addr}, io.Discard, io.Discard)
	}()

	get := getter(addr)
	deadline := time.Now().Add(30 * time.Second)
	for {
		if code, _ := get("/healthz"); code == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("server did not become ready")
		}
		time.Sleep(20 * time.Millisecond)
	}
	for _, tt := range []struct {
		path string
		code int
		want string
	}{
		{"/", 200, `lang="zh-CN"`},
		{"/?lang=en", 200, `lang="en"`},
		{"/standards/GB%2FT%2019001-2016", 200, "GB/T 19001-2016"},
		{"/api/standards/GB%2FT%2019001-2016", 200, `"number":"GB/T 19001-2016"`},
		{"/api/search?q=" + "%E7%8E%A9%E5%85%B7", 200, `"hits"`},
		{"/standards/GB%2FT%2099999-2099", 404, ""},
	} {
		code, body := get(tt.path)
		if code != tt.code || !strings.Contains(body, tt.want) {
			t.Errorf("GET %s = %d, want %d with %q", tt.path, code, tt.code, tt.want)
		}
	}
	stopServer(t, cancel, done)
}

// TestServeCrawlsOnSchedule runs the server with a scheduled crawl of a
// fixture ePing: the notifications become searchable and the sources page
// shows the run and the page it skipped.
func TestServeCrawlsOnSchedule(t *testing.T) {
	f := fixture.NewEPing(300, time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC))
	src := httptest.NewServer(&fixture.Hostile{Next: f, Truncate: map[string]int{"/eping/notifications/search?distributionDateFrom=2025-03-03&language=1&page=2&": 100}})
	defer src.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr := freeAddr(t)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-data", t.TempDir(), "-addr", addr, "-crawl-every", "1h",
			"-crawl-source", "eping", "-crawl-base-url", src.URL, "-crawl-delay", "0", "-crawl-since", "2025-03-03"}, io.Discard, io.Discard)
	}()
	get := getter(addr)
	// The first crawl starts with the server; the follower indexes what it
	// brings. A symbol from the first page must become searchable.
	sym := f.Items()[len(f.Items())-1].DocumentSymbol // the last, so the crawl has finished
	deadline := time.Now().Add(60 * time.Second)
	for {
		_, body := get("/sources")
		if strings.Contains(body, "run-done") {
			_, hits := get("/api/search?q=" + url.QueryEscape(sym))
			if strings.Contains(hits, `"key":"`+sym+`"`) {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the scheduled crawl's notifications did not show; sources page:\n%s", body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	_, page := get("/sources")
	for _, want := range []string{"WTO ePing 通报", "完成", "page=2", "truncated JSON"} {
		if !strings.Contains(page, want) {
			t.Errorf("sources page lacks %q", want)
		}
	}
	stopServer(t, cancel, done)
}

// stopServer cancels a running serve and checks it shuts down cleanly.
func stopServer(t *testing.T, cancel context.CancelFunc, done <-chan error) {
	t.Helper()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after shutdown", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down")
	}
}
