package htmltext

import (
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// mustParse parses a test page.
func mustParse(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := Parse([]byte(s))
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return doc
}

// blocks is a small block set for the tests: paragraphs, divisions,
// line breaks and table cells.
func blocks(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Br, atom.Td:
		return true
	}
	return false
}

// ids is the id attributes of ns, to compare found elements by name.
func ids(ns []*html.Node) []string {
	out := []string{}
	for _, n := range ns {
		out = append(out, Attr(n, "id"))
	}
	return out
}
