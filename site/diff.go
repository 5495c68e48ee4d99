package site

import (
	"strings"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/templates"
)

// mappingDiff lists what changed from one version of a mapping to the
// next: each field whose value differs, and the deviations line by line.
func mappingDiff(a, b *kb.Mapping) []templates.FieldDiff {
	var out []templates.FieldDiff
	field := func(name, x, y string) {
		if x != y {
			out = append(out, templates.FieldDiff{Field: name, Old: x, New: y})
		}
	}
	if a == nil {
		a = &kb.Mapping{}
	}
	field("status", string(a.Status), string(b.Status))
	field("degree", string(a.Degree), string(b.Degree))
	field("provenance", a.Provenance, b.Provenance)
	field("sources", strings.Join(a.Sources, "\n"), strings.Join(b.Sources, "\n"))
	_, x := indicatorsText(a.Indicators)
	_, y := indicatorsText(b.Indicators)
	if x != y {
		out = append(out, templates.FieldDiff{Field: "indicators", Lines: lineDiff(x, y)})
	}
	if a.Deviations != b.Deviations {
		out = append(out, templates.FieldDiff{Field: "deviations", Lines: lineDiff(a.Deviations, b.Deviations)})
	}
	return out
}

// lineDiff compares two texts line by line (longest common subsequence):
// lines only in a are removed, lines only in b added, the rest kept.
func lineDiff(a, b string) []templates.DiffLine {
	x, y := splitLines(a), splitLines(b)
	// lcs[i][j] is the length of the common subsequence of x[i:] and y[j:].
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []templates.DiffLine
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			out = append(out, templates.DiffLine{Op: " ", Text: x[i]})
			i++
			j++
		case j < len(y) && (i == len(x) || lcs[i][j+1] >= lcs[i+1][j]):
			out = append(out, templates.DiffLine{Op: "+", Text: y[j]})
			j++
		default:
			out = append(out, templates.DiffLine{Op: "-", Text: x[i]})
			i++
		}
	}
	return out
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimRight(s, "\n"), "\n")
}
