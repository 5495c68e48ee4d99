package htmltext

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Collapse trims s and turns every run of white space (NBSP included)
// into one space.
func Collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// Text is the visible text below n on one line, white space collapsed,
// or "" for a nil n. The elements isBlock accepts separate the words
// around them; other elements join their text without a space, so markup
// that highlights part of a word does not split it. Scripts, styles,
// comments and the elements skip accepts (nil: none) are left out.
func Text(n *html.Node, isBlock func(atom.Atom) bool, skip func(*html.Node) bool) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	visible(n, isBlock, skip, &b, func() { b.WriteByte(' ') })
	return Collapse(b.String())
}

// Lines is the visible text below n as Text reads it, but one line per
// block instead of one line in all; lines are collapsed and empty ones
// dropped.
func Lines(n *html.Node, isBlock func(atom.Atom) bool, skip func(*html.Node) bool) []string {
	if n == nil {
		return nil
	}
	var w lineWriter
	visible(n, isBlock, skip, &w.cur, w.flush)
	w.flush()
	return w.lines
}

// lineWriter gathers text into lines: text goes to cur, and flush ends
// the line, keeping it collapsed when it is not empty.
type lineWriter struct {
	cur   strings.Builder
	lines []string
}

func (w *lineWriter) flush() {
	if l := Collapse(w.cur.String()); l != "" {
		w.lines = append(w.lines, l)
	}
	w.cur.Reset()
}

// visible writes the text below n to b, calling brk where a block
// element starts and where it ends.
func visible(n *html.Node, isBlock func(atom.Atom) bool, skip func(*html.Node) bool, b *strings.Builder, brk func()) {
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.CommentNode:
			return
		case html.ElementNode:
			if n.DataAtom == atom.Script || n.DataAtom == atom.Style || (skip != nil && skip(n)) {
				return
			}
			if isBlock != nil && isBlock(n.DataAtom) {
				brk()
				defer brk()
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
}
