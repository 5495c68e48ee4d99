package zh

import (
	"sort"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// The table comes from OpenCC's dictionaries in Debian's libopencc1.1
// (internal/gent2s says why OpenCC and not Unihan). To regenerate it,
// on a Debian machine:
//
//	apt-get install -y libopencc1.1 opencc
//	go generate ./index/zh
//
// The generator is deterministic: the same package version gives the same
// file, so a diff after regenerating shows exactly what the new data
// changed. Tests check the committed table's own invariants (sorted, equal
// lengths, folded forms stay folded).
//go:generate go run ./internal/gent2s -o t2s_table.go

// T2SFilterName is the name of the folding filter in bleve's registry.
// analyzer.go registers T2SFilterConstructor under it.
const T2SFilterName = "stdbridge_t2s"

// runePair is one traditional character and its simplified form.
type runePair struct{ t, s rune }

// phrasePair is a traditional phrase, its first character (to find the
// phrases starting at a character without decoding keys) and its
// simplified form.
type phrasePair struct {
	first rune
	t, s  string
}

// Every pair in the tables has the same UTF-8 length on both sides, so
// folding replaces bytes in place: byte offsets into the original text
// stay valid for the folded text, which is what lets the tokenizer
// segment folded text and still highlight the original.
//
// Sorted arrays searched by bisection, rather than map literals: the
// arrays are static data, so importing the package costs no start-up work
// and no heap. Measured on the table: arrays add 25 KB to a binary; maps of
// the same pairs add 42 KB, and their init code takes 0.4-0.7 ms and 56 KB
// of heap at every start of every binary that imports the package.

// lowest is the smallest character that can start a fold; the common
// text below it (ASCII, Latin, CJK punctuation) is passed over at once.
var lowest = min(t2sChars[0].t, t2sPhrases[0].first)

// SimplifyRune returns the simplified form of the single character r, or
// r when it has none of the same UTF-8 length.
func SimplifyRune(r rune) rune {
	if r < lowest {
		return r
	}
	i := sort.Search(len(t2sChars), func(i int) bool { return t2sChars[i].t >= r })
	if i < len(t2sChars) && t2sChars[i].t == r {
		return t2sChars[i].s
	}
	return r
}

// Simplify folds traditional Chinese in s to simplified, phrase by phrase
// where a phrase folds differently from its characters (瞭 alone stays,
// 一目瞭然 → 一目了然), else character by character. The result has
// exactly the length of s and its characters start at the same byte
// offsets; text that is already simplified is returned unchanged.
func Simplify(s string) string {
	if out, changed := simplify(s); changed {
		return string(out)
	}
	return s
}

// SimplifyBytes is Simplify for bytes. It never writes to b: it returns b
// itself when nothing changes, and a new slice otherwise, so b may be a
// piece of a document that others still read.
func SimplifyBytes(b []byte) []byte {
	if out, changed := simplify(b); changed {
		return out
	}
	return b
}

type text interface{ ~string | ~[]byte }

// maxPasses bounds the passes simplify makes: on the table's phrases at
// most two change anything and a third confirms (TestIdempotentAcrossPhrases
// fails if that stops being true).
const maxPasses = 4

// simplify returns the folded copy of s, or false when folding changes
// nothing (and then allocates nothing).
//
// A pass matches the longest phrase starting at each character, as OpenCC
// does, before folding the character alone. One pass is not always
// idempotent: in 覆露覆 the phrase 覆露 (→复露) takes the middle 露, and
// the next pass sees the phrase 露覆 (→露复). So passes repeat, in place,
// until one changes nothing: then folding simplified text, or folding
// twice (the tokenizer folds the text, the filter its terms), agrees with
// folding once.
func simplify[T text](s T) ([]byte, bool) {
	out, changed := fold(s, nil)
	if !changed {
		return nil, false
	}
	for range maxPasses - 1 {
		if _, changed = fold(out, out); !changed {
			break
		}
	}
	return out, true
}

// fold makes one pass over s, writing what changes to dst, which is a copy
// of s or s itself; a nil dst is allocated as a copy at the first change.
// Writing in place is safe: every replacement has the length of what it
// replaces, and is written only after the text it replaces was read.
func fold[T text](s T, dst []byte) ([]byte, bool) {
	changed := false
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		// At most UTFMax bytes: the conversion stays on the stack.
		r, n := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
		if r < lowest {
			i += n
			continue
		}
		if p, ok := matchPhrase(s[i:], r); ok {
			if p.s != p.t {
				if dst == nil {
					dst = clone(s)
				}
				copy(dst[i:], p.s)
				changed = true
			}
			i += len(p.t)
			continue
		}
		if f := SimplifyRune(r); f != r {
			if dst == nil {
				dst = clone(s)
			}
			utf8.EncodeRune(dst[i:], f)
			changed = true
		}
		i += n
	}
	return dst, changed
}

// matchPhrase returns the longest phrase that s starts with; r is the
// first character of s.
func matchPhrase[T text](s T, r rune) (*phrasePair, bool) {
	i := sort.Search(len(t2sPhrases), func(i int) bool { return t2sPhrases[i].first >= r })
	var best *phrasePair
	for ; i < len(t2sPhrases) && t2sPhrases[i].first == r; i++ {
		p := &t2sPhrases[i]
		if len(p.t) <= len(s) && string(s[:len(p.t)]) == p.t && (best == nil || len(p.t) > len(best.t)) {
			best = p
		}
	}
	return best, best != nil
}

func clone[T text](s T) []byte {
	out := make([]byte, len(s))
	copy(out, s)
	return out
}

// T2SFilter is a bleve token filter that folds each token's term from
// traditional to simplified Chinese. Start, End and Position are left as
// they are: they point into the original text, so highlights land on the
// characters the reader sees, traditional or not.
type T2SFilter struct{}

// NewT2SFilter returns the folding filter.
func NewT2SFilter() *T2SFilter { return &T2SFilter{} }

// Filter implements analysis.TokenFilter. A term that changes gets a new
// byte slice: tokenizers hand out terms that share the field's bytes.
func (*T2SFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tok := range in {
		tok.Term = SimplifyBytes(tok.Term)
	}
	return in
}

// T2SFilterConstructor is the bleve registry constructor for T2SFilter;
// it takes no configuration.
func T2SFilterConstructor(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
	return NewT2SFilter(), nil
}
