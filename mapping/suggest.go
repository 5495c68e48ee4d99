// Package mapping suggests which domestic (GB) standards correspond to a
// foreign standard, regulation or notification, and the reverse, each
// suggestion with the evidence behind it.
package mapping

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// Evidence is one reason a suggestion ranks where it does.
type Evidence struct {
	Kind   string  `json:"kind"` // adoption, mapping, cited, number, ics, title, title_zh, edition, national
	Detail string  `json:"detail"`
	Weight float64 `json:"weight"`
	// Args are Detail's parts, for a page to word in its own language:
	// adoption: adopter, adopted, degree; mapping: foreign, domestic,
	// degree, status; ics: code; cited: number.
	Args []string `json:"args,omitempty"`
}

// Suggestion is one candidate standard.
type Suggestion struct {
	Number   string     `json:"number"`
	TitleZh  string     `json:"title_zh,omitempty"`
	TitleEn  string     `json:"title_en,omitempty"`
	Degree   kb.Degree  `json:"degree,omitempty"` // from an adoption record or a mapping
	Score    float64    `json:"score"`
	Evidence []Evidence `json:"evidence"`
}

// Weights of the evidence. An adoption record or an approved mapping is
// a fact and outranks any inference; the others add up.
const (
	wAdoption  = 10.0
	wSeries    = 5.0
	wEdition   = 1.5
	wNational  = 0.3
	wMapping   = 8.0
	wProposed  = 3.0
	wNumber    = 2.0
	wICS       = 1.0
	wTitle     = 4.0
	wTitleZh   = 2.0
	minimumFit = 0.35 // below this total, a candidate is noise
)

// entry is a standard with what scoring needs of it, computed once.
type entry struct {
	std     *kb.Standard
	num     kb.StdNumber
	undated string
	vec     vector
	zhTerms []string // Chinese glossary terms of its English title's words
}

// Corpus is the standards and mappings suggestions are drawn from.
type Corpus struct {
	entries  map[string]*entry // by canonical number
	undated  map[string][]*entry
	series   map[string][]*entry // editions of one standard, by seriesKey
	domestic []*entry
	foreign  []*entry
	mappings map[string][]*kb.Mapping // by each side's undated number
	words    idf
	glossary *Glossary

	mu    sync.Mutex
	zhIDF map[string]float64 // filled as terms are met

	// numbers caches parsed standard numbers (adoptions, mappings): a
	// suggestion compares each candidate's, and parsing is regular
	// expressions, which dominated a page's time.
	numbers  sync.Map // string → parsedNumber
	nNumbers atomic.Int64
}

// maxNumbers bounds the cache: numbers from requests go in it too, and
// the corpus lives until the store changes.
const maxNumbers = 100_000

type parsedNumber struct {
	n   kb.StdNumber
	err error
}

// number is kb.ParseStandardNumber, remembered.
func (c *Corpus) number(s string) (kb.StdNumber, error) {
	if v, ok := c.numbers.Load(s); ok {
		p := v.(parsedNumber)
		return p.n, p.err
	}
	n, err := kb.ParseStandardNumber(s)
	if c.nNumbers.Load() < maxNumbers {
		if _, loaded := c.numbers.LoadOrStore(s, parsedNumber{n, err}); !loaded {
			c.nNumbers.Add(1)
		}
	}
	return n, err
}

// NewCorpus indexes standards and mappings for suggestions.
func NewCorpus(standards []*kb.Standard, mappings []*kb.Mapping, g *Glossary) *Corpus {
	c := &Corpus{entries: map[string]*entry{}, undated: map[string][]*entry{}, series: map[string][]*entry{}, mappings: map[string][]*kb.Mapping{},
		words: idf{df: map[string]int{}}, glossary: g, zhIDF: map[string]float64{}}
	for _, s := range standards {
		n, err := kb.ParseStandardNumber(s.Number)
		if err != nil {
			continue
		}
		c.words.add(words(s.TitleEn))
		e := &entry{std: s, num: n, undated: n.Undated()}
		c.entries[n.String()] = e
		c.undated[e.undated] = append(c.undated[e.undated], e)
		c.series[seriesKey(n)] = append(c.series[seriesKey(n)], e)
		if n.IsChinese() {
			c.domestic = append(c.domestic, e)
		} else {
			c.foreign = append(c.foreign, e)
		}
	}
	for _, e := range c.entries {
		ws := words(e.std.TitleEn)
		e.vec = c.words.vector(ws)
		if !e.num.IsChinese() {
			e.zhTerms = g.Chinese(e.std.TitleEn)
		}
	}
	for _, m := range mappings {
		for _, side := range []string{m.Foreign, m.Domestic} {
			if n, err := kb.ParseStandardNumber(side); err == nil {
				c.mappings[n.Undated()] = append(c.mappings[n.Undated()], m)
			}
		}
	}
	return c
}

