package mapping

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/kb"
)

// lim is a requirement of source A, B, C or D on one row.
func lim(source string, cmp kb.Comparator, limit, unit string) *kb.Requirement {
	return &kb.Requirement{Source: source, Topic: "t", Parameter: "lead", Scope: "s", Comparator: cmp, Limit: limit, Unit: unit}
}

// marks renders a row's cells as "A=stricter" or "B=not comparable(unit)".
func marks(row CompareRow, sources []string) []string {
	var out []string
	for j, c := range row.Cells {
		s := sources[j] + "=" + string(c.Mark)
		if c.Reason != "" {
			s += "(" + string(c.Reason) + ")"
		}
		out = append(out, s)
	}
	return out
}

func TestCompareRow(t *testing.T) {
	abc := []string{"A", "B", "C"}
	tests := []struct {
		name  string
		reqs  []*kb.Requirement
		want  string // marks joined by spaces
		basis string
	}{
		{"lowest maximum is stricter",
			[]*kb.Requirement{lim("A", "<=", "23", "mg/kg"), lim("B", "<=", "90", "mg/kg"), lim("C", "<=", "90", "mg/kg")},
			"A=stricter B=looser C=looser", "mg/kg"},
		{"ties at the strictest share the mark",
			[]*kb.Requirement{lim("A", "<=", "60", "mg/kg"), lim("B", "<=", "60", "mg/kg"), lim("C", "<=", "94", "mg/kg")},
			"A=stricter B=stricter C=looser", "mg/kg"},
		{"middle values are looser",
			[]*kb.Requirement{lim("A", "<=", "17", "mg/kg"), lim("B", "<=", "23", "mg/kg"), lim("C", "<=", "90", "mg/kg")},
			"A=stricter B=looser C=looser", "mg/kg"},
		{"all equal",
			[]*kb.Requirement{lim("A", "<=", "0.2", "mg/kg"), lim("B", "<=", "0.20", "mg/kg"), lim("C", "<=", "0,2", "mg/kg")},
			"A=equal B=equal C=equal", "mg/kg"},
		{"ppm and µg/g are mg/kg",
			[]*kb.Requirement{lim("A", "<=", "90", "ppm"), lim("B", "<=", "90", "µg/g"), lim("C", "<=", "90", "mg/kg")},
			"A=equal B=equal C=equal", "mg/kg"},
		{"g/kg converts",
			[]*kb.Requirement{lim("A", "<=", "0.1", "g/kg"), lim("B", "<=", "90", "mg/kg")},
			"A=looser B=stricter C=absent", "mg/kg"},
		{"a bare % is w/w beside mg/kg",
			[]*kb.Requirement{lim("A", "<=", "0.01", "%"), lim("B", "<=", "90", "mg/kg")},
			"A=looser B=stricter C=absent", "mg/kg"},
		{"% against % stays %",
			[]*kb.Requirement{lim("A", "<=", "0.1", "%"), lim("B", "<=", "1", "‰"), lim("C", "<=", "0.05", "%")},
			"A=looser B=looser C=stricter", "%"},
		{"area density converts",
			[]*kb.Requirement{lim("A", "<=", "10", "mg/dm²"), lim("B", "<=", "50", "µg/cm²")},
			"A=looser B=stricter C=absent", "µg/cm²"},
		{"nickel release",
			[]*kb.Requirement{lim("A", "<=", "0.5", "µg/cm²/week"), lim("B", "<=", "0.2", "ug/cm2/week")},
			"A=looser B=stricter C=absent", "µg/cm²/week"},
		{"not detected is the strictest maximum",
			[]*kb.Requirement{lim("A", kb.CmpNotDetected, "", "mg/kg"), lim("B", "<=", "0.01", "mg/kg"), lim("C", "<=", "1", "mg/kg")},
			"A=stricter B=looser C=looser", "mg/kg"},
		{"prohibited fits any unit",
			[]*kb.Requirement{lim("A", kb.CmpProhibited, "", ""), lim("B", "<=", "0.01", "mg/L")},
			"A=stricter B=looser C=absent", "mg/L"},
		{"not detected written in the limit",
			[]*kb.Requirement{lim("A", "", "ND", "mg/kg"), lim("B", "<=", "0.01", "mg/kg")},
			"A=stricter B=looser C=absent", "mg/kg"},
		{"prohibited and not detected are equal",
			[]*kb.Requirement{lim("A", kb.CmpProhibited, "", ""), lim("B", kb.CmpNotDetected, "", "")},
			"A=equal B=equal C=absent", ""},
		{"< is stricter than ≤ at the same value",
			[]*kb.Requirement{lim("A", "<", "90", "mg/kg"), lim("B", "<=", "90", "mg/kg")},
			"A=stricter B=looser C=absent", "mg/kg"},
		{"highest minimum is stricter",
			[]*kb.Requirement{lim("A", ">=", "20", "%"), lim("B", ">=", "30", "%"), lim("C", ">", "30", "%")},
			"A=looser B=looser C=stricter", "%"},
		{"a minimum among maximums",
			[]*kb.Requirement{lim("A", "<=", "23", "mg/kg"), lim("B", ">=", "5", "mg/kg"), lim("C", "<=", "90", "mg/kg")},
			"A=stricter B=not comparable(kind) C=looser", "mg/kg"},
		{"maximum wins a tie of kinds",
			[]*kb.Requirement{lim("A", ">=", "5", "mg/kg"), lim("B", "<=", "23", "mg/kg")},
			"A=not comparable(kind) B=only C=absent", "mg/kg"},
		{"another dimension",
			[]*kb.Requirement{lim("A", "<=", "23", "mg/kg"), lim("B", "<=", "0.5", "mg/L"), lim("C", "<=", "90", "mg/kg")},
			"A=stricter B=not comparable(unit) C=looser", "mg/kg"},
		{"ppm is not mg/L",
			[]*kb.Requirement{lim("A", "<=", "1", "ppm"), lim("B", "<=", "1", "mg/L")},
			"A=only B=not comparable(unit) C=absent", "mg/kg"},
		{"unknown units compare with themselves",
			[]*kb.Requirement{lim("A", "<=", "2", "mg/item"), lim("B", "<=", "3", "mg/Item")},
			"A=stricter B=looser C=absent", "mg/item"},
		{"unknown against known: the first source's unit wins a tie",
			[]*kb.Requirement{lim("A", "<=", "2", "mg/item"), lim("B", "<=", "3", "mg/kg")},
			"A=only B=not comparable(unit) C=absent", "mg/item"},
		{"exact values that differ",
			[]*kb.Requirement{lim("A", "=", "7", ""), lim("B", "=", "8", "")},
			"A=not comparable(exact) B=not comparable(exact) C=absent", ""},
		{"exact values that agree",
			[]*kb.Requirement{lim("A", "=", "7", ""), lim("B", "=", "7.0", "")},
			"A=equal B=equal C=absent", ""},
		{"text is not a limit",
			[]*kb.Requirement{lim("A", "<=", "see Annex II", "mg/kg"), lim("B", "<=", "90", "mg/kg"), lim("C", "<=", "23", "mg/kg")},
			"A=not comparable(value) B=looser C=stricter", "mg/kg"},
		{"a range is not a limit",
			[]*kb.Requirement{lim("A", "", "6.5-8.5", ""), lim("B", "<=", "8.5", "")},
			"A=not comparable(value) B=only C=absent", ""},
		{"a number without a comparator",
			[]*kb.Requirement{lim("A", "", "25", "mg/kg"), lim("B", "<=", "90", "mg/kg")},
			"A=not comparable(value) B=only C=absent", "mg/kg"},
		{"comparators that disagree",
			[]*kb.Requirement{lim("A", "<=", "≥ 25", "mg/kg"), lim("B", "<=", "90", "mg/kg")},
			"A=not comparable(value) B=only C=absent", "mg/kg"},
		{"comparator in the limit",
			[]*kb.Requirement{lim("A", "", "≤ 25", "mg/kg"), lim("B", "<=", "90", "mg/kg")},
			"A=stricter B=looser C=absent", "mg/kg"},
		{"one limit alone",
			[]*kb.Requirement{lim("B", "<=", "90", "mg/kg")},
			"A=absent B=only C=absent", "mg/kg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Compare("t", abc, tt.reqs)
			if len(c.Rows) != 1 {
				t.Fatalf("%d rows, want 1", len(c.Rows))
			}
			row := c.Rows[0]
			if diff := cmp.Diff(strings.Fields(strings.ReplaceAll(tt.want, "not comparable", "not_comparable")),
				strings.Fields(strings.ReplaceAll(strings.Join(marks(row, abc), " "), "not comparable", "not_comparable"))); diff != "" {
				t.Errorf("marks (-want +got):\n%s", diff)
			}
			if row.Basis != tt.basis {
				t.Errorf("basis %q, want %q", row.Basis, tt.basis)
			}
		})
	}
}

