package zh

import (
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/google/go-cmp/cmp"
)

func analyze(t *testing.T, text string) []string {
	t.Helper()
	a, err := registry.NewCache().AnalyzerNamed(AnalyzerName)
	if err != nil {
		t.Fatal(err)
	}
	var terms []string
	for _, tok := range a.Analyze([]byte(text)) {
		terms = append(terms, string(tok.Term))
	}
	return terms
}

func TestAnalyzer(t *testing.T) {
	if _, err := Load(nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in   string
		want []string
	}{
		// Search mode: the whole term, then the words inside it.
		{"食品中农药最大残留限量", []string{"食品", "农药", "最大残留限量", "最大", "残留限量", "残留", "限量"}},
		// Traditional text gives the same terms.
		{"食品中農藥最大殘留限量", []string{"食品", "农药", "最大残留限量", "最大", "残留限量", "残留", "限量"}},
		// A domain term stays whole, with its parts beside it.
		{"邻苯二甲酸酯增塑剂", []string{"邻苯二甲酸酯", "邻苯二甲酸", "甲酸", "增塑剂"}},
		{"婴幼儿纺织产品", []string{"婴幼儿", "幼儿", "纺织", "产品"}},
		{"玩具安全 第4部分：GB 6675.4", []string{"玩具", "安全", "第", "4", "部分", "gb", "6675", "4"}},
	}
	for _, tt := range tests {
		if d := cmp.Diff(tt.want, analyze(t, tt.in)); d != "" {
			t.Errorf("analyze(%q) (-want +got):\n%s", tt.in, d)
		}
	}
}

// TestOffsetsPointIntoTheOriginal checks that every token's offsets cut
// its own characters out of the text as given — traditional included —
// which is what highlighting relies on.
func TestOffsetsPointIntoTheOriginal(t *testing.T) {
	if _, err := Load(nil); err != nil {
		t.Fatal(err)
	}
	in := []byte("嬰幼兒紡織產品的甲醛含量（mg/kg）與殘留限量")
	for _, tok := range NewTokenizer().Tokenize(in) {
		orig := string(in[tok.Start:tok.End])
		if Simplify(orig) != string(tok.Term) {
			t.Errorf("token %q at [%d:%d] covers %q", tok.Term, tok.Start, tok.End, orig)
		}
	}
}

func TestStopWordsOnlySingleCharacters(t *testing.T) {
	if _, err := Load(nil); err != nil {
		t.Fatal(err)
	}
	for _, term := range analyze(t, "食品中的和与污染物") {
		if term == "的" || term == "中" || term == "和" || term == "与" {
			t.Errorf("stop word %q kept", term)
		}
	}
}

func BenchmarkAnalyze(b *testing.B) {
	if _, err := Load(nil); err != nil {
		b.Fatal(err)
	}
	a, _ := registry.NewCache().AnalyzerNamed(AnalyzerName)
	text := []byte("本标准规定了食品中农药最大残留限量。本标准适用于与限量相关的食品。婴幼儿纺织产品的甲醛含量应符合GB 18401-2010的要求；玩具安全 第4部分：特定元素的迁移。")
	b.SetBytes(int64(len(text)))
	var sink analysis.TokenStream
	for b.Loop() {
		sink = a.Analyze(text)
	}
	_ = sink
}
