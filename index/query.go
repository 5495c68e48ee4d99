package index

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/stdbridge/stdbridge/index/zh"
	"github.com/stdbridge/stdbridge/internal/spell"
	"github.com/stdbridge/stdbridge/kb"
)

// Concept is one glossary entry: a Chinese and an English way of saying
// the same thing. A query term in one language also searches the other.
type Concept struct {
	Zh, En []string
}

// expander finds glossary terms in a query.
type expander struct {
	zhWords func(string) []string // the Chinese analyzer's words of a text
	byTerm  map[string]*Concept   // simplified Chinese or lower-case English term → concept
	maxZh   int                   // longest Chinese term, in runes
	maxEn   int                   // longest English term, in words
	enWords map[string]bool       // every word of the English terms, lower case
	// search holds each concept's terms to search for, one per analysed
	// form: "test method" and "test methods" stem alike and are searched
	// once.
	search map[*Concept]searchTerms
}

type searchTerms struct{ zh, en []string }

// newExpander indexes the glossary's concepts. zhWords and enKey give the
// analysed form of Chinese and English text (nil: the text itself).
func newExpander(concepts []Concept, zhWords func(string) []string, enKey func(string) string) *expander {
	e := &expander{byTerm: map[string]*Concept{}, zhWords: zhWords, enWords: map[string]bool{}, search: map[*Concept]searchTerms{}}
	zhKey := func(t string) string {
		if zhWords == nil {
			return t
		}
		return strings.Join(zhWords(t), " ")
	}
	if enKey == nil {
		enKey = strings.ToLower
	}
	for i := range concepts {
		c := &concepts[i]
		e.search[c] = searchTerms{zh: distinct(c.Zh, zhKey), en: distinct(c.En, enKey)}
		for _, t := range c.Zh {
			t = zh.Simplify(t)
			e.byTerm[t] = c
			e.maxZh = max(e.maxZh, utf8.RuneCountInString(t))
		}
		for _, t := range c.En {
			t = strings.ToLower(t)
			e.byTerm[t] = c
			for _, w := range strings.Fields(t) {
				e.enWords[w] = true
			}
			e.maxEn = max(e.maxEn, len(strings.Fields(t)))
		}
	}
	return e
}

// distinct keeps the first of the terms with the same key.
func distinct(terms []string, key func(string) string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range terms {
		k := key(t)
		if !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	}
	return out
}

// unit is one thing the user asked for: a word, a phrase in quotes, or
// several words that together are one glossary term ("pesticide residues").
type unit struct {
	text    string
	phrase  bool
	concept *Concept // set when the whole unit is a glossary term
}

// splitQuery cuts a query into units: quoted phrases stay whole, English
// words that form a glossary term are joined.
func (e *expander) splitQuery(q string) []unit {
	var raw []unit
	for q != "" {
		q = strings.TrimLeftFunc(q, unicode.IsSpace)
		if q == "" {
			break
		}
		if q[0] == '"' {
			end := strings.IndexByte(q[1:], '"')
			if end < 0 { // an unclosed quote quotes the rest
				end = len(q) - 1
			}
			if p := strings.TrimSpace(q[1 : 1+end]); p != "" {
				raw = append(raw, unit{text: p, phrase: true})
			}
			q = q[min(len(q), end+2):]
			continue
		}
		n := strings.IndexFunc(q, func(r rune) bool { return unicode.IsSpace(r) || r == '"' })
		if n < 0 {
			n = len(q)
		}
		raw = append(raw, unit{text: q[:n]})
		q = q[n:]
	}
	// Join runs of plain words that make up a glossary term, longest first.
	var out []unit
	for i := 0; i < len(raw); {
		joined := false
		for n := min(e.maxEn, len(raw)-i); n >= 1 && !raw[i].phrase; n-- {
			words := make([]string, 0, n)
			for _, u := range raw[i : i+n] {
				if u.phrase {
					break
				}
				words = append(words, u.text)
			}
			if len(words) < n {
				continue
			}
			text := strings.Join(words, " ")
			if c := e.lookup(text); c != nil {
				out = append(out, unit{text: text, concept: c})
				i += n
				joined = true
				break
			}
		}
		if !joined {
			out = append(out, raw[i])
			i++
		}
	}
	return out
}

