package index

import (
	"slices"
	"testing"

	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/index/zh"
	"github.com/stdbridge/stdbridge/kb"
)

// glossaryConcepts returns the shipped glossary's concepts, after loading
// the Chinese dictionary with its terms, as the application does: the
// first load is the process's, and the other tests of the package search
// with the glossary's words in the dictionary.
func glossaryConcepts(t testing.TB) []Concept {
	t.Helper()
	g, err := content.LoadGlossary()
	if err != nil {
		t.Fatal(err)
	}
	var concepts []Concept
	var words []string
	for _, e := range g.Entries {
		concepts = append(concepts, Concept{Zh: e.Zh, En: e.En})
		words = append(words, e.Zh...)
	}
	if _, err := zh.Load(words); err != nil {
		t.Fatal(err)
	}
	return concepts
}

// occurs is the alerts matcher's rule: every term of the keyword is among
// the text's terms.
func occurs(f *AlertFolder, keyword, text string) bool {
	terms := f.Terms(text)
	kw := f.Terms(keyword)
	return len(kw) > 0 && !slices.ContainsFunc(kw, func(t string) bool { return !slices.Contains(terms, t) })
}

type occursCase struct {
	keyword, text string
	want          bool
}

func checkOccurs(t *testing.T, f *AlertFolder, cases []occursCase) {
	t.Helper()
	for _, c := range cases {
		if got := occurs(f, c.keyword, c.text); got != c.want {
			t.Errorf("%q in %q: %v, want %v (keyword terms %q, text terms %q)", c.keyword, c.text, got, c.want, f.Terms(c.keyword), f.Terms(c.text))
		}
	}
}

// With the shipped glossary, keywords find notifications in either
// language and in traditional characters, and never inside another word.
func TestAlertFolderGlossary(t *testing.T) {
	f, err := NewAlertFolder(glossaryConcepts(t))
	if err != nil {
		t.Fatal(err)
	}
	checkOccurs(t, f, []occursCase{
		{"玩具", "Safety of toys - Part 3: Migration of certain elements", true},
		{"toy", "Toys", true},
		{"toys", "玩具及童车类产品强制性认证通用实施规则", true},
		{"鋰電池", "锂电池", true},
		{"鋰電池", "Infant textile products containing lithium batteries", true},
		{"lithium battery", "含锂电池的婴儿纺织品", true},
		{"electric toys", "電動玩具", true},
		{"玩具安全", "the safety of toys", true},
		{"toy safety", "toys", false},
		{"禽流感", "Highly Pathogenic Avian Influenza (H5N1)", true},
		{"lead", "Amends REACH Annex XVII as regards lead and its compounds", true},
		{"铅", "limits for total lead content", true},
		{"lead", "a misleading claim, leading to a ban", false},
		{"铅", "铅笔", false},
		// A word inside a glossary term, through the term's other language.
		{"mattresses", "婴儿床垫安全标准", true},
		// Words outside the glossary, folded as search folds them.
		{"enclosure", "Safety Standard for Gates and Enclosures", true},
		{"木质", "木质玩具", true},
		{"toys", "toilet paper", false},
		// "make-up" is a glossary term: "make" alone is not cosmetics.
		{"cosmetics", "persons who make, process or pack food", false},
		// "PFA" (pest free area) folds like "PFAS": the collision must not
		// make pest free areas a kind of PFAS.
		{"PFAS", "pest free areas", false},
		{"not intended for human consumption", "fit for human consumption", false},
		{"羽绒", "the label is set down in the annex", false},
	})
}

