package templates

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/stdbridge/stdbridge/kb"
)

var enMonths = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// FormatDate writes a full date, a month or a year the way lang ("zh" or
// "en") reads it: 2026年11月23日, 2026年11月, 2026年; 23 Nov 2026, Nov
// 2026, 2026. Records may know only a month or a year, and the format
// says no more than they do. A date that does not parse is shown as
// stored rather than hidden. The site's pages and the alert e-mails both
// write dates with it.
func FormatDate(d kb.Date, lang string) string {
	parts := strings.Split(string(d), "-")
	if d == "" || len(parts) > 3 {
		return string(d)
	}
	// Parsing checks the digits and the calendar (no 2026-02-30).
	layout := [...]string{"2006", "2006-01", "2006-01-02"}[len(parts)-1]
	t, err := time.Parse(layout, string(d))
	if err != nil {
		return string(d)
	}
	y, m, day := t.Date()
	if lang == "en" {
		switch len(parts) {
		case 1:
			return strconv.Itoa(y)
		case 2:
			return fmt.Sprintf("%s %d", enMonths[m-1], y)
		}
		return fmt.Sprintf("%d %s %d", day, enMonths[m-1], y)
	}
	switch len(parts) {
	case 1:
		return fmt.Sprintf("%d年", y)
	case 2:
		return fmt.Sprintf("%d年%d月", y, m)
	}
	return fmt.Sprintf("%d年%d月%d日", y, m, day)
}
