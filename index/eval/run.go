package eval

import (
	"context"
	"fmt"

	"github.com/stdbridge/stdbridge/index"
)

// Metrics are the measures of one query, or their means.
type Metrics struct {
	NDCG   float64 // nDCG@10
	MRR    float64 // reciprocal rank, cut at rank 100
	Recall float64 // Recall@20
}

// QueryResult is how one system did on one query.
type QueryResult struct {
	Query     Query
	Relevant  int // docs judged relevant (grade ≥ 1); 0 leaves the query out of the means
	Retrieved int // hits returned, at most the run's depth
	Metrics   Metrics
}

// Report is one system's run over a query set.
type Report struct {
	Depth     int // hits asked for per query
	Queries   []QueryResult
	Mean      Metrics // over the queries with at least one relevant judgment
	Evaluated int     // how many queries that is
}

// DocID is the id a hit has in qrels: kind:key.
func DocID(h index.Hit) string { return string(h.Kind) + ":" + h.Key }

// Run searches every query, asking for depth hits, and scores the hits
// against qrels. Depth must reach Recall@20's cut-off. A search error ends
// the run: a system that cannot answer has no score to report.
func Run(ctx context.Context, s index.Searcher, queries []Query, qrels Qrels, depth int) (Report, error) {
	if depth < RecallDepth {
		return Report{}, fmt.Errorf("run: depth %d: want at least %d, the cut-off of Recall@%[2]d", depth, RecallDepth)
	}
	if err := qrels.Check(queries); err != nil {
		return Report{}, fmt.Errorf("run: %w", err)
	}
	rep := Report{Depth: depth}
	for _, q := range queries {
		res, err := s.Search(ctx, index.Request{Query: q.Text, Limit: depth, StableTies: true})
		if err != nil {
			return Report{}, fmt.Errorf("run: query %s %q: %w", q.ID, q.Text, err)
		}
		hits := res.Hits[:min(len(res.Hits), depth)]
		ranked := make([]string, len(hits))
		for i, h := range hits {
			ranked[i] = DocID(h)
		}
		grades := qrels.Grades[q.ID]
		rep.Queries = append(rep.Queries, QueryResult{
			Query:     q,
			Relevant:  Relevant(grades),
			Retrieved: len(ranked),
			Metrics: Metrics{
				NDCG:   NDCG(ranked, grades, NDCGDepth),
				MRR:    ReciprocalRank(ranked, grades, MRRDepth),
				Recall: Recall(ranked, grades, RecallDepth),
			},
		})
	}
	rep.Mean, rep.Evaluated = rep.mean(func(Query) bool { return true })
	return rep, nil
}

// mean averages the metrics of the queries keep accepts that have a
// relevant judgment, and says how many there were.
func (r Report) mean(keep func(Query) bool) (Metrics, int) {
	var sum Metrics
	n := 0
	for _, q := range r.Queries {
		if q.Relevant == 0 || !keep(q.Query) {
			continue
		}
		sum.NDCG += q.Metrics.NDCG
		sum.MRR += q.Metrics.MRR
		sum.Recall += q.Metrics.Recall
		n++
	}
	if n == 0 {
		return Metrics{}, 0
	}
	return Metrics{NDCG: sum.NDCG / float64(n), MRR: sum.MRR / float64(n), Recall: sum.Recall / float64(n)}, n
}
