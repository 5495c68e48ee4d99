package bench

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/stdbridge/stdbridge/kb"
)

// Generate returns a synthetic corpus of n records, half WTO notifications
// and half standards, the same for the same seed. Records are made one
// series at a time (a notification and its addenda, or the editions of one
// standard), so memory stays flat however large n is. Every record is
// normalised; a record that fails Normalize is a bug in the generator and
// panics.
func Generate(n int, seed int64) iter.Seq[kb.Record] {
	return func(yield func(kb.Record) bool) {
		g := newGenerator(n, seed)
		for g.emitted < n {
			for _, r := range g.unit() {
				if g.emitted == n {
					return
				}
				if err := r.Normalize(); err != nil {
					panic(fmt.Sprintf("bench: generated an invalid %s %s: %v", r.Kind(), r.Key(), err))
				}
				g.emitted++
				if !yield(r) {
					return
				}
			}
		}
	}
}

// Source adapts a sequence that cannot fail to the Docs of a Config.
func Source(seq iter.Seq[kb.Record]) iter.Seq2[kb.Record, error] {
	return func(yield func(kb.Record, error) bool) {
		for r := range seq {
			if !yield(r, nil) {
				return
			}
		}
	}
}

var (
	corpusStart = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	corpusEnd   = time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	// refDate decides which GB standards are still upcoming; fixed so the
	// corpus does not change with the day it is generated.
	refDate = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
)

type generator struct {
	n, emitted   int
	notifs, stds int
	rng          *rand.Rand
	memberCum    []int
	familyCum    []int
	fams         []family
	tbtProducts  []*product
	spsProducts  []*product
	intlRefs     []string
	nextSymbol   map[string]int // "TBT/USA" → next number
	counters     map[string]int // standard prefix → next free number
	series       map[seriesKey]*seriesState
	docNumbers   map[int]int // year → next WTO document number
}

type seriesKey struct {
	family int
	prefix string
}

// seriesState walks a family's items for one publisher; after the first
// pass (real numbers) each pass gets freshly allocated numbers.
type seriesState struct {
	cursor    int
	base      string // allocated base number of a part family's current pass
	baseCycle int
}

func newGenerator(n int, seed int64) *generator {
	g := &generator{
		n:          n,
		rng:        rand.New(rand.NewPCG(uint64(seed), 0x5eedbe4c)),
		nextSymbol: map[string]int{},
		counters:   map[string]int{},
		series:     map[seriesKey]*seriesState{},
		docNumbers: map[int]int{},
	}
	for i := range products {
		if products[i].sps {
			g.spsProducts = append(g.spsProducts, &products[i])
		} else {
			g.tbtProducts = append(g.tbtProducts, &products[i])
		}
	}
	total := 0
	for _, m := range members {
		total += m.weight
		g.memberCum = append(g.memberCum, total)
	}
	g.fams = append([]family(nil), families...)
	total = 0
	for i := range g.fams {
		f := &g.fams[i]
		if len(f.items) == 0 {
			f.items = combineItems(f)
			g.rng.Shuffle(len(f.items), func(a, b int) { f.items[a], f.items[b] = f.items[b], f.items[a] })
		}
		total += f.weight
		g.familyCum = append(g.familyCum, total)
		g.intlRefs = append(g.intlRefs, familyRefs(f)...)
	}
	for p, start := range counterStart {
		g.counters[p] = start
	}
	return g
}

// combineItems builds the items of the families whose titles are
// combinations of short lists.
func combineItems(f *family) []item {
	var out []item
	if strings.HasPrefix(f.zh, "水质") {
		for _, a := range waterAnalytes {
			for _, m := range waterMethods {
				out = append(out, item{zh: a.zh + "的测定 " + m.zh, en: "Determination of " + a.en + " — " + m.en})
			}
		}
		return out
	}
	for _, m := range goodsMaterials {
		for _, a := range goodsArticles {
			for _, asp := range goodsAspects {
				out = append(out, item{zh: m.zh + a.zh + " " + asp.zh, en: m.en + " " + a.en + " — " + asp.en})
			}
		}
	}
	for _, a := range childArticles {
		for _, asp := range childAspects {
			out = append(out, item{zh: a.zh + " " + asp.zh, en: a.en + " — " + asp.en})
		}
	}
	return out
}