// LoadCorpus reads every standard and the approved mappings of a store.
func LoadCorpus(ctx context.Context, st store.Reader, g *Glossary) (*Corpus, error) {
	var stds []*kb.Standard
	var maps []*kb.Mapping
	err := st.Each(ctx, kb.KindStandard, func(r kb.Record) error {
		stds = append(stds, r.(*kb.Standard))
		return nil
	})
	if err == nil {
		err = st.Each(ctx, kb.KindMapping, func(r kb.Record) error {
			// Only reviewed mappings are evidence the public may see.
			if m := r.(*kb.Mapping); m.Status == kb.MappingApproved {
				maps = append(maps, m)
			}
			return nil
		})
	}
	if err != nil {
		return nil, fmt.Errorf("load mapping corpus: %w", err)
	}
	return NewCorpus(stds, maps, g), nil
}

// Knows reports whether the corpus holds a standard, in any edition, or
// an adoption or mapping names it.
func (c *Corpus) Knows(number string) bool {
	n, err := kb.ParseStandardNumber(number)
	if err != nil {
		return false
	}
	if len(c.undated[n.Undated()]) > 0 || len(c.mappings[n.Undated()]) > 0 {
		return true
	}
	for _, e := range c.domestic {
		if _, ok := c.adopts(e.std, n); ok {
			return true
		}
	}
	return false
}

// Suggest ranks the standards on the other side of number: domestic ones
// for a foreign standard, foreign ones for a domestic standard. A number
// the corpus does not hold is still matched by adoptions and mappings
// that name it.
func (c *Corpus) Suggest(number string, limit int) ([]Suggestion, error) {
	n, err := kb.ParseStandardNumber(number)
	if err != nil {
		return nil, err
	}
	self := c.entries[n.String()]
	if self == nil {
		if es := c.undated[n.Undated()]; len(es) > 0 {
			self = es[len(es)-1]
		} else {
			self = &entry{std: &kb.Standard{Number: n.String()}, num: n, undated: n.Undated()}
		}
	}
	cands := c.domestic
	if n.IsChinese() {
		cands = c.foreign
	}
	var out []Suggestion
	for _, cand := range cands {
		foreign, domestic := self, cand
		if n.IsChinese() {
			foreign, domestic = cand, self
		}
		s := c.score(foreign, domestic, !n.IsChinese())
		if s.Score >= minimumFit {
			s.Number, s.TitleZh, s.TitleEn = cand.std.Number, cand.std.TitleZh, cand.std.TitleEn
			out = append(out, s)
		}
	}
	sortSuggestions(out)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// SuggestForText ranks domestic standards for a notification or a
// regulation: through the standards it cites, and through its title.
func (c *Corpus) SuggestForText(title string, cited []string, limit int) []Suggestion {
	best := map[string]*Suggestion{}
	add := func(s Suggestion) {
		if b, ok := best[s.Number]; !ok || s.Score > b.Score {
			best[s.Number] = &s
		}
	}
	for _, num := range cited {
		sugs, err := c.Suggest(num, limit)
		if err != nil {
			continue
		}
		for _, s := range sugs {
			s.Evidence = append([]Evidence{{Kind: "cited", Detail: num, Weight: 0, Args: []string{num}}}, s.Evidence...)
			add(s)
		}
	}
	text := &entry{std: &kb.Standard{TitleEn: title}, vec: c.words.vector(words(title)), zhTerms: c.glossary.Chinese(title)}
	for _, cand := range c.domestic {
		s := Suggestion{}
		c.titleEvidence(&s, text, cand)
		if s.Score >= minimumFit {
			s.Number, s.TitleZh, s.TitleEn = cand.std.Number, cand.std.TitleZh, cand.std.TitleEn
			add(s)
		}
	}
	out := make([]Suggestion, 0, len(best))
	for _, s := range best {
		out = append(out, *s)
	}
	sortSuggestions(out)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

func sortSuggestions(out []Suggestion) {
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Number < out[j].Number
	})
}

