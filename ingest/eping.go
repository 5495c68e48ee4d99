package ingest

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/stdbridge/stdbridge/kb"
)

// ePing (epingalert.org) lets a user download search results as CSV or
// XLSX with the columns below. The readers find columns by header text,
// not position, so a reordered or extended export still reads.
type column int

const (
	colMember column = iota
	colDistributed
	colSymbol
	colTitle
	colDescription
	colProducts
	colHS
	colICS
	colObjectives
	colKeywords
	colRegions
	colDeadline
	colType
	colDocument
	colLinkEN
	colLinkFR
	colLinkES
	numColumns
)

// epingColumns are the headers as ePing writes them. The required ones are
// those the identity and the area are derived from.
var epingColumns = [numColumns]struct {
	header   string
	required bool
}{
	colMember:      {"Notifying Member", true},
	colDistributed: {"Distribution date", true},
	colSymbol:      {"Document symbol", true},
	colTitle:       {"Title", true},
	colDescription: {"Description", false},
	colProducts:    {"Products covered", false},
	colHS:          {"HS code(s)", false},
	colICS:         {"ICS code(s)", false},
	colObjectives:  {"Objectives", true},
	colKeywords:    {"Keywords", false},
	colRegions:     {"Specific regions or countries likely to be affected", false},
	colDeadline:    {"Final date for comments", false},
	colType:        {"Notification type", true},
	colDocument:    {"Notified document", false},
	colLinkEN:      {"Link to notification(EN)", false},
	colLinkFR:      {"Link to notification(FR)", false},
	colLinkES:      {"Link to notification(ES)", false},
}

// headerKey folds a header for matching: case, spaces and punctuation do
// not count ("HS code(s)" = "hs codes").
func headerKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// header maps each column to its index in a row, -1 when absent.
type header [numColumns]int

// isEpingHeader tells the header row of an export from any other row.
func isEpingHeader(cells []string) bool {
	want := headerKey(epingColumns[colMember].header)
	for _, c := range cells {
		if headerKey(c) == want {
			return true
		}
	}
	return false
}

// parseHeader locates the columns; a missing required column rejects the
// file, since every row would miss it.
func parseHeader(cells []string) (header, error) {
	var h header
	for i := range h {
		h[i] = -1
	}
	byKey := map[string]column{}
	for col, c := range epingColumns {
		byKey[headerKey(c.header)] = column(col)
	}
	for i, cell := range cells {
		col, ok := byKey[headerKey(cell)]
		if !ok {
			continue // ePing may add columns; we read the ones we know
		}
		if h[col] >= 0 {
			return h, fmt.Errorf("column %q appears twice", epingColumns[col].header)
		}
		h[col] = i
	}
	var missing []string
	for col, c := range epingColumns {
		if c.required && h[col] < 0 {
			missing = append(missing, strconv.Quote(c.header))
		}
	}
	if len(missing) > 0 {
		return h, fmt.Errorf("not an ePing export: missing column(s) %s", strings.Join(missing, ", "))
	}
	return h, nil
}

// cells picks a row's cells by column; short rows read as empty.
func (h *header) cells(row []string) [numColumns]string {
	var out [numColumns]string
	for col, i := range h {
		if i >= 0 && i < len(row) {
			out[col] = row[i]
		}
	}
	return out
}

