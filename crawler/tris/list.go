package tris

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/stdbridge/stdbridge/crawler/internal/htmltext"
	"github.com/stdbridge/stdbridge/kb"
)

var (
	// reNumber finds a notification number in running text. One-letter
	// state codes (2015/0365/F) are matched so that they can be reported:
	// TRIS used them for some states until about 2019 and kb cannot hold
	// them.
	reNumber = regexp.MustCompile(`\b(\d{4})\s*/\s*(\d{1,4})\s*/\s*([A-Z]{1,2})\b`)
	// reNotificationPath is a notification page's path, not its text's.
	reNotificationPath = regexp.MustCompile(`/notification/(\d+)/?$`)
)

// ParseList reads one search result page. It fails when the body is not
// a whole TRIS search page; an item it cannot read is left out and
// reported in Problems, as is a date it cannot read (the item is kept
// without it: the detail page has it again).
func ParseList(body []byte) (*ListPage, error) {
	doc, err := parsePage(body)
	if err != nil {
		return nil, fmt.Errorf("parse TRIS search page: %w", err)
	}
	results := first(doc, func(n *html.Node) bool { return htmltext.Attr(n, "id") == "search-results" })
	if results == nil {
		return nil, errors.New("parse TRIS search page: no search results element (id=search-results); not a TRIS search page")
	}
	base, _ := url.Parse(canonical(doc))
	p := &ListPage{}
	for i, a := range find(results, htmltext.IsTag(atom.Article)) {
		n, probs := listItem(a, base)
		for _, pr := range probs {
			pr.Item = i
			p.Problems = append(p.Problems, pr)
		}
		if n == nil {
			continue
		}
		if err := normalizes(n); err != nil {
			p.Problems = append(p.Problems, Problem{Item: i, Ref: n.Symbol, Reason: err.Error()})
			continue
		}
		p.Items = append(p.Items, n)
	}
	p.Page, p.Pages = paging(doc, len(p.Items)+len(p.Problems) > 0)
	return p, nil
}

// listItem reads one result; n is nil when the item cannot be used.
func listItem(a *html.Node, base *url.URL) (*kb.Notification, []Problem) {
	var probs []Problem
	link := ""
	for _, l := range find(a, htmltext.IsTag(atom.A)) {
		if href := strings.TrimSpace(htmltext.Attr(l, "href")); notificationLink(href) {
			link = resolve(base, href)
			break
		}
	}
	num := reNumber.FindString(text(a))
	ref := num
	if ref == "" {
		ref = link
	}
	switch {
	case link == "":
		return nil, []Problem{{Ref: ref, Reason: "no link to the notification page"}}
	case num == "":
		return nil, []Problem{{Ref: ref, Reason: "no notification number"}}
	}
	t, err := kb.ParseTRISNumber(num)
	if err != nil {
		if m := reNumber.FindStringSubmatch(num); m != nil && len(m[3]) == 1 {
			return nil, []Problem{{Ref: ref, Reason: fmt.Sprintf("older one-letter state code %q, which kb cannot hold (it wants two letters)", m[3])}}
		}
		return nil, []Problem{{Ref: ref, Reason: err.Error()}}
	}
	n := &kb.Notification{
		Symbol:  t.String(),
		Member:  "EU",
		Area:    kb.AreaTRIS,
		Title:   itemTitle(a, num),
		Link:    link,
		Sources: []string{RecordSource},
	}
	v := labelled(a, "Date received", "End of standstill")
	if raw, ok := v["date received"]; ok {
		d, err := checkDate(raw)
		if err != nil {
			probs = append(probs, Problem{Ref: n.Symbol, Reason: "date received: " + err.Error() + "; left empty"})
		}
		n.Distributed = d
	}
	if raw, ok := v["end of standstill"]; ok {
		d, adoption, err := standstill(raw)
		if err != nil {
			probs = append(probs, Problem{Ref: n.Symbol, Reason: "end of standstill: " + err.Error() + "; left empty"})
		}
		n.CommentDeadline, n.ProposedAdoption = d, adoption
	}
	return n, probs
}

func notificationLink(href string) bool {
	u, err := url.Parse(href)
	return err == nil && reNotificationPath.MatchString(u.Path)
}

// itemTitle is the result's heading, or its link's text when that is not
// just the number.
func itemTitle(a *html.Node, num string) string {
	for _, h := range find(a, func(n *html.Node) bool {
		return n.DataAtom == atom.H2 || n.DataAtom == atom.H3 || n.DataAtom == atom.H4
	}) {
		if t := text(h); t != "" && !strings.EqualFold(t, num) {
			return t
		}
	}
	return ""
}

// checkDate reads a field holding one date (the first, when a standstill
// shows an extension after it); a value with no valid date is an error.
func checkDate(raw string) (kb.Date, error) {
	d, ok := date(raw)
	if !ok {
		return "", fmt.Errorf("%q is not a date", raw)
	}
	if _, err := kb.ParseDate(string(d)); err != nil {
		return "", fmt.Errorf("%q is not a date", raw)
	}
	return d, nil
}

// paging reads the ECL pagination: the current page is marked
// aria-current, the last page is the highest number linked. Without
// pagination the list has one page, or none when it is empty.
func paging(doc *html.Node, hasItems bool) (page, pages int) {
	nav := first(doc, func(n *html.Node) bool {
		return n.DataAtom == atom.Nav && strings.Contains(htmltext.Attr(n, "class"), "pagination")
	})
	if nav == nil {
		if hasItems {
			return 1, 1
		}
		return 1, 0
	}
	for _, e := range find(nav, func(n *html.Node) bool { return n.FirstChild != nil || htmltext.Attr(n, "href") != "" }) {
		if c := htmltext.Attr(e, "aria-current"); c == "page" || c == "true" {
			if v, err := strconv.Atoi(text(e)); err == nil && v > 0 {
				page = v
			}
		}
		if e.DataAtom == atom.A || e.DataAtom == atom.Span {
			if v, err := strconv.Atoi(text(e)); err == nil && v > pages {
				pages = v
			}
		}
		if href := htmltext.Attr(e, "href"); href != "" {
			if u, err := url.Parse(href); err == nil {
				if v, err := strconv.Atoi(u.Query().Get("page")); err == nil && v > pages {
					pages = v
				}
			}
		}
	}
	return page, max(page, pages)
}

// normalizes reports whether n normalises, without changing it: the
// crawler core normalises the records it stores.
func normalizes(n *kb.Notification) error {
	c := *n
	return c.Normalize()
}