func (e *expander) lookup(term string) *Concept {
	if c, ok := e.byTerm[strings.ToLower(term)]; ok {
		return c
	}
	return e.byTerm[zh.Simplify(term)]
}

// coverZh splits a Chinese unit into glossary terms, longest match first,
// skipping characters that carry no meaning (的, 中, punctuation). It
// reports false when some meaningful part is not in the glossary: then the
// unit cannot be translated as a whole.
func (e *expander) coverZh(text string) ([]*Concept, bool) {
	runes := []rune(zh.Simplify(text))
	var out []*Concept
	for i := 0; i < len(runes); {
		if !unicode.Is(unicode.Han, runes[i]) || strings.ContainsRune("的中和与及之等", runes[i]) {
			i++
			continue
		}
		found := false
		for n := min(e.maxZh, len(runes)-i); n >= 1; n-- { // 铅, 镉: one character can be a term
			if c, ok := e.byTerm[string(runes[i:i+n])]; ok {
				out = append(out, c)
				i += n
				found = true
				break
			}
		}
		if !found {
			return nil, false
		}
	}
	return out, len(out) > 0
}

// textFields are searched for every unit, with their weights.
var textFields = []struct {
	name  string
	boost float64
}{{"title_zh", 3}, {"title_en", 3}, {"text_zh", 1}, {"text_en", 1}, {"tags_zh", 0.5}, {"tags_en", 0.5}}

// build turns the user's query into a bleve query: every unit must match
// (AND), each in any field, in its own language or — through the
// glossary — in the other; identifiers match their records directly and
// rank first. Units whose index in unknown is set are matched typo-tolerant
// even in the strict query: no record has them as typed. perUnit are the
// units' literal queries, to find which ones are unknown.
func (e *expander) build(q string, unknown map[int]bool) (strict, relaxed query.Query, perUnit []query.Query) {
	var units []unit
	for _, u := range e.splitQuery(q) {
		if !u.phrase && stopWords[strings.ToLower(u.text)] {
			continue // "in", "of": the English analyzer drops them anyway
		}
		units = append(units, u)
	}
	if len(units) == 0 {
		return bleve.NewMatchNoneQuery(), nil, nil
	}
	var parts, loose []query.Query
	for i, u := range units {
		literal := e.unitQuery(u, false)
		perUnit = append(perUnit, literal)
		tolerant := e.unitQuery(u, true)
		if unknown[i] {
			literal = tolerant
		}
		parts = append(parts, literal)
		loose = append(loose, tolerant)
	}
	var text query.Query = bleve.NewConjunctionQuery(parts...)
	if len(parts) == 1 {
		text = parts[0]
		// One unit: its typo-tolerant forms, or most of its words.
		alts := []query.Query{loose[0]}
		if w := e.relaxedWords(units); w != nil {
			alts = append(alts, w)
		}
		relaxed = bleve.NewDisjunctionQuery(alts...)
	} else {
		// All units but one, each typo-tolerant: what a search shows after
		// the records that match every word, when those are few.
		d := bleve.NewDisjunctionQuery(loose...)
		d.SetMin(float64(len(loose) - 1))
		relaxed = d
	}
	ids := identifierQueries(strings.TrimSpace(strings.ReplaceAll(q, `"`, "")))
	if len(ids) == 0 {
		return text, relaxed, perUnit
	}
	if len(units) == 1 {
		// An identifier typed alone: records sharing part of its
		// spelling are no answer.
		relaxed = nil
	}
	return bleve.NewDisjunctionQuery(append(ids, text)...), relaxed, perUnit
}

// relaxedWords is the partial match of a one-unit Chinese query, which
// people type without spaces ("玩具安全第4部份"): all of its words but one,
// in the Chinese fields.
func (e *expander) relaxedWords(units []unit) query.Query {
	if len(units) != 1 || units[0].phrase || isLatin(units[0].text) || e.zhWords == nil {
		return nil
	}
	words := e.zhWords(units[0].text)
	if len(words) < 3 {
		return nil
	}
	var terms []query.Query
	for _, w := range words {
		for _, f := range []string{"title_zh", "text_zh"} {
			tq := bleve.NewTermQuery(w)
			tq.SetField(f)
			terms = append(terms, tq)
		}
	}
	// Each word is tried in two fields: n-1 matching clauses is at least
	// half the words, and ranking puts records with more of them first.
	d := bleve.NewDisjunctionQuery(terms...)
	d.SetMin(float64(len(words) - 1))
	return d
}

