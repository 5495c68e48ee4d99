package site

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/mapping"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

// The market requirements page: one product — an HS code, or a name the
// HS table resolves — in one market, with the regulations and standards
// that apply there, the market's recent notifications, the GB
// equivalents and where GB differs, and the guides.

const (
	marketMonths   = 24  // how far back notifications are listed
	marketMaxInput = 100 // characters of the product or the market
)

// newHSTable loads the embedded HS table, which the content package's
// tests check.
func newHSTable() *content.HSTable {
	t, err := content.LoadHSTable()
	if err != nil {
		panic(err) // embedded at build time
	}
	return t
}

// marketRequest is the page's query, white space collapsed.
type marketRequest struct {
	product, market string
}

func marketRequestFrom(r *http.Request) marketRequest {
	q := r.URL.Query()
	return marketRequest{
		product: strings.Join(strings.Fields(q.Get("product")), " "),
		market:  strings.Join(strings.Fields(q.Get("market")), " "),
	}
}

func (s *server) marketPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := langFrom(ctx)
	t := translator(lang)
	v, status, err := s.marketView(ctx, lang, marketRequestFrom(r))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	title := t("market.title")
	if v.Result != nil {
		title = t("market.pageTitle", v.Result.Code, v.Result.Member.Name(lang))
	}
	s.render(w, r, status, templates.MarketPage(s.page(r, title, "market"), v))
}

// marketView answers a query: the form alone, a message (with status 400
// for a query that cannot be read), the headings a name could mean, or
// the result.
func (s *server) marketView(ctx context.Context, lang string, req marketRequest) (templates.MarketView, int, error) {
	t := translator(lang)
	v := templates.MarketView{Product: req.product, Market: req.market}
	stats, err := s.store.Stats(ctx)
	if err != nil {
		return v, 0, fmt.Errorf("market page: stats: %w", err)
	}
	v.Markets = marketOptions(stats.Members, lang)
	if req.product == "" && req.market == "" {
		return v, http.StatusOK, nil
	}
	bad := func(msg string) (templates.MarketView, int, error) {
		v.Message = msg
		return v, http.StatusBadRequest, nil
	}
	if utf8.RuneCountInString(req.product) > marketMaxInput || utf8.RuneCountInString(req.market) > marketMaxInput {
		return bad(t("market.tooLong", marketMaxInput))
	}
	table := s.hs
	var code string
	if req.market != "" {
		if code, err = marketCode(req.market, stats.Members); err != nil {
			return bad(t("market.badMarket", clip(req.market)))
		}
		v.Market = code
	}
	if req.product == "" {
		v.Examples = marketExamples(table, lang, code)
		return bad(t("market.noProduct"))
	}
	prod, err := table.Resolve(req.product)
	if err != nil {
		return bad(t("market.badCode", clip(req.product)))
	}
	switch {
	case len(prod.Headings) == 0 && prod.ByName:
		v.Message = t("market.noMatch", clip(req.product))
		v.Examples = marketExamples(table, lang, code)
		return v, http.StatusOK, nil
	case prod.Code == "":
		v.Message = t("market.ambiguous", clip(req.product))
		for _, h := range prod.Headings {
			v.Choices = append(v.Choices, templates.MarketLink{Code: string(h.Code), Name: h.Name(lang), URL: templates.MarketURL(string(h.Code), code)})
		}
		return v, http.StatusOK, nil
	case code == "":
		return bad(t("market.noMarket"))
	}
	res, err := s.marketResult(ctx, lang, prod, kb.LookupMember(code))
	if err != nil {
		return v, 0, fmt.Errorf("market page for %s in %s: %w", prod.Code, code, err)
	}
	q := templates.MarketQuery(req.product, code)
	res.CSVURL, res.XLSXURL = "/market.csv?"+q, "/market.xlsx?"+q
	v.Result = &res
	return v, http.StatusOK, nil
}

