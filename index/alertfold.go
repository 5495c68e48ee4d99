package index

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	bunicode "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/stdbridge/stdbridge/index/zh"
)

// AlertFolder folds text for alert keywords as search analyses it, and
// expands it through the glossary. It is the alerts package's Folder, so
// that a keyword in Chinese or English finds notifications in either
// language.
//
// Chinese is segmented by the index's analyzer (gse words and the words
// inside them, traditional read as simplified, meaningless characters
// dropped); English is lower-cased, stop words dropped and stemmed with the
// index's Porter stemmer. In glossary terms English stop words count,
// though: "make-up" is not "make".
//
// A run of words that spells a glossary term, in either language, becomes
// one shared term for its concept in place of its words. It brings along
// what any synonym of the concept contains: the concepts inside ("toy
// safety" also stands for "toys") and the words no concept covers ("crib
// mattress" for "mattress"), so that a shorter keyword still occurs in a
// longer term, in either language. Terms are found on word boundaries
// only: 铅 does not occur in 铅笔.
//
// Concepts are recognised by their English words up to the plural (bleve's
// plural stemmer), not by Porter stems: Porter makes "leading" "lead", and
// an alert for the metal must not fire on it. A search ranks such a stray
// match low; an alert cannot.
//
// An AlertFolder is read-only once built; Terms may be called from many
// goroutines at once.
type AlertFolder struct {
	chinese analysis.Analyzer
	english analysis.Analyzer    // neither stemmed nor stop words dropped: see words
	stop    analysis.TokenMap    // the English analyzer's stop words
	stem    analysis.TokenFilter // Porter, as in the index's English analyzer
	plural  analysis.TokenFilter

	// keys maps the key of every glossary term (see appendKey) to its
	// concept, and each shorter run of its words to -1, so that looking
	// for the longest term at a word stops at the first run no term starts
	// with.
	keys     map[string]int32
	maxWords int
	// expand lists, per concept, the terms that stand for it in a text:
	// its own, then those of the concepts inside its terms, then the words
	// of its terms no concept covers. They are the same whichever synonym
	// a text uses, which keeps keywords and texts folded alike.
	expand [][]string
}

// NewAlertFolder indexes the glossary's concepts. It loads the Chinese
// dictionary with the concepts' Chinese terms, or waits for a load under
// way (zh.Load: the first load's words stay for the process).
func NewAlertFolder(concepts []Concept) (*AlertFolder, error) {
	var zhTerms []string
	for _, c := range concepts {
		zhTerms = append(zhTerms, c.Zh...)
	}
	if _, err := zh.Load(zhTerms); err != nil {
		return nil, fmt.Errorf("alert folder: %w", err)
	}
	f := &AlertFolder{keys: map[string]int32{}}
	if err := f.analyzers(); err != nil {
		return nil, fmt.Errorf("alert folder: %w", err)
	}
	var key []byte
	for i, c := range concepts {
		for _, t := range slices.Concat(c.Zh, c.En) {
			ws := f.words(t)
			if !slices.ContainsFunc(ws, func(w word) bool { return !w.stop }) {
				continue // "down" (feathers) would be found in every "set down"
			}
			key = key[:0]
			for j := range ws {
				start := len(key)
				key = appendKey(key, ws, j)
				for k := start + 1; k <= len(key); k++ {
					// A text may cut Chinese elsewhere than the term alone
					// is cut: there, every character ends a prefix.
					if k == len(key) || ws[j].han && utf8.RuneStart(key[k]) {
						if _, ok := f.keys[string(key[:k])]; !ok {
							f.keys[string(key[:k])] = -1
						}
					}
				}
			}
			// Two concepts whose terms fold alike: the first keeps the key.
			if f.keys[string(key)] < 0 {
				f.keys[string(key)] = int32(i)
			}
			f.maxWords = max(f.maxWords, len(ws))
		}
	}
	f.expand = f.expansions(concepts)
	return f, nil
}

