package eval

import (
	"math"
	"slices"
)

// The cut-offs of the reported metrics.
const (
	NDCGDepth   = 10  // nDCG@10
	RecallDepth = 20  // Recall@20
	MRRDepth    = 100 // MRR counts a first relevant hit up to this rank
)

// A ranking is a list of doc ids, best first. A doc id that occurs more
// than once earns its gain only at its first rank; the later copies take
// up their ranks and earn nothing, so an engine gains nothing by repeating
// a good hit.

// NDCG is the normalised discounted cumulative gain of the first k docs
// of ranked: each doc at rank i (from 1) gains (2^grade − 1) / log2(i+1),
// and the sum is divided by that of the ideal ranking of all the docs
// judged for the query. It is 0 when no doc is judged relevant.
func NDCG(ranked []string, grades map[string]int, k int) float64 {
	var ideal []int
	for _, g := range grades {
		ideal = append(ideal, g)
	}
	slices.Sort(ideal)
	slices.Reverse(ideal)
	idcg := 0.0
	for i, g := range ideal[:min(k, len(ideal))] {
		idcg += gain(g) / math.Log2(float64(i+2))
	}
	if idcg == 0 {
		return 0
	}
	dcg := 0.0
	for i, doc := range firsts(ranked, k) {
		if doc != "" {
			dcg += gain(grades[doc]) / math.Log2(float64(i+2))
		}
	}
	return dcg / idcg
}

func gain(grade int) float64 { return math.Exp2(float64(grade)) - 1 }

// ReciprocalRank is 1/rank of the first doc of ranked graded 1 or more,
// looking no deeper than cut; 0 when there is none.
func ReciprocalRank(ranked []string, grades map[string]int, cut int) float64 {
	for i, doc := range firsts(ranked, cut) {
		if grades[doc] >= 1 {
			return 1 / float64(i+1)
		}
	}
	return 0
}

// Recall is the share of the docs graded 1 or more that are among the
// first k of ranked; 0 when no doc is judged relevant.
func Recall(ranked []string, grades map[string]int, k int) float64 {
	rel := Relevant(grades)
	if rel == 0 {
		return 0
	}
	found := 0
	for _, doc := range firsts(ranked, k) {
		if grades[doc] >= 1 {
			found++
		}
	}
	return float64(found) / float64(rel)
}

// Relevant counts the docs graded 1 or more.
func Relevant(grades map[string]int) int {
	n := 0
	for _, g := range grades {
		if g >= 1 {
			n++
		}
	}
	return n
}

// firsts is the first k ranks of ranked with every repeat of a doc blanked
// out, so that it keeps its rank but matches no judgment.
func firsts(ranked []string, k int) []string {
	ranked = ranked[:max(0, min(k, len(ranked)))]
	out := make([]string, len(ranked))
	seen := make(map[string]bool, len(ranked))
	for i, doc := range ranked {
		if !seen[doc] {
			seen[doc] = true
			out[i] = doc
		}
	}
	return out
}