// marketOptions lists the members that have notifications, by code.
func marketOptions(counts map[string]int, lang string) []templates.MarketOption {
	out := make([]templates.MarketOption, 0, len(counts))
	for code, n := range counts {
		if n > 0 && code != "" {
			out = append(out, templates.MarketOption{Code: code, Name: kb.LookupMember(code).Name(lang)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// marketCode reads a market: a WTO member's code or name, one the member
// table knows or the store has notifications of.
func marketCode(raw string, counts map[string]int) (string, error) {
	code, err := kb.MemberCode(raw)
	if err != nil {
		return "", err
	}
	if counts[code] > 0 || slices.ContainsFunc(kb.Members(), func(m kb.Member) bool { return m.Code == code }) {
		return code, nil
	}
	return "", fmt.Errorf("no WTO member %q", code)
}

// marketExamples are products to try, each by a word in lang.
func marketExamples(table *content.HSTable, lang, market string) []templates.MarketLink {
	var out []templates.MarketLink
	for _, c := range []kb.HSCode{"9503", "3304", "8516", "6403", "0902"} {
		for _, h := range table.ForCode(c) {
			if h.Code != c {
				continue
			}
			out = append(out, templates.MarketLink{Code: string(c), Name: wordIn(h.Words, lang), URL: templates.MarketURL(string(c), market)})
		}
	}
	return out
}

// wordIn picks the first word written in lang: Chinese or not.
func wordIn(words []string, lang string) string {
	for _, w := range words {
		if hasHan(w) == (lang != langEn) {
			return w
		}
	}
	return words[0]
}

func hasHan(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}

// marketResult gathers what applies to a resolved product in a market.
func (s *server) marketResult(ctx context.Context, lang string, prod content.Product, member kb.Member) (templates.MarketResult, error) {
	today := s.today()
	since := today.AddDate(0, -marketMonths, 0)
	res := templates.MarketResult{Code: string(prod.Code), ByName: prod.ByName, Member: member, Since: dateOf(since), Months: marketMonths}
	for _, h := range prod.Headings {
		res.Headings = append(res.Headings, templates.MarketLink{Code: string(h.Code), Name: h.Name(lang)})
	}
	ns, err := s.store.Notifications(ctx, store.NotificationFilter{Member: member.Code, DistributedFrom: dateOf(since)})
	if err != nil {
		return res, fmt.Errorf("notifications: %w", err)
	}
	var listed []*kb.Notification
	for _, n := range ns {
		if n.Distributed > dateOf(today) {
			continue // after the day the page is for: a clock set back
		}
		it, ok := marketMatch(n, prod, lang)
		if !ok {
			continue
		}
		it.NotificationItem = s.notificationItem(n, today)
		listed = append(listed, n)
		if it.Open {
			res.Open = append(res.Open, it)
		} else {
			res.Recent = append(res.Recent, it)
		}
	}
	sort.SliceStable(res.Open, func(i, j int) bool { return res.Open[i].DaysLeft < res.Open[j].DaysLeft })
	if res.Regulations, err = s.marketRegulations(ctx, lang, prod.Headings, member.Code, listed); err != nil {
		return res, err
	}
	stds, err := s.marketStandards(ctx, lang, res.Regulations, listed)
	if err != nil {
		return res, err
	}
	res.Standards = stds.list
	if res.Equivalents, err = s.marketEquivalents(ctx, lang, stds); err != nil {
		return res, err
	}
	sources := slices.Clone(stds.foreign)
	for _, g := range res.Regulations {
		sources = append(sources, g.R.ID)
	}
	if res.Differences, err = s.marketDifferences(ctx, sources); err != nil {
		return res, err
	}
	res.Guides = s.marketGuides(lang, member.Code, prod.Headings)
	return res, nil
}

// marketMatch decides whether a notification is about the product: one
// of its HS codes and the product's is a prefix of the other (9503 and
// 9503.00, 95 and 9503); or, for a notification without codes, a word of
// the product's headings is in its title, products or keywords.
func marketMatch(n *kb.Notification, prod content.Product, lang string) (templates.MarketNotification, bool) {
	var it templates.MarketNotification
	want := prod.Code.Digits()
	if len(n.HS) > 0 {
		for _, h := range n.HS {
			d := kb.HSCode(h).Digits()
			if strings.HasPrefix(d, want) || strings.HasPrefix(want, d) {
				it.ByHS = append(it.ByHS, h)
			}
		}
		return it, len(it.ByHS) > 0
	}
	text := content.Fold(strings.Join(append([]string{n.Title, n.TitleZh, n.Products}, n.Keywords...), " | "))
	for _, h := range prod.Headings {
		if w := h.WordIn(text, lang); w != "" {
			it.ByWord = w
			return it, true
		}
	}
	return it, false
}

// marketRegulations lists the market's regulations about the product: a
// word of its headings in their title or summary, or cited by id in a
// listed notification.
func (s *server) marketRegulations(ctx context.Context, lang string, headings []content.HSHeading, member string, listed []*kb.Notification) ([]templates.MarketRegulation, error) {
	texts := make([]string, len(listed))
	for i, n := range listed {
		texts[i] = content.Fold(strings.Join(append([]string{n.Title, n.TitleZh, n.Description}, n.Keywords...), " | "))
	}
	var out []templates.MarketRegulation
	err := s.store.Each(ctx, kb.KindRegulation, func(rec kb.Record) error {
		reg, ok := rec.(*kb.Regulation)
		if !ok || reg.Jurisdiction != member {
			return nil
		}
		g := templates.MarketRegulation{R: reg, Title: reg.Title(lang)}
		text := content.Fold(reg.TitleZh + " | " + reg.TitleEn + " | " + reg.Summary)
		for _, h := range headings {
			if g.ByWord = h.WordIn(text, lang); g.ByWord != "" {
				break
			}
		}
		id := content.Fold(reg.ID)
		for i, n := range listed {
			if citesID(texts[i], id) {
				g.CitedBy = append(g.CitedBy, n.Key())
			}
		}
		if g.ByWord != "" || len(g.CitedBy) > 0 {
			out = append(out, g)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("regulations of %s: %w", member, err)
	}
	return out, nil
}

// citesID reports whether text names a regulation by its id, not as the
// start of a longer number (2025/25 is not 2025/2509).
func citesID(text, id string) bool {
	for i := 0; id != ""; {
		j := strings.Index(text[i:], id)
		if j < 0 {
			return false
		}
		end := i + j + len(id)
		if r, _ := utf8.DecodeRuneInString(text[end:]); !unicode.IsDigit(r) && !unicode.IsLetter(r) {
			return true
		}
		i = end
	}
	return false
}

// marketStds is the standards section and what the others need of it.
type marketStds struct {
	list    []templates.MarketStandard
	foreign []string                // the foreign standard numbers listed
	records map[string]*kb.Standard // their records, when the store has one
}

// marketStandards lists the standards the regulations reference, then
// those the notifications cite, each once, with its status and what
// replaced it.
func (s *server) marketStandards(ctx context.Context, lang string, regs []templates.MarketRegulation, listed []*kb.Notification) (marketStds, error) {
	out := marketStds{records: map[string]*kb.Standard{}}
	at := map[string]int{}
	add := func(text, referencedBy, citedBy string) {
		key := text
		if c, err := kb.CanonicalStandardNumber(text); err == nil {
			text, key = c, c
		}
		i, ok := at[key]
		if !ok {
			i = len(out.list)
			at[key] = i
			out.list = append(out.list, templates.MarketStandard{Ref: templates.Ref{Text: text}})
		}
		st := &out.list[i]
		if referencedBy != "" && !slices.Contains(st.ReferencedBy, referencedBy) {
			st.ReferencedBy = append(st.ReferencedBy, referencedBy)
		}
		if citedBy != "" && !slices.Contains(st.CitedBy, citedBy) {
			st.CitedBy = append(st.CitedBy, citedBy)
		}
	}
	for _, g := range regs {
		for _, ref := range g.R.References {
			add(ref, g.R.ID, "")
		}
	}
	for _, n := range listed {
		for _, c := range slices.Concat(n.InternationalStandards, mapping.Cited(n.Title+"\n"+n.Description+"\n"+n.Products)) {
			add(c, "", n.Key())
		}
	}
	for i := range out.list {
		st := &out.list[i]
		number, err := kb.CanonicalStandardNumber(st.Text)
		if err != nil {
			continue
		}
		if n, _ := kb.ParseStandardNumber(number); !n.IsChinese() {
			out.foreign = append(out.foreign, number)
		}
		d, err := s.loadStandard(ctx, number)
		switch {
		case errors.Is(err, store.ErrNotFound):
			continue
		case err != nil:
			return out, err
		}
		st.URL = templates.StandardURL(number)
		if d.std != nil {
			out.records[number] = d.std
			st.Title, st.Status = d.std.Title(lang), d.std.Status
			st.ReplacedBy = slices.Clone(d.std.ReplacedBy)
		}
		for _, l := range d.inbound {
			if l.Rel == store.RelReplaces && l.To == number && !slices.Contains(st.ReplacedBy, l.FromKey) {
				st.ReplacedBy = append(st.ReplacedBy, l.FromKey)
			}
		}
	}
	return out, nil
}

// marketEquivalents lists, for each foreign standard, the GB standards an
// approved mapping or an adoption record links to it — or to the
// international standard it adopts.
func (s *server) marketEquivalents(ctx context.Context, lang string, stds marketStds) ([]templates.MarketEquivalent, error) {
	var out []templates.MarketEquivalent
	seen := map[[2]string]bool{}
	titles := map[string]string{}
	for _, f := range stds.foreign {
		direct, err := s.gbEquivalents(ctx, f)
		if err != nil {
			return nil, err
		}
		for i := range direct {
			direct[i].Foreign = f
		}
		all := direct
		if std := stds.records[f]; std != nil {
			for _, a := range std.Adopts {
				through, err := s.gbEquivalents(ctx, a.Number)
				if err != nil {
					return nil, err
				}
				for i := range through {
					through[i].Foreign, through[i].Through = f, a.Number
				}
				all = append(all, through...)
			}
		}
		for _, e := range all {
			if seen[[2]string{f, e.GB}] {
				continue
			}
			seen[[2]string{f, e.GB}] = true
			title, ok := titles[e.GB]
			if !ok {
				st, err := s.store.Standard(ctx, e.GB)
				switch {
				case err == nil:
					title = st.Title(lang)
				case !errors.Is(err, store.ErrNotFound):
					return nil, fmt.Errorf("get standard %s: %w", e.GB, err)
				}
				titles[e.GB] = title
			}
			e.Title = title
			out = append(out, e)
		}
	}
	return out, nil
}

// gbEquivalents are the GB standards recorded as corresponding to one
// foreign standard: approved mappings first, then adoption records.
func (s *server) gbEquivalents(ctx context.Context, number string) ([]templates.MarketEquivalent, error) {
	var out []templates.MarketEquivalent
	ms, err := s.store.Mappings(ctx, number)
	if err != nil {
		return nil, fmt.Errorf("mappings of %s: %w", number, err)
	}
	for _, m := range ms {
		if m.Status == kb.MappingApproved && m.Foreign == number {
			out = append(out, templates.MarketEquivalent{GB: m.Domestic, Degree: m.Degree, Mapping: true, URL: templates.MappingURL(m.Foreign, m.Domestic)})
		}
	}
	links, err := s.store.Inbound(ctx, number)
	if err != nil {
		return nil, fmt.Errorf("inbound links of %s: %w", number, err)
	}
	for _, l := range links {
		if l.Rel != store.RelAdopts || l.FromKind != kb.KindStandard {
			continue
		}
		if n, err := kb.ParseStandardNumber(l.FromKey); err != nil || !n.IsChinese() {
			continue
		}
		if !slices.ContainsFunc(out, func(e templates.MarketEquivalent) bool { return e.GB == l.FromKey }) {
			out = append(out, templates.MarketEquivalent{GB: l.FromKey, Degree: l.Degree})
		}
	}
	return out, nil
}

// marketDifferences compares, topic by topic, the market's sources (its
// standards and regulations) with the GB standards of the topic, and
// keeps the rows where a market source sets a requirement and the marks
// are not all "equal".
func (s *server) marketDifferences(ctx context.Context, sources []string) ([]templates.MarketComparison, error) {
	topics, err := s.store.Topics(ctx)
	if err != nil {
		return nil, fmt.Errorf("topics: %w", err)
	}
	var out []templates.MarketComparison
	for _, tp := range topics {
		ours, gb := map[string]bool{}, false
		var chosen []string
		for _, src := range tp.Sources {
			switch {
			case slices.Contains(sources, src):
				ours[src] = true
			case isChinese(src):
				gb = true
			default:
				continue
			}
			chosen = append(chosen, src)
		}
		if len(ours) == 0 || !gb {
			continue
		}
		rows, err := s.store.Requirements(ctx, store.RequirementFilter{Topic: tp.Name})
		if err != nil {
			return nil, fmt.Errorf("requirements of %s: %w", tp.Name, err)
		}
		c := comparison{topic: tp.Name, all: tp.Sources, chosen: chosen, named: true, judged: true, result: mapping.Compare(tp.Name, chosen, rows)}
		cv, err := s.comparisonView(ctx, c)
		if err != nil {
			return nil, err
		}
		mc := templates.MarketComparison{Topic: tp.Name, Sources: cv.Sources, Total: len(cv.Rows), URL: "/compare?" + c.query()}
		for i, row := range c.result.Rows {
			set, differ := false, false
			for j, cell := range row.Cells {
				if cell.Req == nil {
					continue
				}
				set = set || ours[chosen[j]]
				differ = differ || cell.Mark != mapping.MarkEqual
			}
			if set && differ {
				mc.Rows = append(mc.Rows, cv.Rows[i])
			}
		}
		out = append(out, mc)
	}
	return out, nil
}

func isChinese(number string) bool {
	n, err := kb.ParseStandardNumber(number)
	return err == nil && n.IsChinese()
}

// marketGuides are the guides about the market, then the general ones,
// whose sectors include the product's (any guide when the table does not
// know the product).
func (s *server) marketGuides(lang, member string, headings []content.HSHeading) []content.Guide {
	var sectors []string
	for _, h := range headings {
		sectors = append(sectors, h.Sector)
	}
	var market, general []content.Guide
	for _, g := range s.guides.All(lang) {
		if len(sectors) > 0 && len(g.Sectors) > 0 && !slices.ContainsFunc(g.Sectors, func(x string) bool { return slices.Contains(sectors, x) }) {
			continue
		}
		switch {
		case slices.Contains(g.Markets, member):
			market = append(market, g)
		case len(g.Markets) == 0:
			general = append(general, g)
		}
	}
	return append(market, general...)
}