var stopWords = map[string]bool{
	"a": true, "an": true, "and": true, "the": true, "of": true, "in": true, "on": true, "for": true,
	"to": true, "with": true, "by": true, "from": true, "at": true, "or": true,
}

// unitQuery matches one unit in any field, literally or translated;
// tolerant adds matches despite typos and different word splits.
func (e *expander) unitQuery(u unit, tolerant bool) query.Query {
	var alts []query.Query
	for _, f := range textFields {
		alts = append(alts, fieldMatch(u.text, f.name, f.boost, u.phrase))
	}
	alts = append(alts, identifierQueries(u.text)...)
	concepts := []*Concept(nil)
	if u.concept != nil {
		concepts = []*Concept{u.concept}
	} else if !u.phrase {
		if c := e.lookup(u.text); c != nil {
			concepts = []*Concept{c}
		} else if cs, ok := e.coverZh(u.text); ok {
			concepts = cs
		}
	}
	if len(concepts) > 0 {
		alts = append(alts, e.translated(concepts))
	}
	if tolerant && !u.phrase {
		alts = append(alts, fallback(u.text)...)
	}
	return anyOf(alts...)
}

// translated matches every concept, each by any of its terms in either
// language, as phrases ("avian influenza" must not match "influenza ...
// avian"). It scores below a literal match.
func (e *expander) translated(concepts []*Concept) query.Query {
	var all []query.Query
	for _, c := range concepts {
		var any []query.Query
		st := e.search[c]
		for _, f := range textFields {
			terms := st.en
			if strings.HasSuffix(f.name, "_zh") {
				terms = st.zh
			}
			for _, t := range terms {
				if strings.HasPrefix(f.name, "tags_") && strings.ContainsRune(t, ' ') {
					continue // tags keep no positions: a phrase cannot match there
				}
				any = append(any, fieldMatch(t, f.name, f.boost*translatedWeight, true))
			}
		}
		all = append(all, anyOf(any...))
	}
	if len(all) == 1 {
		return all[0]
	}
	return bleve.NewConjunctionQuery(all...)
}

// translatedWeight is what a match through the glossary is worth next to
// the same match of the words as typed, in the same field.
const translatedWeight = 0.8

// fallback catches what exact analysis misses, at a low score: English
// words with one typo, and Chinese text whose words the segmenter cut
// differently (most of its character bigrams must match).
func fallback(text string) []query.Query {
	var out []query.Query
	// One word of letters: fuzzy expansion of short or mixed tokens
	// ("G/TBT/N/EU/609") finds nothing useful and costs much.
	if len(text) >= 5 && strings.IndexFunc(text, func(r rune) bool { return r > unicode.MaxASCII || !unicode.IsLetter(r) && r != '-' }) < 0 {
		fuzz := 1
		if len(text) >= 7 {
			fuzz = 2
		}
		for _, f := range []string{"title_en", "text_en"} {
			m := bleve.NewMatchQuery(text)
			m.SetField(f)
			m.SetFuzziness(fuzz)
			m.SetOperator(query.MatchQueryOperatorAnd)
			m.SetBoost(0.3)
			out = append(out, m)
		}
	}
	if bigrams := hanBigrams(text); len(bigrams) >= 2 {
		var terms []query.Query
		for _, b := range bigrams {
			tq := bleve.NewTermQuery(b)
			tq.SetField("zh_bi")
			terms = append(terms, tq)
		}
		d := bleve.NewDisjunctionQuery(terms...)
		d.SetMin(float64((len(terms)*3 + 4) / 5)) // three fifths, rounded up
		d.SetBoost(0.2)
		out = append(out, d)
	}
	return out
}

func fieldMatch(text, field string, boost float64, phrase bool) query.Query {
	if phrase {
		m := bleve.NewMatchPhraseQuery(text)
		m.SetField(field)
		m.SetBoost(boost)
		return m
	}
	m := bleve.NewMatchQuery(text)
	m.SetField(field)
	m.SetOperator(query.MatchQueryOperatorAnd)
	m.SetBoost(boost)
	return m
}

