package index

import (
	"sort"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search"
)

// Snippet markers: the site turns them into <mark> after escaping the rest.
const (
	MarkStart = "\x02"
	MarkEnd   = "\x03"
)

const snippetBytes = 240

// snippet cuts a window of the best matching text field around its first
// match and marks every match inside it, using the byte offsets bleve
// recorded, so marks land exactly on the matched characters.
func snippet(fields map[string]any, locs search.FieldTermLocationMap) string {
	type span struct{ start, end int }
	best, bestSpans := "", []span(nil)
	for _, field := range []string{"text_zh", "text_en", "title_zh", "title_en"} {
		var spans []span
		for _, tl := range locs[field] {
			for _, l := range tl {
				spans = append(spans, span{int(l.Start), int(l.End)})
			}
		}
		if len(spans) > len(bestSpans) {
			best, bestSpans = field, spans
		}
	}
	if best == "" {
		for _, field := range []string{"text_zh", "text_en"} {
			if t := str(fields[field]); t != "" {
				return cut(t, 0, snippetBytes)
			}
		}
		return ""
	}
	text := str(fields[best])
	sort.Slice(bestSpans, func(i, j int) bool { return bestSpans[i].start < bestSpans[j].start })
	from := bestSpans[0].start - snippetBytes/4
	if from < 0 {
		from = 0
	}
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	to := from + snippetBytes
	if to > len(text) {
		to = len(text)
	}
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to++
	}
	var out []byte
	if from > 0 {
		out = append(out, "…"...)
	}
	pos := from
	for _, s := range bestSpans {
		if s.start < pos || s.end > to || s.start >= s.end || s.end > len(text) {
			continue // overlapping (bigrams) or outside the window
		}
		out = append(out, text[pos:s.start]...)
		out = append(out, MarkStart...)
		out = append(out, text[s.start:s.end]...)
		out = append(out, MarkEnd...)
		pos = s.end
	}
	out = append(out, text[pos:to]...)
	if to < len(text) {
		out = append(out, "…"...)
	}
	return string(out)
}

func cut(s string, from, n int) string {
	if len(s) <= n {
		return s
	}
	to := from + n
	for to < len(s) && !utf8.RuneStart(s[to]) {
		to++
	}
	return s[from:to] + "…"
}
