package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/xuri/excelize/v2"
)

// headerSearchRows is how far down a sheet the header row is looked for;
// ePing puts it first, a user may have added a title row or two.
const headerSearchRows = 10

// ReadEpingXLSX reads the XLSX form of ePing's "Export search results":
// the first sheet with an ePing header row, one notification per row
// below it. Errors name rows by their spreadsheet row number.
func ReadEpingXLSX(r io.Reader, name string) ([]kb.Record, error) {
	data, err := io.ReadAll(&limitReader{r: r, n: MaxExportBytes})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		// An XLSX is a zip: bound what it may unpack to.
		UnzipSizeLimit:    4 * MaxExportBytes,
		UnzipXMLSizeLimit: MaxExportBytes,
	})
	if err != nil {
		return nil, &FileError{Name: name, Lines: []LineError{{Err: fmt.Errorf("not a readable XLSX workbook: %w", err)}}}
	}
	defer f.Close()

	c := newCollector(name)
	for _, sheet := range f.GetSheetList() {
		// Raw values: dates come as serial numbers, not as the display
		// format of whoever saved the file.
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, &FileError{Name: name, Lines: []LineError{{Err: fmt.Errorf("sheet %q: %w", sheet, err)}}}
		}
		for i := 0; i < len(rows) && i < headerSearchRows; i++ {
			if !isEpingHeader(rows[i]) {
				continue
			}
			h, err := parseHeader(rows[i])
			if err != nil {
				c.add(i+1, "", err)
				return nil, c.err()
			}
			items := readSheet(c, f, sheet, &h, rows, i+1)
			recs := validate(c, items)
			if err := c.err(); err != nil {
				return nil, err
			}
			return recs, nil
		}
	}
	c.add(0, "", fmt.Errorf("no sheet has an ePing header row (%q, %q, ...)", epingColumns[colMember].header, epingColumns[colTitle].header))
	return nil, c.err()
}

// readSheet maps the rows after the header (rows[first:]) to notifications.
func readSheet(c *collector, f *excelize.File, sheet string, h *header, rows [][]string, first int) []item {
	var items []item
	for i := first; i < len(rows) && !c.full(); i++ {
		rowNum := i + 1
		row := rows[i]
		cells := h.cells(row)
		// ePing writes the symbol and the links as HYPERLINK formulas
		// without a cached value: the text is only in the formula.
		for _, col := range []column{colSymbol, colLinkEN, colLinkFR, colLinkES} {
			if h[col] < 0 || strings.TrimSpace(cells[col]) != "" {
				continue
			}
			cells[col] = linkCell(f, sheet, h[col]+1, rowNum, col == colSymbol)
		}
		if blankCells(&cells) {
			continue
		}
		n, err := notificationFromRow(&cells)
		if err != nil {
			c.add(rowNum, "", err)
			continue
		}
		items = append(items, item{line: rowNum, rec: n})
	}
	return items
}

func blankCells(cells *[numColumns]string) bool {
	for _, s := range cells {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// linkCell recovers the text of a cell that only has a formula or a
// hyperlink: the display text for the symbol, the target for links.
func linkCell(f *excelize.File, sheet string, col, row int, wantText bool) string {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return ""
	}
	if formula, err := f.GetCellFormula(sheet, cell); err == nil && formula != "" {
		target, text, ok := parseHyperlinkFormula(formula)
		if ok {
			if !wantText {
				return target
			}
			if strings.TrimSpace(text) != "" {
				return text
			}
			return symbolFromSearchURL(target)
		}
	}
	if ok, target, err := f.GetCellHyperLink(sheet, cell); err == nil && ok {
		if wantText {
			return symbolFromSearchURL(target)
		}
		return target
	}
	return ""
}

// reHyperlink matches =HYPERLINK("target", "text") with Excel's "" escape.
var reHyperlink = regexp.MustCompile(`(?is)^=?\s*HYPERLINK\(\s*"((?:[^"]|"")*)"\s*(?:[,;]\s*"((?:[^"]|"")*)"\s*)?\)\s*$`)

func parseHyperlinkFormula(formula string) (target, text string, ok bool) {
	m := reHyperlink.FindStringSubmatch(formula)
	if m == nil {
		return "", "", false
	}
	unq := func(s string) string { return strings.ReplaceAll(s, `""`, `"`) }
	return unq(m[1]), unq(m[2]), true
}

// symbolFromSearchURL takes the symbol from an ePing search link,
// https://www.epingalert.org/en/Search?viewData= G/TBT/N/USA/2211.
func symbolFromSearchURL(link string) string {
	_, q, ok := strings.Cut(link, "?")
	if !ok {
		return ""
	}
	for _, kv := range strings.Split(q, "&") {
		k, v, _ := strings.Cut(kv, "=")
		if !strings.EqualFold(k, "viewData") {
			continue
		}
		if u, err := url.QueryUnescape(v); err == nil {
			v = u
		}
		return strings.TrimSpace(v)
	}
	return ""
}

// errNotXLSX is what an .xlsx path without a zip inside gets.
var errNotXLSX = errors.New("not an XLSX workbook (no zip signature); export from ePing again or save as .xlsx")
