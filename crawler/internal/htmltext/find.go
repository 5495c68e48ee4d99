package htmltext

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Attr is the value of n's attribute key, or "" when n has none.
func Attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// HasClass reports whether n is an element with class among its classes.
func HasClass(n *html.Node, class string) bool {
	if n.Type != html.ElementNode {
		return false
	}
	for _, a := range n.Attr {
		if a.Key == "class" {
			for _, f := range strings.Fields(a.Val) {
				if f == class {
					return true
				}
			}
		}
	}
	return false
}

// IsTag matches the elements of tag a.
func IsTag(a atom.Atom) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.DataAtom == a }
}

// TagClass matches the elements of tag a that have class among their
// classes.
func TagClass(a atom.Atom, class string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.DataAtom == a && HasClass(n, class) }
}

// First is the first element at or below n, in document order, that
// match accepts, or nil. Elements prune accepts are neither matched nor
// looked into; a nil prune leaves nothing out.
func First(n *html.Node, match, prune func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode {
		if prune != nil && prune(n) {
			return nil
		}
		if match(n) {
			return n
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := First(c, match, prune); f != nil {
			return f
		}
	}
	return nil
}

// All is every element at or below n, in document order, that match
// accepts, those inside other matches included. Elements prune accepts
// are neither matched nor looked into; a nil prune leaves nothing out.
func All(n *html.Node, match, prune func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if prune != nil && prune(n) {
				return
			}
			if match(n) {
				out = append(out, n)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// Outermost is every element at or below n, in document order, that
// match accepts, without looking inside the ones it returns: the rows of
// a table, not also the rows of tables nested in them.
func Outermost(n *html.Node, match func(*html.Node) bool) []*html.Node {
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

// NextElement is the next sibling of n that is an element, or nil.
func NextElement(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			return s
		}
	}
	return nil
}
