package templates

import (
	"strings"

	"github.com/stdbridge/stdbridge/index"
)

// Segment is a piece of a search snippet; Mark says it matched the query.
type Segment struct {
	Text string
	Mark bool
}

// Highlight splits a snippet whose matches sit between index.MarkStart and
// index.MarkEnd into segments. The components print each segment as
// escaped text, marked ones inside <mark>, so nothing in a snippet can
// become markup. Unbalanced or stray markers are dropped.
func Highlight(snippet string) []Segment {
	var out []Segment
	rest := snippet
	for rest != "" {
		before, after, found := strings.Cut(rest, index.MarkStart)
		out = appendSeg(out, clean(before), false)
		if !found {
			break
		}
		match, tail, closed := strings.Cut(after, index.MarkEnd)
		out = appendSeg(out, clean(match), closed)
		rest = tail
	}
	return out
}

func appendSeg(out []Segment, text string, mark bool) []Segment {
	if text == "" {
		return out
	}
	if n := len(out); n > 0 && out[n-1].Mark == mark {
		out[n-1].Text += text
		return out
	}
	return append(out, Segment{Text: text, Mark: mark})
}

func clean(s string) string {
	return strings.NewReplacer(index.MarkStart, "", index.MarkEnd, "").Replace(s)
}

// PlainSnippet is the snippet without its markers.
func PlainSnippet(snippet string) string { return clean(snippet) }
