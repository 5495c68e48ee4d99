package site

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/templates"
)

const (
	pageSize    = 20    // hits per search page
	maxLimit    = 100   // largest page the API serves
	maxOffset   = 10000 // deeper paging costs the index more than it helps anyone
	maxQueryLen = 200   // characters
	pagerWidth  = 2     // pages linked on each side of the current one
)

// parseQuery checks the search text.
func parseQuery(q string) (string, error) {
	q = strings.TrimSpace(q)
	if utf8.RuneCountInString(q) > maxQueryLen {
		return "", fmt.Errorf("q is too long: at most %d characters", maxQueryLen)
	}
	return q, nil
}

// parseKinds accepts one kind or several separated by commas; empty means
// all kinds.
func parseKinds(s string) ([]kb.Kind, error) {
	var kinds []kb.Kind
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		k, err := kb.ParseKind(f)
		if err != nil {
			return nil, err
		}
		kinds = append(kinds, k)
	}
	return kinds, nil
}

// searchOutcome is a search as the page and the API show it.
type searchOutcome struct {
	res    *index.Result
	open   int           // hits open for comment on the site's today
	facets []index.Facet // in the order of index.FacetNames; nil unless asked for
}

// runSearch runs p. The counts of a facet with selected values leave that
// selection out (each takes one more query): its values are alternatives,
// so the sidebar must show what choosing another one would add, not only
// the values already chosen.
func (s *server) runSearch(ctx context.Context, p searchParams, lang string, facets bool) (*searchOutcome, error) {
	today := s.today()
	req := p.request(lang, today)
	req.Facets = true // for the open count
	res, err := s.search.Search(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", p.query, err)
	}
	out := &searchOutcome{res: res, open: res.Open}
	if !p.open && !today.Equal(time.Now().UTC().Truncate(24*time.Hour)) {
		// The index counts what is open on the real day; the site's clock
		// (pinned in tests and demos) says another, and the site's wins.
		c := p.toggled("open", "")
		r := c.request(lang, today)
		r.Offset, r.Limit = 0, 1
		n, err := s.search.Search(ctx, r)
		if err != nil {
			return nil, fmt.Errorf("count open for %q: %w", p.query, err)
		}
		out.open = n.Total
	}
	if !facets {
		return out, nil
	}
	out.facets = slices.Clone(res.Facets)
	for i, f := range out.facets {
		if len(p.selectedValues(f.Name)) == 0 {
			continue
		}
		without := p.withoutFacet(f.Name)
		r := without.request(lang, today)
		if without.empty() {
			r.Kinds = kb.Kinds // the index answers nothing to nothing asked
		}
		r.Offset, r.Limit, r.Facets = 0, 1, true
		other, err := s.search.Search(ctx, r)
		if err != nil {
			return nil, fmt.Errorf("count %s for %q: %w", f.Name, p.query, err)
		}
		for _, g := range other.Facets {
			if g.Name == f.Name {
				out.facets[i] = g
			}
		}
	}
	return out, nil
}

func (s *server) searchPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := langFrom(ctx)
	t := translator(lang)
	p, perr := parseSearch(r.URL.Query(), pagingPage)
	if perr != nil {
		s.badRequest(w, r, perr.local(t))
		return
	}
	page := s.page(r, t("search.title"), "search")
	if p.query != "" {
		page.Title = t("search.titleQ", p.query)
	}
	v := searchForm(p)
	if !p.empty() {
		out, err := s.runSearch(ctx, p, lang, true)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		fillResults(&v, p, out)
	}
	s.render(w, r, http.StatusOK, templates.SearchPage(page, v))
}

// searchForm is the page's forms as p left them.
func searchForm(p searchParams) templates.SearchPageView {
	v := templates.SearchPageView{
		Query:      p.query,
		Kinds:      kb.Kinds,
		KindSelect: len(p.kinds) <= 1,
		DateHidden: p.hidden("from", "to"),
		From:       string(p.from),
		To:         string(p.to),
	}
	if v.KindSelect {
		if len(p.kinds) == 1 {
			v.Kind = string(p.kinds[0])
		}
		v.Hidden = p.hidden("q", "kind")
	} else {
		// The menu cannot show several kinds: the sidebar changes them.
		v.Hidden = p.hidden("q")
	}
	return v
}

