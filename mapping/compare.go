package mapping

import (
	"math"
	"strings"

	"github.com/stdbridge/stdbridge/kb"
)

// Mark says how one source's limit stands against the other sources' on
// the same row (topic, parameter and scope).
type Mark string

const (
	// MarkStricter is the strictest comparable limit of a row whose
	// comparable limits are not all equal: the lowest maximum, or the
	// highest minimum. Not detected and prohibited are maximums of zero,
	// so they are the strictest maximums. Ties share the mark.
	MarkStricter Mark = "stricter"
	// MarkLooser is any comparable limit less strict than the strictest.
	MarkLooser Mark = "looser"
	// MarkEqual is given to every comparable limit of a row when they are
	// all the same (after unit conversion).
	MarkEqual Mark = "equal"
	// MarkOnly is the one comparable limit of a row: there is nothing to
	// set it against.
	MarkOnly Mark = "only"
	// MarkAbsent is a source with no row for the parameter and scope.
	MarkAbsent Mark = "absent"
	// MarkNotComparable is a limit the row cannot judge; Reason says why.
	MarkNotComparable Mark = "not comparable"
)

// Reason says why a limit is not comparable.
type Reason string

const (
	// ReasonValue: no limit, a limit that is not one number (a range,
	// text), or a number without a comparator.
	ReasonValue Reason = "value"
	// ReasonUnit: a unit of another dimension than the row's, or a unit
	// the converter does not know that differs from the row's.
	ReasonUnit Reason = "unit"
	// ReasonKind: another kind of limit than the row's (a minimum among
	// maximums, or the reverse; an exact value among bounds).
	ReasonKind Reason = "kind"
	// ReasonExact: exact values (=) that differ — neither is stricter.
	ReasonExact Reason = "exact"
)

// Comparison is one topic's requirements judged side by side: a row per
// parameter and scope, a cell per source in the order asked.
type Comparison struct {
	Topic   string
	Sources []string
	Rows    []CompareRow
}

// CompareRow is one parameter and scope across the sources.
type CompareRow struct {
	Parameter   string
	ParameterZh string
	Scope       string
	// Basis is the unit the row's limits were compared in ("mg/kg"), ""
	// when fewer than one limit was comparable or all were zero.
	Basis string
	Cells []CompareCell // one per source
}

// CompareCell is one source's limit on a row.
type CompareCell struct {
	Req    *kb.Requirement // nil when the source has no row
	Mark   Mark
	Reason Reason // for MarkNotComparable
	// Value is the limit in Basis, set for comparable limits (0 for not
	// detected and prohibited); Converted says the source wrote another
	// unit than Basis ("ppm", "%"), so Value is worth showing.
	Value     float64
	Converted bool
}

// direction is the kind of bound a limit is.
type direction int

const (
	dirNone  direction = iota
	dirMax             // ≤, <, not detected, prohibited
	dirMin             // ≥, >
	dirExact           // =
)

// bound is a parsed cell, as Compare judges it.
type bound struct {
	ok     bool
	dir    direction
	strict bool // < or >: the limit value itself fails
	zero   bool // not detected or prohibited
	q      Quantity
}

// Compare judges reqs of topic across sources. Rows come in the order
// their parameter and scope first appear in reqs; requirements of other
// topics or sources are ignored. Comparison is per row and only among the
// sources given: choosing other sources can change the marks.
//
// How a row is judged:
//   - each requirement is read with its comparator and ParseQuantity;
//     what cannot be read is not comparable (ReasonValue);
//   - the row's kind of limit is the one most of its limits have
//     (maximum, minimum or exact; maximum wins ties); others are
//     ReasonKind;
//   - the row's unit is the canonical unit most of those limits have
//     (the first source's wins ties); others are ReasonUnit. A bare % is
//     taken as a mass fraction (1 % = 10 000 mg/kg) when the row also has
//     mass fractions, and compares as % otherwise. Not detected and
//     prohibited fit any unit;
//   - the comparable limits are then ranked: for maximums lower is
//     stricter, and at the same value < is stricter than ≤; for minimums
//     higher is stricter, and > is stricter than ≥. Exact values are all
//     equal or all ReasonExact.
//
// The test method is not part of the judgement: limits measured by
// different methods are compared as numbers, and the page says so.
func Compare(topic string, sources []string, reqs []*kb.Requirement) Comparison {
	c := Comparison{Topic: topic, Sources: sources}
	col := map[string]int{}
	for i, s := range sources {
		if _, dup := col[s]; !dup {
			col[s] = i
		}
	}
	type rowKey struct{ param, scope string }
	rowAt := map[rowKey]int{}
	topicKey := strings.ToLower(strings.Join(strings.Fields(topic), " "))
	for _, r := range reqs {
		j, ok := col[r.Source]
		if !ok || (topic != "" && strings.ToLower(strings.Join(strings.Fields(r.Topic), " ")) != topicKey) {
			continue
		}
		k := rowKey{r.Parameter, r.Scope}
		i, ok := rowAt[k]
		if !ok {
			i = len(c.Rows)
			rowAt[k] = i
			c.Rows = append(c.Rows, CompareRow{Parameter: r.Parameter, Scope: r.Scope, Cells: make([]CompareCell, len(sources))})
		}
		row := &c.Rows[i]
		if row.ParameterZh == "" {
			row.ParameterZh = r.ParameterZh
		}
		if row.Cells[j].Req == nil {
			row.Cells[j].Req = r
		}
	}
	for i := range c.Rows {
		judgeRow(&c.Rows[i])
	}
	return c
}

