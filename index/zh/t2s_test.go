package zh

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/whitespace"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/google/go-cmp/cmp"
)

var simplifyTests = []struct {
	name, in, want string
}{
	{"residue limit", "殘留限量", "残留限量"},
	{"pesticide", "農藥", "农药"},
	{"infant", "嬰幼兒", "婴幼儿"},
	{"phthalate", "鄰苯二甲酸酯", "邻苯二甲酸酯"},
	{"standard", "標準", "标准"},
	{"textiles", "紡織品", "纺织品"},
	{"appliance", "電器", "电器"},
	{"medical device", "醫療器械", "医疗器械"},
	{"same in both", "甲醛", "甲醛"},
	{"already simplified", "食品安全国家标准 食品中农药最大残留限量", "食品安全国家标准 食品中农药最大残留限量"},
	{"mixed with ASCII and punctuation",
		"GB 2763-2021《食品安全國家標準 食品中農藥最大殘留限量》(G/TBT/N/CHN/1234)，第3.2條：≤0.05 mg/kg。",
		"GB 2763-2021《食品安全国家标准 食品中农药最大残留限量》(G/TBT/N/CHN/1234)，第3.2条：≤0.05 mg/kg。"},
	{"ASCII only", "EN 71-3:2019+A1:2021", "EN 71-3:2019+A1:2021"},
	{"empty", "", ""},
	// A phrase decides where its characters alone would not: 瞭 on its own
	// stays, 瞭解 is 了解.
	{"phrase", "一目瞭然，瞭解", "一目了然，了解"},
	// 乾 alone is 干 (dry), but not in 乾坤; and the simplified 扭转乾坤
	// stays as it is.
	{"character folded outside a phrase", "乾燥劑", "干燥剂"},
	{"character kept inside a phrase", "扭轉乾坤", "扭转乾坤"},
	{"simplified phrase keeps its character", "扭转乾坤", "扭转乾坤"},
	// OpenCC's 二𫫇英 is one byte longer, so the phrase is left out and the
	// characters fold one by one, to the common spelling.
	{"phrase dropped for length", "二噁英", "二恶英"},
	// 薴→苧 and 苧→苎: the chain is followed to its end.
	{"chain", "薴", "苎"},
	{"invalid UTF-8 passes through", "\xff殘\xe6\x9c", "\xff残\xe6\x9c"},
}

func TestSimplify(t *testing.T) {
	for _, tt := range simplifyTests {
		t.Run(tt.name, func(t *testing.T) {
			got := Simplify(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Simplify(%q) (-want +got):\n%s", tt.in, diff)
			}
			if again := Simplify(got); again != got {
				t.Errorf("Simplify(%q) = %q, not idempotent", got, again)
			}
			if b := string(SimplifyBytes([]byte(tt.in))); b != tt.want {
				t.Errorf("SimplifyBytes(%q) = %q, want %q", tt.in, b, tt.want)
			}
		})
	}
}

