package feed

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/stdbridge/stdbridge/crawler/internal/htmltext"
	"github.com/stdbridge/stdbridge/crawler/tris"
	"github.com/stdbridge/stdbridge/kb"
)

var (
	// reWTO finds WTO symbols in running text; kb.ParseSymbol checks them.
	reWTO = regexp.MustCompile(`(?i)\bG\s*/\s*(?:TBT|SPS)\s*/\s*N\s*/\s*[A-Z]{2,5}\s*/\s*\d{1,6}\b(?:\s*[/ ]\s*(?:Add|Corr|Rev|Suppl?)\s*\.?\s*\d{1,3}\b)*`)
	// reTRISNumber finds year/serial/state; the state must be one TRIS
	// knows, which keeps "Directive 2014/35/EU" out.
	reTRISNumber = regexp.MustCompile(`\b(\d{4})\s*/\s*(\d{1,4})\s*/\s*([A-Z]{2})\b`)
	// reAct finds an EU act's citation: an author and a kind (Commission
	// Implementing ...), the type, then either "(EU) 2023/1230" or "(EC)
	// No 1907/2006" (parentheses optional), or "2014/35/EU".
	reAct = regexp.MustCompile(`(?i)\b(?:(commission|council)\s+)?(?:(implementing|delegated)\s+)?(regulation|directive|decision)\s*` +
		`(?:\(?\s*(eu\s*,\s*euratom|euratom|eec|ec|eu)\s*\)?\s*(no\.?\s*)?(\d{1,4})\s*/\s*(\d{1,4})\b` +
		`|(no\.?\s*)?(\d{2,4})\s*/\s*(\d{1,4})\s*/\s*(euratom|eec|ec|eu)\b)`)
	reBrackets = regexp.MustCompile(`\([^()]*\)|\[[^\[\]]*\]`)
)

// span is where a reference sits in a text.
type span struct{ start, end int }

// findSymbol is the first valid WTO symbol in s.
func findSymbol(s string) (kb.Symbol, span, bool) {
	for _, m := range reWTO.FindAllStringIndex(s, -1) {
		if sym, err := kb.ParseSymbol(s[m[0]:m[1]]); err == nil {
			return sym, span{m[0], m[1]}, true
		}
	}
	return kb.Symbol{}, span{}, false
}

// findTRIS is the first valid TRIS number in s.
func findTRIS(s string) (kb.TRISNumber, span, bool) {
	for _, m := range reTRISNumber.FindAllStringSubmatchIndex(s, -1) {
		if _, ok := tris.StateName(s[m[6]:m[7]]); !ok {
			continue
		}
		if t, err := kb.ParseTRISNumber(s[m[0]:m[1]]); err == nil {
			return t, span{m[0], m[1]}, true
		}
	}
	return kb.TRISNumber{}, span{}, false
}

// act is an EU act named in a text.
type act struct {
	ID   string // the citation as the Official Journal writes it
	Type string // regulation, directive, decision
}

// findAct is the first EU act cited in s, in canonical form: "Commission
// Implementing Regulation (EU) 2024/123", "Regulation (EC) No 1907/2006",
// "Directive 2014/35/EU", "Directive (EU) 2015/1535", "Decision No
// 768/2008/EC". Since 2015 acts are numbered year/number in every type.
func findAct(s string) (act, bool) {
	for _, m := range reAct.FindAllStringSubmatch(s, -1) {
		author, kind, typ := title(m[1]), title(m[2]), title(m[3])
		var id string
		var ok bool
		if m[6] != "" {
			id, ok = citation(typ, canonSeries(m[4]), m[5] != "", m[6], m[7])
		} else {
			id, ok = citation(typ, canonSeries(m[11]), m[8] != "", m[9], m[10])
		}
		if !ok {
			continue
		}
		prefix := strings.TrimSpace(strings.Join([]string{author, kind}, " "))
		if prefix != "" {
			id = prefix + " " + id
		}
		return act{ID: id, Type: strings.ToLower(typ)}, true
	}
	return act{}, false
}

