// Package tris reads the EU's Technical Regulation Information System
// (TRIS, https://technical-regulation-information-system.ec.europa.eu/),
// where EU states notify draft technical regulations under Directive (EU)
// 2015/1535, and maps each notification to a kb.Notification.
//
// The site's format, as far as it could be established and where it is
// assumed (TRIS publishes no documented machine-readable export or feed;
// its public pages are rendered by a single-page application):
//
//   - Established: pages live under a language prefix (/en/...); a
//     notification's page is /en/notification/{id}, where {id} is an
//     internal number (27517, 27736, ...) unrelated to the notification
//     number; the notified text is /en/notification/{id}/text/D/EN. The
//     page is built with the Europa Component Library (ecl-* classes):
//     labels and values sit side by side ("Notification number" with
//     "2026/0111/DK (Denmark)", "Date received" with a dd/mm/yyyy date,
//     "End of Standstill" with "dd/mm/yyyy" or "dd/mm/yyyy (dd/mm/yyyy)"
//     when a detailed opinion extended it). The notification message
//     follows as numbered fields: "1. MSG 001 IND ..." (the structured
//     information line), 2 member state, 3A department responsible, 3B
//     originating department, 4 "number - category code - category", 5
//     title, 6 products, 7 another act, 8 main content, 9 grounds, 10
//     reference documents, 11 emergency procedure, 12-16 further
//     statements. Notification numbers are year/serial/state (Greece is
//     EL). Sources: third-party scrapers of the site found with the
//     search tool, and the message layout as TRIS has long published it.
//   - Assumed: the search result list. It is served at /en/search with the
//     query parameters page (1-based), sortBy=dateReceived,
//     sortOrder=desc and dateFrom (YYYY-MM-DD); 20 results a page; the
//     results sit in an element with id "search-results", one <article>
//     per notification holding a link to /en/notification/{id}, the
//     notification number, the title in a heading and "Date received" /
//     "End of standstill" label-value pairs; paging is an ECL pagination
//     <nav> whose current page carries aria-current="page". An empty
//     result says so inside the same element. A canonical <link> in the
//     <head> gives the page's absolute address.
//
// Parsers read structure loosely (labels are matched case-insensitively
// wherever they sit: div grids, dt/dd, th/td) so that cosmetic changes do
// not break them, but fail loudly on what is not a TRIS page: truncated
// HTML (no </html>), JSON, error pages, pages without the notification
// number or message.
package tris

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/stdbridge/stdbridge/kb"
)

// RecordSource is the name records from TRIS carry in Sources.
const RecordSource = "TRIS"

// PageSize is how many notifications a search page lists (assumed).
const PageSize = 20

// ListPage is one page of the search result list, newest first. Its
// items carry what the list shows — symbol, link, title, date received
// (Distributed) and end of standstill (CommentDeadline, and
// ProposedAdoption "not before <date> (...)", which moves when a detailed
// opinion extends the standstill); the detail page (ParseDetail) adds
// the authority, products, main content and category.
type ListPage struct {
	// Page is the page shown (1-based); Pages is how many pages the
	// listing has (0 when nothing matched).
	Page, Pages int
	Items       []*kb.Notification
	Problems    []Problem
}

// Problem is a list item that could not be read; it is not in Items.
type Problem struct {
	Item   int    // 0-based position on the page
	Ref    string // the notification number or link, when readable
	Reason string
}

// ListURL is the search result page `page` (1-based), newest first,
// limited to notifications received on or after from when from is set.
// base is the site root (https://technical-regulation-information-system.ec.europa.eu
// or a fixture's URL), possibly with a path prefix.
func ListURL(base *url.URL, page int, from kb.Date) string {
	if page < 1 {
		page = 1
	}
	u := *base
	u.Path = strings.TrimRight(u.Path, "/") + "/en/search"
	u.RawPath = ""
	q := url.Values{}
	q.Set("sortBy", "dateReceived")
	q.Set("sortOrder", "desc")
	if from != "" {
		// A partial date (2025-03, 2025) starts at its first day.
		q.Set("dateFrom", from.Time().Format("2006-01-02"))
	}
	q.Set("page", strconv.Itoa(page))
	u.RawQuery = q.Encode()
	u.Fragment = ""
	return u.String()
}

// Resolve makes the items' relative links absolute against base, the
// URL the page was fetched from. ParseList already does so when the page
// names its canonical address.
func (p *ListPage) Resolve(base *url.URL) {
	for _, n := range p.Items {
		n.Link = resolve(base, n.Link)
		for i, d := range n.Documents {
			n.Documents[i] = resolve(base, d)
		}
	}
}

func resolve(base *url.URL, ref string) string {
	if base == nil || ref == "" {
		return ref
	}
	r, err := url.Parse(ref)
	if err != nil || r.IsAbs() {
		return ref
	}
	return base.ResolveReference(r).String()
}
