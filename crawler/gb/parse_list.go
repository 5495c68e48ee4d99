package gb

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/stdbridge/stdbridge/crawler/internal/htmltext"
	"github.com/stdbridge/stdbridge/kb"
)

// ListPage is one page of a list or search result.
type ListPage struct {
	Total int // standards in the whole list
	Page  int // this page, 1-based
	Pages int // pages in the list; 0 when the list is empty
	Rows  []ListRow
}

// ListRow is one standard as a list shows it.
type ListRow struct {
	ID            string // hcno, the platform's id of the standard
	Number, Title string
	Adopted       bool   // the 采 label: adopts an international/foreign standard
	Type, Status  string // as shown: 强标/推标/指导, 现行/废止/即将实施
	Issued        kb.Date
	Implemented   kb.Date
}

// ErrTruncated is returned for a page that stops before its end, as a
// transfer cut short leaves it; fetching it again usually helps.
var ErrTruncated = errors.New("page is truncated")

// listColumn names the columns ParseList reads.
type listColumn int

const (
	colNumber listColumn = iota
	colAdopted
	colTitle
	colType
	colStatus
	colIssued
	colImplemented
	numColumns
)

// listHeaders are the header texts of the columns; the search list has
// a 语种 (language) column that older pages lack, so columns are found by
// their header, not by position.
func listHeaders() [numColumns]string {
	return [numColumns]string{"标准号", "是否采标", "标准名称", "类别", "状态", "发布日期", "实施日期"}
}

// defaultColumns is the layout of the current pages (序号, 标准号, 语种,
// 是否采标, 标准名称, 类别, 状态, 发布日期, 实施日期, 操作), used when a
// page comes without its header row.
func defaultColumns() [numColumns]int { return [numColumns]int{1, 3, 4, 5, 6, 7, 8} }

var (
	reShowInfo = regexp.MustCompile(`showInfo\(\s*['"]([0-9A-Za-z]+)['"]\s*\)`)
	// rePager reads "共 3 条标准 1 / 1": total, this page and page count.
	rePager = regexp.MustCompile(`共\s*(\d{1,9})\s*条标准\s*(\d{1,9})\s*/\s*(\d{1,9})`)
)

// ParseList reads a list page (std_list_type or the std_list search). An
// empty list is not an error; a page without the result table, or one cut
// short, is.
func ParseList(body []byte) (*ListPage, error) {
	doc, err := parseHTML(body)
	if err != nil {
		return nil, fmt.Errorf("parse list page: %w", err)
	}
	table := htmltext.First(doc, htmltext.TagClass(atom.Table, "result_list"), nil)
	if table == nil {
		return nil, fmt.Errorf("parse list page: no result table (not a list page: %q)", pageTitle(doc))
	}
	if !complete(doc) {
		return nil, fmt.Errorf("parse list page: %w", ErrTruncated)
	}
	page, err := parsePager(doc)
	if err != nil {
		return nil, fmt.Errorf("parse list page: %w", err)
	}
	cols, err := listLayout(table)
	if err != nil {
		return nil, fmt.Errorf("parse list page: %w", err)
	}
	for i, tr := range htmltext.Outermost(table, htmltext.IsTag(atom.Tr)) {
		row, ok, err := parseListRow(tr, cols)
		if err != nil {
			return nil, fmt.Errorf("parse list page: row %d: %w", i, err)
		}
		if ok {
			page.Rows = append(page.Rows, row)
		}
	}
	if len(page.Rows) > page.Total {
		return nil, fmt.Errorf("parse list page: %d rows but the pager says %d standards", len(page.Rows), page.Total)
	}
	return page, nil
}

func parsePager(doc *html.Node) (*ListPage, error) {
	body := htmltext.First(doc, htmltext.IsTag(atom.Body), nil)
	if body == nil {
		body = doc
	}
	m := rePager.FindStringSubmatch(text(body, nil))
	if m == nil {
		return nil, errors.New("no pager (共 N 条标准 P / N)")
	}
	var n [3]int
	for i := range n {
		v, err := strconv.Atoi(m[i+1])
		if err != nil {
			return nil, fmt.Errorf("pager number %q: %w", m[i+1], err)
		}
		n[i] = v
	}
	if n[1] < 1 {
		return nil, fmt.Errorf("pager page %d: want 1 or more", n[1])
	}
	return &ListPage{Total: n[0], Page: n[1], Pages: n[2]}, nil
}

// listLayout maps the columns to cell positions from the header row.
func listLayout(table *html.Node) ([numColumns]int, error) {
	th := htmltext.First(table, func(n *html.Node) bool {
		return n.DataAtom == atom.Tr && htmltext.First(n, htmltext.IsTag(atom.Th), nil) != nil
	}, nil)
	if th == nil {
		return defaultColumns(), nil
	}
	headers := listHeaders()
	var cols [numColumns]int
	for i := range cols {
		cols[i] = -1
	}
	pos := 0
	for c := th.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom != atom.Th && c.DataAtom != atom.Td {
			continue
		}
		h := text(c, nil)
		for i, want := range headers {
			if h == want && cols[i] < 0 {
				cols[i] = pos
			}
		}
		pos++
	}
	for i, p := range cols {
		if p < 0 {
			return cols, fmt.Errorf("header has no %s column", headers[i])
		}
	}
	return cols, nil
}

// parseListRow reads one row; ok is false for rows that are not a
// standard (the header, a "no data" message).
func parseListRow(tr *html.Node, cols [numColumns]int) (row ListRow, ok bool, err error) {
	var cells []*html.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Td {
			cells = append(cells, c)
		}
	}
	id := rowID(tr)
	if len(cells) == 0 || (id == "" && len(cells) == 1) {
		return row, false, nil
	}
	need := 0
	for _, p := range cols {
		need = max(need, p+1)
	}
	if len(cells) < need {
		return row, false, fmt.Errorf("%d cells, want %d", len(cells), need)
	}
	if id == "" {
		return row, false, errors.New("no showInfo('hcno') link")
	}
	row = ListRow{
		ID:      id,
		Number:  text(cells[cols[colNumber]], nil),
		Title:   text(cells[cols[colTitle]], nil),
		Adopted: containsAdoptedLabel(text(cells[cols[colAdopted]], nil)),
		Type:    text(cells[cols[colType]], nil),
		Status:  text(cells[cols[colStatus]], nil),
	}
	if row.Number == "" {
		return row, false, fmt.Errorf("%s: no standard number", id)
	}
	if row.Issued, err = kb.ParseDate(text(cells[cols[colIssued]], nil)); err != nil {
		return row, false, fmt.Errorf("%s: 发布日期: %w", id, err)
	}
	if row.Implemented, err = kb.ParseDate(text(cells[cols[colImplemented]], nil)); err != nil {
		return row, false, fmt.Errorf("%s: 实施日期: %w", id, err)
	}
	return row, true, nil
}

// rowID is the hcno in the row's first showInfo('…') handler.
func rowID(tr *html.Node) string {
	var id string
	htmltext.First(tr, func(n *html.Node) bool {
		if m := reShowInfo.FindStringSubmatch(htmltext.Attr(n, "onclick")); m != nil {
			id = m[1]
			return true
		}
		return false
	}, nil)
	return id
}

func containsAdoptedLabel(s string) bool { return strings.ContainsRune(s, '采') }

// pageTitle is the page's <title>, to say what came instead.
func pageTitle(doc *html.Node) string {
	t := htmltext.First(doc, htmltext.IsTag(atom.Title), nil)
	if t == nil {
		return ""
	}
	s := text(t, nil)
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return s
}
