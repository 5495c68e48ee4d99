package site

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkPages serves each public page of the seeded site (as `stdbridge
// serve` builds it, see newSeededSite) through the real handler, in each
// language, against two baselines in the same run: the style sheet, the
// cheapest handler, and /healthz. The target is under 50 ms a page
// (issue 7); BENCHMARKS.md "Pages" has the figures.
//
//	go test ./site -run '^$' -bench Pages -benchtime 200x
func BenchmarkPages(b *testing.B) {
	s := newSeededSite(b)
	type target struct{ name, path string }
	targets := []target{{"baseline/style.css", "/static/style.css"}, {"baseline/healthz", "/healthz"}}
	for _, p := range seededPages() {
		if p.as != "" || p.status != 0 {
			continue // staff pages and the error page are not what visitors wait for
		}
		for _, lang := range []string{"zh", "en"} {
			targets = append(targets, target{strings.ReplaceAll(p.name, " ", "-") + "/" + lang, langPath(p.path, lang)})
		}
	}
	for _, tg := range targets {
		b.Run(tg.name, func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for b.Loop() {
				w := httptest.NewRecorder()
				s.h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, tg.path, nil))
				if w.Code != http.StatusOK {
					b.Fatalf("GET %s: status %d", tg.path, w.Code)
				}
				size = w.Body.Len()
			}
			b.ReportMetric(float64(size), "bytes/page")
		})
	}
}
