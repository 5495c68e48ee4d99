package mapping

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stdbridge/stdbridge/kb"
)

// Dimension is what a unit measures. Values of one dimension convert to
// its canonical unit and compare; values of different dimensions never do.
type Dimension string

const (
	DimMassFraction  Dimension = "mass fraction"      // canonical mg/kg
	DimConcentration Dimension = "mass concentration" // canonical mg/L
	DimAreaDensity   Dimension = "area density"       // canonical µg/cm²
	DimAreaRate      Dimension = "area release rate"  // canonical µg/cm²/week
	// DimPercent is a bare % or ‰: a mass fraction only when the values it
	// meets are (see Compare); with other percentages it compares as %.
	DimPercent Dimension = "percent"
	// DimOther is any other unit, or none: it compares only with the same
	// unit, spelled the same up to case and spaces.
	DimOther Dimension = "other"
)

// Canonical units of the dimensions that convert.
const (
	UnitMgPerKg      = "mg/kg"
	UnitMgPerL       = "mg/L"
	UnitUgPerCm2     = "µg/cm²"
	UnitUgPerCm2Week = "µg/cm²/week"
	UnitPercent      = "%"
)

// mgPerKgPerPercent converts a w/w percentage to mg/kg.
const mgPerKgPerPercent = 10000

// Unit is a unit as written, resolved to its dimension.
type Unit struct {
	Dim Dimension
	// Canonical is the dimension's canonical unit; for DimOther, the unit
	// as written with spaces tidied.
	Canonical string
	// Factor converts a value in this unit to Canonical (1 for DimOther).
	Factor float64
	// key compares DimOther units: lower case, no spaces.
	key string
}

// Same reports whether u and v measure in the same canonical unit, so a
// value of one can be compared with a value of the other.
func (u Unit) Same(v Unit) bool {
	if u.Dim != v.Dim {
		return false
	}
	if u.Dim == DimOther {
		return u.key == v.key
	}
	return true
}

type unitDef struct {
	dim    Dimension
	factor float64
}

// units are the spellings ParseUnit knows, keyed by unitKey. Parts per
// million and billion are taken as mass fractions (mg/kg, µg/kg), never as
// mg/L: that would need the density of the sample.
var units = map[string]unitDef{
	// mass fraction, in mg/kg
	"mg/kg": {DimMassFraction, 1}, "ppm": {DimMassFraction, 1}, "µg/g": {DimMassFraction, 1},
	"g/t": {DimMassFraction, 1}, "g/kg": {DimMassFraction, 1000}, "mg/g": {DimMassFraction, 1000},
	"µg/kg": {DimMassFraction, 0.001}, "ppb": {DimMassFraction, 0.001}, "ng/g": {DimMassFraction, 0.001},
	"ng/kg": {DimMassFraction, 1e-6}, "g/100g": {DimMassFraction, mgPerKgPerPercent}, "mg/100g": {DimMassFraction, 10},
	"%(w/w)": {DimMassFraction, mgPerKgPerPercent}, "%w/w": {DimMassFraction, mgPerKgPerPercent},
	"%(m/m)": {DimMassFraction, mgPerKgPerPercent}, "%m/m": {DimMassFraction, mgPerKgPerPercent},
	"wt%": {DimMassFraction, mgPerKgPerPercent}, "wt.%": {DimMassFraction, mgPerKgPerPercent},
	"%wt": {DimMassFraction, mgPerKgPerPercent}, "mass%": {DimMassFraction, mgPerKgPerPercent},
	"%bymass": {DimMassFraction, mgPerKgPerPercent}, "%(bymass)": {DimMassFraction, mgPerKgPerPercent},
	"%byweight": {DimMassFraction, mgPerKgPerPercent}, "%(byweight)": {DimMassFraction, mgPerKgPerPercent},
	"%(质量分数)": {DimMassFraction, mgPerKgPerPercent}, "‰(w/w)": {DimMassFraction, 1000},
	// percentages of unknown kind, in %
	"%": {DimPercent, 1}, "percent": {DimPercent, 1}, "percentage": {DimPercent, 1},
	"‰": {DimPercent, 0.1},
	// mass concentration, in mg/L
	"mg/l": {DimConcentration, 1}, "mg/dm³": {DimConcentration, 1}, "g/l": {DimConcentration, 1000},
	"µg/l": {DimConcentration, 0.001}, "ng/ml": {DimConcentration, 0.001}, "µg/ml": {DimConcentration, 1},
	"mg/ml": {DimConcentration, 1000}, "ng/l": {DimConcentration, 1e-6},
	"mg/m³": {DimConcentration, 0.001}, "µg/m³": {DimConcentration, 1e-6},
	// mass per area, in µg/cm²
	"µg/cm²": {DimAreaDensity, 1}, "mg/dm²": {DimAreaDensity, 10}, "mg/m²": {DimAreaDensity, 0.1},
	"g/m²": {DimAreaDensity, 100}, "µg/dm²": {DimAreaDensity, 0.01}, "mg/cm²": {DimAreaDensity, 1000},
	"ng/cm²": {DimAreaDensity, 0.001}, "µg/m²": {DimAreaDensity, 1e-4},
	// release per area and time (nickel release), in µg/cm²/week
	"µg/cm²/week": {DimAreaRate, 1}, "µg/cm²/wk": {DimAreaRate, 1}, "µg/(cm²·week)": {DimAreaRate, 1},
	"µg/cm²perweek": {DimAreaRate, 1}, "µg/cm²/day": {DimAreaRate, 7}, "µg/(cm²·day)": {DimAreaRate, 7},
}

