package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
)

const benchPagesUsage = `Usage: stdbridge bench-pages [-data DIR] [-n N] [flags]

Measures how fast the site serves its main pages. Starts the real server
(stdbridge serve) in this process on a free loopback port, requests every
page -warmup times and then N times, one request at a time over a
kept-alive connection, going round the pages so that the machine's other
work falls on all of them alike, and prints per page and language the
latency from sending the request to reading the body's last byte
(p50/p90/p99/max) and the page's size. Two baselines are measured in the
same run: /static/style.css, the cheapest handler, and /healthz. The pages
are the embedded seed's; without -data a fresh temporary data directory
holding the seed is served. The table goes to stdout, progress to stderr.

Flags:
`

// pageTarget is a path the page benchmark requests.
type pageTarget struct {
	name, lang, path string
	baseline         bool
}

// benchPageList is the site's main pages on the embedded seed, each
// record the seed's heaviest of its kind; site/quality_test.go checks the
// same pages' size and accessibility.
func benchPageList(langs []string) []pageTarget {
	pages := []struct{ name, path string }{
		{"home", "/"},
		{"search", "/search?q=" + url.QueryEscape("食品") + "&area=SPS&member=EU"},
		{"search form", "/search"},
		{"standard", "/standards/GB%206675.4-2014"},
		{"notification", "/notifications/G/TBT/N/TTO/121/Rev.1"},
		{"regulation", "/regulations/Regulation%20%28EC%29%20No%20396/2005"},
		{"mappings", "/mappings"},
		{"mapping", "/mapping?foreign=ISO+8124-3%3A2010&domestic=GB+6675.4-2014"},
		{"compare topics", "/compare"},
		{"compare", "/compare?topic=toy-element-migration"},
		{"market", "/market?product=9503&market=EU"},
		{"guides", "/guides"},
		{"guide", "/guides/eu-toys"},
		{"sources", "/sources"},
		{"alerts", "/alerts"},
		{"login", "/login"},
	}
	targets := []pageTarget{
		{name: "baseline: style.css", path: "/static/style.css", baseline: true},
		{name: "baseline: healthz", path: "/healthz", baseline: true},
	}
	for _, p := range pages {
		for _, lang := range langs {
			sep := "?"
			if strings.Contains(p.path, "?") {
				sep = "&"
			}
			targets = append(targets, pageTarget{name: p.name, lang: lang, path: p.path + sep + "lang=" + lang})
		}
	}
	return targets
}

// pageResult is what was measured of one target.
type pageResult struct {
	pageTarget
	status int
	bytes  int
	times  []time.Duration // timed requests, in the order made
}

func runBenchPages(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		dir, langList, format string
		n, warmup             int
	)
	fs := flag.NewFlagSet("stdbridge bench-pages", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), benchPagesUsage)
		fs.PrintDefaults()
	}
	fs.StringVar(&dir, "data", "", "data directory to serve (default: a fresh temporary one holding the embedded seed)")
	fs.IntVar(&n, "n", 200, "timed requests per page")
	fs.IntVar(&warmup, "warmup", 20, "untimed requests per page before the timed ones")
	fs.StringVar(&langList, "lang", "zh,en", "languages to request each page in, comma-separated: zh, en")
	fs.StringVar(&format, "format", "text", "table format: text or markdown")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	case n < 1:
		return usageError{"-n must be positive"}
	case warmup < 0:
		return usageError{"-warmup must not be negative"}
	case format != "text" && format != "markdown":
		return usageError{fmt.Sprintf("unknown -format %q (want text or markdown)", format)}
	}
	var langs []string
	for l := range strings.SplitSeq(langList, ",") {
		l = strings.TrimSpace(l)
		if l != "zh" && l != "en" {
			return usageError{fmt.Sprintf("unknown language %q in -lang (want zh, en)", l)}
		}
		if !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	if dir == "" {
		tmp, err := os.MkdirTemp("", "stdbridge-bench-pages-")
		if err != nil {
			return fmt.Errorf("bench pages: %w", err)
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}

	base, stop, err := startBenchServer(ctx, dir, stderr)
	if err != nil {
		return err
	}
	defer stop()

	targets := benchPageList(langs)
	results := make([]*pageResult, len(targets))
	for i, tg := range targets {
		results[i] = &pageResult{pageTarget: tg, times: make([]time.Duration, 0, n)}
	}
	// One connection, kept alive: what is timed is the server, not dialling.
	c := &http.Client{
		Transport: &http.Transport{MaxIdleConnsPerHost: 1, DisableCompression: true},
		Timeout:   time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
	defer c.CloseIdleConnections()
	fmt.Fprintf(stderr, "requesting %d paths %d + %d times each\n", len(targets), warmup, n)
	for round := range warmup + n {
		for _, r := range results {
			if r.status != 0 && r.status != http.StatusOK {
				continue // a page that failed is reported, not timed
			}
			d, status, size, err := timeGet(ctx, c, base+r.path)
			if err != nil {
				return fmt.Errorf("bench pages: GET %s: %w", r.path, err)
			}
			r.status, r.bytes = status, size
			if round >= warmup {
				r.times = append(r.times, d)
			}
		}
	}
	writePageTable(stdout, format, results)
	fmt.Fprintf(stdout, "\n%d timed requests per path after %d untimed, one at a time over one loopback connection; GOMAXPROCS %d, %s.\n",
		n, warmup, runtime.GOMAXPROCS(0), runtime.Version())
	if worst := slowestPage(results); worst != nil {
		fmt.Fprintf(stdout, "Slowest page at p99: %s (%s), %.2f ms; the target is 50 ms.\n",
			worst.name, worst.lang, float64(p99(worst.times))/float64(time.Millisecond))
	}
	var failed []string
	for _, r := range results {
		if r.status != http.StatusOK {
			failed = append(failed, fmt.Sprintf("%s (%d)", r.path, r.status))
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("bench pages: not served with 200: %s", strings.Join(failed, ", "))
	}
	return nil
}

// startBenchServer runs stdbridge serve on dir at a free loopback
// address and waits until /healthz answers 200. stop shuts it down.
func startBenchServer(ctx context.Context, dir string, stderr io.Writer) (base string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("bench pages: find a free port: %w", err)
	}
	addr := ln.Addr().String()
	ln.Close()
	logs := &tailBuffer{max: 16 << 10}
	srvCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	fmt.Fprintf(stderr, "starting stdbridge serve -data %s -addr %s\n", dir, addr)
	go func() { done <- runServe(srvCtx, []string{"-data", dir, "-addr", addr}, io.Discard, logs) }()
	stop = func() {
		cancel()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			fmt.Fprintln(stderr, "the server did not stop within 15 s")
		}
	}
	base = "http://" + addr
	start := time.Now()
	// A first start imports the seed and builds the index; a data
	// directory whose index another server holds never becomes ready.
	deadline := start.Add(2 * time.Minute)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		select {
		case err := <-done:
			cancel()
			if err == nil {
				err = errors.New("stopped before it was ready")
			}
			return "", nil, fmt.Errorf("bench pages: serve: %w\n%s", err, logs)
		case <-ctx.Done():
			stop()
			return "", nil, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			stop()
			return "", nil, fmt.Errorf("bench pages: the server was not ready after %s (is another stdbridge serve using %s?)\n%s",
				time.Since(start).Round(time.Second), dir, logs)
		}
	}
	fmt.Fprintf(stderr, "ready after %s\n", time.Since(start).Round(time.Millisecond))
	return base, stop, nil
}

