package kb

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Kind names a record type in the store and in JSON Lines files.
type Kind string

const (
	KindStandard     Kind = "standard"
	KindNotification Kind = "notification"
	KindRegulation   Kind = "regulation"
	KindMapping      Kind = "mapping"
	KindRequirement  Kind = "requirement"
)

// Kinds lists every kind in the order they are imported and exported:
// things that others refer to come first.
var Kinds = []Kind{KindStandard, KindRegulation, KindNotification, KindMapping, KindRequirement}

// ParseKind checks that s names a kind.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("unknown kind %q (want standard, notification, regulation, mapping or requirement)", s)
}

// Record is what every kind has: a canonical identity and a way to bring
// its fields to canonical form, reporting every problem at once.
type Record interface {
	Kind() Kind
	// Key is the record's canonical identity, unique within its kind.
	Key() string
	// Normalize canonicalises identifiers, trims text and validates values.
	Normalize() error
}

// Date is a calendar date as YYYY-MM-DD; YYYY-MM and YYYY are kept when a
// source gives no more.
type Date string

// ParseDate accepts 2016-03-01, 2016/3/1, 2016.03.01, 2016年3月1日,
// 2016-03 and 2016.
func ParseDate(s string) (Date, error) {
	in := s
	s = strings.TrimSpace(foldWidth(s))
	if s == "" {
		return "", nil
	}
	s = strings.NewReplacer("年", "-", "月", "-", "日", "", "/", "-", ".", "-").Replace(s)
	s = strings.TrimSuffix(s, "-")
	parts := strings.Split(s, "-")
	if len(parts) > 3 {
		return "", fmt.Errorf("date %q: want YYYY-MM-DD", in)
	}
	for i, p := range parts {
		if !isDigits(p) || (i == 0 && len(p) != 4) || (i > 0 && (len(p) < 1 || len(p) > 2)) {
			return "", fmt.Errorf("date %q: want YYYY-MM-DD", in)
		}
		if i > 0 && len(p) == 1 {
			parts[i] = "0" + p
		}
	}
	norm := strings.Join(parts, "-")
	layout := [...]string{"2006", "2006-01", "2006-01-02"}[len(parts)-1]
	t, err := time.Parse(layout, norm)
	if err != nil {
		return "", fmt.Errorf("date %q: no such date", in)
	}
	if t.Year() < 1900 || t.Year() > 2100 {
		return "", fmt.Errorf("date %q: year out of range", in)
	}
	return Date(norm), nil
}

// Time is the first instant of the date in UTC (zero when empty).
func (d Date) Time() time.Time {
	if d == "" {
		return time.Time{}
	}
	layout := [...]string{"2006", "2006-01", "2006-01-02"}[strings.Count(string(d), "-")]
	t, _ := time.Parse(layout, string(d))
	return t
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d == "" }

// fieldErrors collects every problem of one record so a user fixes a line
// once, not once per field.
type fieldErrors []string

func (e *fieldErrors) add(field string, err error) {
	if err != nil {
		*e = append(*e, field+": "+err.Error())
	}
}

func (e *fieldErrors) addf(field, format string, args ...any) {
	*e = append(*e, field+": "+fmt.Sprintf(format, args...))
}

func (e fieldErrors) err() error {
	if len(e) == 0 {
		return nil
	}
	return errors.New(strings.Join(e, "; "))
}

func normDate(errs *fieldErrors, field string, d *Date) {
	v, err := ParseDate(string(*d))
	errs.add(field, err)
	if err == nil {
		*d = v
	}
}

func normText(s *string) { *s = CleanText(*s) }

func normLine(s *string) { *s = collapseSpace(CleanText(*s)) }

// normList trims every entry, drops empty ones and duplicates, keeping order.
func normList(list []string, canon func(string) (string, error), errs *fieldErrors, field string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range list {
		s = collapseSpace(CleanText(s))
		if s == "" {
			continue
		}
		if canon != nil {
			c, err := canon(s)
			if err != nil {
				errs.add(field, err)
				continue
			}
			s = c
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func canonHS(s string) (string, error) {
	c, err := ParseHS(s)
	return string(c), err
}

func canonICS(s string) (string, error) {
	c, err := ParseICS(s)
	return string(c), err
}

func normSources(list []string) []string {
	return normList(list, nil, nil, "")
}
