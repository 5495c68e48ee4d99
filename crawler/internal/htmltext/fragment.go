package htmltext

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// FragmentText is the text of an HTML fragment (or of plain text) on one
// line: tags dropped, entities decoded, white space collapsed, scripts
// and styles left out. The elements isBlock accepts separate the words
// around them; other elements do not, so H<sub>2</sub>O stays one word.
//
// Fragments are read token by token rather than parsed into a tree, so
// stray or misnested tags in a feed's or a catalogue's text are dropped
// instead of being repaired into elements.
func FragmentText(s string, isBlock func(atom.Atom) bool) string {
	var b strings.Builder
	fragment(s, isBlock, &b, func() { b.WriteByte(' ') })
	return Collapse(b.String())
}

// FragmentLines is the text of an HTML fragment as FragmentText reads
// it, but one line per block; lines are collapsed and empty ones dropped.
func FragmentLines(s string, isBlock func(atom.Atom) bool) []string {
	var w lineWriter
	fragment(s, isBlock, &w.cur, w.flush)
	w.flush()
	return w.lines
}

// fragment writes the text of s to b, calling brk at every start or end
// tag of a block element.
func fragment(s string, isBlock func(atom.Atom) bool, b *strings.Builder, brk func()) {
	if !strings.ContainsAny(s, "<&") {
		// Plain text: nothing for the tokenizer to do that collapsing
		// white space would not undo.
		b.WriteString(s)
		return
	}
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0 // inside <script> or <style>
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch a := atom.Lookup(name); {
			case a == atom.Script || a == atom.Style:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case isBlock != nil && isBlock(a):
				brk()
			}
		}
	}
}