// The mechanics on a glossary small enough to read: nested terms in
// either language, transitively, and stop words inside terms.
func TestAlertFolderNesting(t *testing.T) {
	glossaryConcepts(t) // the dictionary the package's other tests expect
	f, err := NewAlertFolder([]Concept{
		{Zh: []string{"玩具"}, En: []string{"toys", "toy"}},
		{Zh: []string{"玩具安全"}, En: []string{"toy safety", "safety of toys"}},
		{Zh: []string{"铅"}, En: []string{"lead"}},
		{Zh: []string{"电池"}, En: []string{"batteries"}},
		{Zh: []string{"铅酸电池"}, En: []string{"lead-acid batteries"}},
		{Zh: []string{"彩妆"}, En: []string{"make-up", "colour cosmetics"}},
		{Zh: []string{"化妆品"}, En: []string{"cosmetics"}},
		{Zh: []string{"婴儿床垫"}, En: []string{"crib mattresses"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	checkOccurs(t, f, []occursCase{
		{"玩具", "safety of toys", true},
		{"safety of toys", "玩具安全", true},
		{"玩具安全", "toys", false},
		{"电池", "lead-acid battery", true},
		{"lead", "铅酸电池", true}, // 铅酸电池 holds 铅 through its English synonym
		{"cosmetics", "make-up", true},
		{"cosmetics", "彩妆", true},
		{"cosmetics", "make", false},
		{"mattress", "婴儿床垫", true},
		{"crib", "婴儿床垫", true},
		{"lead", "leading", false},
		{"Toy Safety", "SAFETY OF TOYS", true},
	})
	for _, text := range []string{"", "的", "the of and", "，。"} {
		if got := f.Terms(text); len(got) > 0 {
			t.Errorf("Terms(%q) = %q, want none", text, got)
		}
	}
}

// A Chinese term is found however the segmenter cut the text: in context
// it may split a term differently than the term alone.
func TestAlertFolderChineseCutAnyhow(t *testing.T) {
	glossaryConcepts(t)
	f, err := NewAlertFolder([]Concept{{Zh: []string{"最大残留限量"}, En: []string{"maximum residue limits"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, cut := range [][]string{{"最大残留限量"}, {"最大", "残留限量"}, {"最大", "残留", "限量"}, {"最", "大残", "留限量"}} {
		var ws []word
		for _, w := range cut {
			ws = append(ws, word{key: []byte(w), term: []byte(w), han: true})
		}
		var got []int32
		f.cover(ws, true, func(id int32) { got = append(got, id) }, func([]byte) {})
		if !slices.Equal(got, []int32{0}) {
			t.Errorf("cut %q: concepts %v, want [0]", cut, got)
		}
	}
}

// Every term of a glossary concept occurs in a text that says the same in
// any of the concept's other terms, Chinese or English. The exceptions are
// terms that fold like another concept's (the first concept keeps the key)
// or to nothing: the glossary's editors should know of them, so they are
// logged.
func TestAlertFolderSynonymsFoldAlike(t *testing.T) {
	concepts := glossaryConcepts(t)
	f, err := NewAlertFolder(concepts)
	if err != nil {
		t.Fatal(err)
	}
	owner := func(term string) int32 {
		ws := f.words(term)
		var key []byte
		for j := range ws {
			key = appendKey(key, ws, j)
		}
		if id, ok := f.keys[string(key)]; ok && len(ws) > 0 {
			return id
		}
		return -1
	}
	for i, c := range concepts {
		var terms []string
		for _, term := range slices.Concat(c.Zh, c.En) {
			switch id := owner(term); {
			case id < 0:
				t.Logf("%q (concept %d) folds to nothing: stop words only", term, i)
				continue
			case id != int32(i):
				t.Logf("%q (concept %d) folds like a term of concept %d %q, which keeps it", term, i, id, concepts[id].En)
				continue
			}
			terms = append(terms, term)
		}
		for _, a := range terms {
			for _, b := range terms {
				if !occurs(f, a, b) {
					t.Errorf("%q does not occur in its synonym %q: %q, %q", a, b, f.Terms(a), f.Terms(b))
				}
			}
		}
	}
}

// Terms on every text field of a seed notification, as the alerts matcher
// folds one per notification.
func BenchmarkAlertFolderTerms(b *testing.B) {
	f, err := NewAlertFolder(glossaryConcepts(b))
	if err != nil {
		b.Fatal(err)
	}
	recs, err := content.SeedRecords()
	if err != nil {
		b.Fatal(err)
	}
	var texts [][]string
	for _, r := range recs {
		if n, ok := r.(*kb.Notification); ok {
			texts = append(texts, slices.Concat([]string{n.Title, n.TitleZh, n.Description, n.Products}, n.Keywords, n.Objectives))
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		for _, s := range texts[i%len(texts)] {
			f.Terms(s)
		}
	}
}
