// Package baseline holds the search engines stdbridge's own index is
// measured against: what a developer gets from the usual tools set up the
// obvious way, with no knowledge of standard numbers or WTO symbols.
//
//   - CJK: bleve with its stock cjk analyzer and query string syntax.
//   - FTS5: SQLite FTS5 with the trigram tokenizer.
//
// Both index the same text, made by Text, so that differences in the
// results come from the engines, not from what they were fed. Of a
// request they honour Query, Kinds, Offset and Limit; facet filters,
// dates and sort orders are stdbridge's own and are ignored.
package baseline

import (
	"strings"

	"github.com/stdbridge/stdbridge/kb"
)

// Text is the text a baseline indexes for a record: its titles, and a body
// holding identifiers (as plain words) and descriptive text. Identifiers
// such as the standard number go in the body because a plain setup has no
// special place for them.
func Text(r kb.Record) (title, body string) {
	switch v := r.(type) {
	case *kb.Standard:
		return join(v.TitleZh, v.TitleEn, v.TitleOriginal),
			join(v.Number, v.Scope, strings.Join(v.ICS, " "))
	case *kb.Notification:
		return join(v.TitleZh, v.Title),
			join(v.Symbol, v.Member, v.Description, v.Products,
				strings.Join(v.Keywords, "; "), strings.Join(v.Objectives, "; "),
				strings.Join(v.HS, " "), strings.Join(v.ICS, " "))
	case *kb.Regulation:
		return join(v.TitleZh, v.TitleEn), join(v.ID, v.Summary)
	case *kb.Mapping:
		return v.Foreign + " → " + v.Domestic, v.Deviations
	case *kb.Requirement:
		return join(v.ParameterZh, v.Parameter), join(v.Source, v.Scope)
	}
	return "", ""
}

// join puts the non-empty parts on lines of their own.
func join(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n")
}

// hitTitle is the title shown in a hit: the first line of the indexed
// title (the Chinese one when there is one).
func hitTitle(title string) string {
	first, _, _ := strings.Cut(title, "\n")
	return first
}
