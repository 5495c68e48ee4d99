package site

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/mapping"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

// normTopic folds a topic the way kb.Requirement.Normalize stores it.
func normTopic(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// comparison is a validated request for one topic's comparison, judged.
type comparison struct {
	topic  string
	all    []string // every source of the topic, in the store's order
	chosen []string // the columns, in the same order
	named  bool     // the query named the sources (else all are chosen)
	judged bool     // two or more sources: the marks mean something
	result mapping.Comparison
}

// loadComparison reads topic and source from the query and judges the
// chosen sources' rows. On a bad request it has answered already (404 for
// an unknown topic, 400 for an unknown source) and returns false.
func (s *server) loadComparison(w http.ResponseWriter, r *http.Request, topics []store.Topic, topic string) (comparison, bool) {
	ctx := r.Context()
	t := translator(langFrom(ctx))
	c := comparison{topic: topic}
	for _, tp := range topics {
		if tp.Name == topic {
			c.all = tp.Sources
		}
	}
	if len(c.all) == 0 {
		s.notFound(w, r, "")
		return c, false
	}
	chosen := map[string]bool{}
	for _, raw := range r.URL.Query()["source"] {
		v := strings.Join(strings.Fields(raw), " ")
		if v == "" {
			continue
		}
		src, ok := matchSource(c.all, v)
		if !ok {
			s.badRequest(w, r, t("compare.badSource", clip(v), topic))
			return c, false
		}
		chosen[src] = true
	}
	c.named = len(chosen) > 0
	for _, src := range c.all {
		if !c.named || chosen[src] {
			c.chosen = append(c.chosen, src)
		}
	}
	rows, err := s.store.Requirements(ctx, store.RequirementFilter{Topic: topic})
	if err != nil {
		s.serverError(w, r, err)
		return c, false
	}
	c.judged = len(c.chosen) >= 2
	c.result = mapping.Compare(topic, c.chosen, rows)
	return c, true
}

// matchSource finds a source of the topic as a visitor may have typed
// it: exactly, or as the same standard number written differently.
func matchSource(all []string, v string) (string, bool) {
	if slices.Contains(all, v) {
		return v, true
	}
	want, err := kb.CanonicalStandardNumber(v)
	if err != nil {
		return "", false
	}
	for _, src := range all {
		if c, err := kb.CanonicalStandardNumber(src); err == nil && c == want {
			return src, true
		}
	}
	return "", false
}

// query is the comparison's own query string, for the export links: the
// sources are named only when the visitor named them.
func (c comparison) query() string {
	v := url.Values{}
	v.Set("topic", c.topic)
	if c.named {
		v["source"] = c.chosen
	}
	return v.Encode()
}

func (s *server) comparePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := translator(langFrom(ctx))
	topics, err := s.store.Topics(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	topic := normTopic(r.URL.Query().Get("topic"))
	if topic == "" {
		v := templates.ComparisonView{Topics: topics}
		s.render(w, r, http.StatusOK, templates.ComparePage(s.page(r, t("compare.title"), "compare"), v))
		return
	}
	c, ok := s.loadComparison(w, r, topics, topic)
	if !ok {
		return
	}
	v, err := s.comparisonView(ctx, c)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, templates.ComparePage(s.page(r, topic, "compare"), v))
}

// comparisonView lays a judged comparison out for the page.
func (s *server) comparisonView(ctx context.Context, c comparison) (templates.ComparisonView, error) {
	v := templates.ComparisonView{
		Topic:   c.topic,
		Judged:  c.judged,
		CSVURL:  "/compare.csv?" + c.query(),
		XLSXURL: "/compare.xlsx?" + c.query(),
	}
	for _, src := range c.all {
		v.Choices = append(v.Choices, templates.SourceChoice{Name: src, Chosen: slices.Contains(c.chosen, src)})
	}
	for _, src := range c.chosen {
		u, err := s.sourceURL(ctx, src)
		if err != nil {
			return v, err
		}
		v.Sources = append(v.Sources, templates.CompareSource{Name: src, URL: u})
	}
	for _, row := range c.result.Rows {
		out := templates.ComparisonRow{Parameter: row.Parameter, ParameterZh: row.ParameterZh, Scope: row.Scope}
		for _, cell := range row.Cells {
			vc := templates.ComparisonCell{Req: cell.Req}
			if c.judged {
				vc.Mark, vc.Reason = string(cell.Mark), string(cell.Reason)
				if cell.Converted && cell.Mark != mapping.MarkNotComparable {
					vc.Converted = mapping.FormatValue(cell.Value) + " " + row.Basis
				}
			}
			out.Cells = append(out.Cells, vc)
		}
		v.Rows = append(v.Rows, out)
	}
	return v, nil
}

