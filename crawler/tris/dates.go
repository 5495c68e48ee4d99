package tris

import (
	"regexp"

	"github.com/stdbridge/stdbridge/kb"
)

// reDMY finds the day-first dates TRIS writes: 03/03/2025 on its pages,
// 03-03-2025 in the message's structured line.
var reDMY = regexp.MustCompile(`\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b`)

// dates returns every day-first date in s, in order, as kb dates (not
// checked: an impossible date is left for Normalize to reject).
func dates(s string) []kb.Date {
	var out []kb.Date
	for _, m := range reDMY.FindAllStringSubmatch(s, -1) {
		out = append(out, kb.Date(m[3]+"-"+pad2(m[2])+"-"+pad2(m[1])))
	}
	return out
}

// date reads the one date a field holds; ok is false when there is none.
func date(s string) (kb.Date, bool) {
	if d := dates(s); len(d) > 0 {
		return d[0], true
	}
	return "", false
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// standstill reads an "End of standstill" value: "16/06/2025", or
// "16/06/2025 (16/09/2025)" when a detailed opinion extended it.
// Comments were due by the first date; the state may not adopt the text
// before the last, which adoption says ("not before 2025-09-16 ...").
func standstill(raw string) (deadline kb.Date, adoption string, err error) {
	deadline, err = checkDate(raw)
	if err != nil {
		return "", "", err
	}
	end, what := deadline, "end of standstill"
	for _, d := range dates(raw)[1:] {
		if _, err := kb.ParseDate(string(d)); err == nil && d > end {
			end, what = d, "end of the standstill as extended"
		}
	}
	return deadline, "not before " + string(end) + " (" + what + ")", nil
}
