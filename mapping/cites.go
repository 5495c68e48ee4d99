package mapping

import (
	"regexp"
	"slices"

	"github.com/stdbridge/stdbridge/kb"
)

// reCited finds what looks like a standard number in running text:
// a publisher's prefix and a number ("EN 71-3", "ISO 8124-1:2018",
// "IEC 60335-2-24", "GB/T 19001-2016", "ASTM F963-17").
var reCited = regexp.MustCompile(`\b(?:ISO(?:/IEC)?(?:/(?:TS|TR|PAS))?|IEC(?: (?:TS|TR))?|CISPR|(?:BS |DIN |NF )?EN(?: ISO| IEC)?|ASTM|JIS|GB(?:/[TZ])?)\s?[A-Z]?\s?\d{1,6}(?:[.\-]\d{1,4})*(?:\s?[:\-]\s?(?:19|20)\d{2})?(?:/(?:Amd|AMD|A)\s?\d{1,2}(?::\d{4})?)?`)

// Cited lists the standard numbers a text names, canonical, each once,
// in the order they first appear.
func Cited(text string) []string {
	var out []string
	for _, m := range reCited.FindAllString(text, -1) {
		c, err := kb.CanonicalStandardNumber(m)
		if err != nil || slices.Contains(out, c) {
			continue
		}
		out = append(out, c)
	}
	return out
}