// sourceURL links a requirement's source: a regulation when one has that
// id, else a standard.
func (s *server) sourceURL(ctx context.Context, source string) (string, error) {
	_, err := s.store.Regulation(ctx, source)
	switch {
	case err == nil:
		return templates.RegulationURL(source), nil
	case !errors.Is(err, store.ErrNotFound):
		return "", fmt.Errorf("regulation %s: %w", source, err)
	}
	return templates.StandardURL(source), nil
}

// Exports. Both hold the same table: a header row, then a row per
// parameter and scope with each chosen source's limit, unit and mark, in
// the visitor's language.

// loadExport reads an export's query; a missing topic is a bad request.
func (s *server) loadExport(w http.ResponseWriter, r *http.Request) (comparison, bool) {
	ctx := r.Context()
	topic := normTopic(r.URL.Query().Get("topic"))
	if topic == "" {
		t := translator(langFrom(ctx))
		s.badRequest(w, r, t("compare.noTopic"))
		return comparison{}, false
	}
	topics, err := s.store.Topics(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return comparison{}, false
	}
	return s.loadComparison(w, r, topics, topic)
}

// exportTable is the comparison as rows of text, header first.
func exportTable(t templates.Translator, c comparison) [][]string {
	head := []string{t("compare.col.parameter"), t("compare.col.parameterZh"), t("req.scope")}
	for _, src := range c.chosen {
		head = append(head, t("compare.col.limit", src), t("compare.col.unit", src), t("compare.col.mark", src))
	}
	out := [][]string{head}
	for _, row := range c.result.Rows {
		line := []string{row.Parameter, row.ParameterZh, row.Scope}
		for _, cell := range row.Cells {
			var value, unit, mark string
			if cell.Req != nil {
				bare := *cell.Req
				bare.Unit = ""
				value, unit = templates.LimitText(&bare, t), cell.Req.Unit
			}
			if c.judged {
				mark = templates.MarkText(t, string(cell.Mark))
				if cell.Reason != "" {
					mark = t("compare.markWhy", mark, templates.ReasonText(t, string(cell.Reason)))
				}
			}
			line = append(line, value, unit, mark)
		}
		out = append(out, line)
	}
	return out
}

func (s *server) compareCSV(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadExport(w, r)
	if !ok {
		return
	}
	data, err := spreadsheetCSV(exportTable(translator(langFrom(r.Context())), c))
	if err != nil {
		s.serverError(w, r, fmt.Errorf("write comparison CSV: %w", err))
		return
	}
	writeDownload(w, "text/csv; charset=utf-8", exportName(c.topic)+".csv", data)
}

func (s *server) compareXLSX(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadExport(w, r)
	if !ok {
		return
	}
	b, err := comparisonXLSX(c.topic, exportTable(translator(langFrom(r.Context())), c))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	writeDownload(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exportName(c.topic)+".xlsx", b)
}

func writeDownload(w http.ResponseWriter, contentType, filename string, b []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", attachment(filename))
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("Vary", "Cookie, Accept-Language")
	w.WriteHeader(http.StatusOK)
	w.Write(b)
}

// spreadsheetCSV writes rows as CSV for spreadsheets: a byte order mark
// (Excel reads the file as UTF-8 only with it), CRLF line ends, and no
// cell that a spreadsheet would run as a formula.
func spreadsheetCSV(rows [][]string) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	cw := csv.NewWriter(&buf)
	cw.UseCRLF = true
	for _, row := range rows {
		safe := make([]string, len(row))
		for i, cell := range row {
			safe[i] = csvSafe(cell)
		}
		cw.Write(safe)
	}
	cw.Flush()
	return buf.Bytes(), cw.Error()
}