// timeGet times one GET, from sending it to reading the body's last byte.
func timeGet(ctx context.Context, c *http.Client, u string) (time.Duration, int, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, 0, 0, err
	}
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return 0, 0, 0, err
	}
	size, err := io.Copy(io.Discard, resp.Body)
	d := time.Since(start)
	resp.Body.Close()
	if err != nil {
		return 0, 0, 0, err
	}
	return d, resp.StatusCode, int(size), nil
}

// percentile is the nearest-rank p-th percentile (0 < p ≤ 100) of sorted
// durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(float64(len(sorted))*p/100+0.9999999) - 1
	return sorted[max(0, min(rank, len(sorted)-1))]
}

func p99(times []time.Duration) time.Duration {
	sorted := slices.Clone(times)
	slices.Sort(sorted)
	return percentile(sorted, 99)
}

// slowestPage is the page, not a baseline, with the highest p99.
func slowestPage(results []*pageResult) *pageResult {
	var worst *pageResult
	for _, r := range results {
		if !r.baseline && len(r.times) > 0 && (worst == nil || p99(r.times) > p99(worst.times)) {
			worst = r
		}
	}
	return worst
}

func writePageTable(w io.Writer, format string, results []*pageResult) {
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d)/float64(time.Millisecond)) }
	head := []string{"page", "lang", "status", "bytes", "p50 ms", "p90 ms", "p99 ms", "max ms", "p50 ÷ style.css"}
	var rows [][]string
	var base time.Duration
	for _, r := range results {
		sorted := slices.Clone(r.times)
		slices.Sort(sorted)
		p50 := percentile(sorted, 50)
		if r.path == "/static/style.css" {
			base = p50
		}
		ratio := "–"
		if base > 0 && len(sorted) > 0 {
			ratio = fmt.Sprintf("%.1f×", float64(p50)/float64(base))
		}
		if len(sorted) == 0 {
			rows = append(rows, []string{r.name, or(r.lang, "–"), fmt.Sprint(r.status), fmt.Sprint(r.bytes), "–", "–", "–", "–", ratio})
			continue
		}
		rows = append(rows, []string{r.name, or(r.lang, "–"), fmt.Sprint(r.status), fmt.Sprint(r.bytes),
			ms(p50), ms(percentile(sorted, 90)), ms(percentile(sorted, 99)), ms(sorted[len(sorted)-1]), ratio})
	}
	if format == "markdown" {
		fmt.Fprintf(w, "| %s |\n|%s\n", strings.Join(head, " | "), strings.Repeat("---|", len(head)))
		for _, row := range rows {
			fmt.Fprintf(w, "| %s |\n", strings.Join(row, " | "))
		}
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for _, row := range rows {
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	tw.Flush()
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// tailBuffer keeps the last max bytes written to it, from any goroutine:
// the server's log, shown only when it fails to start.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if over := len(t.b) - t.max; over > 0 {
		t.b = append(t.b[:0], t.b[over:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}
