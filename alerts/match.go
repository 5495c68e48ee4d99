package alerts

import (
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/stdbridge/stdbridge/kb"
)

// Matcher finds the subscriptions a notification matches. It is built once
// from all subscriptions and is read-only afterwards, so Match may be called
// from many goroutines at once.
//
// Design. Every subscription is put in the index under ONE kind of its
// conditions: the one a notification is least likely to satisfy, by a
// fixed estimate (cost below: a followed chain is rarer than a 6-digit HS
// code, which is rarer than a keyword, a member, an objective, a type, an
// area). It is posted under each value of that kind, since the values are
// alternatives: a notification that satisfies none of them cannot match.
// Match collects the notification's keys of every kind (member, area,
// type, every HS and ICS level, objectives, text terms, chain root), reads
// their posting lists, de-duplicates the candidates and verifies each
// against its whole subscription. Candidates are thus only subscriptions
// whose most selective condition already holds; nothing loops over all
// subscriptions.
//
// HS and ICS codes match when one is a prefix of the other: a subscription
// for 8516 matches a notification on 8516.60, and one for 851660 matches a
// notification on the whole heading 8516, since that covers it too. The
// index serves both ways: a subscription code is posted under itself
// ("exact") and under each of its shorter levels ("below"); a notification
// code looks up "exact" at each of its levels and "below" at itself.
type Matcher struct {
	fold    Folder
	subs    []compiled       // sorted by ID, so candidates in index order give sorted IDs
	hot     []hot            // hot[i] summarises subs[i]: see hot
	ids     []int64          // ids[i] is subs[i].id
	members map[string]int32 // member code → small number, for compiled.members
	termIDs map[string]int32 // every term of a keyword or exclusion → small number
	scratch sync.Pool        // *scratch: one Match's working memory

	member, area, typ, objective, term, root postings
	hsExact, hsBelow, icsExact, icsBelow     postings
}

// hot is what a candidate is first checked against: a few bytes per
// subscription in an array of its own, which stays in the CPU's caches,
// whereas compiled entries are large and visited in no cache-friendly
// order (a miss each cost more than the rest of the check). Most
// candidates are rejected, or decided, here.
type hot struct {
	areas, types uint8
	flags        uint8  // hotMembers, hotDecided
	members      uint64 // with hotMembers: bit n set for member number n (all < 64)
}

const (
	hotMembers = 1 << iota // members is exact: the member condition is checked here
	hotDecided             // nothing is left to check beyond areas, types, members and the indexed kind
)

// postings maps a key to the subscriptions (indices into subs) indexed
// under it.
type postings map[string][]int32

// compiled is a normalised subscription in the form verification wants,
// kept small: Match visits thousands of them in no cache-friendly order.
type compiled struct {
	id         int64
	indexed    kind    // the kind it is posted under, which a candidate already satisfies
	areas      uint8   // bit set of areaBits; 0: any
	types      uint8   // bit set of typeBits; 0: any
	members    []int32 // Matcher.members numbers
	hs, ics    []string
	objectives []string  // folded
	keywords   [][]int32 // Matcher.termIDs of each keyword's terms
	exclude    [][]int32
	roots      []string         // root symbols of the followed chains
	src        *kb.Subscription // normalised; for choosing the index kind
}

