package kb

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Symbol is a WTO notification document symbol such as
// G/TBT/N/EU/1123/Add.2 or G/SPS/N/CHN/1301/Rev.1/Add.1.
type Symbol struct {
	Area     Area   // TBT or SPS
	Member   string // the member's code as the WTO writes it: EU, USA, TPKM
	Number   int
	Suffixes []SymbolSuffix
}

// SymbolSuffix is one /Add.N, /Corr.N, /Rev.N or /Suppl.N step.
type SymbolSuffix struct {
	Kind string // "Add", "Corr", "Rev", "Suppl"
	N    int
}

var (
	reSymbol       = regexp.MustCompile(`^G\s*/\s*(TBT|SPS)\s*/\s*N\s*/\s*([A-Z]{2,5})\s*/\s*(\d{1,6})((?:\s*[/\s]\s*(?:ADD|CORR|REV|SUPPL|SUP)\s*\.?\s*\d{1,3})*)$`)
	reSymbolSuffix = regexp.MustCompile(`(ADD|CORR|REV|SUPPL|SUP)\s*\.?\s*(\d{1,3})`)
)

// ParseSymbol parses a WTO symbol in any case and spacing.
func ParseSymbol(s string) (Symbol, error) {
	in := s
	s = strings.ToUpper(collapseSpace(foldWidth(s)))
	m := reSymbol.FindStringSubmatch(s)
	if m == nil {
		return Symbol{}, fmt.Errorf("WTO symbol %q: expected G/TBT/N/MEMBER/NUMBER or G/SPS/N/MEMBER/NUMBER, optionally /Add.N, /Corr.N, /Rev.N", truncate(in, 60))
	}
	num, _ := strconv.Atoi(m[3])
	if num == 0 {
		return Symbol{}, fmt.Errorf("WTO symbol %q: number must be positive", in)
	}
	sym := Symbol{Area: Area(m[1]), Member: m[2], Number: num}
	for _, sm := range reSymbolSuffix.FindAllStringSubmatch(m[4], -1) {
		n, _ := strconv.Atoi(sm[2])
		kind := map[string]string{"ADD": "Add", "CORR": "Corr", "REV": "Rev", "SUPPL": "Suppl", "SUP": "Suppl"}[sm[1]]
		sym.Suffixes = append(sym.Suffixes, SymbolSuffix{Kind: kind, N: n})
	}
	return sym, nil
}

// String returns the canonical spelling, as the WTO writes it.
func (s Symbol) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "G/%s/N/%s/%d", s.Area, s.Member, s.Number)
	for _, x := range s.Suffixes {
		fmt.Fprintf(&b, "/%s.%d", x.Kind, x.N)
	}
	return b.String()
}

// Root is the regular notification a chain of addenda, corrigenda and
// revisions belongs to: G/TBT/N/EU/1123 for G/TBT/N/EU/1123/Rev.1/Add.2.
func (s Symbol) Root() Symbol {
	return Symbol{Area: s.Area, Member: s.Member, Number: s.Number}
}

// Parent is the document this one directly adds to or corrects; it is s
// itself for a regular notification.
func (s Symbol) Parent() Symbol {
	if len(s.Suffixes) == 0 {
		return s
	}
	p := s
	p.Suffixes = s.Suffixes[:len(s.Suffixes)-1]
	return p
}

// Type is the notification type the symbol's last suffix implies; a plain
// symbol is regular (an emergency notification cannot be told from its
// symbol alone).
func (s Symbol) Type() NotificationType {
	if len(s.Suffixes) == 0 {
		return TypeRegular
	}
	switch s.Suffixes[len(s.Suffixes)-1].Kind {
	case "Add":
		return TypeAddendum
	case "Corr":
		return TypeCorrigendum
	case "Rev":
		return TypeRevision
	default:
		return TypeSupplement
	}
}

// TRISNumber is the number the EU's Technical Regulation Information
// System gives a notified draft: year, serial number and the notifying
// state's code, as in 2024/0123/DE (Greece is EL, as the EU writes it).
type TRISNumber struct {
	Year   int
	Serial int
	State  string
}

var reTRIS = regexp.MustCompile(`^(?:TRIS\s*)?(\d{4})\s*/\s*(\d{1,4})\s*/\s*([A-Z]{2})$`)

// ParseTRISNumber parses a TRIS number in any case and spacing, with or
// without a leading "TRIS".
func ParseTRISNumber(s string) (TRISNumber, error) {
	m := reTRIS.FindStringSubmatch(strings.ToUpper(collapseSpace(foldWidth(s))))
	if m == nil {
		return TRISNumber{}, fmt.Errorf("TRIS number %q: expected YYYY/NNNN/CC, e.g. 2024/0123/DE", truncate(s, 60))
	}
	year, _ := strconv.Atoi(m[1])
	serial, _ := strconv.Atoi(m[2])
	if year < 1984 || year > 2100 || serial == 0 {
		return TRISNumber{}, fmt.Errorf("TRIS number %q: no such year or serial number", truncate(s, 60))
	}
	return TRISNumber{Year: year, Serial: serial, State: m[3]}, nil
}

// String is the canonical spelling: the serial number has four digits.
func (t TRISNumber) String() string {
	return fmt.Sprintf("%d/%04d/%s", t.Year, t.Serial, t.State)
}
