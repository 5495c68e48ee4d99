package alerts

import (
	"testing"

	"github.com/stdbridge/stdbridge/kb"
)

// benchConfig is a realistic shape: 20 members, 20 HS chapters and ICS
// fields, 2,000 words (Zipf-distributed in notification text, uniform in
// subscriptions' keywords), 500 notification numbers per member and area.
var benchConfig = genConfig{words: 2000, chapters: 20, fields: 20, roots: 500, members: 20}

func benchData(b *testing.B, nsubs, nnotes int) ([]kb.Subscription, []kb.Notification) {
	b.Helper()
	g := newGenerator(1, benchConfig)
	subs := make([]kb.Subscription, nsubs)
	for i := range subs {
		subs[i] = g.subscription(int64(i + 1))
	}
	ns := make([]kb.Notification, nnotes)
	for i := range ns {
		ns[i] = g.notification()
		if err := ns[i].Normalize(); err != nil {
			b.Fatal(err)
		}
	}
	return subs, ns
}

// BenchmarkMatch matches 1k new notifications against 100k subscriptions,
// on one goroutine; ms/1k-notes is the time for the whole batch.
func BenchmarkMatch(b *testing.B) {
	subs, ns := benchData(b, 100_000, 1000)
	m := NewMatcher(subs, nil)
	b.ReportAllocs()
	b.ResetTimer()
	matches := 0
	for b.Loop() {
		matches = 0
		for i := range ns {
			matches += len(m.Match(&ns[i]))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/1k-notes")
	b.ReportMetric(float64(matches)/float64(len(ns)), "alerts/note")
}

// BenchmarkMatchAll is BenchmarkMatch on all CPUs through MatchAll.
func BenchmarkMatchAll(b *testing.B) {
	subs, ns := benchData(b, 100_000, 1000)
	m := NewMatcher(subs, nil)
	ptrs := make([]*kb.Notification, len(ns))
	for i := range ns {
		ptrs[i] = &ns[i]
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m.MatchAll(ptrs)
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/1k-notes")
}

// BenchmarkNewMatcher builds the index of 100k subscriptions; allocs and
// B/op measure its memory.
func BenchmarkNewMatcher(b *testing.B) {
	subs, _ := benchData(b, 100_000, 0)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		NewMatcher(subs, nil)
	}
}

// BenchmarkLoop is the baseline the index is measured against: every
// subscription checked against every notification, as a loop over all of
// them would. It matches 100 notifications (the loop is slow) and reports
// the time scaled to 1k.
func BenchmarkLoop(b *testing.B) {
	subs, ns := benchData(b, 100_000, 100)
	for i := range subs {
		if err := subs[i].Normalize(); err != nil {
			b.Fatal(err)
		}
	}
	fold := plainFolder{}
	b.ResetTimer()
	for b.Loop() {
		for i := range ns {
			text := textTerms(&ns[i], fold)
			for _, s := range subs {
				bruteMatchText(s, &ns[i], fold, text)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())*10/float64(b.N), "ms/1k-notes")
}
