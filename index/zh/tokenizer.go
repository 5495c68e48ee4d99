// Package zh is stdbridge's Chinese text analysis for bleve: a word
// tokenizer on the gse segmenter with exact byte offsets, a
// traditional→simplified folding filter, and the analyzer that joins them.
package zh

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/go-ego/gse"
)

// TokenizerName is the name the tokenizer is registered under.
const TokenizerName = "stdbridge_gse"

// Tokenizer splits Chinese text into words with gse, in search mode: a
// long word is emitted and, at the same position, the shorter dictionary
// words inside it (婴幼儿 → 婴幼儿, 婴幼, 幼儿), so a query for either
// finds it. Latin words and numbers inside Chinese text become tokens too.
// Offsets are byte offsets into the original text, so highlights land on
// the matched characters even when the text was traditional.
type Tokenizer struct {
	seg *segmenter
}

// NewTokenizer returns a tokenizer on the process's shared dictionary.
func NewTokenizer() *Tokenizer { return &Tokenizer{seg: shared} }

// TokenizerConstructor is the bleve registry constructor.
func TokenizerConstructor(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
	return NewTokenizer(), nil
}

// Tokenize implements analysis.Tokenizer.
func (t *Tokenizer) Tokenize(input []byte) analysis.TokenStream {
	s := t.seg.get(nil)
	if s.err != nil || len(input) == 0 {
		return nil
	}
	// Segment the simplified form: Simplify keeps every byte offset, and
	// the simplified dictionary then serves traditional text as well.
	folded := []byte(Simplify(string(input)))
	segs := s.seg.Segment(folded)
	out := make(analysis.TokenStream, 0, len(segs))
	pos := 0
	for _, sg := range segs {
		start, end := sg.Start(), sg.End()
		if !hasWordRune(folded[start:end]) {
			continue
		}
		pos++
		out = append(out, token(folded, start, end, pos))
		out = appendSubwords(out, folded, sg.Token(), start, pos)
	}
	return out
}

// appendSubwords adds, at the parent's position, the dictionary words gse
// records inside a token, recursively.
func appendSubwords(out analysis.TokenStream, text []byte, tok *gse.Token, base, pos int) analysis.TokenStream {
	for _, sub := range tok.Segments() {
		start, end := base+sub.Start(), base+sub.End()
		if end > len(text) || start >= end || !hasWordRune(text[start:end]) {
			continue
		}
		// Single characters inside a word would match far too much.
		if utf8.RuneCount(text[start:end]) > 1 {
			out = append(out, token(text, start, end, pos))
		}
		out = appendSubwords(out, text, sub.Token(), start, pos)
	}
	return out
}

func token(text []byte, start, end, pos int) *analysis.Token {
	term := make([]byte, end-start)
	copy(term, text[start:end])
	typ := analysis.Ideographic
	if !isHan(term) {
		typ = analysis.AlphaNumeric
		if isDigits(term) {
			typ = analysis.Numeric
		}
	}
	return &analysis.Token{Term: term, Start: start, End: end, Position: pos, Type: typ}
}

func hasWordRune(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
		b = b[n:]
	}
	return false
}

func isHan(b []byte) bool {
	r, _ := utf8.DecodeRune(b)
	return unicode.Is(unicode.Han, r)
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}
