package baseline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/kb"
)

// CJK is bleve set up the way its documentation suggests for Chinese text:
// every text field analysed by the cjk analyzer (bigrams of Han characters,
// lower-cased words otherwise), all of them folded into the default _all
// field, searched with bleve's query string syntax.
type CJK struct {
	idx bleve.Index
}

var _ index.Engine = (*CJK)(nil)

// NewCJK opens the CJK baseline index at path, creating it when it does
// not exist.
func NewCJK(path string) (*CJK, error) {
	idx, err := bleve.Open(path)
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		idx, err = bleve.New(path, cjkMapping())
	}
	if err != nil {
		return nil, fmt.Errorf("open cjk baseline %s: %w", path, err)
	}
	return &CJK{idx: idx}, nil
}

// NewCJKMemory returns a CJK baseline held in memory, in the same index
// engine (scorch) as on disk.
func NewCJKMemory() (*CJK, error) {
	idx, err := bleve.NewUsing("", cjkMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create cjk baseline: %w", err)
	}
	return &CJK{idx: idx}, nil
}

// cjkDoc is what a record becomes in the CJK baseline.
type cjkDoc struct {
	Kind  string `json:"kind"`
	Key   string `json:"key"`
	Title string `json:"title"`
	Body  string `json:"body"`
}

func cjkMapping() mapping.IndexMapping {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = cjk.AnalyzerName

	// kind and key are carried back in hits and kind filters by kind, but
	// neither is searched by the query: a plain setup finds a standard by
	// the number written in its text.
	kind := bleve.NewKeywordFieldMapping()
	kind.Store = true
	kind.IncludeInAll = false
	key := bleve.NewKeywordFieldMapping()
	key.Store = true
	key.Index = false
	key.IncludeInAll = false

	title := bleve.NewTextFieldMapping()
	title.Analyzer = cjk.AnalyzerName
	title.Store = true
	body := bleve.NewTextFieldMapping()
	body.Analyzer = cjk.AnalyzerName

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("kind", kind)
	doc.AddFieldMappingsAt("key", key)
	doc.AddFieldMappingsAt("title", title)
	doc.AddFieldMappingsAt("body", body)
	m.DefaultMapping = doc
	return m
}

// Put adds or replaces records in one batch.
func (c *CJK) Put(ctx context.Context, recs ...kb.Record) error {
	b := c.idx.NewBatch()
	for _, r := range recs {
		if err := ctx.Err(); err != nil {
			return err
		}
		title, body := Text(r)
		d := cjkDoc{Kind: string(r.Kind()), Key: r.Key(), Title: title, Body: body}
		if err := b.Index(d.Kind+":"+d.Key, d); err != nil {
			return fmt.Errorf("cjk baseline: index %s %s: %w", d.Kind, d.Key, err)
		}
	}
	if err := c.idx.Batch(b); err != nil {
		return fmt.Errorf("cjk baseline: index batch: %w", err)
	}
	return nil
}

// Search runs the request's text as a bleve query string: words are
// optional (OR), +word and -word require and exclude, field:word and
// "phrases" work as bleve documents. A query bleve rejects (title:( or
// /[/) finds nothing rather than failing: in an evaluation it then scores
// zero, which is what its user would get, and the run goes on.
func (c *CJK) Search(ctx context.Context, r index.Request) (*index.Result, error) {
	start := time.Now()
	q, err := bleve.NewQueryStringQuery(r.Query).Parse()
	if err == nil {
		err = c.runnable(ctx, q)
	}
	if err != nil {
		if errors.Is(err, errIndex) || ctx.Err() != nil {
			return nil, fmt.Errorf("cjk baseline: search %q: %w", r.Query, errors.Join(err, ctx.Err()))
		}
		return &index.Result{Took: time.Since(start)}, nil
	}
	if len(r.Kinds) > 0 {
		var kinds []query.Query
		for _, k := range r.Kinds {
			tq := bleve.NewTermQuery(string(k))
			tq.SetField("kind")
			kinds = append(kinds, tq)
		}
		q = bleve.NewConjunctionQuery(q, bleve.NewDisjunctionQuery(kinds...))
	}
	limit := r.Limit
	if limit <= 0 {
		limit = index.DefaultLimit
	}
	req := bleve.NewSearchRequestOptions(q, limit, max(r.Offset, 0), false)
	if r.StableTies {
		req.SortBy([]string{"-_score", "_id"})
	}
	req.Fields = []string{"kind", "key", "title"}
	res, err := c.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("cjk baseline: search %q: %w", r.Query, err)
	}
	out := &index.Result{Total: int(res.Total)}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, index.Hit{
			Kind:  kb.Kind(str(h.Fields["kind"])),
			Key:   str(h.Fields["key"]),
			Title: hitTitle(str(h.Fields["title"])),
			Score: h.Score,
		})
	}
	out.Took = time.Since(start)
	return out, nil
}

// errIndex marks a failure of the index itself, not of the query.
var errIndex = errors.New("cjk baseline index")

// runnable checks that bleve can build a searcher for q: some mistakes in
// a query string (a bad regexp, /[/) pass Parse and fail only there, with
// errors that SearchInContext would not tell from the index's own.
func (c *CJK) runnable(ctx context.Context, q query.Query) error {
	ix, err := c.idx.Advanced()
	if err != nil {
		return fmt.Errorf("%w: %v", errIndex, err)
	}
	rd, err := ix.Reader()
	if err != nil {
		return fmt.Errorf("%w: %v", errIndex, err)
	}
	defer rd.Close()
	s, err := q.Searcher(ctx, rd, c.idx.Mapping(), search.SearcherOptions{})
	if err != nil {
		return err
	}
	return s.Close()
}

// Close closes the index.
func (c *CJK) Close() error { return c.idx.Close() }

func str(v any) string {
	s, _ := v.(string)
	return s
}