var canonicalOf = map[Dimension]string{
	DimMassFraction:  UnitMgPerKg,
	DimConcentration: UnitMgPerL,
	DimAreaDensity:   UnitUgPerCm2,
	DimAreaRate:      UnitUgPerCm2Week,
	DimPercent:       UnitPercent,
}

// ParseUnit resolves a unit as written ("mg/kg", "ppm", "ug/cm2",
// "mg·kg⁻¹", "% (w/w)"). It does not fail: a unit it does not know, or
// none, is DimOther and compares only with itself.
func ParseUnit(s string) Unit {
	shown := strings.Join(strings.Fields(foldWidth(s)), " ")
	key := unitKey(s)
	if d, ok := units[key]; ok {
		return Unit{Dim: d.dim, Canonical: canonicalOf[d.dim], Factor: d.factor}
	}
	return Unit{Dim: DimOther, Canonical: shown, Factor: 1, key: key}
}

// Replacers for unitKey; a strings.Replacer is read-only once built.
var (
	unitSpellings = strings.NewReplacer(
		"μ", "µ", // Greek mu → micro sign
		"mcg", "µg",
		"⁻¹", "-1", "^-1", "-1", "^2", "²", "^3", "³",
		"・", "·", "⋅", "·", "•", "·",
	)
	unitPowers = strings.NewReplacer("m2", "m²", "m3", "m³")
)

// denominators that a "x y⁻¹" spelling may end with, longest first.
var denominators = []string{"kg", "dm²", "cm²", "m²", "dm³", "m³", "ml", "g", "l"}

// unitKey folds the ways one unit is written: case, spaces, the micro
// sign, "ug" and "mcg", superscripts written as digits or carets, and
// "mg kg-1" for "mg/kg".
func unitKey(s string) string {
	s = strings.ToLower(foldWidth(s))
	s = strings.Join(strings.Fields(s), "")
	s = unitSpellings.Replace(s)
	if strings.HasPrefix(s, "ug") {
		s = "µ" + s[1:]
	}
	s = strings.ReplaceAll(s, "/ug", "/µg")
	s = unitPowers.Replace(s)
	if strings.HasSuffix(s, "-1") && !strings.Contains(s, "/") {
		body := strings.TrimSuffix(s, "-1")
		for _, den := range denominators {
			if num, ok := strings.CutSuffix(body, den); ok {
				num = strings.TrimRight(num, "·*.")
				if num != "" {
					s = num + "/" + den
				}
				break
			}
		}
	}
	return s
}

// Limit is a limit as written, read: a comparator and a number.
type Limit struct {
	// Cmp is the comparator written with the number ("≤ 25"), "" when
	// there is none; kb.CmpNotDetected or kb.CmpProhibited for words.
	Cmp   kb.Comparator
	Value float64 // 0 for not detected and prohibited
	// Rest is text after the number, usually a unit ("25 mg/kg").
	Rest string
}

// ErrRange is a limit written as a range ("0.1–0.5"): it is not one
// maximum or minimum, so it is not compared.
var ErrRange = errors.New("a range, not a single limit")

// zeroWords are limits that allow none of the substance.
var zeroWords = map[string]kb.Comparator{
	"nd": kb.CmpNotDetected, "n.d.": kb.CmpNotDetected, "n.d": kb.CmpNotDetected,
	"not detected": kb.CmpNotDetected, "not detectable": kb.CmpNotDetected,
	"不得检出": kb.CmpNotDetected, "不得檢出": kb.CmpNotDetected, "未检出": kb.CmpNotDetected,
	"prohibited": kb.CmpProhibited, "banned": kb.CmpProhibited, "not permitted": kb.CmpProhibited,
	"not allowed": kb.CmpProhibited, "禁用": kb.CmpProhibited, "禁止": kb.CmpProhibited,
	"不得使用": kb.CmpProhibited, "不得添加": kb.CmpProhibited,
}

