package index

import (
	"context"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// anyOf matches any of qs and scores a match by its best clause, plus a
// little for each other matching clause (a "dis-max"). bleve's own
// disjunction sums the clauses and scales the sum by the share of clauses
// that match, which suits independent words, not alternatives: a record
// found through one synonym in one field would score a tenth of a literal
// match, and one that repeats a word in many fields would score far above
// a record that has it once in its title.
func anyOf(qs ...query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	d := bleve.NewDisjunctionQuery(qs...)
	d.RetrieveScoreBreakdown(true) // the clauses' scores, not their scaled sum
	return disMax{q: d}
}

// tieBreak is how much each matching clause beyond the best one adds.
const tieBreak = 0.1

type disMax struct{ q *query.DisjunctionQuery }

func (x disMax) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opt search.SearcherOptions) (search.Searcher, error) {
	inner, err := x.q.Searcher(ctx, r, m, opt)
	if err != nil {
		return nil, err
	}
	return &disMaxSearcher{Searcher: inner}, nil
}

type disMaxSearcher struct{ search.Searcher }

func (s *disMaxSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	d, err := s.Searcher.Next(ctx)
	return rescore(d), err
}

func (s *disMaxSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	d, err := s.Searcher.Advance(ctx, id)
	return rescore(d), err
}

func rescore(d *search.DocumentMatch) *search.DocumentMatch {
	if d == nil || len(d.ScoreBreakdown) == 0 {
		return d
	}
	// Summed in a fixed order: map order would change the last bits of
	// the score from one search to the next, and with them the order of
	// near ties.
	var buf [16]float64
	scores := buf[:0]
	for _, v := range d.ScoreBreakdown {
		scores = append(scores, v)
	}
	slices.Sort(scores)
	best, rest := scores[len(scores)-1], 0.0
	for _, v := range scores[:len(scores)-1] {
		rest += v
	}
	d.Score = best + tieBreak*rest
	clear(d.ScoreBreakdown) // kept for reuse; an enclosing disjunction fills it anew
	return d
}