// csvSafe keeps a spreadsheet from running a cell as a formula: text
// starting with = + - @ (and not a plain number) gets a leading quote.
func csvSafe(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return "'" + s
}

// comparisonXLSX writes the table as a workbook of one sheet named after
// the topic, with a bold, shaded header row that stays in view and
// columns wide enough for their text.
func comparisonXLSX(topic string, table [][]string) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := sheetName(topic)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("comparison XLSX: name sheet %q: %w", sheet, err)
	}
	for i, line := range table {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return nil, fmt.Errorf("comparison XLSX: %w", err)
		}
		row := make([]any, len(line))
		for j, v := range line {
			row[j] = v
		}
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return nil, fmt.Errorf("comparison XLSX: row %d: %w", i+1, err)
		}
	}
	head, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
	})
	if err != nil {
		return nil, fmt.Errorf("comparison XLSX: header style: %w", err)
	}
	last, err := excelize.CoordinatesToCellName(len(table[0]), 1)
	if err != nil {
		return nil, fmt.Errorf("comparison XLSX: %w", err)
	}
	if err := f.SetCellStyle(sheet, "A1", last, head); err != nil {
		return nil, fmt.Errorf("comparison XLSX: header style: %w", err)
	}
	for j := range table[0] {
		width := 8.0
		for _, line := range table {
			width = max(width, float64(displayWidth(line[j])+2))
		}
		col, err := excelize.ColumnNumberToName(j + 1)
		if err != nil {
			return nil, fmt.Errorf("comparison XLSX: %w", err)
		}
		if err := f.SetColWidth(sheet, col, col, min(width, 40)); err != nil {
			return nil, fmt.Errorf("comparison XLSX: column %s: %w", col, err)
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, fmt.Errorf("comparison XLSX: freeze header: %w", err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("comparison XLSX: %w", err)
	}
	return buf.Bytes(), nil
}

// displayWidth counts wide (CJK) characters twice, as a spreadsheet
// column shows them.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) || (r >= 0xFF00 && r <= 0xFFEF) || (r >= 0x3000 && r <= 0x303F) {
			n++
		}
	}
	return n
}

// sheetName makes a topic a valid sheet name: at most 31 characters,
// none of : \ / ? * [ ].
func sheetName(topic string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, topic)
	name = strings.Trim(name, "'")
	if utf8.RuneCountInString(name) > 31 {
		name = string([]rune(name)[:31])
	}
	if name == "" {
		return "compare"
	}
	return name
}

// exportName is a download's file name, without the extension.
func exportName(topic string) string { return "compare-" + topic }

// attachment is a Content-Disposition for a download: an ASCII file name
// for old clients and, when the name is not plain ASCII, the UTF-8 name
// percent-encoded as RFC 6266 and RFC 5987 describe.
func attachment(filename string) string {
	var fallback strings.Builder
	plain := true
	for _, r := range filename {
		switch {
		case r < utf8.RuneSelf && (isAttrChar(byte(r)) || r == ' ' || r == '(' || r == ')' || r == ','):
			fallback.WriteRune(r)
		default:
			plain = false
			fallback.WriteByte('_')
		}
	}
	out := `attachment; filename="` + fallback.String() + `"`
	if plain {
		return out
	}
	var enc strings.Builder
	for i := 0; i < len(filename); i++ {
		if b := filename[i]; isAttrChar(b) {
			enc.WriteByte(b)
		} else {
			fmt.Fprintf(&enc, "%%%02X", b)
		}
	}
	return out + "; filename*=UTF-8''" + enc.String()
}

// isAttrChar is RFC 5987's attr-char: what an extended value may hold
// unencoded.
func isAttrChar(b byte) bool {
	switch {
	case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9':
		return true
	}
	return strings.IndexByte("!#$&+-.^_`|~", b) >= 0
}