// familyRefs lists the undated international numbers of a family, which
// notifications cite.
func familyRefs(f *family) []string {
	if len(f.intl) == 0 {
		return nil
	}
	var out []string
	for _, it := range f.items {
		if ref := intlAnchor(f, it); ref != "" {
			out = append(out, ref)
		}
	}
	return out
}

// intlAnchor is the real international number of an item under the
// family's first international publisher, or "".
func intlAnchor(f *family, it item) string {
	switch {
	case len(f.intl) == 0:
		return ""
	case len(f.intlBase) > 0:
		return f.intl[0] + " " + f.intlBase[0] + fmt.Sprintf(f.intlPart, it.part)
	case strings.Contains(it.intl, " "):
		return it.intl
	case it.intl != "":
		return f.intl[0] + " " + it.intl
	}
	return ""
}

// unit makes the next series, keeping notifications and standards even.
func (g *generator) unit() []kb.Record {
	if g.notifs <= g.stds {
		recs := g.notificationThread()
		g.notifs += len(recs)
		return recs
	}
	recs := g.standardSeries()
	g.stds += len(recs)
	return recs
}

func (g *generator) pick(cum []int) int {
	x := g.rng.IntN(cum[len(cum)-1])
	for i, c := range cum {
		if x < c {
			return i
		}
	}
	return len(cum) - 1
}

func (g *generator) chance(percent int) bool { return g.rng.IntN(100) < percent }

func pickOne[T any](g *generator, list []T) T { return list[g.rng.IntN(len(list))] }

// now is the distribution date of the notification being made: the
// corpus runs from 2015 to mid-2026 in order, as the WTO numbers them.
func (g *generator) now() time.Time {
	span := corpusEnd.Sub(corpusStart).Hours() / 24
	frac := 0.0
	if g.n > 0 {
		frac = float64(g.emitted) / float64(g.n)
	}
	d := int(frac*span) + g.rng.IntN(41) - 20
	t := corpusStart.AddDate(0, 0, d)
	if t.Before(corpusStart) {
		t = corpusStart
	}
	return untilEnd(t)
}

// untilEnd keeps follow-up documents of the last notifications inside the
// corpus span.
func untilEnd(t time.Time) time.Time {
	if t.After(corpusEnd) {
		return corpusEnd
	}
	return t
}

func day(t time.Time) kb.Date { return kb.Date(t.Format("2006-01-02")) }

// vars are the values of a template's placeholders.
type vars struct {
	p, s, a, m, std, n string
}

// fill replaces {p}, {s}, {a}, {m}, {std} and {n} in a template.
func fill(tmpl string, v vars) string {
	var b strings.Builder
	b.Grow(len(tmpl) + 32)
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		b.WriteString(tmpl[:i])
		switch tmpl[i+1 : i+j] {
		case "p":
			b.WriteString(v.p)
		case "s":
			b.WriteString(v.s)
		case "a":
			b.WriteString(v.a)
		case "m":
			b.WriteString(v.m)
		case "std":
			b.WriteString(v.std)
		case "n":
			b.WriteString(v.n)
		default:
			b.WriteString(tmpl[i : i+j+1])
		}
		tmpl = tmpl[i+j+1:]
	}
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// subject picks what a notification is about besides its product.
func (g *generator) subject(kind subjectKind, p *product) term {
	animal := p.hs[0] < "06" // HS chapters 01–05 are animals and animal products
	switch kind {
	case subjChemical:
		return pickOne(g, tbtChemicals)
	case subjAspect:
		return pickOne(g, tbtAspects)
	case subjPesticide:
		return pickOne(g, pesticides)
	case subjDisease:
		if animal {
			return pickOne(g, animalDiseases)
		}
		return pickOne(g, plantPests)
	case subjContaminant:
		return pickOne(g, contaminants)
	case subjAdditive:
		return pickOne(g, additives)
	}
	if !p.sps {
		if g.chance(50) {
			return pickOne(g, tbtChemicals)
		}
		return pickOne(g, tbtAspects)
	}
	if animal {
		return pickOne(g, animalDiseases)
	}
	return pickOne(g, pesticides)
}