// identifierQueries matches a query that is an identifier against the ids,
// hs and ics keyword fields.
func identifierQueries(q string) []query.Query {
	var out []query.Query
	term := func(field, v string, boost float64) {
		tq := bleve.NewTermQuery(v)
		tq.SetField(field)
		tq.SetBoost(boost)
		out = append(out, tq)
	}
	upper := strings.ToUpper(q)
	if rest, ok := strings.CutPrefix(upper, "HS"); ok {
		if hs, err := kb.ParseHS(strings.TrimLeft(rest, " :")); err == nil {
			term("hs", hs.Digits(), 20)
			return out
		}
	}
	if rest, ok := strings.CutPrefix(upper, "ICS"); ok {
		if ics, err := kb.ParseICS(strings.TrimLeft(rest, " :")); err == nil {
			term("ics", string(ics), 20)
			return out
		}
	}
	if n, err := kb.ParseStandardNumber(q); err == nil {
		term("ids", normID(n.String()), 40)
		term("ids", normID(n.Dated()), 30)
		// Other editions of the same standard, and the one meant when the
		// year is mistyped, rank next.
		term("ids", normID(n.Undated()), 15)
		// Then what cites, adopts or maps it.
		term("refs", normID(n.Dated()), 6)
		term("refs", normID(n.Undated()), 4)
	}
	compact := normID(q)
	for _, id := range regulationIDs(compact) {
		term("ids", id, 30)
		term("refs", id, 4)
	}
	if s, err := kb.ParseSymbol(q); err == nil {
		term("ids", normID(s.String()), 40)
	}
	if hs, err := kb.ParseHS(q); err == nil && len(hs.Digits()) >= 4 {
		term("hs", hs.Digits(), 5)
	}
	if ics, err := kb.ParseICS(q); err == nil && strings.Contains(q, ".") {
		term("ics", string(ics), 5)
	}
	return out
}

func isLatin(s string) bool {
	for _, r := range s {
		if r > unicode.MaxLatin1 {
			return false
		}
	}
	return true
}

// hanBigrams are the overlapping pairs of Han characters in s, folded to
// simplified, as the cjk analyzer of the zh_bi field makes them.
func hanBigrams(s string) []string {
	runes := []rune(zh.Simplify(s))
	var out []string
	for i := 0; i+1 < len(runes); i++ {
		if unicode.Is(unicode.Han, runes[i]) && unicode.Is(unicode.Han, runes[i+1]) {
			out = append(out, string(runes[i:i+2]))
		}
	}
	return out
}

// correct replaces the English words of q at the given unit positions,
// which no record contains as typed, by the glossary word nearest in
// spelling ("avain" → "avian"), so that a misspelt term is still
// translated. It reports whether it changed anything.
func (e *expander) correct(q string, unknown map[int]bool) (string, bool) {
	units := e.splitQuery(q)
	changed := false
	var out []string
	i := 0
	for _, u := range units {
		if !u.phrase && stopWords[strings.ToLower(u.text)] {
			out = append(out, u.text)
			continue
		}
		text := u.text
		if unknown[i] && !u.phrase && u.concept == nil && isLatin(text) {
			if w, ok := e.nearestWord(strings.ToLower(text)); ok {
				text, changed = w, true
			}
		}
		if u.phrase {
			text = `"` + text + `"`
		}
		out = append(out, text)
		i++
	}
	return strings.Join(out, " "), changed
}

// nearestWord is the glossary word within one edit of w (two for words of
// seven letters or more); the first in alphabetical order among the
// nearest, so that a query always reads the same.
func (e *expander) nearestWord(w string) (string, bool) {
	if len(w) < 4 || e.enWords[w] {
		return "", false
	}
	limit := 1
	if len(w) >= 7 {
		limit = 2
	}
	best, bestD := "", limit+1
	for cand := range e.enWords {
		if abs(len(cand)-len(w)) > limit {
			continue
		}
		d := spell.Distance(w, cand, bestD+1) // exact up to bestD, for the tie-break
		if d < bestD || (d == bestD && cand < best) {
			best, bestD = cand, d
		}
	}
	return best, bestD <= limit
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
