package kb

import (
	"fmt"
	"strings"
)

// HSCode is a Harmonized System code: a 2-digit chapter, 4-digit heading,
// 6-digit subheading, or a national tariff line of 8 or 10 digits. It is
// stored as digits grouped the customary way: 95, 9503, 9503.00,
// 9503.00.21, 9503.00.21.00.
type HSCode string

// ParseHS accepts 9503.00, 950300, 9503 00, 9503.00.21 and the like.
func ParseHS(s string) (HSCode, error) {
	in := s
	s = foldWidth(s)
	var digits strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == '.' || r == ' ' || r == '-':
		default:
			return "", fmt.Errorf("HS code %q: unexpected %q", truncate(in, 30), r)
		}
	}
	d := digits.String()
	if n := len(d); n < 2 || n > 10 || n%2 != 0 {
		return "", fmt.Errorf("HS code %q: want 2, 4, 6, 8 or 10 digits, got %d", truncate(in, 30), n)
	}
	if d[:2] == "00" || d[:2] > "97" {
		return "", fmt.Errorf("HS code %q: chapter %s does not exist (01–97)", in, d[:2])
	}
	return HSCode(groupHS(d)), nil
}

func groupHS(d string) string {
	if len(d) <= 4 {
		return d
	}
	var b strings.Builder
	b.WriteString(d[:4])
	for i := 4; i < len(d); i += 2 {
		b.WriteByte('.')
		b.WriteString(d[i : i+2])
	}
	return b.String()
}

// Digits is the code without dots.
func (c HSCode) Digits() string { return strings.ReplaceAll(string(c), ".", "") }

// Chapter is the first two digits.
func (c HSCode) Chapter() string { return string(c)[:2] }

// Prefixes lists the code and its ancestors, shortest first: 95, 9503,
// 9503.00, 9503.00.21 — what a search for 9503 must match.
func (c HSCode) Prefixes() []HSCode {
	d := c.Digits()
	var out []HSCode
	for n := 2; n <= len(d); n += 2 {
		out = append(out, HSCode(groupHS(d[:n])))
	}
	return out
}

// ICSCode is an International Classification for Standards code: field
// (97), group (97.200) or sub-group (97.200.50).
type ICSCode string

// ParseICS accepts 97.200.50, 97 200 50 and 9720050.
func ParseICS(s string) (ICSCode, error) {
	in := s
	s = strings.TrimSpace(foldWidth(s))
	var d strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			d.WriteRune(r)
		case r == '.' || r == ' ':
		default:
			return "", fmt.Errorf("ICS code %q: unexpected %q", truncate(in, 30), r)
		}
	}
	digits := d.String()
	// Dotted input must have the 2/3/2 shape; run-together digits are split by it.
	if strings.Contains(s, ".") || strings.Contains(s, " ") {
		parts := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == ' ' })
		want := []int{2, 3, 2}
		if len(parts) > 3 {
			return "", fmt.Errorf("ICS code %q: at most three levels", in)
		}
		for i, p := range parts {
			if len(p) != want[i] {
				return "", fmt.Errorf("ICS code %q: level %d must have %d digits", in, i+1, want[i])
			}
		}
	}
	switch len(digits) {
	case 2:
		return ICSCode(digits), nil
	case 5:
		return ICSCode(digits[:2] + "." + digits[2:]), nil
	case 7:
		return ICSCode(digits[:2] + "." + digits[2:5] + "." + digits[5:]), nil
	}
	return "", fmt.Errorf("ICS code %q: want NN, NN.NNN or NN.NNN.NN", truncate(in, 30))
}

// Field is the top level, "97".
func (c ICSCode) Field() string { return string(c)[:2] }

// Prefixes lists the code and its ancestors: 97, 97.200, 97.200.50.
func (c ICSCode) Prefixes() []ICSCode {
	s := string(c)
	out := []ICSCode{ICSCode(s[:2])}
	if len(s) >= 6 {
		out = append(out, ICSCode(s[:6]))
	}
	if len(s) == 9 {
		out = append(out, c)
	}
	return out
}

// CCSCode is a China Standard Classification code (中国标准文献分类号):
// a letter and two digits, such as Y57.
func ParseCCS(s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(foldWidth(s)))
	if len(s) != 3 || !isLetter(s[0]) || !isDigits(s[1:]) {
		return "", fmt.Errorf("CCS code %q: want a letter and two digits, such as Y57", s)
	}
	return s, nil
}
