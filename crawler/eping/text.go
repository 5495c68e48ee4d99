package eping

import (
	"html"
	"strings"
)

// blockTags end a line when stripped: ePing's titles and descriptions are
// rich text ("<p>…</p><ul><li>…</li></ul>"), and the paragraphs should
// survive as lines rather than run together.
var blockTags = map[string]bool{
	"p": true, "br": true, "div": true, "li": true, "ul": true, "ol": true,
	"tr": true, "table": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "blockquote": true,
}

// plainText turns ePing's rich text into plain text: tags dropped (block
// tags become line breaks), entities decoded, spaces collapsed within each
// line and blank lines dropped. A "<" that cannot start a tag ("pH < 7")
// is kept.
func plainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return tidyLines(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c != '<' || i+1 >= len(s) || !startsTag(s[i+1]) {
			b.WriteByte(c)
			i++
			continue
		}
		end := strings.IndexByte(s[i:], '>')
		if end < 0 { // an unclosed "<x": text, not a tag
			b.WriteString(s[i:])
			break
		}
		if blockTags[tagName(s[i+1:i+end])] {
			b.WriteByte('\n')
		} else {
			b.WriteByte(' ')
		}
		i += end + 1
	}
	return tidyLines(html.UnescapeString(b.String()))
}

func startsTag(c byte) bool {
	return c == '/' || c == '!' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// tagName is the lower-cased name of the tag whose inside (after "<") is in.
func tagName(in string) string {
	in = strings.TrimPrefix(in, "/")
	end := strings.IndexAny(in, " \t\r\n/")
	if end >= 0 {
		in = in[:end]
	}
	return strings.ToLower(in)
}

// tidyLines collapses white space (no-break spaces included) within each
// line, trims lines and drops empty ones.
func tidyLines(s string) string {
	lines := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	out := lines[:0]
	for _, l := range lines {
		if l = strings.Join(strings.Fields(strings.ReplaceAll(l, "\u00a0", " ")), " "); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// oneLine is plainText on a single line, for titles.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(plainText(s), "\u00a0", " ")), " ")
}