func (g *generator) notificationThread() []kb.Record {
	m := &members[g.pick(g.memberCum)]
	area, sps := kb.AreaTBT, g.chance(38)
	prods, titles, sentences, objectives, start := g.tbtProducts, tbtTitles, tbtSentences, tbtObjectives, m.tbtStart
	if sps {
		area, prods, titles, sentences, objectives, start = kb.AreaSPS, g.spsProducts, spsTitles, spsSentences, spsObjectives, m.spsStart
	}
	key := string(area) + "/" + m.code
	num, ok := g.nextSymbol[key]
	if !ok {
		num = start
	}
	g.nextSymbol[key] = num + 1
	p := pickOne(g, prods)
	tmpl := pickOne(g, titles)
	subj := g.subject(tmpl.subj, p)
	dist := g.now()
	v := vars{p: p.en, s: subj.en, a: pickOne(g, m.agencies), m: m.name, n: strconv.Itoa(3 + 3*g.rng.IntN(8))}
	if sps {
		v.std = pickOne(g, []string{"the relevant Codex standard", "the WOAH Terrestrial Animal Health Code", "ISPM 15", "Codex maximum residue limits"})
	} else {
		v.std = pickOne(g, g.intlRefs)
	}
	root := &kb.Notification{
		Symbol:                 fmt.Sprintf("G/%s/N/%s/%d", area, m.code, num),
		Member:                 m.code,
		Area:                   area,
		Agency:                 v.a,
		Distributed:            day(dist),
		CommentDeadline:        day(dist.AddDate(0, 0, 60)),
		ProposedAdoption:       pickOne(g, []string{"To be determined", "Upon publication", string(day(dist.AddDate(0, 3+g.rng.IntN(6), 0)))}),
		ProposedEntryIntoForce: pickOne(g, entryIntoForce),
		Title:                  fill(tmpl.en, v),
		Description:            g.description(sentences, 2+g.rng.IntN(3), v),
		Products:               capitalize(p.en) + " (HS " + strings.Join(p.hs, ", ") + ")",
		HS:                     p.hs,
		ICS:                    p.ics,
		Objectives:             []string{pickOne(g, objectives)},
		Keywords:               []string{p.en, subj.en},
		RegionsAffected:        []string{pickOne(g, regionsAffected)},
	}
	if g.chance(50) {
		root.TitleZh = fill(tmpl.zh, vars{p: p.zh, s: subj.zh})
	}
	if g.chance(30) {
		root.Objectives = append(root.Objectives, pickOne(g, objectives))
	}
	if sps && g.chance(6) {
		root.Type = kb.TypeEmergency
	}
	if !sps && g.chance(35) {
		root.InternationalStandards = []string{v.std}
	} else if sps && g.chance(40) {
		root.InternationalStandards = []string{pickOne(g, []string{"Codex Alimentarius Commission", "World Organisation for Animal Health (WOAH)", "International Plant Protection Convention (IPPC)"})}
	}
	if g.chance(50) {
		root.Documents = []string{g.attachment(dist, area, m.code)}
	}
	recs := []kb.Record{root}
	follow := func(suffix string, sentences []string, d time.Time) *kb.Notification {
		return &kb.Notification{
			Symbol:      root.Symbol + suffix,
			Member:      m.code,
			Area:        area,
			Agency:      root.Agency,
			Distributed: day(d),
			Title:       root.Title,
			TitleZh:     root.TitleZh,
			Description: g.description(sentences, 1+g.rng.IntN(2), v),
			Products:    root.Products,
			HS:          root.HS,
		}
	}
	d := dist
	addenda := 0
	switch x := g.rng.IntN(100); {
	case x < 4:
		addenda = 3
	case x < 13:
		addenda = 2
	case x < 35:
		addenda = 1
	}
	for k := 1; k <= addenda; k++ {
		d = untilEnd(d.AddDate(0, 0, 30+g.rng.IntN(300)))
		recs = append(recs, follow(fmt.Sprintf("/Add.%d", k), addendumSentences, d))
	}
	if g.chance(3) {
		recs = append(recs, follow("/Corr.1", corrigendumSentences, untilEnd(dist.AddDate(0, 0, 5+g.rng.IntN(20)))))
	}
	if g.chance(2) {
		rev := *root
		rev.Symbol = root.Symbol + "/Rev.1"
		rev.Type = ""
		rd := untilEnd(dist.AddDate(0, 4+g.rng.IntN(12), 0))
		rev.Distributed, rev.CommentDeadline = day(rd), day(rd.AddDate(0, 0, 60))
		rev.Description = "This revision replaces the original notification in its entirety. " + g.description(sentences, 2, v)
		rev.Documents = nil
		recs = append(recs, &rev)
	}
	return recs
}

