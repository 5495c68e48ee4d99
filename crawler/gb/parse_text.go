package gb

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/stdbridge/stdbridge/kb"
)

// isListSep separates the items of a cell listing standards or degrees.
func isListSep(r rune) bool {
	return strings.ContainsRune(";；,，、\n", r)
}

// splitList splits a cell listing standard numbers or degrees; numbers
// contain spaces, so spaces do not separate.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, isListSep) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// splitCodes splits a CCS or ICS cell; codes never contain spaces, and
// the platform has been seen to separate them by spaces as well as by
// semicolons.
func splitCodes(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return isListSep(r) || unicode.IsSpace(r) })
}

var (
	reDegreeTail = regexp.MustCompile(`(?i)[\s(（]*(IDT|MOD|NEQ|等同采用|修改采用|非等效采用|等同|修改|非等效)[)）]?\s*$`)
	reDegreeHead = regexp.MustCompile(`(?i)^\s*(IDT|MOD|NEQ|等同采用|修改采用|非等效采用|等同|修改|非等效)[\s:：]*`)
)

// splitDegree separates "ISO 8124-3:2010 IDT", "ISO 8124-3:2010(IDT)" or
// "等同采用ISO 8124-3:2010" into the number and the degree as written
// (Latin ones upper-cased for kb.ParseDegree).
func splitDegree(item string) (number, degree string) {
	if m := reDegreeTail.FindStringSubmatchIndex(item); m != nil {
		return strings.TrimSpace(item[:m[0]]), strings.ToUpper(item[m[2]:m[3]])
	}
	if m := reDegreeHead.FindStringSubmatchIndex(item); m != nil {
		return strings.TrimSpace(item[m[1]:]), strings.ToUpper(item[m[2]:m[3]])
	}
	return strings.TrimSpace(item), ""
}

// parseAdoptions reads a one-cell 采用国际标准 such as
// "ISO 8124-3:2010 IDT；IEC 62115:2017 MOD".
func parseAdoptions(s string) []kb.Adoption {
	var out []kb.Adoption
	for _, item := range splitList(s) {
		n, d := splitDegree(item)
		if n != "" {
			out = append(out, kb.Adoption{Number: n, Degree: kb.Degree(d)})
		}
	}
	return out
}

// pairAdoptions joins the 采用国际标准号 and 采用程度 cells: one degree per
// number, or one degree for all.
func pairAdoptions(numbers, degrees []string) ([]kb.Adoption, error) {
	if len(numbers) == 0 {
		if len(degrees) > 0 {
			return nil, fmt.Errorf("采用程度 %q without 采用国际标准号", strings.Join(degrees, "；"))
		}
		return nil, nil
	}
	if len(degrees) > 1 && len(degrees) != len(numbers) {
		return nil, fmt.Errorf("%d adopted standards but %d degrees", len(numbers), len(degrees))
	}
	out := make([]kb.Adoption, 0, len(numbers))
	for i, item := range numbers {
		n, d := splitDegree(item)
		switch {
		case len(degrees) == 1:
			d = degrees[0]
		case len(degrees) > 1:
			d = degrees[i]
		}
		if _, own := splitDegree(d); own != "" {
			d = own
		}
		out = append(out, kb.Adoption{Number: n, Degree: kb.Degree(d)})
	}
	return out, nil
}

var (
	// reCNRef is a Chinese standard number at the start of a text: GB,
	// GB/T, GB/Z or a sector prefix, number, parts and year.
	reCNRef  = regexp.MustCompile(`^(?:GB/T|GB/Z|GB|[A-Z]{2,4}(?:/[TZ])?)\s*\d+(?:\.\d+)*(?:\s*[-—–－]\s*\d{4})?`)
	reRefSep = regexp.MustCompile(`^\s*(?:[、,，]|和|及|与)\s*`)
)

// remarkReplacements reads the 备注 free text, where the platform writes
// "2005-03-01实施,代替GB/T 5606.1-1996" or "代替GB 1234-2000、GB 5678-2001"
// and, on old standards, "被GB/T 1.1-2009代替". Free text is read
// leniently: what does not look like a standard number ends a list.
func remarkReplacements(remark string) (replaces, replacedBy []string) {
	for _, clause := range strings.FieldsFunc(remark, func(r rune) bool { return strings.ContainsRune("。;；", r) }) {
		if i := strings.Index(clause, "被"); i >= 0 && strings.Contains(clause[i:], "代替") {
			replacedBy = append(replacedBy, refList(clause[i+len("被"):])...)
			continue
		}
		if i := strings.Index(clause, "代替"); i >= 0 {
			replaces = append(replaces, refList(clause[i+len("代替"):])...)
		}
	}
	return replaces, replacedBy
}

// refList reads "GB 1234-2000、GB 5678-2001…" from the start of s.
func refList(s string) []string {
	var out []string
	for {
		s = strings.TrimLeft(s, " \t\u00a0")
		m := reCNRef.FindString(s)
		if m == "" {
			return out
		}
		out = append(out, strings.TrimSpace(m))
		s = s[len(m):]
		sep := reRefSep.FindString(s)
		if sep == "" {
			return out
		}
		s = s[len(sep):]
	}
}