// analyzers builds the index's analysis from bleve's registry, where
// package zh registers the Chinese analyzer.
func (f *AlertFolder) analyzers() error {
	cache := registry.NewCache()
	var err error
	if f.chinese, err = cache.AnalyzerNamed(zh.AnalyzerName); err != nil {
		return err
	}
	tok, err := cache.TokenizerNamed(bunicode.Name)
	if err != nil {
		return err
	}
	english := &analysis.DefaultAnalyzer{Tokenizer: tok}
	for _, name := range []string{en.PossessiveName, lowercase.Name} {
		filter, err := cache.TokenFilterNamed(name)
		if err != nil {
			return err
		}
		english.TokenFilters = append(english.TokenFilters, filter)
	}
	f.english = english
	if f.stop, err = cache.TokenMapNamed(en.StopName); err != nil {
		return err
	}
	if f.stem, err = cache.TokenFilterNamed(porter.Name); err != nil {
		return err
	}
	f.plural, err = cache.TokenFilterNamed(en.PluralStemmerName)
	return err
}

// expansions computes expand from what each concept's terms contain, taken
// transitively: a text that names a concept names what is inside it.
func (f *AlertFolder) expansions(concepts []Concept) [][]string {
	inside := make([][]int32, len(concepts))
	own := make([][]string, len(concepts))
	var key []byte
	for i, c := range concepts {
		for _, t := range slices.Concat(c.Zh, c.En) {
			ws := f.words(t)
			// Every term inside, overlapping or not: but the whole, which
			// is the concept itself or one folded alike that kept the key.
			for a := range ws {
				key = f.walk(ws[a:], key, func(id int32, n int) {
					if a > 0 || n < len(ws) {
						inside[i] = append(inside[i], id)
					}
				})
			}
			f.cover(ws, false,
				func(id int32) { inside[i] = append(inside[i], id) },
				func(w []byte) { own[i] = append(own[i], string(w)) })
		}
	}
	out := make([][]string, len(concepts))
	for i := range concepts {
		seen := map[int32]bool{int32(i): true}
		stack := []int32{int32(i)}
		words := map[string]bool{}
		for len(stack) > 0 {
			c := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, w := range own[c] {
				words[w] = true
			}
			for _, d := range inside[c] {
				if !seen[d] {
					seen[d] = true
					stack = append(stack, d)
				}
			}
		}
		delete(seen, int32(i))
		out[i] = append(out[i], conceptTerm(int32(i)))
		for _, id := range slices.Sorted(maps.Keys(seen)) {
			out[i] = append(out[i], conceptTerm(id))
		}
		out[i] = append(out[i], slices.Sorted(maps.Keys(words))...)
	}
	return out
}

func conceptTerm(id int32) string { return "concept:" + strconv.Itoa(int(id)) }

// Terms folds text: the shared terms of every glossary term in it, longest
// first, and the folded words no glossary term covers — for Chinese, with
// the dictionary words inside them.
func (f *AlertFolder) Terms(text string) []string {
	ws := f.words(text)
	out := make([]string, 0, len(ws))
	f.cover(ws, true,
		func(id int32) { out = append(out, f.expand[id]...) },
		func(w []byte) { out = append(out, string(w)) })
	return out
}

// cover reads ws from left to right, taking at each word the longest
// glossary term there (concept) or else the word and the Chinese words
// inside it (plain, or concept for those that are terms). With whole
// false, ws is a glossary term being taken apart: no term may span all of
// it, and a lone word is not kept as a word of its own.
func (f *AlertFolder) cover(ws []word, whole bool, concept func(id int32), plain func(w []byte)) {
	key := make([]byte, 0, 64)
	for i := 0; i < len(ws); {
		best, n := int32(-1), 0
		key = f.walk(ws[i:], key, func(id int32, k int) {
			if whole || i > 0 || k < len(ws) {
				best, n = id, k
			}
		})
		if best >= 0 {
			concept(best)
			i += n
			continue
		}
		if (whole || len(ws) > 1) && !ws[i].stop {
			plain(ws[i].term)
		}
		for _, s := range ws[i].subs {
			if id, ok := f.keys[string(s)]; ok && id >= 0 {
				concept(id)
			} else {
				plain(s)
			}
		}
		i++
	}
}