// description joins k distinct sentences.
func (g *generator) description(sentences []string, k int, v vars) string {
	if k > len(sentences) {
		k = len(sentences)
	}
	idx := g.rng.Perm(len(sentences))[:k]
	parts := make([]string, k)
	for i, j := range idx {
		parts[i] = fill(sentences[j], v)
	}
	return strings.Join(parts, " ")
}

// attachment is a notified-document link in the WTO's naming, which
// carries the document number.
func (g *generator) attachment(d time.Time, area kb.Area, member string) string {
	y := d.Year()
	g.docNumbers[y]++
	return fmt.Sprintf("https://members.wto.org/crnattachments/%d/%s/%s/%02d_%05d_00_e.pdf", y, area, member, y%100, g.docNumbers[y])
}

func (g *generator) standardSeries() []kb.Record {
	fi := g.pick(g.familyCum)
	f := &g.fams[fi]
	// Pick the publisher: the Chinese one half the time when there is one.
	prefix, intlIdx := f.gb, -1
	if len(f.intl) > 0 && (f.gb == "" || g.chance(50)) {
		intlIdx = g.rng.IntN(len(f.intl))
		prefix = f.intl[intlIdx]
	}
	st := g.series[seriesKey{fi, prefix}]
	if st == nil {
		st = &seriesState{baseCycle: -1}
		g.series[seriesKey{fi, prefix}] = st
	}
	idx, cycle := st.cursor%len(f.items), st.cursor/len(f.items)
	st.cursor++
	it := f.items[idx]
	number := g.standardNumber(f, st, prefix, intlIdx, it, cycle)

	v := vars{s: it.zh, n: strconv.Itoa(it.part)}
	titleZh := fill(f.zh, v)
	v.s = it.en
	titleEn := fill(f.en, v)
	cn := intlIdx < 0
	if !cn || !g.chance(60) {
		if cn {
			titleEn = ""
		} else {
			titleZh = ""
		}
	}
	var scope string
	if g.chance(35) {
		if cn {
			scope = fill(pickOne(g, gbScopes), vars{s: it.zh})
		} else {
			scope = fill(pickOne(g, intlScopes), vars{s: it.en})
		}
	}
	var adopt string // the international standard a GB one adopts, undated
	if cn && cycle == 0 && g.chance(55) {
		adopt = intlAnchor(f, it)
	}

	editions := 1
	if g.chance(45) {
		editions++
		if g.chance(33) {
			editions++
		}
	}
	years := make([]int, editions)
	years[editions-1] = 1998 + max(g.rng.IntN(29), g.rng.IntN(29)) // recent years are likelier
	for e := editions - 2; e >= 0; e-- {
		years[e] = max(1985, years[e+1]-4-g.rng.IntN(7))
	}
	sep := ":"
	if cn {
		sep = "-"
	}
	keys := make([]string, editions)
	for e, y := range years {
		keys[e] = number + sep + strconv.Itoa(y)
	}
	if editions > 1 && years[0] == years[1] {
		editions, years, keys = 1, years[1:], keys[1:] // clamped to 1985 twice
	}

	recs := make([]kb.Record, 0, editions+1)
	var stds []*kb.Standard
	for e, y := range years {
		issued := time.Date(y, time.Month(1+g.rng.IntN(12)), 1+g.rng.IntN(28), 0, 0, 0, 0, time.UTC)
		s := &kb.Standard{
			Number:  keys[e],
			TitleZh: titleZh,
			TitleEn: titleEn,
			ICS:     f.ics,
			Issued:  day(issued),
			Scope:   scope,
			Status:  kb.StatusCurrent,
		}
		if cn {
			s.CCS = []string{f.ccs}
			impl := issued.AddDate(0, 6+g.rng.IntN(7), 0)
			s.Implemented = day(impl)
			if impl.After(refDate) {
				s.Status = kb.StatusUpcoming
			}
			if adopt != "" {
				iy := max(1985, y-g.rng.IntN(4))
				deg := kb.DegreeMOD
				switch x := g.rng.IntN(100); {
				case x < 45:
					deg = kb.DegreeIDT
				case x >= 85:
					deg = kb.DegreeNEQ
				}
				s.Adopts = []kb.Adoption{{Number: adopt + ":" + strconv.Itoa(iy), Degree: deg}}
			}
		}
		if e > 0 {
			s.Replaces = []string{keys[e-1]}
			prev := stds[e-1]
			prev.ReplacedBy = []string{s.Number}
			prev.WithdrawnOn = s.Implemented
			if prev.WithdrawnOn == "" {
				prev.WithdrawnOn = s.Issued
			}
			if !prev.WithdrawnOn.Time().After(refDate) {
				prev.Status = kb.StatusWithdrawn
			}
		}
		stds = append(stds, s)
		recs = append(recs, s)
	}
	last := stds[len(stds)-1]
	if !cn && g.chance(5) {
		last.Status = kb.StatusWithdrawn
	}
	if g.chance(4) && years[len(years)-1] <= 2023 {
		recs = append(recs, g.amendment(last, prefix, years[len(years)-1]))
	}
	return recs
}

