package site

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/templates"
)

// formatter writes dates and numbers for one language; it is the
// templates.Formatter of every page.
//
//   - Dates: zh 2026年11月23日, 2026年11月, 2026年; en 23 Nov 2026,
//     Nov 2026, 2026. Records may know only a month or a year, and the
//     format says no more than they do. A date that does not parse is
//     shown as stored rather than hidden.
//   - Instants (crawl runs, alerts sent): the date as above and the time
//     to the minute, in UTC, which the site counts days in.
//   - Counts: digits grouped by three with commas in both languages. Not
//     万: a count is read beside exact facet counts and the same figure
//     on the English page, and 1.2万 would hide the last digits of
//     numbers the visitor can check; Chinese finance and statistics
//     writing groups by three as well.
//   - Percentages: at most one decimal, trailing .0 dropped, the same in
//     both languages (12.5%, 50%).
type formatter struct{ lang string }

func formatterFor(lang string) formatter { return formatter{lang: lang} }

// Date formats a full date, a month or a year: see templates.FormatDate.
func (f formatter) Date(d kb.Date) string { return templates.FormatDate(d, f.lang) }

// Time formats an instant to the minute, in UTC; "" when zero.
func (f formatter) Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	return f.Date(dateOf(t)) + " " + t.Format("15:04") + " UTC"
}

// Num formats a count with its digits grouped by three.
func (f formatter) Num(n int) string {
	s := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Pct formats a fraction (0.125) as a percentage (12.5%).
func (f formatter) Pct(fraction float64) string {
	if math.IsNaN(fraction) || math.IsInf(fraction, 0) {
		return "—"
	}
	v := math.Round(fraction*1000) / 10
	if v == 0 {
		v = 0 // not -0
	}
	return strconv.FormatFloat(v, 'f', -1, 64) + "%"
}
