package eval

import (
	"math"
	"testing"
)

// grades of the examples: a 3, b 2, d 1, c judged not relevant.
var abcd = map[string]int{"a": 3, "b": 2, "c": 0, "d": 1}

func TestNDCG(t *testing.T) {
	tests := []struct {
		name   string
		ranked []string
		grades map[string]int
		k      int
		want   float64
	}{
		{"ideal order", []string{"a", "b", "d"}, abcd, 10, 1},
		{"ideal order, unjudged after", []string{"a", "b", "d", "x", "c"}, abcd, 10, 1},
		// DCG = 0/log2(2) + 7/log2(3) + 0 + 3/log2(5); IDCG = 7/1 + 3/log2(3) + 1/log2(4)
		{"mixed", []string{"c", "a", "x", "b"}, abcd, 10, 0.6077574819118444},
		// DCG = 7/1 + 0 (repeat of a) + 3/log2(4) = 8.5; IDCG = 7 + 3/log2(3)
		{"repeat earns nothing", []string{"a", "a", "b"}, map[string]int{"a": 3, "b": 2}, 10, 0.95583058934618},
		// the ideal is made of every judged doc, retrieved or not:
		// DCG = 1; IDCG = 1 + 1/log2(3)
		{"ideal from judged", []string{"b"}, map[string]int{"a": 1, "b": 1}, 10, 0.6131471927654584},
		// DCG@1 = 3, IDCG@1 = 7
		{"cut at k", []string{"b", "a"}, map[string]int{"a": 3, "b": 2}, 1, 3.0 / 7},
		{"relevant below k", []string{"x", "y", "a"}, map[string]int{"a": 1}, 2, 0},
		{"nothing retrieved", nil, abcd, 10, 0},
		{"nothing relevant", []string{"c"}, map[string]int{"c": 0}, 10, 0},
		{"nothing judged", []string{"a"}, nil, 10, 0},
		{"k zero", []string{"a"}, abcd, 0, 0},
	}
	for _, tt := range tests {
		if got := NDCG(tt.ranked, tt.grades, tt.k); !near(got, tt.want) {
			t.Errorf("%s: NDCG(%q, @%d) = %v, want %v", tt.name, tt.ranked, tt.k, got, tt.want)
		}
	}
}

func TestReciprocalRank(t *testing.T) {
	tests := []struct {
		name   string
		ranked []string
		cut    int
		want   float64
	}{
		{"first", []string{"a", "b"}, 100, 1},
		{"grade 1 counts", []string{"x", "d"}, 100, 0.5},
		{"grade 0 does not", []string{"c", "x", "b"}, 100, 1.0 / 3},
		{"repeat keeps its rank", []string{"x", "x", "x", "d"}, 100, 0.25},
		{"at the cut", []string{"x", "y", "b"}, 3, 1.0 / 3},
		{"below the cut", []string{"x", "y", "z", "b"}, 3, 0},
		{"none", []string{"x", "c"}, 100, 0},
		{"nothing retrieved", nil, 100, 0},
	}
	for _, tt := range tests {
		if got := ReciprocalRank(tt.ranked, abcd, tt.cut); !near(got, tt.want) {
			t.Errorf("%s: ReciprocalRank(%q, %d) = %v, want %v", tt.name, tt.ranked, tt.cut, got, tt.want)
		}
	}
}

func TestRecall(t *testing.T) {
	tests := []struct {
		name   string
		ranked []string
		grades map[string]int
		k      int
		want   float64
	}{
		{"all", []string{"d", "x", "b", "a"}, abcd, 20, 1},
		{"two of three", []string{"a", "c", "x", "d"}, abcd, 20, 2.0 / 3}, // c is judged, not relevant
		{"cut at k", []string{"a", "b", "d"}, abcd, 2, 2.0 / 3},
		{"repeats count once", []string{"a", "a", "a"}, map[string]int{"a": 1, "b": 1}, 20, 0.5},
		{"none found", []string{"x", "c"}, abcd, 20, 0},
		{"nothing relevant", []string{"c"}, map[string]int{"c": 0}, 20, 0},
		{"nothing judged", []string{"a"}, nil, 20, 0},
	}
	for _, tt := range tests {
		if got := Recall(tt.ranked, tt.grades, tt.k); !near(got, tt.want) {
			t.Errorf("%s: Recall(%q, @%d) = %v, want %v", tt.name, tt.ranked, tt.k, got, tt.want)
		}
	}
}

func TestRelevant(t *testing.T) {
	tests := []struct {
		grades map[string]int
		want   int
	}{{abcd, 3}, {nil, 0}, {map[string]int{"c": 0}, 0}}
	for _, tt := range tests {
		if got := Relevant(tt.grades); got != tt.want {
			t.Errorf("Relevant(%v) = %d, want %d", tt.grades, got, tt.want)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }
