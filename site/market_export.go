package site

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/templates"
)

// Exports of the market page: its lists as tables, in the visitor's
// language, dates as YYYY-MM-DD so that a spreadsheet sorts them. The CSV
// holds every list one after the other, each under its heading; the
// workbook has a sheet per list.

// exportSection is one list of the page as a table.
type exportSection struct {
	title string // the page's heading, with the count
	sheet string // a short name for its sheet
	head  []string
	rows  [][]string
}

// loadMarketExport answers the query as the page would; anything but a
// result is a bad request, with the page's message.
func (s *server) loadMarketExport(w http.ResponseWriter, r *http.Request) (*templates.MarketResult, bool) {
	ctx := r.Context()
	t := translator(langFrom(ctx))
	v, _, err := s.marketView(ctx, langFrom(ctx), marketRequestFrom(r))
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	if v.Result == nil {
		s.badRequest(w, r, templates.Or(v.Message, t("market.noProduct")))
		return nil, false
	}
	return v.Result, true
}

func (s *server) marketCSV(w http.ResponseWriter, r *http.Request) {
	res, ok := s.loadMarketExport(w, r)
	if !ok {
		return
	}
	var rows [][]string
	for i, sec := range marketTables(translator(langFrom(r.Context())), langFrom(r.Context()), res) {
		if i > 0 {
			rows = append(rows, []string{""})
		}
		rows = append(rows, []string{sec.title}, sec.head)
		rows = append(rows, sec.rows...)
	}
	data, err := spreadsheetCSV(rows)
	if err != nil {
		s.serverError(w, r, fmt.Errorf("write market CSV: %w", err))
		return
	}
	writeDownload(w, "text/csv; charset=utf-8", marketExportName(res)+".csv", data)
}

func (s *server) marketXLSX(w http.ResponseWriter, r *http.Request) {
	res, ok := s.loadMarketExport(w, r)
	if !ok {
		return
	}
	b, err := marketWorkbook(marketTables(translator(langFrom(r.Context())), langFrom(r.Context()), res))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	writeDownload(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", marketExportName(res)+".xlsx", b)
}

// marketExportName is a download's file name, without the extension.
func marketExportName(res *templates.MarketResult) string {
	return "market-" + strings.ReplaceAll(res.Code, ".", "") + "-" + res.Member.Code
}

// marketTables lays the page's lists out as tables, in the page's order.
func marketTables(t templates.Translator, lang string, res *templates.MarketResult) []exportSection {
	n := strconv.Itoa
	regs := exportSection{title: t("market.regulations", n(len(res.Regulations))), sheet: t("market.sheet.regulations"),
		head: []string{t("market.col.regulation"), t("std.title"), t("market.col.status"), t("market.col.inForce"), t("market.found")}}
	for _, g := range res.Regulations {
		regs.rows = append(regs.rows, []string{g.R.ID, g.Title, regulationStatusText(t, g.R.Status), string(g.R.InForce), templates.MarketRegulationFound(t, g)})
	}
	stds := exportSection{title: t("market.standards", n(len(res.Standards))), sheet: t("market.sheet.standards"),
		head: []string{t("std.number"), t("std.title"), t("market.col.status"), t("market.col.replacedBy"), t("market.found")}}
	for _, st := range res.Standards {
		stds.rows = append(stds.rows, []string{st.Text, st.Title, standardStatusText(t, st.Status), strings.Join(st.ReplacedBy, ", "), templates.MarketStandardFound(t, st)})
	}
	open := exportSection{title: t("market.open", n(len(res.Open))), sheet: t("market.sheet.open"),
		head: []string{t("ntf.symbol"), t("ntf.title"), t("ntf.distributed"), t("ntf.deadline"), t("market.col.daysLeft"), t("market.found")}}
	for _, it := range res.Open {
		days := t("ntf.daysLeft", it.DaysLeft)
		if it.DaysLeft == 0 {
			days = t("ntf.lastDay")
		}
		open.rows = append(open.rows, []string{templates.Or(it.N.Symbol, it.N.Key()), templates.NotificationTitle(it.N, lang), string(it.N.Distributed), string(it.N.CommentDeadline), days, templates.MarketNotificationFound(t, it)})
	}
	recent := exportSection{title: t("market.recent", res.Months, n(len(res.Recent))), sheet: t("market.sheet.recent"),
		head: []string{t("ntf.symbol"), t("ntf.title"), t("ntf.distributed"), t("ntf.deadline"), t("market.found")}}
	for _, it := range res.Recent {
		recent.rows = append(recent.rows, []string{templates.Or(it.N.Symbol, it.N.Key()), templates.NotificationTitle(it.N, lang), string(it.N.Distributed), string(it.N.CommentDeadline), templates.MarketNotificationFound(t, it)})
	}
	eqs := exportSection{title: t("market.equivalents", n(len(res.Equivalents))), sheet: t("market.sheet.equivalents"),
		head: []string{t("market.foreign"), t("market.col.through"), t("market.gb"), t("std.title"), t("market.degree"), t("market.record")}}
	for _, e := range res.Equivalents {
		via := t("market.viaAdoption")
		if e.Mapping {
			via = t("market.viaMapping")
		}
		eqs.rows = append(eqs.rows, []string{e.Foreign, e.Through, e.GB, e.Title, degreeText(t, e.Degree), via})
	}
	diffs := exportSection{title: t("market.differences", n(len(res.Differences))), sheet: t("market.sheet.differences"),
		head: []string{t("market.col.topic"), t("compare.col.parameter"), t("compare.col.parameterZh"), t("req.scope"), t("market.col.source"), t("req.limit"), t("market.col.mark")}}
	for _, d := range res.Differences {
		for _, row := range d.Rows {
			for j, c := range row.Cells {
				if c.Req == nil {
					continue
				}
				mark := templates.MarkText(t, c.Mark)
				if c.Reason != "" {
					mark = t("compare.markWhy", mark, templates.ReasonText(t, c.Reason))
				}
				diffs.rows = append(diffs.rows, []string{d.Topic, row.Parameter, row.ParameterZh, row.Scope, d.Sources[j].Name, templates.LimitText(c.Req, t), mark})
			}
		}
	}
	guides := exportSection{title: t("market.guides", n(len(res.Guides))), sheet: t("market.sheet.guides"),
		head: []string{t("market.col.guide"), t("market.col.summary"), t("market.col.path")}}
	for _, g := range res.Guides {
		guides.rows = append(guides.rows, []string{g.Title, g.Summary, templates.GuideURL(g.Slug)})
	}
	return []exportSection{regs, stds, open, recent, eqs, diffs, guides}
}

func regulationStatusText(t templates.Translator, s string) string {
	switch s {
	case "in_force":
		return t("reg.status.in_force")
	case "proposed":
		return t("reg.status.proposed")
	case "repealed":
		return t("reg.status.repealed")
	}
	return s
}

func standardStatusText(t templates.Translator, s kb.Status) string {
	switch s {
	case kb.StatusCurrent:
		return t("status.current")
	case kb.StatusUpcoming:
		return t("status.upcoming")
	case kb.StatusWithdrawn:
		return t("status.withdrawn")
	}
	return string(s)
}

func degreeText(t templates.Translator, d kb.Degree) string {
	switch d {
	case kb.DegreeIDT:
		return "IDT " + t("degree.IDT")
	case kb.DegreeMOD:
		return "MOD " + t("degree.MOD")
	case kb.DegreeNEQ:
		return "NEQ " + t("degree.NEQ")
	}
	return t("degree.unknown")
}

// marketWorkbook writes a sheet per section: a bold header row that stays
// in view, columns wide enough for their text.
func marketWorkbook(sections []exportSection) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	head, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
	})
	if err != nil {
		return nil, fmt.Errorf("market XLSX: header style: %w", err)
	}
	for i, sec := range sections {
		sheet := sheetName(sec.sheet)
		if i == 0 {
			err = f.SetSheetName("Sheet1", sheet)
		} else {
			_, err = f.NewSheet(sheet)
		}
		if err != nil {
			return nil, fmt.Errorf("market XLSX: sheet %q: %w", sheet, err)
		}
		if err := writeSheet(f, sheet, head, append([][]string{sec.head}, sec.rows...)); err != nil {
			return nil, fmt.Errorf("market XLSX: sheet %q: %w", sheet, err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("market XLSX: %w", err)
	}
	return buf.Bytes(), nil
}

func writeSheet(f *excelize.File, sheet string, headStyle int, table [][]string) error {
	for i, line := range table {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		row := make([]any, len(line))
		for j, v := range line {
			row[j] = v
		}
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return fmt.Errorf("row %d: %w", i+1, err)
		}
	}
	last, err := excelize.CoordinatesToCellName(len(table[0]), 1)
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", last, headStyle); err != nil {
		return fmt.Errorf("header style: %w", err)
	}
	for j := range table[0] {
		width := 8.0
		for _, line := range table {
			width = max(width, float64(displayWidth(line[j])+2))
		}
		col, err := excelize.ColumnNumberToName(j + 1)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, col, col, min(width, 50)); err != nil {
			return fmt.Errorf("column %s: %w", col, err)
		}
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}
