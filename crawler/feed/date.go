package feed

import (
	"regexp"
	"strings"
	"time"
)

// reWeekday is the optional day name RFC 822 dates start with.
var reWeekday = regexp.MustCompile(`^[A-Za-z]+,\s*`)

// dateLayouts are the date forms found in feeds: RFC 822/1123 in RSS
// (with and without seconds, two-digit years, zone names or offsets, full
// month names) and RFC 3339 in Atom and dc:date (with or without zone,
// or only a date).
func dateLayouts() []string {
	return []string{
		"2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 MST", "2 Jan 2006 15:04:05 -07:00",
		"2 Jan 2006 15:04 -0700", "2 Jan 2006 15:04 MST", "2 Jan 2006 15:04:05",
		"2 Jan 06 15:04:05 -0700", "2 Jan 06 15:04:05 MST", "2 Jan 06 15:04 -0700", "2 Jan 06 15:04 MST",
		"2 January 2006 15:04:05 -0700", "2 January 2006 15:04:05 MST", "2 January 2006 15:04 MST",
		"2 Jan 2006", "2 January 2006",
		time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999", "2006-01-02T15:04Z07:00",
		"2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05", "2006-01-02",
	}
}

// parseDate reads a feed date; the result keeps the zone it was written
// in, so that its calendar date is the publisher's.
func parseDate(s string) (time.Time, bool) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return time.Time{}, false
	}
	s = reWeekday.ReplaceAllString(s, "")
	// RFC 822's "UT" and "Z" zones, which Go's MST layout does not take.
	if z, ok := strings.CutSuffix(s, " UT"); ok {
		s = z + " UTC"
	} else if z, ok := strings.CutSuffix(s, " Z"); ok {
		s = z + " UTC"
	}
	for _, l := range dateLayouts() {
		if t, err := time.Parse(l, s); err == nil {
			if t.Year() < 1900 || t.Year() > 2100 {
				return time.Time{}, false
			}
			return t, true
		}
	}
	return time.Time{}, false
}
