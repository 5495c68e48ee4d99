package tris

import (
	"bytes"
	"errors"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/stdbridge/stdbridge/crawler/internal/htmltext"
)

// parsePage parses an HTML page after checking that it is one and that it
// arrived whole: the HTML parser repairs anything, so a page cut off in
// transit would otherwise parse into a silently shorter record.
func parsePage(body []byte) (*html.Node, error) {
	b := bytes.TrimSpace(body)
	switch {
	case len(b) == 0:
		return nil, errors.New("empty body")
	case b[0] == '{' || b[0] == '[':
		return nil, errors.New("got JSON, not an HTML page")
	case !endsHTML(b):
		return nil, errors.New("truncated or not HTML: no closing </html>")
	}
	return htmltext.Parse(b)
}

// endsHTML looks for </html> near the end; servers and proxies sometimes
// append a comment or a script after it.
func endsHTML(b []byte) bool {
	tail := b
	if len(tail) > 1024 {
		tail = tail[len(tail)-1024:]
	}
	return bytes.Contains(bytes.ToLower(tail), []byte("</html"))
}

// isBlock reports whether an element breaks lines when a page is read as
// text.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Br, atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.Tr, atom.Td, atom.Th, atom.Table, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5,
		atom.H6, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Main, atom.Nav,
		atom.Aside, atom.Blockquote, atom.Pre, atom.Hr, atom.Form, atom.Body:
		return true
	}
	return false
}

// skipped elements hold no visible text.
func skipped(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head:
		return true
	}
	return false
}

// lines reads n as text, one line per block, white space collapsed and
// empty lines dropped.
func lines(n *html.Node) []string {
	return htmltext.Lines(n, isBlock, skipped)
}

// text is n's text on one line.
func text(n *html.Node) string {
	return htmltext.Text(n, isBlock, skipped)
}

// noElements reports whether an element holds no elements worth finding:
// scripts and styles hold none; <head> is looked into, as it holds <link>s.
func noElements(n *html.Node) bool {
	return skipped(n) && n.DataAtom != atom.Head
}

// find returns the elements under n, in document order, that match.
func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	return htmltext.All(n, match, noElements)
}

func first(n *html.Node, match func(*html.Node) bool) *html.Node {
	return htmltext.First(n, match, noElements)
}

// canonical is the page's own address from <link rel="canonical">, or nil.
func canonical(doc *html.Node) string {
	l := first(doc, func(n *html.Node) bool {
		return n.DataAtom == atom.Link && strings.EqualFold(htmltext.Attr(n, "rel"), "canonical")
	})
	if l == nil {
		return ""
	}
	return strings.TrimSpace(htmltext.Attr(l, "href"))
}

// labelKey folds a label for comparison: "End of Standstill:" and
// "end of standstill" are the same label.
func labelKey(s string) string {
	s = strings.ToLower(htmltext.Collapse(s))
	return strings.TrimSpace(strings.TrimRight(s, ": "))
}

// labelled finds label-value pairs under n: an element whose whole text
// is one of the wanted labels, and the element (or text) right after it —
// a grid's value column, a <dd> after its <dt>, a <td> after its <th>.
// The first pair of each label wins; keys are labelKey forms.
func labelled(n *html.Node, labels ...string) map[string]string {
	want := map[string]bool{}
	for _, l := range labels {
		want[labelKey(l)] = true
	}
	got := map[string]string{}
	for _, e := range find(n, func(e *html.Node) bool { return e.FirstChild != nil }) {
		t, ok := shortText(e, 64)
		if !ok {
			continue
		}
		k := labelKey(t)
		if !want[k] {
			continue
		}
		if _, done := got[k]; done {
			continue
		}
		if v, ok := valueAfter(e); ok {
			got[k] = v
		}
	}
	return got
}

// valueAfter is the text of the first element after e, or of the text
// between e and the next element ("<strong>Date:</strong> 01/02/2025").
func valueAfter(e *html.Node) (string, bool) {
	var loose strings.Builder
	for s := e.NextSibling; s != nil; s = s.NextSibling {
		switch s.Type {
		case html.TextNode:
			loose.WriteString(s.Data)
		case html.ElementNode:
			if t := htmltext.Collapse(loose.String()); t != "" {
				return t, true
			}
			return text(s), true
		}
	}
	t := htmltext.Collapse(loose.String())
	return t, t != ""
}

// shortText is e's raw text when it has at most limit bytes; it stops
// reading as soon as there is more, so that looking for labels stays
// linear in the page's size.
func shortText(e *html.Node, limit int) (string, bool) {
	var b strings.Builder
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			return b.Len() <= limit
		case n.Type == html.ElementNode && skipped(n):
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	if !walk(e) {
		return "", false
	}
	return b.String(), true
}
