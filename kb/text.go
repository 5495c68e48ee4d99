package kb

import (
	"strings"
	"unicode"
)

// foldWidth maps full-width ASCII variants (ＧＢ／Ｔ, ：, －) and the many
// dashes people type into plain ASCII, so identifiers pasted from Chinese
// documents parse like ones typed on an English keyboard.
func foldWidth(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == 0x3000 || r == 0x00A0 || r == 0x2002 || r == 0x2003 || r == 0x2009 || r == 0x202F:
			r = ' '
		case r == 0x2010 || r == 0x2011 || r == 0x2012 || r == 0x2013 || r == 0x2014 || r == 0x2015 || r == 0x2212 || r == 0xFE58 || r == 0xFE63:
			r = '-'
		case r == 0x3002: // ideographic full stop
			r = '.'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// collapseSpace trims s and replaces every run of white space by one space.
func collapseSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// CleanText normalises free text from outside: trims, folds full-width
// ASCII, collapses white space and drops control characters.
func CleanText(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\r' || (unicode.IsControl(r) && r != '\n' && r != '\t') || r == unicode.ReplacementChar {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