func TestCompareValues(t *testing.T) {
	c := Compare("t", []string{"A", "B", "C"}, []*kb.Requirement{
		lim("A", "<=", "0.01", "%"), lim("B", "<=", "90", "ppm"), lim("C", "<=", "90", "mg/kg"),
	})
	type got struct {
		Value     float64
		Converted bool
	}
	var out []got
	for _, cell := range c.Rows[0].Cells {
		out = append(out, got{cell.Value, cell.Converted})
	}
	want := []got{{100, true}, {90, true}, {90, false}}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
}

func TestCompareRowsAndSources(t *testing.T) {
	reqs := []*kb.Requirement{
		{Source: "A", Topic: "Toy  Migration", Parameter: "lead", ParameterZh: "铅", Scope: "general", Comparator: "<=", Limit: "23", Unit: "mg/kg"},
		{Source: "B", Topic: "toy migration", Parameter: "lead", Scope: "general", Comparator: "<=", Limit: "90", Unit: "mg/kg"},
		{Source: "B", Topic: "toy migration", Parameter: "lead", Scope: "clay", Comparator: "<=", Limit: "90", Unit: "mg/kg"},
		{Source: "Z", Topic: "toy migration", Parameter: "tin", Scope: "general", Comparator: "<=", Limit: "1", Unit: "mg/kg"},
		{Source: "A", Topic: "other", Parameter: "tin", Scope: "general", Comparator: "<=", Limit: "1", Unit: "mg/kg"},
	}
	// Only B and A, in that order: Z's row and the other topic's are left out.
	c := Compare("toy migration", []string{"B", "A"}, reqs)
	var got []string
	for _, r := range c.Rows {
		got = append(got, fmt.Sprintf("%s/%s/%s: %s", r.Parameter, r.ParameterZh, r.Scope, strings.Join(marks(r, c.Sources), " ")))
	}
	want := []string{
		"lead/铅/general: B=looser A=stricter",
		"lead//clay: B=only A=absent",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

// TestCompareSeedElementMigration judges the seed's toy element migration
// limits. The expected marks come from reading the seed rows: EN 71-3
// Category III limits against the ISO 8124-3 table that GB 6675.4 and
// ASTM F963 share.
func TestCompareSeedElementMigration(t *testing.T) {
	recs, err := content.SeedRecords()
	if err != nil {
		t.Fatal(err)
	}
	var reqs []*kb.Requirement
	for _, r := range recs {
		if q, ok := r.(*kb.Requirement); ok && q.Topic == "toy-element-migration" {
			reqs = append(reqs, q)
		}
	}
	const (
		en   = "EN 71-3:2019+A1:2021"
		gb   = "GB 6675.4-2014"
		gb25 = "GB 6675.4-2025"
		astm = "ASTM F963-23"
	)
	sources := []string{en, gb, astm, gb25}
	c := Compare("toy-element-migration", sources, reqs)
	rows := map[string]CompareRow{}
	for _, r := range c.Rows {
		rows[r.Parameter+" | "+r.Scope] = r
	}
	const general = "toy material (general)"
	tests := []struct {
		row  string
		want []Mark // en, gb, astm, gb25
	}{
		// EN 23 mg/kg against 90 mg/kg.
		{"lead | " + general, []Mark{MarkStricter, MarkLooser, MarkLooser, MarkLooser}},
		// EN 17 against 75.
		{"cadmium | " + general, []Mark{MarkStricter, MarkLooser, MarkLooser, MarkLooser}},
		// EN 94 against 60.
		{"mercury | " + general, []Mark{MarkLooser, MarkStricter, MarkStricter, MarkStricter}},
		// EN 560 against 60.
		{"antimony | " + general, []Mark{MarkLooser, MarkStricter, MarkStricter, MarkStricter}},
		// EN 460 against 500.
		{"selenium | " + general, []Mark{MarkStricter, MarkLooser, MarkLooser, MarkLooser}},
		// EN 18 750 against 1 000.
		{"barium | " + general, []Mark{MarkLooser, MarkStricter, MarkStricter, MarkStricter}},
		// EN splits chromium into III and VI; the others' total chromium agree.
		{"chromium | " + general, []Mark{MarkAbsent, MarkEqual, MarkEqual, MarkEqual}},
		{"chromium(VI) | " + general, []Mark{MarkOnly, MarkAbsent, MarkAbsent, MarkAbsent}},
		// GB 6675.4-2025 raised the modelling clay barium limit from 250 to 350.
		{"barium | modelling clay", []Mark{MarkAbsent, MarkStricter, MarkAbsent, MarkLooser}},
		{"lead | finger paint", []Mark{MarkAbsent, MarkOnly, MarkAbsent, MarkAbsent}},
	}
	for _, tt := range tests {
		row, ok := rows[tt.row]
		if !ok {
			t.Errorf("no row %q", tt.row)
			continue
		}
		var got []Mark
		for _, cell := range row.Cells {
			got = append(got, cell.Mark)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.row, diff)
		}
		if row.Basis != UnitMgPerKg {
			t.Errorf("%s: basis %q", tt.row, row.Basis)
		}
	}
	// Every seed limit of the topic is comparable: no cell is judged
	// not comparable.
	for _, r := range c.Rows {
		for j, cell := range r.Cells {
			if cell.Mark == MarkNotComparable {
				t.Errorf("%s | %s, %s: not comparable (%s)", r.Parameter, r.Scope, sources[j], cell.Reason)
			}
		}
	}
}
