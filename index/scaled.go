package index

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// anyOf matches any of qs. bleve scales a disjunction's score by the
// share of its clauses that match (and ignores a disjunction's boost);
// alternatives such as fields and synonyms are not evidence that adds up,
// so the score is scaled back: a record found through one synonym in one
// field scores what that clause scores, not a tenth of it.
func anyOf(qs ...query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return scaled{q: bleve.NewDisjunctionQuery(qs...), factor: float64(len(qs))}
}

// scaled multiplies the scores of a query's matches by a factor.
type scaled struct {
	q      query.Query
	factor float64
}

func (s scaled) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opt search.SearcherOptions) (search.Searcher, error) {
	inner, err := s.q.Searcher(ctx, r, m, opt)
	if err != nil {
		return nil, err
	}
	return &scaledSearcher{Searcher: inner, factor: s.factor}, nil
}

type scaledSearcher struct {
	search.Searcher
	factor float64
}

func (s *scaledSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	d, err := s.Searcher.Next(ctx)
	if d != nil {
		d.Score *= s.factor
	}
	return d, err
}

func (s *scaledSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	d, err := s.Searcher.Advance(ctx, id)
	if d != nil {
		d.Score *= s.factor
	}
	return d, err
}
