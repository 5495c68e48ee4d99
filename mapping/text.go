package mapping

import (
	"math"
	"strings"
	"unicode"
)

// stopwords carry no meaning in standard titles.
var stopwords = map[string]bool{
	"a": true, "an": true, "and": true, "the": true, "of": true, "for": true, "to": true, "in": true, "on": true,
	"by": true, "with": true, "or": true, "part": true, "general": true, "requirements": true, "specification": true,
	"methods": true, "method": true, "determination": true, "test": true, "tests": true, "its": true, "their": true,
}

// words splits an English title into lower-case content words, plurals
// folded ("toys" → "toy"), so titles written by two bodies compare.
func words(title string) []string {
	f := strings.FieldsFunc(strings.ToLower(title), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := f[:0]
	for _, w := range f {
		if len(w) < 2 || stopwords[w] || isNumber(w) {
			continue
		}
		out = append(out, stem(w))
	}
	return out
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// stem folds the commonest English endings; titles need no more.
func stem(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ses") || strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

// vector is a title's words weighted by inverse document frequency.
type vector map[string]float64

func (v vector) norm() float64 {
	var s float64
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}

// cosine is the similarity of two weighted titles, 0 to 1.
func cosine(a, b vector) float64 {
	na, nb := a.norm(), b.norm()
	if na == 0 || nb == 0 {
		return 0
	}
	var dot float64
	for w, x := range a {
		dot += x * b[w]
	}
	return dot / (na * nb)
}

// idf counts in how many titles each word occurs.
type idf struct {
	docs int
	df   map[string]int
}

func (d *idf) add(ws []string) {
	d.docs++
	seen := map[string]bool{}
	for _, w := range ws {
		if !seen[w] {
			seen[w] = true
			d.df[w]++
		}
	}
}

func (d *idf) vector(ws []string) vector {
	v := vector{}
	for _, w := range ws {
		v[w] += math.Log(1 + float64(d.docs+1)/float64(d.df[w]+1))
	}
	return v
}