// prefixes are comparators written before a number, longest first so
// "<=" wins over "<".
var prefixes = []struct {
	s   string
	cmp kb.Comparator
}{
	{"maximum", kb.CmpLE}, {"minimum", kb.CmpGE},
	{"max.", kb.CmpLE}, {"max", kb.CmpLE}, {"min.", kb.CmpGE}, {"min", kb.CmpGE},
	{"不超过", kb.CmpLE}, {"不大于", kb.CmpLE}, {"不小于", kb.CmpGE}, {"不低于", kb.CmpGE},
	{"<=", kb.CmpLE}, {"=<", kb.CmpLE}, {">=", kb.CmpGE}, {"=>", kb.CmpGE},
	{"≤", kb.CmpLE}, {"⩽", kb.CmpLE}, {"≦", kb.CmpLE}, {"≥", kb.CmpGE}, {"⩾", kb.CmpGE}, {"≧", kb.CmpGE},
	{"<", kb.CmpLT}, {">", kb.CmpGT}, {"=", kb.CmpEQ},
}

// ParseLimit reads a limit as written: "0.5", "≤ 25", "1 000", "1,000",
// "0,1" (decimal comma), "25 max", "ND", "not detected", "不得检出".
// A comma followed by exactly three digits after a non-zero integer part
// is a thousands separator ("1,000" is 1000); any other comma is a
// decimal comma ("0,100" is 0.1). Ranges are ErrRange.
func ParseLimit(s string) (Limit, error) {
	var l Limit
	t := strings.Join(strings.Fields(foldWidth(s)), " ")
	if t == "" {
		return l, errors.New("empty limit")
	}
	if cmp, ok := zeroWords[strings.ToLower(t)]; ok {
		l.Cmp = cmp
		return l, nil
	}
	for _, p := range prefixes {
		// EqualFold on bytes, not ToLower: lower-casing may change the
		// length of the text and so the place to cut.
		if len(t) >= len(p.s) && strings.EqualFold(t[:len(p.s)], p.s) {
			l.Cmp = p.cmp
			t = strings.TrimSpace(t[len(p.s):])
			break
		}
	}
	num, rest := splitNumber(t)
	if num == "" {
		return l, fmt.Errorf("limit %q: no number", s)
	}
	rest = strings.TrimSpace(rest)
	for _, suf := range []string{"maximum", "max.", "max"} {
		n := len(rest) - len(suf)
		if l.Cmp == "" && n >= 0 && strings.EqualFold(rest[n:], suf) && (n == 0 || rest[n-1] == ' ') {
			l.Cmp = kb.CmpLE
			rest = strings.TrimSpace(rest[:n])
			break
		}
	}
	if isRangeRest(rest) {
		return l, fmt.Errorf("limit %q: %w", s, ErrRange)
	}
	v, err := parseNumber(num)
	if err != nil {
		return l, fmt.Errorf("limit %q: %w", s, err)
	}
	l.Value = v
	l.Rest = rest
	return l, nil
}

// isRangeRest reports whether the text after a number goes on to a
// second number: "– 0.5", "~0.5", "to 0.5", "至 0.5".
func isRangeRest(rest string) bool {
	for _, sep := range []string{"-", "–", "—", "~", "～", "to ", "至", "…", "..."} {
		if after, ok := strings.CutPrefix(rest, sep); ok {
			if n, _ := splitNumber(strings.TrimSpace(after)); n != "" {
				return true
			}
		}
	}
	return false
}

// splitNumber cuts the leading number (sign, digits, separators,
// exponent) off s. A separator counts only when a digit follows it.
func splitNumber(s string) (num, rest string) {
	i := 0
	if r, n := utf8.DecodeRuneInString(s); r == '-' || r == '+' || r == '−' {
		i = n
	}
	digits := 0
scan:
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		next, _ := utf8.DecodeRuneInString(s[i+n:])
		switch {
		case isDigit(r):
			digits++
		case r == '.' && isDigit(next):
		case (r == ',' || isGroupSpace(r)) && digits > 0 && isDigit(next):
		case (r == 'e' || r == 'E') && digits > 0:
			j := i + n
			if j < len(s) && (s[j] == '-' || s[j] == '+') {
				j++
			}
			if j >= len(s) || !isDigit(rune(s[j])) {
				break scan
			}
			for j < len(s) && isDigit(rune(s[j])) {
				j++
			}
			i = j
			break scan
		default:
			break scan
		}
		i += n
	}
	if digits == 0 {
		return "", s
	}
	return s[:i], s[i:]
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isGroupSpace(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u2009' || r == '\u202f' || r == '\''
}

