package iso

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/atom"

	"github.com/stdbridge/stdbridge/crawler/internal/htmltext"
)

// cleanScope turns ISO's scope HTML (pasted from Word: spans, classes,
// conditional comments, entities) into one line of plain text of at most
// max characters, cut at a word boundary with "…".
func cleanScope(s string, max int) string {
	return truncateWords(cleanLine(s), max)
}

// cleanLine is the text of an HTML fragment (a title, a scope) on one
// line with white space collapsed. Block elements separate words; inline
// ones (span, sub, em) do not, so H<sub>2</sub>O stays one word.
func cleanLine(s string) string {
	return htmltext.FragmentText(s, isBlock)
}

// isBlock reports whether an element separates the words of a title or
// a scope.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Br, atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.Table, atom.Tr, atom.Td, atom.Th, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5,
		atom.H6, atom.Blockquote, atom.Pre, atom.Hr, atom.Section:
		return true
	}
	return false
}

// truncateWords cuts s to at most max characters, ellipsis included,
// at the last space when one is near the end.
func truncateWords(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	head := s
	n := 0
	for i := range s {
		if n == max-1 { // keep room for the ellipsis
			head = s[:i]
			break
		}
		n++
	}
	// Text without spaces (or one very long word) is cut where it is.
	if sp := strings.LastIndexByte(head, ' '); sp > len(head)/2 {
		head = head[:sp]
	}
	head = strings.TrimRightFunc(head, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",;:-—(", r) })
	return head + "…"
}
