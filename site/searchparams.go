package site

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/templates"
)

const (
	maxFacetValues = 20  // values of one facet a search may select
	maxValueLen    = 100 // characters of one facet value
)

// Sort orders a search accepts.
const (
	sortRelevance = "relevance"
	sortDate      = "date"
	sortDeadline  = "deadline"
)

// pagingStyle says how a search names its page: the search page by number,
// the API by offset and limit.
type pagingStyle int

const (
	pagingPage pagingStyle = iota
	pagingOffset
)

// searchParams are the validated parameters of a search, shared by the
// page and the API.
type searchParams struct {
	query   string
	kinds   []kb.Kind
	filters map[string][]string // facet name (other than kind) → selected values, canonical
	from    kb.Date             // full dates: a year or month as a bound is widened to its first or last day
	to      kb.Date
	open    bool   // only notifications open for comment today
	sort    string // as asked; "" leaves the choice to effectiveSort

	page   int // 1-based, on the search page
	offset int
	limit  int
	facets bool // the API was asked for facet counts
}

// paramError is a bad search parameter: an English message naming the
// parameter, for the API, and the same in the page's language.
type paramError struct {
	param string
	msg   string
	local func(t templates.Translator) string
}

func (e *paramError) Error() string { return e.msg }

func badParam(param, msg string, local func(t templates.Translator) string) *paramError {
	return &paramError{param: param, msg: param + ": " + msg, local: local}
}

// filterNames are the facets selected through index.Request.Filters: every
// facet but kind, which has its own field.
func filterNames() []string {
	out := make([]string, 0, len(index.FacetNames))
	for _, name := range index.FacetNames {
		if name != "kind" {
			out = append(out, name)
		}
	}
	return out
}

// parseSearch reads a search from query parameters. Unknown parameters
// are ignored (lang, utm_…); a bad value is an error naming the parameter.
func parseSearch(qv url.Values, paging pagingStyle) (searchParams, *paramError) {
	var p searchParams
	q, err := parseQuery(qv.Get("q"))
	if err != nil {
		return p, badParam("q", fmt.Sprintf("too long: at most %d characters", maxQueryLen), func(t templates.Translator) string {
			return t("error.queryTooLong", maxQueryLen)
		})
	}
	p.query = q
	for _, raw := range qv["kind"] {
		kinds, err := parseKinds(raw)
		if err != nil {
			bad := clip(strings.TrimSpace(raw))
			return p, badParam("kind", err.Error(), func(t templates.Translator) string { return t("error.kind", bad) })
		}
		for _, k := range kinds {
			if !slices.Contains(p.kinds, k) {
				p.kinds = append(p.kinds, k)
			}
		}
	}
	for _, name := range filterNames() {
		values, perr := facetValues(name, qv[name])
		if perr != nil {
			return p, perr
		}
		if len(values) > 0 {
			if p.filters == nil {
				p.filters = map[string][]string{}
			}
			p.filters[name] = values
		}
	}
	if p.from, err = parseDateParam(qv.Get("from"), false); err != nil {
		return p, badDate("from", qv.Get("from"), err)
	}
	if p.to, err = parseDateParam(qv.Get("to"), true); err != nil {
		return p, badDate("to", qv.Get("to"), err)
	}
	if p.from != "" && p.to != "" && p.from > p.to {
		from, to := string(p.from), string(p.to)
		return p, badParam("from", fmt.Sprintf("%s is after to %s", from, to), func(t templates.Translator) string {
			return t("error.dateOrder", from, to)
		})
	}
	if p.open, err = boolParam(qv, "open"); err != nil {
		bad := clip(qv.Get("open"))
		return p, badParam("open", err.Error(), func(t templates.Translator) string { return t("error.open", bad) })
	}
	switch s := strings.TrimSpace(qv.Get("sort")); s {
	case "", sortRelevance, sortDate, sortDeadline:
		p.sort = s
	default:
		bad := clip(s)
		return p, badParam("sort", fmt.Sprintf("unknown order %q (want relevance, date or deadline)", bad), func(t templates.Translator) string {
			return t("error.sort", bad)
		})
	}

	switch paging {
	case pagingPage:
		p.page, p.limit = 1, pageSize
		if s := qv.Get("page"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 || (n-1)*pageSize > maxOffset {
				bad := clip(s)
				return p, badParam("page", fmt.Sprintf("%q is not a page number from 1 to %d", bad, maxOffset/pageSize+1), func(t templates.Translator) string {
					return t("error.page", bad)
				})
			}
			p.page = n
		}
		p.offset = (p.page - 1) * pageSize
	case pagingOffset:
		if p.offset, err = intValue(qv, "offset", 0, 0, maxOffset); err != nil {
			return p, apiOnly("offset", err)
		}
		if p.limit, err = intValue(qv, "limit", pageSize, 1, maxLimit); err != nil {
			return p, apiOnly("limit", err)
		}
		if p.facets, err = boolParam(qv, "facets"); err != nil {
			return p, apiOnly("facets", err)
		}
	}
	return p, nil
}

