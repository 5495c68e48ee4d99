package gb

import (
	"testing"

	"github.com/stdbridge/stdbridge/internal/golden"
)

func benchParse(b *testing.B, name string, parse func([]byte) error) {
	body := golden.Read(b, name)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if err := parse(body); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

func BenchmarkParseList(b *testing.B) {
	benchParse(b, "list_mixed.html", func(body []byte) error {
		_, err := ParseList(body)
		return err
	})
}

func BenchmarkParseDetail(b *testing.B) {
	benchParse(b, "detail_adoption.html", func(body []byte) error {
		_, err := ParseDetail(body)
		return err
	})
}