// score weighs the evidence that domestic corresponds to foreign.
func (c *Corpus) score(foreign, domestic *entry, rankingDomestic bool) Suggestion {
	var s Suggestion
	add := func(kind, detail string, w float64, args ...string) {
		s.Evidence = append(s.Evidence, Evidence{Kind: kind, Detail: detail, Weight: w, Args: args})
		s.Score += w
	}
	if a, ok := c.adopts(domestic.std, foreign.num); ok {
		s.Degree = a.Degree
		add("adoption", fmt.Sprintf("%s adopts %s (%s)", domestic.std.Number, a.Number, orDash(string(a.Degree))), wAdoption,
			domestic.std.Number, a.Number, orDash(string(a.Degree)))
	} else if other, a, ok := c.seriesAdopts(domestic, foreign.num); ok {
		// Another edition of this GB standard adopts another edition of
		// the foreign one: the series correspond; which editions do is
		// left to their dates.
		add("adoption", fmt.Sprintf("%s adopts %s (%s)", other, a.Number, orDash(string(a.Degree))), wSeries,
			other, a.Number, orDash(string(a.Degree)))
	}
	for _, m := range c.mappings[foreign.undated] {
		mn, err := c.number(m.Domestic)
		if err != nil || seriesKey(mn) != seriesKey(domestic.num) || m.Status == kb.MappingRejected {
			continue
		}
		mf, _ := c.number(m.Foreign)
		w := wMapping
		if m.Status != kb.MappingApproved {
			w = wProposed
		}
		if !sameEdition(mf, foreign.num) || !sameEdition(mn, domestic.num) {
			w = min(w, wSeries) // a mapping of other editions speaks for the series
		} else if s.Degree == "" {
			s.Degree = m.Degree // its degree, though, is only these editions'
		}
		add("mapping", fmt.Sprintf("%s ~ %s (%s, %s)", m.Foreign, m.Domestic, orDash(string(m.Degree)), m.Status), w,
			m.Foreign, m.Domestic, orDash(string(m.Degree)), string(m.Status))
		break
	}
	if echoes(domestic.num, foreign.num) {
		add("number", fmt.Sprintf("%s carries the number of %s", domestic.undated, foreign.undated), wNumber)
	}
	if code, w := sharedICS(foreign.std.ICS, domestic.std.ICS); w > 0 {
		add("ics", "ICS "+code, wICS*w, code)
	}
	c.titleEvidence(&s, foreign, domestic)
	if s.Score > 0 {
		if detail, w := editionFit(foreign.num, domestic.num); w != 0 {
			add("edition", detail, w)
		}
		if rankingDomestic && domestic.num.IsNational() {
			add("national", "national standard", wNational)
		}
	}
	return s
}

// sameEdition reports whether two numbers name the same edition; an
// undated number names any.
func sameEdition(a, b kb.StdNumber) bool {
	return a.Undated() == b.Undated() && (a.Year == "" || b.Year == "" || a.String() == b.String())
}

// adopts reports whether std adopts n: the same edition, or n undated.
func (c *Corpus) adopts(std *kb.Standard, n kb.StdNumber) (kb.Adoption, bool) {
	for _, a := range std.Adopts {
		an, err := c.number(a.Number)
		if err != nil || an.Undated() != n.Undated() {
			continue
		}
		if sameEdition(an, n) {
			return a, true
		}
	}
	return kb.Adoption{}, false
}

// seriesAdopts looks for an edition of d's standard that adopts any
// edition of n.
func (c *Corpus) seriesAdopts(d *entry, n kb.StdNumber) (string, kb.Adoption, bool) {
	undated, _ := c.number(n.Undated())
	for _, e := range c.series[seriesKey(d.num)] {
		if a, ok := c.adopts(e.std, undated); ok {
			return e.std.Number, a, true
		}
	}
	return "", kb.Adoption{}, false
}

