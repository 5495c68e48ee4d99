package gb

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/stdbridge/stdbridge/crawler/internal/htmltext"
)

// parseHTML parses a page; the platform serves UTF-8, and bytes that are
// not are left to the text checks of the callers.
func parseHTML(body []byte) (*html.Node, error) {
	return htmltext.Parse(body)
}

// text is n's visible text on one line, read by htmltext.Text with the
// platform's block set; the subtrees skip accepts (nil: none) are left out.
func text(n *html.Node, skip func(*html.Node) bool) string {
	return htmltext.Text(n, isBlock, skip)
}

// isBlock reports whether an element separates the words around it. The
// platform lays pages out in tables and puts form controls (page-size
// selects, buttons, icons) between words, so those count too.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.Br, atom.Div, atom.P, atom.Li, atom.Ul, atom.Ol, atom.Table, atom.Tbody, atom.Tr,
		atom.Td, atom.Th, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Option, atom.Select,
		atom.Button, atom.Input, atom.Img, atom.Hr:
		return true
	}
	return false
}

// complete reports whether the page reached the site-wide footer, which
// both page kinds end with: a page cut short in transfer still parses as
// HTML, and would otherwise yield a silently partial result.
func complete(doc *html.Node) bool {
	return htmltext.First(doc, func(n *html.Node) bool { return htmltext.HasClass(n, "footer-body") }, nil) != nil
}
