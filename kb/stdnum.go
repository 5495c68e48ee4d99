package kb

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// StdNumber is a parsed standard designation such as GB/T 19001-2016,
// ISO 8124-3:2020/Amd 1:2021, EN 71-3:2019+A1:2021 or ASTM F963-23.
// Its String method gives the one canonical spelling stdbridge stores.
type StdNumber struct {
	Publisher  string      // "GB/T", "ISO", "ISO/IEC", "EN", "ASTM", "JIS", ...
	Number     string      // "19001", "8124", "F963", "S 1201"
	Part       string      // "3", "2-24" (ISO/IEC style) or "4" (GB's 6675.4)
	Year       string      // four digits; empty when the reference is undated
	Amendments []Amendment // in the order written
	Suffix     string      // ASTM revision letter and reapproval, e.g. "a" or "(2021)"
	style      numStyle
	rawYear    string // as written where the style keeps it (ASTM's two digits)
}

// Amendment is one amendment, corrigendum or Chinese 修改单 (XG) of a standard.
type Amendment struct {
	Kind string // "Amd", "Cor", "A", "AC", "XG"
	N    string
	Year string
}

type numStyle int

const (
	styleGeneric numStyle = iota
	styleCN               // GB/T 19001-2016, GB 6675.4-2014/XG1-2020, CXS 193-1995
	styleISO              // ISO 8124-3:2020/Amd 1:2021
	styleIEC              // IEC 60335-1:2020/AMD1:2023
	styleEN               // EN 71-3:2019+A1:2021
	styleASTM             // ASTM F963-23
	styleJIS              // JIS S 1201:2009
)

// publishers lists known designation prefixes, longest first, with the
// spellings people use for them and their canonical form.
var publishers = []struct {
	in    []string
	canon string
	style numStyle
}{
	{[]string{"ISO/IEC/IEEE"}, "ISO/IEC/IEEE", styleISO},
	{[]string{"ISO/IEC TR", "ISO/IEC/TR"}, "ISO/IEC TR", styleISO},
	{[]string{"ISO/IEC TS", "ISO/IEC/TS"}, "ISO/IEC TS", styleISO},
	{[]string{"ISO/IEC GUIDE"}, "ISO/IEC Guide", styleISO},
	{[]string{"ISO/IEC ISP", "ISO/IEC/ISP"}, "ISO/IEC ISP", styleISO},
	{[]string{"ISO/IEC", "ISO IEC", "ISO-IEC"}, "ISO/IEC", styleISO},
	{[]string{"ISO/TS", "ISO TS"}, "ISO/TS", styleISO},
	{[]string{"ISO/TR", "ISO TR"}, "ISO/TR", styleISO},
	{[]string{"ISO/PAS", "ISO PAS"}, "ISO/PAS", styleISO},
	{[]string{"ISO GUIDE", "ISO/GUIDE"}, "ISO Guide", styleISO},
	// Standards ISO publishes jointly with other bodies, the old ISO
	// Recommendations and the International Standardized Profiles.
	{[]string{"ISO/ASTM"}, "ISO/ASTM", styleISO},
	{[]string{"ISO/IEEE"}, "ISO/IEEE", styleISO},
	{[]string{"ISO/CIE"}, "ISO/CIE", styleISO},
	{[]string{"ISO/HL7"}, "ISO/HL7", styleISO},
	{[]string{"ISO/SAE"}, "ISO/SAE", styleISO},
	{[]string{"ISO/ISP"}, "ISO/ISP", styleISO},
	{[]string{"ISO/R"}, "ISO/R", styleISO},
	{[]string{"ISO"}, "ISO", styleISO},
	{[]string{"IEC TS", "IEC/TS"}, "IEC TS", styleIEC},
	{[]string{"IEC TR", "IEC/TR"}, "IEC TR", styleIEC},
	{[]string{"IEC"}, "IEC", styleIEC},
	{[]string{"CISPR"}, "CISPR", styleIEC},
	{[]string{"BS EN ISO"}, "BS EN ISO", styleEN},
	{[]string{"BS EN IEC"}, "BS EN IEC", styleEN},
	{[]string{"BS EN"}, "BS EN", styleEN},
	{[]string{"DIN EN ISO"}, "DIN EN ISO", styleEN},
	{[]string{"DIN EN"}, "DIN EN", styleEN},
	{[]string{"NF EN"}, "NF EN", styleEN},
	{[]string{"EN ISO"}, "EN ISO", styleEN},
	{[]string{"EN IEC"}, "EN IEC", styleEN},
	{[]string{"EN"}, "EN", styleEN},
	{[]string{"ASTM"}, "ASTM", styleASTM},
	{[]string{"JIS"}, "JIS", styleJIS},
	{[]string{"CODEX STAN", "CODEX STANDARD"}, "CXS", styleCN},
	{[]string{"CXS"}, "CXS", styleCN},
	{[]string{"CXG"}, "CXG", styleCN},
	{[]string{"CXC"}, "CXC", styleCN},
	{[]string{"CXM"}, "CXM", styleCN},
	{[]string{"CAC/GL"}, "CAC/GL", styleCN},
	{[]string{"GB/T", "GBT", "GB /T", "GB/ T", "GB / T"}, "GB/T", styleCN},
	{[]string{"GB/Z", "GB /Z", "GB/ Z", "GB / Z"}, "GB/Z", styleCN},
	{[]string{"GBZ/T"}, "GBZ/T", styleCN},
	{[]string{"GBZ"}, "GBZ", styleCN},
	{[]string{"GB"}, "GB", styleCN},
}