// seriesKey groups the editions of a standard. National standards keep
// their number when they change from mandatory GB to recommended GB/T,
// as many did in the 2017 reform, so GB 19865 and GB/T 19865 are one
// series.
func seriesKey(n kb.StdNumber) string {
	if n.IsNational() {
		return "GB " + strings.TrimPrefix(n.Undated(), n.Publisher+" ")
	}
	return n.Undated()
}

// editionFit weighs the years: a GB edition older than the foreign
// edition cannot adopt it; among later ones, the nearest is likeliest,
// since adoption usually follows within a few years.
func editionFit(foreign, domestic kb.StdNumber) (string, float64) {
	fy, dy := atoi(foreign.Year), atoi(domestic.Year)
	if fy == 0 || dy == 0 {
		return "", 0
	}
	if dy < fy {
		return fmt.Sprintf("%d edition predates %d", dy, fy), -wEdition * 2
	}
	return fmt.Sprintf("%d edition, %d years after %d", dy, dy-fy, fy), wEdition / (1 + float64(dy-fy)/4)
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// titleEvidence compares the titles: English with English, and the
// foreign title's glossary terms with the domestic Chinese title.
func (c *Corpus) titleEvidence(s *Suggestion, foreign, domestic *entry) {
	if sim := cosine(foreign.vec, domestic.vec); sim > 0.05 {
		w := wTitle * sim
		s.Evidence = append(s.Evidence, Evidence{Kind: "title", Detail: fmt.Sprintf("English titles %.0f%% alike", sim*100), Weight: w})
		s.Score += w
	}
	if len(foreign.zhTerms) > 0 && domestic.std.TitleZh != "" {
		var hit []string
		var got, all float64
		for _, t := range foreign.zhTerms {
			w := c.zhWeight(t)
			all += w
			if strings.Contains(domestic.std.TitleZh, t) {
				hit = append(hit, t)
				got += w
			}
		}
		if got > 0 {
			w := wTitleZh * got / all
			s.Evidence = append(s.Evidence, Evidence{Kind: "title_zh", Detail: "中文标题含 " + strings.Join(hit, "、"), Weight: w})
			s.Score += w
		}
	}
}

// zhWeight is a Chinese term's inverse document frequency over the
// domestic titles: 安全 or 标准 in a title says little, 电磁兼容 much.
func (c *Corpus) zhWeight(term string) float64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if w, ok := c.zhIDF[term]; ok {
		return w
	}
	df := 0
	for _, e := range c.domestic {
		if strings.Contains(e.std.TitleZh, term) {
			df++
		}
	}
	w := math.Log(1 + float64(len(c.domestic)+1)/float64(df+1))
	c.zhIDF[term] = w
	return w
}

// echoes reports whether a GB number carries the foreign one, as
// GB/T 19001 does ISO 9001 and GB/T 24001 ISO 14001: the same digits,
// or the foreign digits after a leading 1 or 2, and the same part.
func echoes(domestic, foreign kb.StdNumber) bool {
	d, f := domestic.Number, foreign.Number
	if len(f) < 4 { // shorter numbers coincide too often
		return false
	}
	dParts := strings.SplitN(d, ".", 2)
	core := dParts[0]
	if core != f && !(len(core) == len(f)+1 && strings.HasSuffix(core, f)) {
		if !(len(core) == len(f) && core[1:] == f[1:] && len(f) == 5) { // GB/T 24001 ~ ISO 14001
			return false
		}
	}
	dPart := ""
	if len(dParts) == 2 {
		dPart = dParts[1]
	}
	if domestic.Part != "" {
		dPart = domestic.Part
	}
	return dPart == foreign.Part
}

// sharedICS returns the most specific ICS code two lists share and how
// much it says: a subgroup 1, a group 0.6, a field 0.2.
func sharedICS(a, b []string) (string, float64) {
	best, bestW := "", 0.0
	for _, x := range a {
		for _, y := range b {
			var w float64
			var code string
			switch {
			case x == y:
				w, code = 1, x
			case len(x) >= 6 && len(y) >= 6 && x[:6] == y[:6]:
				w, code = 0.6, x[:6]
			case len(x) >= 2 && len(y) >= 2 && x[:2] == y[:2]:
				w, code = 0.2, x[:2]
			}
			if w > bestW {
				best, bestW = code, w
			}
		}
	}
	return best, bestW
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
