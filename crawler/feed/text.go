package feed

import (
	"strings"

	"golang.org/x/net/html/atom"

	"github.com/stdbridge/stdbridge/crawler/internal/htmltext"
)

// plain turns a feed's HTML (or plain text) into text: tags dropped,
// entities decoded, one line per block, white space collapsed.
func plain(s string) string {
	return strings.Join(htmltext.FragmentLines(s, isBlock), "\n")
}

// isBlock reports whether an element starts a new line of a feed's text;
// table cells do too, so the cells of a row do not run together.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Br, atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.Tr, atom.Td, atom.Th, atom.Table, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Section, atom.Article, atom.Blockquote, atom.Pre, atom.Hr:
		return true
	}
	return false
}
