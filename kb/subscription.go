package kb

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Subscription is what one alert asks for. Different kinds of condition
// must all hold; the values of one kind are alternatives; an empty kind
// does not constrain. Exclude vetoes; Follow limits the subscription to the
// chains (same root symbol) of the followed notifications.
type Subscription struct {
	ID         int64
	Members    []string           // WTO member codes (MemberCode canonical)
	Areas      []Area             // TBT, SPS, TRIS
	Types      []NotificationType // regular, addendum, ...
	HS         []string           // digit prefixes, 2–10 digits ("8516", "851660"); dots allowed on input
	ICS        []string           // prefixes: "97", "97.200", "97.200.50"
	Objectives []string           // as notifications give them; compared case- and space-insensitively
	Keywords   []string           // any of them must occur (after folding); Chinese or English
	Exclude    []string           // none of them may occur
	Follow     []string           // WTO symbols: any document of their chain (same Root) matches
}

// Normalize puts every value in canonical form (member codes, HS digits,
// dotted ICS, canonical symbols), sorts and de-duplicates each kind, and
// reports bad values. A subscription needs at least one condition other
// than Exclude: exclusions alone would alert on everything.
func (s *Subscription) Normalize() error {
	var errs []error
	bad := func(kind, v string, err error) {
		errs = append(errs, fmt.Errorf("%s %q: %w", kind, v, err))
	}
	s.Members = canonAll(s.Members, func(v string) (string, error) { return MemberCode(v) }, "member", bad)
	s.Areas = canonAll(s.Areas, func(v Area) (Area, error) {
		switch a := Area(strings.ToUpper(strings.TrimSpace(string(v)))); a {
		case AreaTBT, AreaSPS, AreaTRIS:
			return a, nil
		}
		return "", errors.New("want TBT, SPS or TRIS")
	}, "area", bad)
	s.Types = canonAll(s.Types, func(v NotificationType) (NotificationType, error) {
		t, err := ParseNotificationType(string(v))
		if err == nil && t == "" {
			err = errors.New("empty")
		}
		return t, err
	}, "type", bad)
	s.HS = canonAll(s.HS, func(v string) (string, error) {
		c, err := ParseHS(v)
		return c.Digits(), err
	}, "HS code", bad)
	s.ICS = canonAll(s.ICS, func(v string) (string, error) {
		c, err := ParseICS(v)
		return string(c), err
	}, "ICS code", bad)
	s.Objectives = canonAll(s.Objectives, cleanPhrase, "objective", bad)
	s.Keywords = canonAll(s.Keywords, cleanPhrase, "keyword", bad)
	s.Exclude = canonAll(s.Exclude, cleanPhrase, "excluded keyword", bad)
	s.Follow = canonAll(s.Follow, func(v string) (string, error) {
		sym, err := ParseSymbol(v)
		return sym.String(), err
	}, "followed symbol", bad)
	if len(s.Members)+len(s.Areas)+len(s.Types)+len(s.HS)+len(s.ICS)+len(s.Objectives)+len(s.Keywords)+len(s.Follow) == 0 && len(errs) == 0 {
		errs = append(errs, errors.New("no condition: give at least one member, area, type, HS or ICS code, objective, keyword or followed symbol"))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("subscription %d: %w", s.ID, err)
	}
	return nil
}

// canonAll canonicalises each value, drops the bad ones (reporting them),
// sorts and de-duplicates. It returns nil for an empty result so that
// normalised subscriptions compare equal however they were built.
func canonAll[T ~string](vs []T, canon func(T) (T, error), kind string, bad func(kind, v string, err error)) []T {
	var out []T
	for _, v := range vs {
		c, err := canon(v)
		if err != nil {
			bad(kind, string(v), err)
			continue
		}
		out = append(out, c)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// cleanPhrase trims and collapses white space; an empty phrase is an error
// because it would match everything (or, as an exclusion, nothing).
func cleanPhrase(s string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "", errors.New("empty")
	}
	return s, nil
}
