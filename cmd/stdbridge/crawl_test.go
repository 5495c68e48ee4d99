package main

import (
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/crawler/fixture"
)

func TestCrawlCommand(t *testing.T) {
	f := fixture.NewEPing(300, time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC))
	h := &fixture.Hostile{Next: f, Truncate: map[string]int{"/eping/notifications/search?distributionDateFrom=2025-03-03&language=1&page=2&": 1}}
	srv := httptest.NewServer(h)
	defer srv.Close()
	data := t.TempDir()
	t.Setenv("STDBRIDGE_EPING_KEY", "k-123")
	args := []string{"crawl", "-data", data, "-source", "eping", "-base-url", srv.URL, "-since", "2025-03-03", "-delay", "0", "-contact", "mailto:ops@example.org"}

	out, stderr, code := stdbridge(t, args...)
	if code != 0 {
		t.Fatalf("crawl: exit %d\n%s", code, stderr)
	}
	// The summary: a line per source with its figures, then the pages
	// skipped, then the index catching up.
	line := regexp.MustCompile(`(?m)^\s*eping\s+done\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s`).FindStringSubmatch(out)
	if line == nil {
		t.Fatalf("no summary line for eping in:\n%s", out)
	}
	if line[5] != "1" || line[3] == "0" {
		t.Errorf("summary %q: want new records and 1 failed page", line[0])
	}
	if !strings.Contains(out, "page=2") || !strings.Contains(out, "truncated JSON") {
		t.Errorf("summary does not say which page failed and why:\n%s", out)
	}
	if !regexp.MustCompile(`index: [1-9]\d* changes applied`).MatchString(out) {
		t.Errorf("the index was not brought up to date:\n%s", out)
	}
	for _, r := range h.Requests() {
		if r.UserAgent != "stdbridge/1.0 (+mailto:ops@example.org)" {
			t.Fatalf("User-Agent %q", r.UserAgent)
		}
		if r.URL != "/robots.txt" && r.Header.Get("Ocp-Apim-Subscription-Key") != "k-123" {
			t.Fatalf("request %s without the API key", r.URL)
		}
	}

	// Again: the skipped page is fetched (with the earlier documents its
	// notifications need), the others are not modified.
	out, stderr, code = stdbridge(t, args...)
	line = regexp.MustCompile(`(?m)^\s*eping\s+done\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s`).FindStringSubmatch(out)
	if code != 0 || line == nil || line[2] != "2" || line[3] == "0" || line[5] != "0" {
		t.Errorf("second crawl: exit %d\n%s%s", code, out, stderr)
	}
}

func TestCrawlUsageErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"crawl", "-source", "nope"}, `unknown source "nope"`},
		{[]string{"crawl", "-source", "eping,gb", "-base-url", "http://127.0.0.1:1"}, "-base-url needs exactly one -source"},
		{[]string{"crawl", "-since", "2025-13-01"}, "-since: date"},
		{[]string{"crawl", "-parallel", "0"}, "-parallel must be at least 1"},
		{[]string{"serve", "-crawl-every", "5s"}, "-crawl-every must be at least 1m"},
	} {
		_, stderr, code := stdbridge(t, append(tt.args, "-data", t.TempDir())...)
		if code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("stdbridge %v: exit %d, stderr %q; want exit 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
}

func TestCrawlUnreachableSourceFails(t *testing.T) {
	srv := httptest.NewServer(&fixture.Hostile{Next: fixture.NewEPing(5, time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)), Robots: "User-agent: *\nDisallow: /\n"})
	defer srv.Close()
	out, stderr, code := stdbridge(t, "crawl", "-data", t.TempDir(), "-source", "gb", "-base-url", srv.URL, "-delay", "0")
	if code != 1 || !strings.Contains(stderr, "disallowed by robots.txt") || !strings.Contains(out, "failed") {
		t.Errorf("crawl of a site that refuses us: exit %d\n%s%s", code, out, stderr)
	}
}

// TestCrawlSurvivesKill9 kills a crawl process hard in the middle, runs
// it again, and checks the knowledge base ends exactly as after a crawl
// that was never interrupted.
func TestCrawlSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("runs stdbridge three times as child processes")
	}
	f := fixture.NewEPing(700, time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC))
	// The window's pages come slowly, so the kill lands among them.
	h := &fixture.Hostile{Next: f, Slow: map[string]time.Duration{"/eping/notifications/search?distributionDateFrom=": 300 * time.Millisecond}}
	srv := httptest.NewServer(h)
	defer srv.Close()
	crawl := func(data string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "crawl", "-data", data, "-source", "eping", "-base-url", srv.URL, "-since", "2025-03-03", "-delay", "0")
		cmd.Env = append(os.Environ(), asMainEnv+"=1")
		return cmd
	}

	killed := t.TempDir()
	cmd := crawl(killed)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill once the crawl is well into the window's pages.
	deadline := time.Now().Add(60 * time.Second)
	for searches(h) < 4 {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the crawl did not get going")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Kill() // SIGKILL: no chance to clean up
	if err := cmd.Wait(); err == nil {
		t.Fatal("the crawl finished before it could be killed")
	}
	if out, err := crawl(killed).CombinedOutput(); err != nil {
		t.Fatalf("crawl after the kill: %v\n%s", err, out)
	}

	whole := t.TempDir()
	if out, err := crawl(whole).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted crawl: %v\n%s", err, out)
	}
	a, _, codeA := stdbridge(t, "export", "-data", killed)
	b, _, codeB := stdbridge(t, "export", "-data", whole)
	if codeA != 0 || codeB != 0 || a == "" {
		t.Fatalf("export: exit %d and %d", codeA, codeB)
	}
	if a != b {
		t.Errorf("after a kill and a restart the knowledge base differs from an uninterrupted crawl's (%d vs %d bytes)", len(a), len(b))
	}
}

func searches(h *fixture.Hostile) int {
	n := 0
	for _, r := range h.Requests() {
		if strings.HasPrefix(r.URL, "/eping/") {
			n++
		}
	}
	return n
}
