package baseline

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stdbridge/stdbridge/index"
)

// The Put benchmarks index 200 generated standards per iteration into an
// engine that already holds them, so each iteration replaces them all.
func benchmarkPut(b *testing.B, e index.Engine) {
	ctx := context.Background()
	recs := genRecords(b, 200)
	if err := e.Put(ctx, recs...); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := e.Put(ctx, recs...); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(recs)), "ns/record")
}

func BenchmarkCJKPut(b *testing.B) {
	c, err := NewCJK(filepath.Join(b.TempDir(), "cjk.bleve"))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	benchmarkPut(b, c)
}

func BenchmarkFTS5Put(b *testing.B) {
	f, err := NewFTS5(filepath.Join(b.TempDir(), "fts.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	benchmarkPut(b, f)
}
