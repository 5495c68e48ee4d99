package eping

import (
	"encoding/json"
	"strings"
)

// ePing's fields are not typed consistently across its API versions and
// exports: a member or a notification type is a string or an object with
// a name, a list is an array of strings, an array of {"id","name"} objects
// or one "; "-joined string, and numbers sometimes arrive as strings. The
// helpers here read any of these shapes from a value decoded with
// UseNumber (string, json.Number, bool, nil, []any, map[string]any).

// nameKeys are the keys an object carries its display text under, most
// specific first.
var nameKeys = []string{"name", "text", "value", "label", "title", "description", "code"}

// textOf renders v as one text: strings as they are, numbers by their
// literal, objects by their name, arrays joined by "; ".
func textOf(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case map[string]any:
		return objectText(x, nameKeys)
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			if t := strings.TrimSpace(textOf(e)); t != "" {
				parts = append(parts, t)
			}
		}
		return strings.Join(parts, "; ")
	}
	return "" // nil, bool: no text
}

// objectText is the first non-empty text under one of keys, matched
// case-insensitively as encoding/json matches struct fields.
func objectText(m map[string]any, keys []string) string {
	for _, k := range keys {
		if t := strings.TrimSpace(textOf(m[k])); t != "" {
			return t
		}
		for mk, mv := range m {
			if strings.EqualFold(mk, k) {
				if t := strings.TrimSpace(textOf(mv)); t != "" {
					return t
				}
			}
		}
	}
	return ""
}

// listOf renders v as a list of texts: an array element by element, a
// string split by split. Empty entries are dropped.
func listOf(v any, split func(string) []string) []string {
	var out []string
	add := func(s string) {
		for _, p := range split(s) {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok {
				add(s)
			} else if t := strings.TrimSpace(textOf(e)); t != "" {
				out = append(out, t)
			}
		}
	case nil:
	default:
		add(textOf(x))
	}
	return out
}

// splitItems splits a joined list on ";" and line breaks only: names such
// as "Korea, Republic of" and objectives such as "Consumer information,
// labelling" contain commas.
func splitItems(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' })
}

// splitLinks splits a joined list of links on any separator a URL cannot
// contain unescaped.
func splitLinks(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ';' || r == ',' || r == ' ' || r == '\n' || r == '\r' || r == '\t'
	})
}

// firstText is the text of the first value that has one: ePing sends a
// plain-text twin (titlePlain) next to some HTML fields.
func firstText(vs ...any) string {
	for _, v := range vs {
		if t := strings.TrimSpace(textOf(v)); t != "" {
			return t
		}
	}
	return ""
}
