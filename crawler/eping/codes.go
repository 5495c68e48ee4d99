package eping

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/stdbridge/stdbridge/kb"
)

// codeKeys are where a code object ({"id":44595,"code":"030617","name":
// "030617 - Frozen shrimps and prawns"}) keeps its code.
var codeKeys = []string{"code", "name", "text", "value"}

// codeEntries lists the raw entries of a code field: array elements (an
// object by its code) or the ";"-separated parts of a text such as
// "97.200.50 - Toys; 13.120 - Domestic safety".
func codeEntries(v any) []string {
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			if t := objectText(x, codeKeys); t != "" {
				out = append(out, t)
			}
		case json.Number:
			// A number has lost its leading zero: 30617 is 030617.
			if s := x.String(); len(s)%2 == 1 {
				out = append(out, "0"+s)
			} else {
				out = append(out, s)
			}
		case nil:
		default:
			out = append(out, splitItems(textOf(x))...)
		}
	}
	walk(v)
	return out
}

// leadingCode reads the code an entry starts with: "9503 - Toys" gives
// 9503, "13.120" gives 13.120. Names also contain ";" and digits, so an
// entry counts only if the code is all of it or is followed by a dash or
// colon ("2 wheels" is not a code).
func leadingCode(s string) (string, bool) {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && (isDigit(s[i]) || s[i] == '.' || s[i] == ' ') {
		i++
	}
	code := strings.TrimRight(strings.TrimSpace(s[:i]), ". ")
	if code == "" || !isDigit(code[0]) {
		return "", false
	}
	rest := strings.TrimSpace(s[i:])
	if rest != "" && !strings.HasPrefix(rest, "-") && !strings.HasPrefix(rest, "–") && !strings.HasPrefix(rest, ":") {
		return "", false
	}
	return code, true
}

// hsCodes extracts the HS codes of an hsCodes field. ePing lists
// one-dash subheadings by five digits ("34011 - - Soap …"); their heading
// is the nearest code HS has. Entries that are no HS code are dropped: a
// stray code must not cost the whole notification.
func hsCodes(v any) []string {
	var out []string
	for _, e := range codeEntries(v) {
		c, ok := leadingCode(e)
		if !ok {
			continue
		}
		if !strings.ContainsAny(c, ". ") && len(c) > 2 && len(c)%2 == 1 {
			c = c[:len(c)-1]
		}
		if _, err := kb.ParseHS(c); err == nil {
			out = append(out, c)
		}
	}
	return out
}

// icsCodes extracts the ICS codes of an icsCodeText or icsCodes field,
// without their names; entries that are no ICS code are dropped.
func icsCodes(v any) []string {
	var out []string
	for _, e := range codeEntries(v) {
		c, ok := leadingCode(e)
		if !ok {
			continue
		}
		if _, err := kb.ParseICS(c); err == nil {
			out = append(out, c)
		}
	}
	return out
}

// linkKeys are where a link object keeps its URL.
var linkKeys = []string{"url", "href", "link", "value", "name"}

// links lists the http(s) URLs of a link field, which holds one URL, several
// joined by line breaks or commas, or an array of URLs or link objects.
func links(v any) []string {
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			walk(objectText(x, linkKeys))
		case nil:
		default:
			for _, tok := range splitLinks(textOf(x)) {
				if l := strings.ToLower(tok); strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") {
					out = append(out, tok)
				}
			}
		}
	}
	walk(v)
	return out
}

// ePingSite is where ePing's relative notification links point. The API's
// links are absolute as far as we know; this is a guess for the others.
const ePingSite = "https://eping.wto.org"

// link is a notification link, made absolute.
func link(v any) string {
	s := strings.TrimSpace(textOf(v))
	if strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") {
		return ePingSite + s
	}
	if l := links(s); len(l) > 0 {
		return l[0]
	}
	return ""
}

// parseDate reads ePing's dates: "2025-06-03T00:00:00", with or without a
// zone ("…+00:00", "…Z"), or a plain date. The calendar date is the one
// ePing wrote; the time of day and the zone are dropped, as the WTO dates
// its documents by the Geneva calendar.
func parseDate(v any) (kb.Date, error) {
	s := strings.TrimSpace(textOf(v))
	if s == "" {
		return "", nil
	}
	if len(s) > 10 && s[4] == '-' && s[7] == '-' && (s[10] == 'T' || s[10] == ' ') {
		s = s[:10]
	}
	d, err := kb.ParseDate(s)
	if err != nil {
		return "", fmt.Errorf("%q is not a date", truncate(textOf(v), 40))
	}
	return d, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// truncate shortens s to n runes for messages.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