// chineseSector are the prefixes of Chinese sector (行业) standards, which
// are written like GB ones: YY/T 0287-2017, SN/T 1234-2020.
var chineseSector = map[string]bool{
	"YY": true, "SN": true, "HG": true, "QB": true, "FZ": true, "JB": true, "NY": true,
	"WS": true, "GA": true, "SJ": true, "YD": true, "LY": true, "SB": true, "GY": true,
	"JG": true, "JC": true, "HJ": true, "AQ": true, "JJF": true, "JJG": true, "MT": true, "DL": true,
}

var (
	reCNBody   = regexp.MustCompile(`^(\d+)((?:\.\d+)*)(?:\s*[-\s]\s*(\d{4}|\d{2}))?((?:\s*/\s*XG\s*\d+(?:\s*-\s*\d{4})?)*)$`)
	reXG       = regexp.MustCompile(`XG\s*(\d+)(?:\s*-\s*(\d{4}))?`)
	reISOBody  = regexp.MustCompile(`^(\d+)((?:\s*-\s*(?:\d+|[A-Z]\d+))*)(?:\s*:\s*(\d{4}))?(.*)$`)
	reAmend    = regexp.MustCompile(`^\s*([+/])\s*(AMD|ADD|AC|A|COR)\s*\.?\s*(\d*)\s*(?:[:\-]\s*(\d{4}))?`)
	reASTMBody = regexp.MustCompile(`^([A-Z])\s*(\d+(?:\.\d+)?)(?:\s*-\s*(\d{2}|\d{4})([A-Z]?)(?:\s*\(\s*R?(\d{4})\s*\))?)?$`)
	reJISBody  = regexp.MustCompile(`^([A-Z])\s*(\d+)((?:\s*-\s*\d+)*)(?:\s*:\s*(\d{4}))?$`)
	reSpaceYr  = regexp.MustCompile(`^(\d+(?:\s*-\s*\d+)*)\s+((?:19|20)\d{2})(\D.*)?$`)
	reYearTail = regexp.MustCompile(`[:\-]\s*((?:19|20)\d{2})$`)
	reDropTail = regexp.MustCompile(`\s*(?:\((?:E|F|R|EN|FR)\)|CSV|ED\.?\s*\d+(?:\.\d+)?)\s*$`)
)

// ParseStandardNumber parses a standard designation written in any common
// spelling — full-width characters, em dashes, missing or extra spaces,
// lower case — and returns it with its canonical form available from String.
func ParseStandardNumber(s string) (StdNumber, error) {
	in := s
	if !utf8.ValidString(s) {
		return StdNumber{}, fmt.Errorf("standard number %q: not valid UTF-8", truncate(in, 40))
	}
	s = strings.ToUpper(collapseSpace(foldWidth(s)))
	if s == "" {
		return StdNumber{}, fmt.Errorf("standard number is empty")
	}
	if len(s) > maxStdNumber {
		return StdNumber{}, fmt.Errorf("standard number %q: too long", truncate(in, 40))
	}
	pub, style, body := splitPublisher(s)
	if pub == "" {
		return StdNumber{}, fmt.Errorf("standard number %q: no publisher prefix (such as GB/T, ISO, EN)", in)
	}
	body = strings.TrimSpace(strings.TrimLeft(body, " -"))
	for {
		trimmed := reDropTail.ReplaceAllString(body, "")
		if trimmed == body {
			break
		}
		body = trimmed
	}
	if body == "" {
		return StdNumber{}, fmt.Errorf("standard number %q: no number after %s", in, pub)
	}
	n := StdNumber{Publisher: pub, style: style}
	var err error
	switch style {
	case styleCN:
		err = n.parseCN(body)
	case styleISO, styleIEC, styleEN:
		err = n.parseISO(body)
	case styleASTM:
		err = n.parseASTM(body)
	case styleJIS:
		err = n.parseJIS(body)
	default:
		err = n.parseGeneric(body)
	}
	if err != nil {
		return StdNumber{}, fmt.Errorf("standard number %q: %w", in, err)
	}
	// The canonical form adds spaces and separators: it must itself be
	// short enough to parse again.
	if len(n.String()) > maxStdNumber {
		return StdNumber{}, fmt.Errorf("standard number %q: too long", truncate(in, 40))
	}
	return n, nil
}

