package templates

import (
	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/kb"
)

// SearchPageView is the search page: the form as the visitor left it,
// the facets to narrow by, and a page of hits. Result is nil when nothing
// was asked. Every URL in it keeps the rest of the search.
type SearchPageView struct {
	Query      string
	Kind       string    // the kind menu's value: the one selected kind, or "" for all
	KindSelect bool      // the menu is shown: at most one kind is selected
	Kinds      []kb.Kind // the menu's options
	Hidden     []Param   // the rest of the search, carried by the main form
	DateHidden []Param   // the rest of the search, carried by the date form
	From, To   string    // YYYY-MM-DD or empty

	Result    *index.Result
	Filtered  bool
	Open      bool // only notifications open for comment
	OpenCount int  // hits open for comment today
	OpenURL   string
	Sorts     []SortLink
	Facets    []FacetGroup // in the order of index.FacetNames, only those with values
	Chips     []Chip       // the selected filters
	ClearURL  string       // the words without any filter

	Full    []index.Hit // hits matching every word
	Partial []index.Hit // hits matching all words but one, after Full
	First   int         // 1-based position of the first hit shown
	Last    int
	Page    int
	Pages   int // pages of hits matching every word
	Pager   []PageLink
	PrevURL string
	NextURL string
}

// Param is a hidden form field.
type Param struct {
	Name, Value string
}

// SortLink is one order in the sort switch.
type SortLink struct {
	Name    string // relevance, date or deadline
	URL     string
	Current bool
}

// FacetGroup is one facet in the sidebar.
type FacetGroup struct {
	Name   string
	Values []FacetOption // selected values first, then by count
}

// FacetOption is one value of a facet; URL selects it, or unselects it
// when Selected.
type FacetOption struct {
	Value    string
	Count    int
	Selected bool
	URL      string
}

// Chip is a selected filter and the search without it. Name is a facet,
// "from", "to" or "open".
type Chip struct {
	Name      string
	Value     string
	RemoveURL string
}

// PageLink is a link in the pager; Number 0 stands for skipped pages.
type PageLink struct {
	Number  int
	URL     string
	Current bool
}

// facetShown is how many values of a facet show before "more".
const facetShown = 8

// Shown are the values listed at once: every selected one, and at least
// facetShown.
func (g FacetGroup) Shown() []FacetOption {
	return g.Values[:g.cut()]
}

// More are the values behind "more".
func (g FacetGroup) More() []FacetOption {
	return g.Values[g.cut():]
}

func (g FacetGroup) cut() int {
	n := 0
	for n < len(g.Values) && g.Values[n].Selected {
		n++
	}
	return min(len(g.Values), max(n, facetShown))
}

// FacetLegend is the heading of a facet, or the name of a date bound.
// The site uses it for error messages too, hence the Translator.
func FacetLegend(t Translator, name string) string {
	switch name {
	case "kind":
		return t("facet.kind")
	case "member":
		return t("facet.member")
	case "area":
		return t("facet.area")
	case "type":
		return t("facet.type")
	case "hs_chapter":
		return t("facet.hs_chapter")
	case "hs_heading":
		return t("facet.hs_heading")
	case "ics_field":
		return t("facet.ics_field")
	case "ics_group":
		return t("facet.ics_group")
	case "publisher":
		return t("facet.publisher")
	case "status":
		return t("facet.status")
	case "year":
		return t("facet.year")
	case "from":
		return t("search.from")
	case "to":
		return t("search.to")
	}
	return name
}

// FacetValueLabel is how a facet value reads: kinds, areas, notification
// types and statuses translated, members named with their code; codes,
// years and publishers as they are (the tree has no names for HS chapters
// or ICS fields).
func FacetValueLabel(p Page, name, value string) string {
	switch name {
	case "kind":
		return kindName(p, kb.Kind(value))
	case "member":
		if n := MemberName(value, p.Lang); n != "" && n != value {
			return n + " (" + value + ")"
		}
	case "area":
		switch kb.Area(value) {
		case kb.AreaTBT:
			return p.T("area.TBT")
		case kb.AreaSPS:
			return p.T("area.SPS")
		case kb.AreaTRIS:
			return p.T("area.TRIS")
		}
	case "type":
		return notificationType(p, kb.NotificationType(value))
	case "status":
		// The facet counts standards' and mappings' statuses.
		switch kb.MappingStatus(value) {
		case kb.MappingApproved:
			return p.T("mapping.status.approved")
		case kb.MappingProposed:
			return p.T("mapping.status.proposed")
		case kb.MappingRejected:
			return p.T("mapping.status.rejected")
		}
		return statusName(p, kb.Status(value))
	}
	return value
}

// ChipLabel is what a chip says: the facet and the value.
func ChipLabel(p Page, c Chip) string {
	if c.Name == "open" {
		return p.T("search.openOnly")
	}
	return p.T("search.chip", FacetLegend(p.T, c.Name), FacetValueLabel(p, c.Name, c.Value))
}

// SortLabel names an order in the sort switch.
func SortLabel(p Page, name string) string {
	switch name {
	case "relevance":
		return p.T("search.sortRelevance")
	case "date":
		return p.T("search.sortDate")
	case "deadline":
		return p.T("search.sortDeadline")
	}
	return name
}