// parseNumber reads what splitNumber cut: grouping spaces, a decimal
// point or comma, thousands commas.
func parseNumber(num string) (float64, error) {
	neg := false
	switch {
	case strings.HasPrefix(num, "−"):
		neg, num = true, num[len("−"):]
	case strings.HasPrefix(num, "-"):
		neg, num = true, num[1:]
	case strings.HasPrefix(num, "+"):
		num = num[1:]
	}
	var exp string
	if i := strings.IndexAny(num, "eE"); i >= 0 {
		num, exp = num[:i], num[i:]
	}
	var groups []string
	for _, g := range strings.FieldsFunc(num, isGroupSpace) {
		groups = append(groups, g)
	}
	if len(groups) > 1 {
		// "1 000 000": every group after the first has three digits.
		for _, g := range groups[1:] {
			if len(g) != 3 && !(len(g) > 3 && (g[3] == '.' || g[3] == ',')) {
				return 0, fmt.Errorf("%q: digits grouped oddly", num)
			}
		}
	}
	num = strings.Join(groups, "")
	if strings.Count(num, ".") > 1 {
		return 0, fmt.Errorf("%q: more than one decimal point", num)
	}
	if c := strings.Count(num, ","); c > 0 {
		switch {
		case strings.Contains(num, "."):
			// "1,000.5": commas group thousands.
			if !thousands(num[:strings.Index(num, ".")]) {
				return 0, fmt.Errorf("%q: commas and a point do not agree", num)
			}
			num = strings.ReplaceAll(num, ",", "")
		case thousands(num):
			num = strings.ReplaceAll(num, ",", "")
		case c == 1:
			num = strings.Replace(num, ",", ".", 1)
		default:
			return 0, fmt.Errorf("%q: commas do not group thousands", num)
		}
	}
	v, err := strconv.ParseFloat(num+exp, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("%q is not a number in range", num+exp)
	}
	if neg {
		v = -v
	}
	return v, nil
}

// thousands reports whether s is digits grouped by commas in threes with
// a non-zero lead: "1,000", "12,500,000" (and not "0,100" or "1,5").
func thousands(s string) bool {
	parts := strings.Split(s, ",")
	if len(parts) < 2 || len(parts[0]) == 0 || len(parts[0]) > 3 || parts[0][0] == '0' {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 {
			return false
		}
	}
	return true
}

// Quantity is a limit in its dimension's canonical unit.
type Quantity struct {
	Cmp   kb.Comparator // as written in the limit; "" when none
	Value float64       // in Unit.Canonical; 0 for not detected and prohibited
	Unit  Unit
}

// Zero reports a limit that allows none: not detected or prohibited.
func (q Quantity) Zero() bool {
	return q.Cmp == kb.CmpNotDetected || q.Cmp == kb.CmpProhibited
}

// ParseQuantity reads a limit and its unit. A unit written after the
// number ("25 mg/kg") is used when unit is empty, and must agree with it
// otherwise.
func ParseQuantity(limit, unit string) (Quantity, error) {
	l, err := ParseLimit(limit)
	if err != nil {
		return Quantity{}, err
	}
	if l.Rest != "" {
		switch {
		case strings.TrimSpace(unit) == "":
			unit = l.Rest
		case unitKey(l.Rest) != unitKey(unit):
			return Quantity{}, fmt.Errorf("limit %q: unit %q differs from %q", limit, l.Rest, unit)
		}
	}
	u := ParseUnit(unit)
	q := Quantity{Cmp: l.Cmp, Unit: u}
	if !q.Zero() {
		q.Value = l.Value * u.Factor
		if math.IsInf(q.Value, 0) {
			return Quantity{}, fmt.Errorf("limit %q %s: out of range", limit, unit)
		}
	}
	return q, nil
}

// FormatValue writes a canonical value briefly: six significant digits,
// no exponent, so conversions do not show float noise (0.0023 % is
// "23" mg/kg, not "22.999999999999996").
func FormatValue(v float64) string {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 6, 64), 64)
	if err != nil {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// foldWidth maps full-width ASCII (common in Chinese text) and the
// ideographic space to their ordinary forms.
func foldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '！' && r <= '～':
			return r - '！' + '!'
		case r == '\u3000':
			return ' '
		case !unicode.IsPrint(r) && !unicode.IsSpace(r):
			return -1
		}
		return r
	}, s)
}
