package main

import (
	"strings"
	"testing"
	"time"
)

// TestBenchPages runs the command on a fresh data directory, a few
// requests a page: the real server must serve every page of the list
// with 200, and the table must name each with its figures.
func TestBenchPages(t *testing.T) {
	out, stderr, code := stdbridge(t, "bench-pages", "-n", "3", "-warmup", "1")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, stderr)
	}
	for _, tg := range benchPageList([]string{"zh", "en"}) {
		row := tg.name + "  "
		if !strings.Contains(out, row) {
			t.Errorf("no row for %q in:\n%s", tg.name, out)
		}
	}
	for _, want := range []string{"p50 ms", "p99 ms", "3 timed requests per path after 1 untimed", "Slowest page at p99: "} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, " 404 ") || strings.Contains(out, " 500 ") {
		t.Errorf("a page was not served:\n%s", out)
	}
}

func TestBenchPagesUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-n", "0"}, "-n must be positive"},
		{[]string{"-warmup", "-1"}, "-warmup must not be negative"},
		{[]string{"-lang", "zh,fr"}, `unknown language "fr"`},
		{[]string{"-format", "html"}, `unknown -format "html"`},
		{[]string{"extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, stderr, code := stdbridge(t, append([]string{"bench-pages"}, tt.args...)...)
			if code != 2 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q", code, stderr, tt.want)
			}
			if out != "" {
				t.Errorf("stdout: %q", out)
			}
		})
	}
}

func TestPercentile(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		var d []time.Duration
		for _, x := range v {
			d = append(d, time.Duration(x)*time.Millisecond)
		}
		return d
	}
	tests := []struct {
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{nil, 50, 0},
		{ms(7), 50, 7 * time.Millisecond},
		{ms(7), 99, 7 * time.Millisecond},
		{ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{ms(1, 2, 3, 4), 90, 4 * time.Millisecond},
		{ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 90, 9 * time.Millisecond},
		{ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 100, 10 * time.Millisecond},
	}
	for _, tt := range tests {
		if got := percentile(tt.sorted, tt.p); got != tt.want {
			t.Errorf("percentile(%v, %v) = %v, want %v", tt.sorted, tt.p, got, tt.want)
		}
	}
}
