package kb

import (
	"fmt"
	"strings"
	"unicode"
)

// Indicator is one indicator a mapping compares on both sides: the
// foreign and the domestic limit of one parameter, written as a
// comparator and a number ("<= 23", "≤ 0.1", "not detected"). It is
// reviewed with the mapping; once the mapping is approved each side
// becomes a requirement row of Topic, for the comparison pages.
type Indicator struct {
	Topic     string `json:"topic"`
	Parameter string `json:"parameter"`
	Scope     string `json:"scope,omitempty"`
	Unit      string `json:"unit,omitempty"`
	Foreign   string `json:"foreign,omitempty"`
	Domestic  string `json:"domestic,omitempty"`
	Method    string `json:"method,omitempty"`
}

// Requirements turns the indicator into a requirement row per side that
// states a limit.
func (in Indicator) Requirements(foreign, domestic string) ([]*Requirement, error) {
	var out []*Requirement
	for _, side := range []struct{ source, limit string }{{foreign, in.Foreign}, {domestic, in.Domestic}} {
		if strings.TrimSpace(side.limit) == "" {
			continue
		}
		cmp, limit, err := SplitLimit(side.limit)
		if err != nil {
			return nil, fmt.Errorf("%s, %s: %w", in.Parameter, side.source, err)
		}
		r := &Requirement{Source: side.source, Topic: in.Topic, Parameter: in.Parameter, Scope: in.Scope,
			Comparator: cmp, Limit: limit, Unit: in.Unit, Method: in.Method}
		if err := r.Normalize(); err != nil {
			return nil, fmt.Errorf("%s, %s: %w", in.Parameter, side.source, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// SplitLimit reads a limit as written — a comparator and a number, or
// "not detected" / "prohibited" and their Chinese forms — into its parts.
func SplitLimit(s string) (Comparator, string, error) {
	s = strings.TrimSpace(foldWidth(s))
	if c, err := ParseComparator(s); err == nil && (c == CmpNotDetected || c == CmpProhibited) {
		return c, "", nil
	}
	i := strings.IndexFunc(s, func(r rune) bool { return unicode.IsDigit(r) || r == '.' })
	if i < 0 {
		return "", "", fmt.Errorf("limit %q: want a comparator and a number, such as <= 23", s)
	}
	cmpText := strings.TrimSpace(s[:i])
	if cmpText == "" {
		cmpText = "<=" // a bare number is a maximum, as limit tables write them
	}
	c, err := ParseComparator(cmpText)
	if err != nil {
		return "", "", fmt.Errorf("limit %q: %w", s, err)
	}
	return c, strings.TrimSpace(s[i:]), nil
}