// NewMatcher indexes the subscriptions. Each is normalised (a copy: subs is
// not changed); one that fails Normalize is left out and never matches, so
// callers should validate subscriptions when they are saved. fold nil means
// plain lower-casing (see Terms of plainFolder).
func NewMatcher(subs []kb.Subscription, fold Folder) *Matcher {
	if fold == nil {
		fold = plainFolder{}
	}
	m := &Matcher{fold: fold, members: map[string]int32{}, termIDs: map[string]int32{}}
	for _, s := range subs {
		s = clone(s)
		if s.Normalize() != nil {
			continue
		}
		if c, ok := m.compile(&s); ok { // s escapes: c.src
			m.subs = append(m.subs, c)
		}
	}
	slices.SortStableFunc(m.subs, func(a, b compiled) int { return cmpInt64(a.id, b.id) })
	m.member, m.area, m.typ, m.objective, m.term, m.root = postings{}, postings{}, postings{}, postings{}, postings{}, postings{}
	m.hsExact, m.hsBelow, m.icsExact, m.icsBelow = postings{}, postings{}, postings{}, postings{}
	m.hot, m.ids = make([]hot, len(m.subs)), make([]int64, len(m.subs))
	for i := range m.subs {
		m.post(int32(i))
		m.subs[i].src = nil
		m.hot[i], m.ids[i] = m.subs[i].summary(), m.subs[i].id
	}
	nsubs, nterms := len(m.subs), len(m.termIDs)
	m.scratch.New = func() any {
		return &scratch{cand: make([]uint64, (nsubs+63)/64), seen: make([]uint32, nterms)}
	}
	return m
}

// scratch is one Match's working memory, reused through a pool.
type scratch struct {
	cand  []uint64 // bit set of candidates, by index in Matcher.subs; cleared after use
	seen  []uint32 // seen[term] == epoch: the term occurs in the notification
	epoch uint32
	ids   []int64
}

var areaBits = map[kb.Area]uint8{kb.AreaTBT: 1, kb.AreaSPS: 2, kb.AreaTRIS: 4}

