package alerts_test

import (
	"testing"

	"github.com/stdbridge/stdbridge/alerts"
	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/index/zh"
	"github.com/stdbridge/stdbridge/kb"
)

// BenchmarkMatchAllSearchFolding is BenchmarkMatchAll with the folder the
// product uses (index.AlertFolder: segmentation, traditional→simplified,
// stemming, glossary concepts) instead of plain lower-casing, so the
// figure includes analysing every notification's text.
func BenchmarkMatchAllSearchFolding(b *testing.B) {
	g, err := content.LoadGlossary()
	if err != nil {
		b.Fatal(err)
	}
	var concepts []index.Concept
	var words []string
	for _, e := range g.Entries {
		concepts = append(concepts, index.Concept{Zh: e.Zh, En: e.En})
		words = append(words, e.Zh...)
	}
	if _, err := zh.Load(words); err != nil {
		b.Fatal(err)
	}
	fold, err := index.NewAlertFolder(concepts)
	if err != nil {
		b.Fatal(err)
	}
	subs, ns := alerts.BenchData(b, 100_000, 1000)
	m := alerts.NewMatcher(subs, fold)
	ptrs := make([]*kb.Notification, len(ns))
	for i := range ns {
		ptrs[i] = &ns[i]
	}
	b.ReportAllocs()
	b.ResetTimer()
	matches := 0
	for b.Loop() {
		matches = 0
		for _, ids := range m.MatchAll(ptrs) {
			matches += len(ids)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/1k-notes")
	b.ReportMetric(float64(matches)/float64(len(ns)), "alerts/note")
}