func TestSimplifyRune(t *testing.T) {
	tests := []struct{ in, want rune }{
		{'殘', '残'},
		{'農', '农'},
		{'醫', '医'},
		{'乾', '干'},
		{'甲', '甲'},
		{'残', '残'},
		{'a', 'a'},
		{'。', '。'},
		{'薴', '苎'},
		// 鰊's simplified form is outside the BMP, one byte longer: left.
		{'鰊', '鰊'},
		{utf8.RuneError, utf8.RuneError},
		{utf8.MaxRune, utf8.MaxRune},
	}
	for _, tt := range tests {
		if got := SimplifyRune(tt.in); got != tt.want {
			t.Errorf("SimplifyRune(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTable checks the generated table: what the folding code relies on.
func TestTable(t *testing.T) {
	if len(t2sChars) < 3000 || len(t2sPhrases) < 200 {
		t.Fatalf("table has %d characters and %d phrases: generated from the wrong files?", len(t2sChars), len(t2sPhrases))
	}
	for i, p := range t2sChars {
		if i > 0 && t2sChars[i-1].t >= p.t {
			t.Errorf("characters not sorted at %d: %q after %q", i, p.t, t2sChars[i-1].t)
		}
		if p.t == p.s || utf8.RuneLen(p.t) != utf8.RuneLen(p.s) {
			t.Errorf("character pair %q→%q: same or of different length", p.t, p.s)
		}
		if f := SimplifyRune(p.s); f != p.s {
			t.Errorf("%q→%q folds again to %q", p.t, p.s, f)
		}
	}
	for i, p := range t2sPhrases {
		if i > 0 && t2sPhrases[i-1].t >= p.t {
			t.Errorf("phrases not sorted at %d: %q after %q", i, p.t, t2sPhrases[i-1].t)
		}
		if r, _ := utf8.DecodeRuneInString(p.t); r != p.first {
			t.Errorf("phrase %q: first character recorded as %q", p.t, p.first)
		}
		if len(p.t) != len(p.s) {
			t.Errorf("phrase pair %q→%q: different lengths", p.t, p.s)
		}
		if got := Simplify(p.t); got != p.s {
			t.Errorf("Simplify(%q) = %q, want %q", p.t, got, p.s)
		}
		if got := Simplify(p.s); got != p.s {
			t.Errorf("simplified phrase %q folds again to %q", p.s, got)
		}
	}
}

// TestIdempotentAcrossPhrases folds every phrase, and every phrase's last
// character, followed by every phrase or phrase's first character: where
// one phrase's end and the next one's start make a third phrase, a single
// pass is not idempotent (覆露 then 覆: 覆露覆 → 复露覆 → 复露复).
func TestIdempotentAcrossPhrases(t *testing.T) {
	var left, right []string
	for _, p := range t2sPhrases {
		for _, s := range []string{p.t, p.s} {
			rs := []rune(s)
			left = append(left, s, string(rs[len(rs)-1]))
			right = append(right, s, string(rs[0]))
		}
	}
	slices.Sort(left)
	slices.Sort(right)
	left, right = slices.Compact(left), slices.Compact(right)
	bad := 0
	for _, a := range left {
		for _, b := range right {
			once := Simplify(a + b)
			if twice := Simplify(once); twice != once && bad < 10 {
				bad++
				t.Errorf("Simplify(%q) = %q, then %q", a+b, once, twice)
			}
		}
	}
}

func TestSimplifyBytesLeavesInput(t *testing.T) {
	in := []byte("食品中農藥殘留")
	orig := string(in)
	out := SimplifyBytes(in)
	if string(in) != orig {
		t.Errorf("input changed to %q", in)
	}
	if string(out) != "食品中农药残留" {
		t.Errorf("SimplifyBytes = %q", out)
	}

	same := []byte("食品中农药残留")
	if out := SimplifyBytes(same); &out[0] != &same[0] {
		t.Error("simplified input was copied, want it returned as is")
	}
}

func TestT2SFilter(t *testing.T) {
	// bleve's tokenizers hand out terms that share the field's bytes; the
	// filter must fold the terms without touching those bytes.
	input := []byte("農藥 殘留限量 GB2763 标准 醫療器械")
	orig := string(input)
	cache := registry.NewCache()
	f, err := T2SFilterConstructor(nil, cache)
	if err != nil {
		t.Fatal(err)
	}
	ws, err := whitespace.TokenizerConstructor(nil, cache)
	if err != nil {
		t.Fatal(err)
	}
	a := &analysis.DefaultAnalyzer{
		Tokenizer:    ws,
		TokenFilters: []analysis.TokenFilter{f},
	}
	type tok struct {
		Term, Orig string
		Start, End int
		Position   int
	}
	var got []tok
	for _, tk := range a.Analyze(input) {
		got = append(got, tok{string(tk.Term), orig[tk.Start:tk.End], tk.Start, tk.End, tk.Position})
	}
	want := []tok{
		{"农药", "農藥", 0, 6, 1},
		{"残留限量", "殘留限量", 7, 19, 2},
		{"GB2763", "GB2763", 20, 26, 3},
		{"标准", "标准", 27, 33, 4},
		{"医疗器械", "醫療器械", 34, 46, 5},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tokens (-want +got):\n%s", diff)
	}
	if string(input) != orig {
		t.Errorf("field bytes changed to %q", input)
	}
}

func FuzzSimplify(f *testing.F) {
	for _, tt := range simplifyTests {
		f.Add(tt.in)
	}
	for _, p := range t2sPhrases[:20] {
		f.Add("前" + p.t + p.s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Simplify(in)
		if len(out) != len(in) {
			t.Fatalf("Simplify(%q) = %q: length %d, want %d", in, out, len(out), len(in))
		}
		// Characters start at the same offsets, so token offsets found in
		// either text are good for the other.
		for i := 0; i < len(in); i++ {
			if utf8.RuneStart(in[i]) != utf8.RuneStart(out[i]) {
				t.Fatalf("Simplify(%q) = %q: character boundary moved at byte %d", in, out, i)
			}
		}
		if utf8.ValidString(in) && !utf8.ValidString(out) {
			t.Fatalf("Simplify(%q) = %q: not UTF-8", in, out)
		}
		if again := Simplify(out); again != out {
			t.Fatalf("Simplify(%q) = %q, then %q: not idempotent", in, out, again)
		}
		if b := SimplifyBytes([]byte(in)); string(b) != out {
			t.Fatalf("SimplifyBytes(%q) = %q, Simplify = %q", in, b, out)
		}
	})
}

// benchText is a notification's description as a Taiwanese or Hong Kong
// source writes it: traditional characters among numbers and codes.
var benchText = strings.Repeat("本草案修訂《食品中農藥最大殘留限量標準》(GB 2763-2021)，"+
	"新增嬰幼兒食品中鄰苯二甲酸酯及甲醛之限量為0.05 mg/kg；紡織品、電器及醫療器械"+
	"應符合IEC 60335-1:2020與ISO 13485:2016之規定，並於2025年7月1日起實施。", 4)

func BenchmarkSimplify(b *testing.B) {
	for _, bm := range []struct{ name, text string }{
		{"traditional", benchText},
		{"simplified", Simplify(benchText)},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(len(bm.text)))
			for b.Loop() {
				Simplify(bm.text)
			}
		})
	}
}