var typeBits = map[kb.NotificationType]uint8{
	kb.TypeRegular: 1, kb.TypeAddendum: 2, kb.TypeCorrigendum: 4,
	kb.TypeRevision: 8, kb.TypeSupplement: 16, kb.TypeEmergency: 32,
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// clone copies the slices Normalize rewrites, so the caller's are untouched.
func clone(s kb.Subscription) kb.Subscription {
	s.Members, s.Areas, s.Types = slices.Clone(s.Members), slices.Clone(s.Areas), slices.Clone(s.Types)
	s.HS, s.ICS, s.Objectives = slices.Clone(s.HS), slices.Clone(s.ICS), slices.Clone(s.Objectives)
	s.Keywords, s.Exclude, s.Follow = slices.Clone(s.Keywords), slices.Clone(s.Exclude), slices.Clone(s.Follow)
	return s
}

// compile folds a normalised subscription. It reports false for one that can
// never match: all its keywords fold to nothing.
func (m *Matcher) compile(s *kb.Subscription) (compiled, bool) {
	fold := m.fold
	c := compiled{id: s.ID, hs: s.HS, ics: s.ICS, src: s}
	for _, v := range s.Members {
		n, ok := m.members[v]
		if !ok {
			n = int32(len(m.members))
			m.members[v] = n
		}
		c.members = append(c.members, n)
	}
	for _, v := range s.Areas {
		c.areas |= areaBits[v]
	}
	for _, v := range s.Types {
		c.types |= typeBits[v]
	}
	for _, o := range s.Objectives {
		c.objectives = append(c.objectives, foldLabel(o))
	}
	phrases := func(ps []string) [][]int32 {
		var out [][]int32
		for _, p := range ps {
			terms := fold.Terms(p)
			if len(terms) == 0 {
				continue // never occurs: see termSet.hasAll
			}
			ids := make([]int32, len(terms))
			for i, t := range terms {
				id, ok := m.termIDs[t]
				if !ok {
					id = int32(len(m.termIDs))
					m.termIDs[t] = id
				}
				ids[i] = id
			}
			out = append(out, ids)
		}
		return out
	}
	c.keywords, c.exclude = phrases(s.Keywords), phrases(s.Exclude)
	if len(s.Keywords) > 0 && len(c.keywords) == 0 {
		return c, false
	}
	for _, f := range s.Follow {
		sym, _ := kb.ParseSymbol(f) // normalised: parses
		c.roots = append(c.roots, sym.Root().String())
	}
	return c, true
}

// Estimated chance that a notification satisfies one value of a kind; a
// subscription is indexed under the kind with the least total.
const (
	costFollow    = 0.0005
	costCode2     = 0.03 // HS chapter, ICS field
	costCode4     = 0.006
	costCode6     = 0.003 // and longer
	costKeyword   = 0.01
	costMember    = 0.04
	costObjective = 0.15
	costType      = 0.2 // regular is more common, see typeCost
	costArea      = 0.5
)

// kind identifies a condition kind for indexing.
type kind int

const (
	kindNone kind = iota
	kindFollow
	kindHS
	kindICS
	kindKeyword
	kindMember
	kindObjective
	kindType
	kindArea
)

// bestKind picks the kind with the lowest estimated cost.
func (c *compiled) bestKind() kind {
	best, bestCost := kindNone, 0.0
	try := func(k kind, n int, cost func(i int) float64) {
		if n == 0 {
			return
		}
		total := 0.0
		for i := range n {
			total += cost(i)
		}
		if best == kindNone || total < bestCost {
			best, bestCost = k, total
		}
	}
	try(kindFollow, len(c.roots), func(int) float64 { return costFollow })
	try(kindHS, len(c.hs), func(i int) float64 { return hsCost(len(c.hs[i])) })
	try(kindICS, len(c.ics), func(i int) float64 { return icsCost(len(c.ics[i])) })
	try(kindKeyword, len(c.keywords), func(int) float64 { return costKeyword })
	try(kindMember, len(c.members), func(int) float64 { return costMember })
	try(kindObjective, len(c.objectives), func(int) float64 { return costObjective })
	try(kindType, len(c.src.Types), func(i int) float64 {
		if c.src.Types[i] == kb.TypeRegular {
			return 0.6
		}
		return costType
	})
	try(kindArea, len(c.src.Areas), func(int) float64 { return costArea })
	return best
}

func hsCost(digits int) float64 {
	switch {
	case digits <= 2:
		return costCode2
	case digits <= 4:
		return costCode4
	}
	return costCode6
}

// icsCost takes the length of a dotted code: 2 (field), 6 (group), 9.
func icsCost(n int) float64 {
	switch {
	case n <= 2:
		return costCode2
	case n <= 6:
		return costCode4
	}
	return costCode6
}

// post adds subscription i to the posting lists of its chosen kind.
func (m *Matcher) post(i int32) {
	c := &m.subs[i]
	add := func(p postings, key string) { p[key] = append(p[key], i) }
	c.indexed = c.bestKind()
	switch c.indexed {
	case kindFollow:
		for _, r := range c.roots {
			add(m.root, r)
		}
	case kindHS:
		for _, h := range c.hs {
			add(m.hsExact, h)
			for n := 2; n < len(h); n += 2 {
				add(m.hsBelow, h[:n])
			}
		}
	case kindICS:
		for _, code := range c.ics {
			add(m.icsExact, code)
			for _, p := range icsLevels(code) {
				if p != code {
					add(m.icsBelow, p)
				}
			}
		}
	case kindKeyword:
		// A keyword occurs only if all its terms do: post it under one of
		// them, the longest, as longer words tend to be rarer.
		for _, k := range c.src.Keywords {
			terms := m.fold.Terms(k)
			if len(terms) == 0 {
				continue
			}
			best := terms[0]
			for _, t := range terms[1:] {
				if utf8.RuneCountInString(t) > utf8.RuneCountInString(best) {
					best = t
				}
			}
			add(m.term, best)
		}
	case kindMember:
		for _, v := range c.src.Members {
			add(m.member, v)
		}
	case kindObjective:
		for _, v := range c.objectives {
			add(m.objective, v)
		}
	case kindType:
		for _, v := range c.src.Types {
			add(m.typ, string(v))
		}
	case kindArea:
		for _, v := range c.src.Areas {
			add(m.area, string(v))
		}
	}
}

// icsLevels lists a canonical ICS code and its ancestors: 97, 97.200, 97.200.50.
func icsLevels(code string) []string {
	out := []string{code[:2]}
	if len(code) >= 6 {
		out = append(out, code[:6])
	}
	if len(code) == 9 {
		out = append(out, code)
	}
	return out
}

// facts is what matching needs of a notification, computed once per Match.
type facts struct {
	member     string
	memberN    int32 // Matcher.members number; -1 if no subscription names it
	area       kb.Area
	areaBit    uint8
	typ        kb.NotificationType
	typeBit    uint8
	root       string // "" without a WTO symbol
	hs, ics    []string
	objectives []string
	terms      termSet
	seen       []uint32 // scratch.seen, marked with epoch for the terms subscriptions use
	epoch      uint32
}

// factsOf reads a notification, falling back on its symbol for member, area
// and type when they are missing (a notification that was not normalised).
// Codes that do not parse are ignored.
func factsOf(n *kb.Notification, fold Folder) facts {
	f := facts{member: n.Member, area: n.Area, typ: n.Type, terms: termSet{}}
	if sym, ok := n.ParsedSymbol(); ok {
		f.root = sym.Root().String()
		if f.member == "" {
			f.member = sym.Member
		}
		if f.area == "" {
			f.area = sym.Area
		}
		if f.typ == "" {
			f.typ = sym.Type()
		}
	}
	for _, h := range n.HS {
		if c, err := kb.ParseHS(h); err == nil {
			f.hs = append(f.hs, c.Digits())
		}
	}
	for _, i := range n.ICS {
		if c, err := kb.ParseICS(i); err == nil {
			f.ics = append(f.ics, string(c))
		}
	}
	for _, o := range n.Objectives {
		f.objectives = append(f.objectives, foldLabel(o))
	}
	for _, s := range []string{n.Title, n.TitleZh, n.Description, n.Products} {
		f.terms.add(fold.Terms(s))
	}
	for _, s := range n.Keywords {
		f.terms.add(fold.Terms(s))
	}
	for _, s := range n.Objectives {
		f.terms.add(fold.Terms(s))
	}
	return f
}

// Match returns the IDs of the subscriptions n matches, sorted.
func (m *Matcher) Match(n *kb.Notification) []int64 {
	f := factsOf(n, m.fold)
	f.memberN = -1
	if v, ok := m.members[f.member]; ok {
		f.memberN = v
	}
	f.areaBit, f.typeBit = areaBits[f.area], typeBits[f.typ]

	sc := m.scratch.Get().(*scratch)
	defer m.scratch.Put(sc)
	sc.epoch++
	if sc.epoch == 0 { // wrapped: old marks could pass for new ones
		clear(sc.seen)
		sc.epoch = 1
	}
	f.seen, f.epoch = sc.seen, sc.epoch
	for t := range f.terms {
		if id, ok := m.termIDs[t]; ok {
			sc.seen[id] = sc.epoch
		}
	}
	cand := sc.cand
	get := func(p postings, key string) {
		for _, i := range p[key] {
			cand[i>>6] |= 1 << (i & 63)
		}
	}
	get(m.member, f.member)
	get(m.area, string(f.area))
	get(m.typ, string(f.typ))
	if f.root != "" {
		get(m.root, f.root)
	}
	for _, h := range f.hs {
		for n := 2; n <= len(h); n += 2 {
			get(m.hsExact, h[:n])
		}
		get(m.hsBelow, h)
	}
	for _, code := range f.ics {
		for _, p := range icsLevels(code) {
			get(m.icsExact, p)
		}
		get(m.icsBelow, code)
	}
	for _, o := range f.objectives {
		get(m.objective, o)
	}
	for t := range f.terms {
		get(m.term, t)
	}

	// Walking the bit set visits candidates in index order, which is ID
	// order, and clears it for the next Match.
	ids := sc.ids[:0]
	for w, word := range cand {
		if word == 0 {
			continue
		}
		cand[w] = 0
		for ; word != 0; word &= word - 1 {
			i := w<<6 | bits.TrailingZeros64(word)
			h := &m.hot[i]
			if !h.passes(&f) || h.flags&hotDecided == 0 && !m.subs[i].matches(&f) {
				continue
			}
			if id := m.ids[i]; len(ids) == 0 || ids[len(ids)-1] != id {
				ids = append(ids, id)
			}
		}
	}
	sc.ids = ids
	if len(ids) == 0 {
		return nil
	}
	return slices.Clone(ids)
}

// summary is the subscription's hot entry; post must have chosen its
// indexed kind.
func (c *compiled) summary() hot {
	h := hot{areas: c.areas, types: c.types}
	exact := true
	for _, n := range c.members {
		if n >= 64 {
			exact = false
			break
		}
		h.members |= 1 << n
	}
	if len(c.members) > 0 && exact {
		h.flags |= hotMembers
	}
	rest := (len(c.members) > 0 && !exact && c.indexed != kindMember) ||
		(len(c.roots) > 0 && c.indexed != kindFollow) ||
		(len(c.hs) > 0 && c.indexed != kindHS) ||
		(len(c.ics) > 0 && c.indexed != kindICS) ||
		(len(c.objectives) > 0 && c.indexed != kindObjective) ||
		len(c.keywords) > 0 || len(c.exclude) > 0
	if !rest {
		h.flags |= hotDecided
	}
	return h
}

// passes checks a candidate's hot entry: false rejects it; true with
// hotDecided set accepts it; otherwise compiled.matches decides.
func (h *hot) passes(f *facts) bool {
	if h.areas != 0 && h.areas&f.areaBit == 0 || h.types != 0 && h.types&f.typeBit == 0 {
		return false
	}
	return h.flags&hotMembers == 0 || f.memberN >= 0 && f.memberN < 64 && h.members&(1<<f.memberN) != 0
}

// matches verifies the subscription's conditions, but for the kind it was
// posted under, which holds for every candidate (except keywords: posted
// under one term each, they must be checked in full).
func (c *compiled) matches(f *facts) bool {
	if c.areas != 0 && c.areas&f.areaBit == 0 {
		return false
	}
	if c.types != 0 && c.types&f.typeBit == 0 {
		return false
	}
	if len(c.members) > 0 && c.indexed != kindMember && !slices.Contains(c.members, f.memberN) {
		return false
	}
	if len(c.roots) > 0 && c.indexed != kindFollow && (f.root == "" || !slices.Contains(c.roots, f.root)) {
		return false
	}
	if len(c.hs) > 0 && c.indexed != kindHS && !overlapAny(c.hs, f.hs) {
		return false
	}
	if len(c.ics) > 0 && c.indexed != kindICS && !overlapAny(c.ics, f.ics) {
		return false
	}
	if len(c.objectives) > 0 && c.indexed != kindObjective && !slices.ContainsFunc(c.objectives, func(o string) bool { return slices.Contains(f.objectives, o) }) {
		return false
	}
	if len(c.keywords) > 0 && !slices.ContainsFunc(c.keywords, f.occurs) {
		return false
	}
	return !slices.ContainsFunc(c.exclude, f.occurs)
}

// occurs reports whether all the terms of a keyword occur in the text
// (compile leaves out keywords without terms).
func (f *facts) occurs(terms []int32) bool {
	for _, t := range terms {
		if f.seen[t] != f.epoch {
			return false
		}
	}
	return true
}

// overlapAny reports whether some code of a is a prefix of some code of b
// or the other way round. Canonical HS digits and dotted ICS codes have
// fixed-width levels, so a string prefix is a level prefix.
func overlapAny(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if strings.HasPrefix(x, y) || strings.HasPrefix(y, x) {
				return true
			}
		}
	}
	return false
}

// MatchAll matches a batch, as an import or crawl produces, on all CPUs
// (GOMAXPROCS goroutines); out[i] is Match(ns[i]).
func (m *Matcher) MatchAll(ns []*kb.Notification) [][]int64 {
	out := make([][]int64, len(ns))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(ns)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(ns); i = int(next.Add(1) - 1) {
				out[i] = m.Match(ns[i])
			}
		})
	}
	wg.Wait()
	return out
}