// citation builds the type and number part of a citation from the two
// numbers as written (a/b) and whether "No" preceded them.
func citation(typ, series string, no bool, a, b string) (string, bool) {
	if num(a) == "" || num(b) == "" {
		return "", false
	}
	if typ == "Regulation" {
		// "(EU) 2023/1230", and the "(EU) No. 2023/1230" people write.
		if year4(a) >= 2015 && (!no || !yearLike(b)) {
			return "Regulation (" + series + ") " + a + "/" + num(b), true
		}
		n, y := a, b
		if !no && !yearLike(b) && year4(a) > 0 {
			n, y = b, a
		}
		if !yearLike(y) {
			return "", false
		}
		return "Regulation (" + series + ") No " + num(n) + "/" + y, true
	}
	if no { // Decision No 768/2008/EC
		if !yearLike(b) {
			return "", false
		}
		return typ + " No " + num(a) + "/" + b + "/" + series, true
	}
	y, n := a, b
	if !yearLike(a) && yearLike(b) {
		y, n = b, a
	}
	if !yearLike(y) {
		return "", false
	}
	if year4(y) >= 2015 {
		return typ + " (" + series + ") " + y + "/" + num(n), true
	}
	return typ + " " + y + "/" + num(n) + "/" + series, true
}

// year4 is s as a year when it is a four-digit one an act can carry, else 0.
func year4(s string) int {
	if len(s) != 4 {
		return 0
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1950 || y > 2100 {
		return 0
	}
	return y
}

// yearLike: a four-digit year, or the two digits older acts used (98/34/EC).
func yearLike(s string) bool { return year4(s) > 0 || (len(s) == 2 && num(s) != "" || s == "00") }

// num is s without leading zeros, or "" when it is not a positive number.
func num(s string) string {
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func canonSeries(s string) string {
	switch l := strings.ToLower(strings.Join(strings.Fields(s), "")); l {
	case "eu":
		return "EU"
	case "ec":
		return "EC"
	case "eec":
		return "EEC"
	case "euratom":
		return "Euratom"
	default: // eu,euratom
		return "EU, Euratom"
	}
}

func title(s string) string {
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + strings.ToLower(s[1:])
}

// leadWords may stand before a reference in a title without saying
// anything once the reference is gone: "New WTO notification G/TBT/...".
func leadWord(w string) bool {
	switch strings.ToLower(w) {
	case "new", "wto", "tbt", "sps", "tris", "eu", "eping", "notification", "notifications", "notified", "alert", "draft", "no", "number":
		return true
	}
	return false
}

// without removes the reference at sp from a title, with the words and
// separators that only introduced it.
func without(title string, sp span) string {
	before, after := title[:sp.start], title[sp.end:]
	if strings.IndexFunc(before, func(r rune) bool { return r >= '0' && r <= '9' }) < 0 {
		intro := true
		for _, w := range strings.FieldsFunc(before, func(r rune) bool { return !isLetter(r) }) {
			if !leadWord(w) {
				intro = false
				break
			}
		}
		if intro {
			before = ""
		}
	}
	s := strings.TrimSpace(before) + " " + strings.TrimSpace(after)
	// Brackets left holding nothing, or only "TRIS" / "WTO notification".
	s = reBrackets.ReplaceAllStringFunc(s, func(b string) string {
		for _, w := range strings.FieldsFunc(b[1:len(b)-1], func(r rune) bool { return !isLetter(r) }) {
			if !leadWord(w) {
				return b
			}
		}
		if strings.IndexFunc(b, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 {
			return b
		}
		return ""
	})
	return strings.Trim(htmltext.Collapse(s), " -–—:|;,/.")
}

func isLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// unescapeURL shows a link's symbols: G%2FTBT%2FN%2FUSA%2F1 is G/TBT/N/USA/1.
func unescapeURL(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// badRef explains why a text's WTO-symbol-like reference is not one, so
// that a skipped entry says more than "nothing found"; "" when there is
// none.
func badRef(texts ...string) string {
	for _, s := range texts {
		for _, m := range reWTO.FindAllString(s, -1) {
			if _, err := kb.ParseSymbol(m); err != nil {
				return err.Error()
			}
		}
	}
	return ""
}
