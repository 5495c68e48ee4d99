package bench

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stdbridge/stdbridge/app"
	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/kb"
)

// Benchmarks at a small size, for comparing while changing an engine
// (about 20 s):
//
//	go test ./index/bench -run '^$' -bench .
//
// The figures for BENCHMARKS.md come from `stdbridge bench` at 100k and
// 1M records, which also measures memory, each engine in a process of its
// own.

const benchDocs = 5000

// benchEngines are stdbridge's index, set up as the server runs it, and
// the bleve cjk baseline, both on disk.
func benchEngines(b *testing.B) []NamedEngine {
	g, err := content.LoadGlossary()
	if err != nil {
		b.Fatal(err)
	}
	ours := Stdbridge(app.Concepts(g))
	if err := ours.Prepare(); err != nil { // not timed
		b.Fatal(err)
	}
	return []NamedEngine{ours, BleveCJK()}
}

func BenchmarkGenerate(b *testing.B) {
	n := 0
	for b.Loop() {
		for range Generate(benchDocs, 1) {
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkIndex indexes benchDocs records, made beforehand, into a new
// index in batches of DefaultBatchSize, one at a time, and closes it; one
// op is one whole load.
func BenchmarkIndex(b *testing.B) {
	ctx := context.Background()
	recs := collect(b, benchDocs, 1)
	for _, e := range benchEngines(b) {
		b.Run("engine="+e.Name, func(b *testing.B) {
			loads := 0
			for b.Loop() {
				eng, err := e.Open(filepath.Join(b.TempDir(), "ix"+strconv.Itoa(loads)))
				if err != nil {
					b.Fatal(err)
				}
				for i := 0; i < len(recs); i += DefaultBatchSize {
					if err := eng.Put(ctx, recs[i:min(i+DefaultBatchSize, len(recs))]...); err != nil {
						b.Fatal(err)
					}
				}
				if err := eng.Close(); err != nil {
					b.Fatal(err)
				}
				loads++
			}
			b.ReportMetric(float64(loads*len(recs))/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

// BenchmarkQuery runs the query mix of Queries, one op a search, on an
// index of benchDocs records closed after loading and opened again.
func BenchmarkQuery(b *testing.B) {
	ctx := context.Background()
	recs := collect(b, benchDocs, 1)
	queries := Queries(200, 1)
	for _, e := range benchEngines(b) {
		b.Run("engine="+e.Name, func(b *testing.B) {
			eng := loaded(b, e, recs)
			for _, q := range queries { // warm up
				if _, err := eng.Search(ctx, index.Request{Query: q}); err != nil {
					b.Fatal(err)
				}
			}
			i := 0
			for b.Loop() {
				if _, err := eng.Search(ctx, index.Request{Query: queries[i%len(queries)]}); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

func loaded(b *testing.B, e NamedEngine, recs []kb.Record) index.Engine {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "ix")
	eng, err := e.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	if err := eng.Put(context.Background(), recs...); err != nil {
		b.Fatal(err)
	}
	if err := eng.Close(); err != nil {
		b.Fatal(err)
	}
	if eng, err = e.Open(dir); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { eng.Close() })
	return eng
}
