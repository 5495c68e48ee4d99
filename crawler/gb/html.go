package gb

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// parseHTML parses a page; the platform serves UTF-8, and bytes that are
// not are left to the text checks of the callers.
func parseHTML(body []byte) (*html.Node, error) {
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("parse HTML: %w", err)
	}
	return doc, nil
}

// hasClass reports whether n is an element with class c among its classes.
func hasClass(n *html.Node, c string) bool {
	if n.Type != html.ElementNode {
		return false
	}
	for _, a := range n.Attr {
		if a.Key == "class" {
			for _, f := range strings.Fields(a.Val) {
				if f == c {
					return true
				}
			}
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// find returns the first element below n (n included) that match accepts,
// in document order.
func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode && match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, match); f != nil {
			return f
		}
	}
	return nil
}

// findAll returns every element below n (n included) that match accepts,
// in document order, without looking inside the ones it returns.
func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func isTag(a atom.Atom) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.DataAtom == a }
}

func tagClass(a atom.Atom, class string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.DataAtom == a && hasClass(n, class) }
}

// text is the visible text below n with white space (NBSP included)
// collapsed; scripts, styles and the subtrees skip accepts are left out.
// Inline elements join their text without a space, so markup that
// highlights part of a word does not split it.
func text(n *html.Node, skip func(*html.Node) bool) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if n.DataAtom == atom.Script || n.DataAtom == atom.Style {
				return
			}
			if skip != nil && skip(n) {
				return
			}
			if isBlock(n.DataAtom) {
				b.WriteByte(' ')
				defer b.WriteByte(' ')
			}
		case html.CommentNode:
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return collapse(b.String())
}

// isBlock reports whether a element separates the words around it.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.Br, atom.Div, atom.P, atom.Li, atom.Ul, atom.Ol, atom.Table, atom.Tbody, atom.Tr,
		atom.Td, atom.Th, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Option, atom.Select,
		atom.Button, atom.Input, atom.Img, atom.Hr:
		return true
	}
	return false
}

// collapse trims s and turns every run of white space into one space.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// nextElement is the next sibling of n that is an element.
func nextElement(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			return s
		}
	}
	return nil
}

// complete reports whether the page reached the site-wide footer, which
// both page kinds end with: a page cut short in transfer still parses as
// HTML, and would otherwise yield a silently partial result.
func complete(doc *html.Node) bool {
	return find(doc, func(n *html.Node) bool { return hasClass(n, "footer-body") }) != nil
}