// maxStdNumber bounds a standard number, in bytes; real ones are under 60.
const maxStdNumber = 120

func splitPublisher(s string) (pub string, style numStyle, body string) {
	for _, p := range publishers {
		for _, in := range p.in {
			if rest, ok := strings.CutPrefix(s, in); ok && (rest == "" || !isLetter(rest[0])) {
				return p.canon, p.style, rest
			}
		}
	}
	// Chinese sector standards: two or three letters, optional /T or /Z.
	i := 0
	for i < len(s) && isLetter(s[i]) {
		i++
	}
	prefix := s[:i]
	if chineseSector[prefix] {
		rest := strings.TrimLeft(s[i:], " ")
		if len(rest) >= 2 && rest[0] == '/' && (rest[1] == 'T' || rest[1] == 'Z') {
			return prefix + "/" + rest[1:2], styleCN, rest[2:]
		}
		return prefix, styleCN, rest
	}
	// Anything else: the leading words made of letters and slashes are the
	// publisher (UL, AS/NZS, ANSI/UL, KS C), the rest is the number.
	fields := strings.Fields(s)
	var pubWords []string
	for len(fields) > 0 && fields[0] != "" && !strings.ContainsAny(fields[0], "0123456789") {
		pubWords = append(pubWords, fields[0])
		fields = fields[1:]
	}
	if len(pubWords) == 0 {
		// Letters glued to digits, as in "UL2054".
		if i == 0 {
			return "", 0, ""
		}
		return prefix, styleGeneric, s[i:]
	}
	return strings.Join(pubWords, " "), styleGeneric, strings.Join(fields, " ")
}

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

func (n *StdNumber) parseCN(body string) error {
	m := reCNBody.FindStringSubmatch(body)
	if m == nil {
		return fmt.Errorf("expected NUMBER[.PART][-YEAR], got %q", body)
	}
	n.Number = m[1]
	n.Part = strings.TrimPrefix(m[2], ".")
	n.Year = fullYear(m[3])
	for _, xg := range reXG.FindAllStringSubmatch(m[4], -1) {
		n.Amendments = append(n.Amendments, Amendment{Kind: "XG", N: xg[1], Year: xg[2]})
	}
	return nil
}