// apiOnly is an error in a parameter only the API reads, so it needs no
// translation; the page would never show it.
func apiOnly(param string, err error) *paramError {
	msg := err.Error()
	return badParam(param, msg, func(templates.Translator) string { return param + ": " + msg })
}

func badDate(param, raw string, err error) *paramError {
	bad := clip(raw)
	return badParam(param, err.Error()+" (want YYYY-MM-DD, YYYY-MM or YYYY)", func(t templates.Translator) string {
		return t("error.date", bad)
	})
}

// intValue reads an optional integer parameter within [lo, hi].
func intValue(qv url.Values, name string, def, lo, hi int) (int, error) {
	s := qv.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a whole number", clip(s))
	}
	if n < lo || n > hi {
		return 0, fmt.Errorf("%d is out of range [%d, %d]", n, lo, hi)
	}
	return n, nil
}

// boolParam reads an optional 1/0 (or true/false) parameter.
func boolParam(qv url.Values, name string) (bool, error) {
	s := strings.TrimSpace(qv.Get(name))
	if s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, fmt.Errorf("%q is not 1 or 0", clip(s))
	}
	return b, nil
}

// clip shortens a bad value quoted back in an error message.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}

// facetValues canonicalises the values of one facet, drops empty and
// repeated ones, and checks how many there are.
func facetValues(name string, raw []string) ([]string, *paramError) {
	var out []string
	for _, v := range raw {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if utf8.RuneCountInString(v) > maxValueLen {
			return nil, badParam(name, fmt.Sprintf("a value is longer than %d characters", maxValueLen), func(t templates.Translator) string {
				return t("error.valueTooLong", templates.FacetLegend(t, name), maxValueLen)
			})
		}
		c, err := canonFacetValue(name, v)
		if err == nil && c == "" {
			err = fmt.Errorf("%q: no value", v)
		}
		if err != nil {
			bad := clip(v)
			return nil, badParam(name, err.Error(), func(t templates.Translator) string {
				return t("error.filterValue", templates.FacetLegend(t, name), bad)
			})
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	if len(out) > maxFacetValues {
		return nil, badParam(name, fmt.Sprintf("%d values, at most %d", len(out), maxFacetValues), func(t templates.Translator) string {
			return t("error.tooManyValues", templates.FacetLegend(t, name), maxFacetValues)
		})
	}
	return out, nil
}

// canonFacetValue brings a facet value to the form the index holds, so
// that ?member=eu and ?member=欧盟 find what ?member=EU finds, and rejects
// values the facet can never have.
func canonFacetValue(name, v string) (string, error) {
	switch name {
	case "member":
		return kb.MemberCode(v)
	case "area":
		switch a := kb.Area(strings.ToUpper(v)); a {
		case kb.AreaTBT, kb.AreaSPS, kb.AreaTRIS:
			return string(a), nil
		}
		return "", fmt.Errorf("%q: want TBT, SPS or TRIS", v)
	case "type":
		t, err := kb.ParseNotificationType(v)
		return string(t), err
	case "hs_chapter":
		return hsPrefix(v, 2)
	case "hs_heading":
		return hsPrefix(v, 4)
	case "ics_field":
		return icsPrefix(v, 2, "NN")
	case "ics_group":
		return icsPrefix(v, 6, "NN.NNN")
	case "status":
		if s, err := kb.ParseStatus(v); err == nil {
			return string(s), nil
		}
		switch s := kb.MappingStatus(strings.ToLower(v)); s {
		case kb.MappingApproved, kb.MappingProposed, kb.MappingRejected:
			return string(s), nil
		}
		return "", fmt.Errorf("%q: want current, upcoming, withdrawn, approved, proposed or rejected", v)
	case "year":
		d, err := kb.ParseDate(v)
		if err != nil || len(d) != 4 {
			return "", fmt.Errorf("%q: want a year, YYYY", v)
		}
		return string(d), nil
	}
	return v, nil // publisher: as the standard numbers spell it
}

func hsPrefix(v string, digits int) (string, error) {
	c, err := kb.ParseHS(v)
	if err != nil {
		return "", err
	}
	if d := c.Digits(); len(d) == digits {
		return d, nil
	}
	return "", fmt.Errorf("HS code %q: want %d digits", v, digits)
}

func icsPrefix(v string, n int, shape string) (string, error) {
	c, err := kb.ParseICS(v)
	if err != nil {
		return "", err
	}
	if len(c) != n {
		return "", fmt.Errorf("ICS code %q: want %s", v, shape)
	}
	return string(c), nil
}

// parseDateParam reads a date bound as a full date: a year or a month
// means its first day as a lower bound and its last day as an upper one,
// so to=2025 includes all of 2025.
func parseDateParam(s string, upper bool) (kb.Date, error) {
	d, err := kb.ParseDate(s)
	if err != nil || d == "" {
		return d, err
	}
	t := d.Time()
	if upper {
		switch strings.Count(string(d), "-") {
		case 0:
			t = t.AddDate(1, 0, -1)
		case 1:
			t = t.AddDate(0, 1, -1)
		}
	}
	return kb.Date(t.Format(time.DateOnly)), nil
}

// empty reports whether nothing was asked: no words and no filter.
func (p searchParams) empty() bool {
	return p.query == "" && !p.filtered()
}

// filtered reports whether any filter is set.
func (p searchParams) filtered() bool {
	return len(p.kinds) > 0 || len(p.filters) > 0 || p.from != "" || p.to != "" || p.open
}

// effectiveSort is the order used: as asked, else by relevance for words
// and newest first when browsing by filters alone, where relevance means
// nothing.
func (p searchParams) effectiveSort() string {
	switch {
	case p.sort != "":
		return p.sort
	case p.query == "":
		return sortDate
	}
	return sortRelevance
}

// request is the index request for p; today is the site's day, which
// decides what is open for comment.
func (p searchParams) request(lang string, today time.Time) index.Request {
	r := index.Request{
		Query:   p.query,
		Kinds:   p.kinds,
		Filters: p.filters,
		From:    p.from,
		To:      p.to,
		Sort:    p.effectiveSort(),
		Lang:    lang,
		Offset:  p.offset,
		Limit:   p.limit,
	}
	if p.open {
		r.OpenOn = today
	}
	return r
}

// clone copies p deeply, so that a copy can drop or add a filter.
func (p searchParams) clone() searchParams {
	c := p
	c.kinds = slices.Clone(p.kinds)
	c.filters = nil
	for name, values := range p.filters {
		if c.filters == nil {
			c.filters = map[string][]string{}
		}
		c.filters[name] = slices.Clone(values)
	}
	return c
}

// withoutFacet is p without any selection of one facet (kind included).
func (p searchParams) withoutFacet(name string) searchParams {
	c := p.clone()
	if name == "kind" {
		c.kinds = nil
	} else {
		delete(c.filters, name)
		if len(c.filters) == 0 {
			c.filters = nil
		}
	}
	return c
}

// selectedValues are the selected values of a facet.
func (p searchParams) selectedValues(name string) []string {
	if name != "kind" {
		return p.filters[name]
	}
	out := make([]string, 0, len(p.kinds))
	for _, k := range p.kinds {
		out = append(out, string(k))
	}
	return out
}

// toggled is p with one value of a facet selected when it was not, and
// unselected when it was. name is a facet, "from", "to" or "open" (whose
// values are ignored: they are cleared, and open is flipped).
func (p searchParams) toggled(name, value string) searchParams {
	c := p.clone()
	switch name {
	case "from":
		c.from = ""
	case "to":
		c.to = ""
	case "open":
		c.open = !c.open
	case "kind":
		k := kb.Kind(value)
		if i := slices.Index(c.kinds, k); i >= 0 {
			c.kinds = slices.Delete(c.kinds, i, i+1)
		} else {
			c.kinds = append(c.kinds, k)
		}
		if len(c.kinds) == 0 {
			c.kinds = nil
		}
	default:
		values := c.filters[name]
		if i := slices.Index(values, value); i >= 0 {
			values = slices.Delete(values, i, i+1)
		} else {
			values = append(values, value)
		}
		if c.filters == nil {
			c.filters = map[string][]string{}
		}
		c.filters[name] = values
		if len(values) == 0 {
			delete(c.filters, name)
		}
		if len(c.filters) == 0 {
			c.filters = nil
		}
	}
	return c
}

// values are p as query parameters, the inverse of parseSearch; paging is
// left out (a changed search starts again at its first page).
func (p searchParams) values() url.Values {
	v := url.Values{}
	if p.query != "" {
		v.Set("q", p.query)
	}
	for _, k := range p.kinds {
		v.Add("kind", string(k))
	}
	for _, name := range filterNames() {
		for _, x := range p.filters[name] {
			v.Add(name, x)
		}
	}
	if p.from != "" {
		v.Set("from", string(p.from))
	}
	if p.to != "" {
		v.Set("to", string(p.to))
	}
	if p.open {
		v.Set("open", "1")
	}
	if p.sort != "" {
		v.Set("sort", p.sort)
	}
	return v
}

// pageURL is the search page showing p's results on page n.
func (p searchParams) pageURL(n int) string {
	v := p.values()
	if n > 1 {
		v.Set("page", strconv.Itoa(n))
	}
	if len(v) == 0 {
		return "/search"
	}
	return "/search?" + v.Encode()
}

// hidden are p's parameters as hidden form fields, but for those the form
// asks for itself.
func (p searchParams) hidden(except ...string) []templates.Param {
	v := p.values()
	var out []templates.Param
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if slices.Contains(except, k) {
			continue
		}
		for _, x := range v[k] {
			out = append(out, templates.Param{Name: k, Value: x})
		}
	}
	return out
}