// readBound parses one requirement into a bound.
func readBound(r *kb.Requirement) bound {
	cmp := r.Comparator
	if cmp == kb.CmpNotDetected || cmp == kb.CmpProhibited {
		return bound{ok: true, dir: dirMax, zero: true, q: Quantity{Cmp: cmp, Unit: ParseUnit(r.Unit)}}
	}
	q, err := ParseQuantity(r.Limit, r.Unit)
	if err != nil {
		return bound{}
	}
	switch {
	case q.Cmp == "":
		q.Cmp = cmp
	case cmp != "" && cmp != q.Cmp:
		return bound{} // "≥ 25" written under comparator ≤: which is meant?
	}
	b := bound{ok: true, q: q}
	switch q.Cmp {
	case kb.CmpNotDetected, kb.CmpProhibited:
		b.dir, b.zero = dirMax, true
	case kb.CmpLE:
		b.dir = dirMax
	case kb.CmpLT:
		b.dir, b.strict = dirMax, true
	case kb.CmpGE:
		b.dir = dirMin
	case kb.CmpGT:
		b.dir, b.strict = dirMin, true
	case kb.CmpEQ:
		b.dir = dirExact
	default:
		return bound{} // a number with no comparator says nothing about strictness
	}
	return b
}

func judgeRow(row *CompareRow) {
	bounds := make([]bound, len(row.Cells))
	hasMassFraction := false
	for j := range row.Cells {
		cell := &row.Cells[j]
		if cell.Req == nil {
			cell.Mark = MarkAbsent
			continue
		}
		bounds[j] = readBound(cell.Req)
		if !bounds[j].ok {
			cell.Mark, cell.Reason = MarkNotComparable, ReasonValue
			continue
		}
		if !bounds[j].zero && bounds[j].q.Unit.Dim == DimMassFraction {
			hasMassFraction = true
		}
	}
	// A bare % beside mass fractions is read as one (w/w).
	for j := range bounds {
		b := &bounds[j]
		if b.ok && !b.zero && hasMassFraction && b.q.Unit.Dim == DimPercent {
			b.q.Value *= mgPerKgPerPercent
			b.q.Unit = Unit{Dim: DimMassFraction, Canonical: UnitMgPerKg, Factor: b.q.Unit.Factor * mgPerKgPerPercent}
		}
	}

	dir := majorityDir(bounds)
	var units []Unit // distinct units of the row's non-zero limits, in column order
	count := map[int]int{}
	for j, b := range bounds {
		if !b.ok {
			continue
		}
		if b.dir != dir {
			row.Cells[j].Mark, row.Cells[j].Reason = MarkNotComparable, ReasonKind
			bounds[j].ok = false
			continue
		}
		if b.zero {
			continue
		}
		u := indexUnit(units, b.q.Unit)
		if u < 0 {
			u = len(units)
			units = append(units, b.q.Unit)
		}
		count[u]++
	}
	best := -1
	for u := range units {
		if best < 0 || count[u] > count[best] {
			best = u
		}
	}
	var comparable []int
	for j, b := range bounds {
		if !b.ok {
			continue
		}
		if !b.zero && !b.q.Unit.Same(units[best]) {
			row.Cells[j].Mark, row.Cells[j].Reason = MarkNotComparable, ReasonUnit
			continue
		}
		comparable = append(comparable, j)
	}
	if best >= 0 {
		row.Basis = units[best].Canonical
	}
	for _, j := range comparable {
		cell, b := &row.Cells[j], bounds[j]
		cell.Value = b.q.Value
		cell.Converted = !b.zero && unitKey(cell.Req.Unit) != unitKey(row.Basis)
	}
	rank(row, bounds, comparable, dir)
}

// majorityDir is the kind most of the readable limits are; maximum wins
// ties, as the commonest kind, then minimum.
func majorityDir(bounds []bound) direction {
	n := map[direction]int{}
	for _, b := range bounds {
		if b.ok {
			n[b.dir]++
		}
	}
	dir := dirMax
	for _, d := range []direction{dirMin, dirExact} {
		if n[d] > n[dir] {
			dir = d
		}
	}
	return dir
}

func indexUnit(units []Unit, u Unit) int {
	for i, v := range units {
		if v.Same(u) {
			return i
		}
	}
	return -1
}

// rank marks the comparable cells of a row.
func rank(row *CompareRow, bounds []bound, comparable []int, dir direction) {
	switch len(comparable) {
	case 0:
		return
	case 1:
		row.Cells[comparable[0]].Mark = MarkOnly
		return
	}
	// stricter reports whether a is stricter than b.
	stricter := func(a, b bound) bool {
		av, bv := a.q.Value, b.q.Value
		if !sameValue(av, bv) {
			if dir == dirMin {
				return av > bv
			}
			return av < bv
		}
		return a.strict && !b.strict
	}
	equal := func(a, b bound) bool {
		return sameValue(a.q.Value, b.q.Value) && a.strict == b.strict
	}
	first := bounds[comparable[0]]
	allEqual := true
	strictest := first
	for _, j := range comparable[1:] {
		if !equal(bounds[j], first) {
			allEqual = false
		}
		if stricter(bounds[j], strictest) {
			strictest = bounds[j]
		}
	}
	for _, j := range comparable {
		cell := &row.Cells[j]
		switch {
		case allEqual:
			cell.Mark = MarkEqual
		case dir == dirExact:
			cell.Mark, cell.Reason = MarkNotComparable, ReasonExact
		case equal(bounds[j], strictest):
			cell.Mark = MarkStricter
		default:
			cell.Mark = MarkLooser
		}
	}
}

// sameValue compares canonical values with a little slack for the float
// error unit conversion brings (0.0023 % against 23 mg/kg).
func sameValue(a, b float64) bool {
	if a == b {
		return true
	}
	return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}