// notificationFromRow maps one export row to a notification. It leaves
// canonical forms and their checks to Normalize, and reports here only
// what needs the export's own terms (member names, serial dates, areas).
func notificationFromRow(cells *[numColumns]string) (*kb.Notification, error) {
	var errs []string
	bad := func(col column, err error) {
		errs = append(errs, epingColumns[col].header+": "+err.Error())
	}
	n := &kb.Notification{
		Symbol:      cleanCell(cells[colSymbol]),
		Title:       cleanCell(cells[colTitle]),
		Description: cleanCell(cells[colDescription]),
		Products:    cleanCell(cells[colProducts]),
		Type:        kb.NotificationType(cleanCell(cells[colType])),
		Keywords:    splitList(cells[colKeywords]),
		// Regions are "Brazil, Rio Grande do Sul": only ";" separates.
		RegionsAffected: splitList(cells[colRegions]),
		Documents:       splitList(cells[colDocument]),
	}
	for _, col := range []column{colLinkEN, colLinkFR, colLinkES} {
		if l := cleanCell(cells[col]); l != "" {
			n.Link = l
			break
		}
	}
	name := cleanCell(cells[colMember])
	code, memberErr := kb.MemberCode(name)
	if syms := splitSymbols(n.Symbol); len(syms) > 1 {
		// A joint notification (the East African Community's) lists every
		// member's symbol on each member's row; the row is its member's.
		n.Symbol = ""
		for _, s := range syms {
			if p, err := kb.ParseSymbol(s); err == nil && memberErr == nil && p.Member == code {
				n.Symbol = s
			}
		}
		if n.Symbol == "" {
			bad(colSymbol, fmt.Errorf("lists %d symbols and none is of the notifying member %q", len(syms), name))
		}
	}
	_, symErr := kb.ParseSymbol(n.Symbol)
	hasSym := n.Symbol != "" && symErr == nil

	if name != "" {
		switch {
		case memberErr == nil:
			n.Member = code
		case hasSym:
			// The symbol names the member by code; Normalize takes it from
			// there, so a member kb has no name for still imports.
		default:
			bad(colMember, memberErr)
		}
	}

	var err error
	if n.Distributed, err = cellDate(cells[colDistributed]); err != nil {
		bad(colDistributed, err)
	}
	if n.CommentDeadline, err = cellDate(cells[colDeadline]); err != nil {
		bad(colDeadline, err)
	}
	if n.HS, err = cellCodes(cells[colHS], true); err != nil {
		bad(colHS, err)
	}
	if n.ICS, err = cellCodes(cells[colICS], false); err != nil {
		bad(colICS, err)
	}

	objectives, objAreas := splitObjectives(cells[colObjectives])
	n.Objectives = objectives
	if n.Symbol == "" {
		// The symbol gives the area when there is one; ePing marks every
		// objective and emergency type with it otherwise.
		switch {
		case len(objAreas) == 1:
			n.Area = objAreas[0]
		case len(objAreas) > 1:
			bad(colObjectives, errors.New("names both TBT and SPS objectives, and there is no document symbol to tell which"))
		default:
			if a := areaSuffix(string(n.Type)); a != "" {
				n.Area = a
			} else if a := citedArea(code, n.Title, n.Description); a != "" {
				n.Area = a
			} else {
				errs = append(errs, "cannot tell TBT from SPS: no document symbol, and neither the objectives nor the notification type name one")
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.New(strings.Join(errs, "; "))
	}
	return n, nil
}

// splitSymbols splits a symbol cell listing several symbols.
func splitSymbols(cell string) []string {
	return strings.FieldsFunc(cell, func(r rune) bool { return r == ',' || r == ';' || r == '\n' })
}

var reCitedSymbol = regexp.MustCompile(`G/(TBT|SPS)/N/([A-Z]{2,5})/\d`)

// citedArea is the last resort for a row without symbol or area marks:
// addenda cite their parent ("notified in G/TBT/N/EGY/2"), and a member's
// own earlier notifications are under the same agreement.
func citedArea(member string, texts ...string) kb.Area {
	var area kb.Area
	for _, t := range texts {
		for _, m := range reCitedSymbol.FindAllStringSubmatch(t, -1) {
			if m[2] != member {
				continue
			}
			if area != "" && area != kb.Area(m[1]) {
				return "" // cites both: no answer
			}
			area = kb.Area(m[1])
		}
	}
	return area
}

// cleanCell removes what Excel leaves in text: the escaped carriage
// returns (_x000D_) and carriage returns of Windows line ends.
func cleanCell(s string) string {
	s = strings.NewReplacer("_x000D_", "", "_x000d_", "", "_x000A_", "\n", "_x000a_", "\n", "_x0009_", "\t", "\r\n", "\n", "\r", "\n").Replace(s)
	return strings.TrimSpace(s)
}

// splitList splits a cell listing several values by ";" or line.
func splitList(cell string) []string {
	var out []string
	for _, s := range strings.FieldsFunc(cleanCell(cell), func(r rune) bool { return r == ';' || r == '\n' }) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

var reAreaSuffix = regexp.MustCompile(`(?i)\s*\((TBT|SPS)\)\s*$`)

// areaSuffix reads the "(TBT)" or "(SPS)" ePing puts after objectives and
// emergency types.
func areaSuffix(s string) kb.Area {
	m := reAreaSuffix.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return kb.Area(strings.ToUpper(m[1]))
}

// splitObjectives returns the objectives without their area suffix, and the
// distinct areas they name.
func splitObjectives(cell string) ([]string, []kb.Area) {
	var out []string
	var areas []kb.Area
	for _, o := range splitList(cell) {
		if a := areaSuffix(o); a != "" {
			if !containsArea(areas, a) {
				areas = append(areas, a)
			}
			o = reAreaSuffix.ReplaceAllString(o, "")
		}
		if o != "" {
			out = append(out, o)
		}
	}
	return out, areas
}

func containsArea(list []kb.Area, a kb.Area) bool {
	for _, x := range list {
		if x == a {
			return true
		}
	}
	return false
}

// reCodeItem matches an item of a code list: "3210 - Other paints ...",
// "87.040 - Paints and varnishes" or a bare code.
var reCodeItem = regexp.MustCompile(`^(\d[\d.]*)(?:\s*-\s|\s*$)`)

// cellCodes extracts the codes of an "HS code(s)" or "ICS code(s)" cell:
// "3210 - Other paints ...; prepared water pigments ...; 3208 - Paints ...".
// Descriptions contain ";" too, so an item counts only when it starts with
// a code.
func cellCodes(cell string, hs bool) ([]string, error) {
	cell = cleanCell(cell)
	if cell == "" {
		return nil, nil
	}
	var codes []string
	for _, item := range strings.FieldsFunc(cell, func(r rune) bool { return r == ';' || r == '\n' }) {
		m := reCodeItem.FindStringSubmatch(strings.TrimSpace(item))
		if m == nil {
			continue
		}
		code := strings.TrimSuffix(m[1], ".")
		if hs && !strings.Contains(code, ".") && len(code) > 2 && len(code)%2 == 1 {
			// ePing lists one-dash subheadings by five digits ("34011 - -
			// Soap ..."); their heading is the nearest code HS has.
			code = code[:len(code)-1]
		}
		codes = append(codes, code)
	}
	if len(codes) == 0 {
		return nil, fmt.Errorf("no code in %q", truncate(cell, 60))
	}
	return codes, nil
}

var (
	reDMY    = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
	reSerial = regexp.MustCompile(`^\d{5}(?:\.\d+)?$`)
)

// cellDate reads a date as ePing's exports hold it: an Excel serial number
// in XLSX (45818 = 2025-06-10), YYYY-MM-DD in CSV, and dd/MM/yyyy (the
// XLSX display format) when a workbook was saved with dates as text.
func cellDate(cell string) (kb.Date, error) {
	s := strings.TrimSpace(cleanCell(cell))
	if s == "" {
		return "", nil
	}
	if reSerial.MatchString(s) {
		// Five digits: 10000 = 1927-05-18 … 73050 = 2099-12-31. Four
		// digits are a year, which kb.ParseDate takes.
		serial, _ := strconv.ParseFloat(s, 64)
		if serial > 73050 {
			return "", fmt.Errorf("%q is not a date", s)
		}
		return excelDate(serial), nil
	}
	if m := reDMY.FindStringSubmatch(s); m != nil {
		d, err := kb.ParseDate(m[3] + "-" + m[2] + "-" + m[1])
		if err != nil {
			return "", fmt.Errorf("date %q: no such date (read as dd/mm/yyyy)", s)
		}
		return d, nil
	}
	return kb.ParseDate(s)
}

// excelDate converts a serial day number of Excel's 1900 date system;
// past its phantom 1900-02-29, day 0 is 1899-12-30.
func excelDate(serial float64) kb.Date {
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	return kb.Date(base.AddDate(0, 0, int(math.Floor(serial))).Format("2006-01-02"))
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "..."
}
