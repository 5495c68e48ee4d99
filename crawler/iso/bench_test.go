package iso

import (
	"bytes"
	"testing"
)

const benchLines = 10000

func BenchmarkReadCatalogue(b *testing.B) {
	body := fixtureBody(b, benchLines)
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for b.Loop() {
		cat, err := ReadCatalogue(bytes.NewReader(body))
		if err != nil || len(cat.Deliverables) != benchLines {
			b.Fatalf("%v, %d deliverables", err, len(cat.Deliverables))
		}
	}
	b.ReportMetric(float64(benchLines*b.N)/b.Elapsed().Seconds(), "records/s")
}

func BenchmarkStandards(b *testing.B) {
	cat, err := ReadCatalogue(bytes.NewReader(fixtureBody(b, benchLines)))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		cat.Standards()
	}
	b.ReportMetric(float64(benchLines*b.N)/b.Elapsed().Seconds(), "records/s")
}