// walk extends a key over ws word by word, as long as some glossary term
// starts that way, and calls found with the concept and length in words
// of each run that is a whole term, shortest first. It returns the key
// buffer for reuse.
func (f *AlertFolder) walk(ws []word, key []byte, found func(id int32, words int)) []byte {
	key = key[:0]
	for j := 0; j < len(ws) && j < f.maxWords; j++ {
		key = appendKey(key, ws, j)
		id, ok := f.keys[string(key)]
		if !ok {
			break
		}
		if id >= 0 {
			found(id, j+1)
		}
	}
	return key
}

// appendKey adds word j of ws to a key. Chinese words run together, so
// that a term matches however the segmenter cut it; English words are
// separated by a space.
func appendKey(key []byte, ws []word, j int) []byte {
	if j > 0 && !ws[j-1].han && !ws[j].han {
		key = append(key, ' ')
	}
	return append(key, ws[j].key...)
}

// word is one word of a text.
type word struct {
	key        []byte   // what glossary terms are recognised by: the Chinese word, the English word up to its plural
	term       []byte   // what is kept when no glossary term covers it: the Chinese word, the English Porter stem
	subs       [][]byte // Chinese dictionary words inside the word
	han        bool
	stop       bool // an English stop word: part of glossary terms, else dropped
	start, end int
}

// words analyses text, in text order: Chinese words where it has Han
// characters, English words elsewhere.
func (f *AlertFolder) words(text string) []word {
	b := []byte(text)
	var chinese []word
	if hasHan(b) {
		last := -1
		for _, t := range f.chinese.Analyze(b) {
			if !hasHan(t.Term) {
				continue // Latin words and numbers: the English side has them
			}
			if t.Position == last {
				w := &chinese[len(chinese)-1]
				w.subs = append(w.subs, t.Term)
				continue
			}
			last = t.Position
			chinese = append(chinese, word{key: t.Term, term: t.Term, han: true, start: t.Start, end: t.End})
		}
	}
	toks := f.english.Analyze(b)
	kept := toks[:0]
	z := 0
	for _, t := range toks {
		if t.Type == analysis.Ideographic {
			continue
		}
		for z < len(chinese) && chinese[z].end <= t.Start {
			z++
		}
		if z < len(chinese) && chinese[z].start < t.End {
			continue // inside a Chinese word with Latin letters ("REACH法规")
		}
		kept = append(kept, t)
	}
	if len(kept) == 0 {
		return chinese
	}
	// Both stemmers replace a token's term rather than write into it, so
	// the plural forms are taken from copies before Porter runs. Only words
	// ending in s have one; stop words keep their form.
	keys := make([][]byte, len(kept))
	stop := make([]bool, len(kept))
	var copies []analysis.Token
	for i, t := range kept {
		keys[i] = t.Term
		if stop[i] = f.stop[string(t.Term)]; !stop[i] && bytes.HasSuffix(t.Term, []byte("s")) {
			copies = append(copies, *t)
		}
	}
	if len(copies) > 0 {
		plural := make(analysis.TokenStream, len(copies))
		for i := range copies {
			plural[i] = &copies[i]
		}
		f.plural.Filter(plural)
		c := 0
		for i, t := range kept {
			if c < len(copies) && copies[c].Start == t.Start {
				keys[i] = copies[c].Term
				c++
			}
		}
	}
	f.stem.Filter(kept)
	out := make([]word, 0, len(chinese)+len(kept))
	z = 0
	for i, t := range kept {
		for z < len(chinese) && chinese[z].start < t.Start {
			out = append(out, chinese[z])
			z++
		}
		out = append(out, word{key: keys[i], term: t.Term, stop: stop[i], start: t.Start, end: t.End})
	}
	return append(out, chinese[z:]...)
}

func hasHan(b []byte) bool {
	for _, r := range string(b) { // no copy: the compiler ranges over b
		if r >= 0x2E80 && unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