func (n *StdNumber) parseISO(body string) error {
	if m := reSpaceYr.FindStringSubmatch(body); m != nil {
		body = m[1] + ":" + m[2] + m[3] // "9001 2015" → "9001:2015"
	}
	m := reISOBody.FindStringSubmatch(body)
	if m == nil {
		return fmt.Errorf("expected NUMBER[-PART][:YEAR], got %q", body)
	}
	n.Number = m[1]
	var parts []string
	for _, p := range strings.Split(m[2], "-") {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	n.Year = m[3]
	// "ISO 8124-3-2010", as Chinese catalogues write it: the last hyphen
	// segment is a year, not a part.
	if n.Year == "" && len(parts) > 0 {
		if last := parts[len(parts)-1]; len(last) == 4 && (last[:2] == "19" || last[:2] == "20") {
			n.Year = last
			parts = parts[:len(parts)-1]
		}
	}
	n.Part = strings.Join(parts, "-")
	rest := m[4]
	for strings.TrimSpace(rest) != "" {
		a := reAmend.FindStringSubmatch(rest)
		if a == nil {
			return fmt.Errorf("cannot read %q after the number", strings.TrimSpace(rest))
		}
		kind := a[2]
		switch {
		case kind == "AMD" || (kind == "A" && n.style != styleEN):
			kind = "Amd"
		case kind == "COR" || (kind == "AC" && n.style != styleEN):
			kind = "Cor"
		case kind == "ADD":
			kind = "Add" // an addendum, as ISO numbered them until the 1990s
		}
		if n.style == styleEN && kind == "Amd" {
			kind = "A"
		}
		if n.style == styleEN && kind == "Cor" {
			kind = "AC"
		}
		if kind != "AC" && a[3] == "" {
			return fmt.Errorf("amendment %q has no number", strings.TrimSpace(a[0]))
		}
		n.Amendments = append(n.Amendments, Amendment{Kind: kind, N: a[3], Year: a[4]})
		rest = rest[len(a[0]):]
	}
	return nil
}

func (n *StdNumber) parseASTM(body string) error {
	m := reASTMBody.FindStringSubmatch(body)
	if m == nil {
		return fmt.Errorf("expected LETTER+NUMBER[-YY], got %q", body)
	}
	n.Number = m[1] + m[2]
	if m[3] != "" {
		n.Year = fullYear(m[3])
		n.rawYear = n.Year[2:]
	}
	n.Suffix = strings.ToLower(m[4])
	if m[5] != "" {
		n.Suffix += "(" + m[5] + ")"
	}
	return nil
}

func (n *StdNumber) parseJIS(body string) error {
	m := reJISBody.FindStringSubmatch(body)
	if m == nil {
		return fmt.Errorf("expected LETTER NUMBER[-PART][:YEAR], got %q", body)
	}
	n.Number = m[1] + " " + m[2]
	n.Part = strings.ReplaceAll(strings.TrimPrefix(strings.ReplaceAll(m[3], " ", ""), "-"), " ", "")
	n.Year = m[4]
	return nil
}

func (n *StdNumber) parseGeneric(body string) error {
	if !strings.ContainsAny(body, "0123456789") {
		return fmt.Errorf("no digits in %q", body)
	}
	if m := reYearTail.FindStringSubmatchIndex(body); m != nil {
		n.Year = body[m[2]:m[3]]
		n.Number = strings.TrimSpace(body[:m[0]])
		n.rawYear = body[m[0]:m[1]] // keep the publisher's separator
	} else {
		n.Number = body
	}
	if n.Number == "" {
		return fmt.Errorf("no number before the year")
	}
	return nil
}

func fullYear(y string) string {
	if len(y) != 2 {
		return y
	}
	if y >= "50" {
		return "19" + y
	}
	return "20" + y
}

// String returns the canonical spelling.
func (n StdNumber) String() string {
	var b strings.Builder
	b.WriteString(n.base())
	for _, a := range n.Amendments {
		b.WriteString(n.amendment(a))
	}
	return b.String()
}

// Undated is the designation without year and amendments ("ISO 8124-3"),
// the form notifications and regulations usually cite.
func (n StdNumber) Undated() string {
	u := n
	u.Year, u.rawYear, u.Suffix, u.Amendments = "", "", "", nil
	return u.base()
}

// Dated is the designation with its year but without amendments.
func (n StdNumber) Dated() string {
	u := n
	u.Amendments = nil
	return u.String()
}

func (n StdNumber) base() string {
	var b strings.Builder
	b.WriteString(n.Publisher)
	b.WriteByte(' ')
	b.WriteString(n.Number)
	switch n.style {
	case styleCN:
		if n.Part != "" {
			b.WriteString("." + n.Part)
		}
		if n.Year != "" {
			b.WriteString("-" + n.Year)
		}
	case styleISO, styleIEC, styleEN, styleJIS:
		if n.Part != "" {
			b.WriteString("-" + n.Part)
		}
		if n.Year != "" {
			b.WriteString(":" + n.Year)
		}
	case styleASTM:
		if n.Year != "" {
			b.WriteString("-" + n.rawYear)
		}
		b.WriteString(n.Suffix)
	default:
		if n.rawYear != "" {
			b.WriteString(n.rawYear)
		}
	}
	return b.String()
}

func (n StdNumber) amendment(a Amendment) string {
	year := ""
	switch n.style {
	case styleCN:
		if a.Year != "" {
			year = "-" + a.Year
		}
		return "/XG" + a.N + year
	case styleEN:
		if a.Year != "" {
			year = ":" + a.Year
		}
		if a.Kind == "AC" {
			return "/AC" + a.N + year
		}
		return "+A" + a.N + year
	case styleIEC:
		if a.Year != "" {
			year = ":" + a.Year
		}
		return "/" + strings.ToUpper(a.Kind) + a.N + year
	default:
		if a.Year != "" {
			year = ":" + a.Year
		}
		return "/" + a.Kind + " " + a.N + year
	}
}

// IsChinese reports whether the standard is a Chinese national or sector
// standard (GB, GB/T, GB/Z, YY/T, ...), the "domestic" side of a mapping.
func (n StdNumber) IsChinese() bool {
	return n.style == styleCN && !strings.HasPrefix(n.Publisher, "CX") && n.Publisher != "CAC/GL"
}

// IsNational reports whether the standard is a Chinese national standard
// (GB, GB/T, GB/Z).
func (n StdNumber) IsNational() bool {
	return n.Publisher == "GB" || n.Publisher == "GB/T" || n.Publisher == "GB/Z"
}

// CanonicalStandardNumber is ParseStandardNumber(s).String().
func CanonicalStandardNumber(s string) (string, error) {
	n, err := ParseStandardNumber(s)
	if err != nil {
		return "", err
	}
	return n.String(), nil
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