// fillResults adds the hits, facets, chips and pager of out to v.
func fillResults(v *templates.SearchPageView, p searchParams, out *searchOutcome) {
	res := out.res
	v.Result = res
	v.Filtered = p.filtered()
	v.Open = p.open
	v.OpenCount = out.open
	v.OpenURL = p.toggled("open", "").pageURL(1)
	v.ClearURL = searchParams{query: p.query, sort: p.sort}.pageURL(1)

	for _, name := range sortChoices(p) {
		c := p.clone()
		c.sort = name
		v.Sorts = append(v.Sorts, templates.SortLink{Name: name, URL: c.pageURL(1), Current: p.effectiveSort() == name})
	}

	for _, f := range out.facets {
		if g := facetGroup(p, f); len(g.Values) > 0 {
			v.Facets = append(v.Facets, g)
		}
	}
	for _, name := range index.FacetNames {
		for _, x := range p.selectedValues(name) {
			v.Chips = append(v.Chips, templates.Chip{Name: name, Value: x, RemoveURL: p.toggled(name, x).pageURL(1)})
		}
	}
	if p.from != "" {
		v.Chips = append(v.Chips, templates.Chip{Name: "from", Value: string(p.from), RemoveURL: p.toggled("from", "").pageURL(1)})
	}
	if p.to != "" {
		v.Chips = append(v.Chips, templates.Chip{Name: "to", Value: string(p.to), RemoveURL: p.toggled("to", "").pageURL(1)})
	}
	if p.open {
		v.Chips = append(v.Chips, templates.Chip{Name: "open", RemoveURL: v.OpenURL})
	}

	// The index puts the partial hits after the full ones.
	i := slices.IndexFunc(res.Hits, func(h index.Hit) bool { return h.Partial })
	if i < 0 {
		i = len(res.Hits)
	}
	v.Full, v.Partial = res.Hits[:i], res.Hits[i:]
	if n := len(res.Hits); n > 0 {
		v.First, v.Last = p.offset+1, p.offset+n
	}
	lastPage := maxOffset/pageSize + 1
	v.Page = p.page
	v.Pages = min((res.Total+pageSize-1)/pageSize, lastPage)
	if p.page > 1 {
		v.PrevURL = p.pageURL(min(p.page-1, max(v.Pages, 1)))
	}
	// Past the records matching every word come those matching all but
	// one, as many as there are: a full page may have a next one.
	more := p.page < v.Pages || (res.Relaxed && len(res.Hits) == pageSize)
	if more && p.page < lastPage {
		v.NextURL = p.pageURL(p.page + 1)
	}
	v.Pager = pager(p, v.Pages)
}

// sortChoices are the orders worth offering: relevance only for words,
// the comment deadline only where notifications may be among the hits.
func sortChoices(p searchParams) []string {
	var out []string
	if p.query != "" {
		out = append(out, sortRelevance)
	}
	out = append(out, sortDate)
	if len(p.kinds) == 0 || slices.Contains(p.kinds, kb.KindNotification) {
		out = append(out, sortDeadline)
	}
	return out
}

// facetGroup is a facet's values for the sidebar: the selected ones
// first, listed even when nothing is left to count, then the others as
// the index ranked them.
func facetGroup(p searchParams, f index.Facet) templates.FacetGroup {
	g := templates.FacetGroup{Name: f.Name}
	selected := p.selectedValues(f.Name)
	for _, x := range selected {
		o := templates.FacetOption{Value: x, Selected: true, URL: p.toggled(f.Name, x).pageURL(1)}
		for _, fv := range f.Values {
			if fv.Value == x {
				o.Count = fv.Count
			}
		}
		g.Values = append(g.Values, o)
	}
	for _, fv := range f.Values {
		if fv.Value == "" || slices.Contains(selected, fv.Value) {
			continue
		}
		g.Values = append(g.Values, templates.FacetOption{Value: fv.Value, Count: fv.Count, URL: p.toggled(f.Name, fv.Value).pageURL(1)})
	}
	return g
}

// pager links the first and last pages and those around the current one;
// a zero Number marks skipped pages.
func pager(p searchParams, pages int) []templates.PageLink {
	if pages < 2 {
		return nil
	}
	var out []templates.PageLink
	for n := 1; n <= pages; n++ {
		near := n >= p.page-pagerWidth && n <= p.page+pagerWidth
		if n != 1 && n != pages && !near {
			if out[len(out)-1].Number != 0 {
				out = append(out, templates.PageLink{})
			}
			continue
		}
		out = append(out, templates.PageLink{Number: n, URL: p.pageURL(n), Current: n == p.page})
	}
	return out
}
