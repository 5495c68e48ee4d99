package eval

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// WriteTo prints the report as a table: one row per query, then the mean.
// A query with no relevant judgment shows "-" for its metrics.
func (r Report) WriteTo(w io.Writer) (int64, error) {
	t := table{{"query", "nDCG@10", "MRR", "R@20", "rel", "hits", "text"}}
	for _, q := range r.Queries {
		row := []string{q.Query.ID, "-", "-", "-", fmt.Sprint(q.Relevant), fmt.Sprint(q.Retrieved), q.Query.Text}
		if q.Relevant > 0 {
			copy(row[1:], metricCells(q.Metrics))
		}
		t = append(t, row)
	}
	mean := []string{"mean", "-", "-", "-", "", "", fmt.Sprintf("over %d of %d queries, %d hits deep", r.Evaluated, len(r.Queries), r.Depth)}
	if r.Evaluated > 0 {
		copy(mean[1:], metricCells(r.Mean))
	}
	return append(t, mean).writeTo(w)
}

// NamedReport is one system's report, named for a side-by-side comparison.
type NamedReport struct {
	Name   string
	Report Report
}

// Compare prints the systems side by side, one column each, with rows for
// the metrics' means over all queries and then, when the queries file has
// groups, over each group in the order they first appear. Every report
// must come from the same queries.
func Compare(w io.Writer, reports ...NamedReport) error {
	if len(reports) == 0 {
		return errors.New("compare: no reports")
	}
	base := reports[0]
	for _, r := range reports[1:] {
		if !sameQueries(base.Report, r.Report) {
			return fmt.Errorf("compare: %s and %s were run on different queries", base.Name, r.Name)
		}
	}
	type group struct {
		name string
		keep func(Query) bool
	}
	groups := []group{{"all", func(Query) bool { return true }}}
	seen := map[string]bool{}
	grouped := false
	for _, q := range base.Report.Queries {
		grouped = grouped || q.Query.Group != ""
	}
	for _, q := range base.Report.Queries {
		if !grouped || seen[q.Query.Group] {
			continue
		}
		g := q.Query.Group
		seen[g] = true
		name := g
		if name == "" {
			name = "(no group)"
		}
		groups = append(groups, group{name, func(q Query) bool { return q.Group == g }})
	}

	head := []string{"group", "queries", "metric"}
	for _, r := range reports {
		head = append(head, r.Name)
	}
	t := table{head}
	for i, g := range groups {
		if i > 0 {
			t = append(t, nil)
		}
		rows := [][]string{{g.name, "", "nDCG@10"}, {"", "", "MRR"}, {"", "", "Recall@20"}}
		for _, r := range reports {
			m, n := r.Report.mean(g.keep)
			rows[0][1] = fmt.Sprint(n)
			cells := []string{"-", "-", "-"}
			if n > 0 {
				cells = metricCells(m)
			}
			for j := range rows {
				rows[j] = append(rows[j], cells[j])
			}
		}
		t = append(t, rows...)
	}
	_, err := t.writeTo(w)
	return err
}

func sameQueries(a, b Report) bool {
	if len(a.Queries) != len(b.Queries) {
		return false
	}
	for i := range a.Queries {
		if a.Queries[i].Query != b.Queries[i].Query {
			return false
		}
	}
	return true
}

func metricCells(m Metrics) []string {
	return []string{fmt.Sprintf("%.4f", m.NDCG), fmt.Sprintf("%.4f", m.MRR), fmt.Sprintf("%.4f", m.Recall)}
}

// table is rows of cells printed in aligned columns; a nil row is a blank
// line. Unlike text/tabwriter it counts a Chinese character as two
// columns, as terminals show it, so group names and query texts in
// Chinese do not push the columns after them out of line.
type table [][]string

func (t table) writeTo(w io.Writer) (int64, error) {
	var widths []int
	for _, row := range t {
		for i, c := range row {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	var b strings.Builder
	for _, row := range t {
		var line strings.Builder
		for i, c := range row {
			line.WriteString(c)
			if i < len(row)-1 {
				line.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

// displayWidth is how many terminal columns s takes: two for East Asian
// wide characters, one for the rest.
func displayWidth(s string) int {
	w := utf8.RuneCountInString(s)
	for _, r := range s {
		if isWide(r) {
			w++
		}
	}
	return w
}

func isWide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115F, // Hangul Jamo
		r >= 0x2E80 && r <= 0x303E, // CJK radicals, punctuation
		r >= 0x3041 && r <= 0x33FF, // kana, CJK symbols
		r >= 0x3400 && r <= 0x4DBF, // CJK extension A
		r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0xA000 && r <= 0xA4CF, // Yi
		r >= 0xAC00 && r <= 0xD7A3, // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // full-width forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x20000 && r <= 0x3FFFD: // CJK extensions B and on
		return true
	}
	return false
}