// amendment makes the first amendment of s as its own record, as
// catalogues list it.
func (g *generator) amendment(s *kb.Standard, prefix string, year int) *kb.Standard {
	y := strconv.Itoa(year + 1 + g.rng.IntN(3))
	var suffix string
	switch prefix {
	case "GB", "GB/T":
		suffix = "/XG1-" + y
	case "IEC":
		suffix = "/AMD1:" + y
	case "EN", "EN IEC":
		suffix = "+A1:" + y
	default:
		suffix = "/Amd 1:" + y
	}
	a := *s
	a.Number = s.Number + suffix
	a.Issued = kb.Date(y + "-0" + strconv.Itoa(1+g.rng.IntN(9)) + "-15")
	a.Implemented = ""
	a.Replaces, a.ReplacedBy, a.Adopts = nil, nil, nil
	if a.TitleEn != "" {
		a.TitleEn += " — Amendment 1"
	}
	if a.TitleZh != "" {
		a.TitleZh += " 第1号修改单"
	}
	return &a
}

// standardNumber is the undated number of an item: its real one on the
// first pass through a family, a freshly allocated one afterwards.
func (g *generator) standardNumber(f *family, st *seriesState, prefix string, intlIdx int, it item, cycle int) string {
	partFmt, base := f.gbPart, f.gbBase
	if intlIdx >= 0 {
		partFmt, base = f.intlPart, ""
		if len(f.intlBase) > 0 {
			base = f.intlBase[intlIdx]
		}
	}
	if base != "" { // a family of parts
		if cycle > 0 {
			if st.baseCycle != cycle {
				st.base, st.baseCycle = g.allocate(prefix), cycle
			}
			base = st.base
		}
		return prefix + " " + base + fmt.Sprintf(partFmt, it.part)
	}
	if cycle == 0 {
		switch {
		case intlIdx < 0 && it.gb != "":
			return prefix + " " + it.gb
		case intlIdx == 0 && strings.Contains(it.intl, " "):
			return it.intl
		case intlIdx == 0 && it.intl != "":
			return prefix + " " + it.intl
		}
	}
	return prefix + " " + g.allocate(prefix)
}

func (g *generator) allocate(prefix string) string {
	n := g.counters[prefix]
	if n == 0 {
		panic("bench: no number counter for " + prefix)
	}
	g.counters[prefix] = n + 1 + g.rng.IntN(3)
	return strconv.Itoa(n)
}
