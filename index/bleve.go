package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/stdbridge/stdbridge/kb"
)

// DefaultLimit is the page size when a request names none.
const DefaultLimit = 20

// Index is the bleve index of the knowledge base.
type Index struct {
	idx bleve.Index
}

// Open opens the index at path, creating it when it does not exist.
func Open(path string) (*Index, error) {
	idx, err := bleve.Open(path)
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		idx, err = bleve.New(path, newMapping())
	}
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", path, err)
	}
	return &Index{idx: idx}, nil
}

// Create builds a new, empty index at path, removing whatever was there.
func Create(path string) (*Index, error) {
	if err := os.RemoveAll(path); err != nil {
		return nil, fmt.Errorf("create index %s: %w", path, err)
	}
	idx, err := bleve.New(path, newMapping())
	if err != nil {
		return nil, fmt.Errorf("create index %s: %w", path, err)
	}
	return &Index{idx: idx}, nil
}

// NewMemory returns an index held in memory, for tests and tools.
func NewMemory() (*Index, error) {
	idx, err := bleve.NewMemOnly(newMapping())
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	return &Index{idx: idx}, nil
}

func newMapping() mapping.IndexMapping {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = keyword.Name

	kw := bleve.NewKeywordFieldMapping()
	kwStored := bleve.NewKeywordFieldMapping()
	kwStored.Store = true
	text := func(analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = true
		f.IncludeTermVectors = true
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("kind", kwStored)
	doc.AddFieldMappingsAt("key", kwStored)
	doc.AddFieldMappingsAt("ids", kw)
	doc.AddFieldMappingsAt("hs", kw)
	doc.AddFieldMappingsAt("ics", kw)
	doc.AddFieldMappingsAt("facet", kwStored)
	doc.AddFieldMappingsAt("date", kwStored)
	doc.AddFieldMappingsAt("title_zh", text(cjk.AnalyzerName))
	doc.AddFieldMappingsAt("text_zh", text(cjk.AnalyzerName))
	doc.AddFieldMappingsAt("title_en", text(en.AnalyzerName))
	doc.AddFieldMappingsAt("text_en", text(en.AnalyzerName))
	m.DefaultMapping = doc
	return m
}

// Put adds or replaces records in one batch.
func (ix *Index) Put(ctx context.Context, recs ...kb.Record) error {
	b, err := ix.batch(ctx, recs, nil)
	if err != nil {
		return err
	}
	if err := ix.idx.Batch(b); err != nil {
		return fmt.Errorf("index batch: %w", err)
	}
	return nil
}

func (ix *Index) batch(ctx context.Context, put []kb.Record, gone []Ref) (*bleve.Batch, error) {
	b := ix.idx.NewBatch()
	for _, g := range gone {
		b.Delete(docID(g.Kind, g.Key))
	}
	for _, r := range put {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := b.Index(docID(r.Kind(), r.Key()), toDocument(r)); err != nil {
			return nil, fmt.Errorf("index %s %s: %w", r.Kind(), r.Key(), err)
		}
	}
	return b, nil
}

// Delete removes a record; removing one that is not there is not an error.
func (ix *Index) Delete(kind kb.Kind, key string) error {
	if err := ix.idx.Delete(docID(kind, key)); err != nil {
		return fmt.Errorf("unindex %s %s: %w", kind, key, err)
	}
	return nil
}

// Count is the number of indexed records.
func (ix *Index) Count() (uint64, error) { return ix.idx.DocCount() }

// Close closes the index.
func (ix *Index) Close() error { return ix.idx.Close() }

// Search runs a request: every word of the query must match (in any one
// text field), and a query that is a standard number, WTO symbol, HS or
// ICS code also matches that identifier directly, ranked first.
func (ix *Index) Search(ctx context.Context, r Request) (*Result, error) {
	start := time.Now()
	q := strings.TrimSpace(r.Query)
	if q == "" {
		return &Result{}, nil
	}
	limit := r.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	var should []query.Query
	for _, f := range []struct {
		name  string
		boost float64
	}{{"title_zh", 3}, {"title_en", 3}, {"text_zh", 1}, {"text_en", 1}} {
		mq := bleve.NewMatchQuery(q)
		mq.SetField(f.name)
		mq.SetOperator(query.MatchQueryOperatorAnd)
		mq.SetBoost(f.boost)
		should = append(should, mq)
	}
	should = append(should, identifierQueries(q)...)
	var top query.Query = bleve.NewDisjunctionQuery(should...)
	if len(r.Kinds) > 0 {
		var kinds []query.Query
		for _, k := range r.Kinds {
			tq := bleve.NewTermQuery(string(k))
			tq.SetField("kind")
			kinds = append(kinds, tq)
		}
		top = bleve.NewConjunctionQuery(top, bleve.NewDisjunctionQuery(kinds...))
	}
	req := bleve.NewSearchRequestOptions(top, limit, r.Offset, false)
	req.Fields = []string{"kind", "key", "title_zh", "title_en", "text_zh", "text_en", "date", "facet"}
	req.IncludeLocations = true
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	out := &Result{Total: int(res.Total), Took: time.Since(start)}
	for _, h := range res.Hits {
		hit := Hit{
			Kind:  kb.Kind(str(h.Fields["kind"])),
			Key:   str(h.Fields["key"]),
			Date:  str(h.Fields["date"]),
			Facet: str(h.Fields["facet"]),
			Score: h.Score,
		}
		zh, en := str(h.Fields["title_zh"]), str(h.Fields["title_en"])
		hit.Title = zh
		if r.Lang == "en" && en != "" || zh == "" {
			hit.Title = en
		}
		hit.Snippet = snippet(h.Fields, h.Locations)
		out.Hits = append(out.Hits, hit)
	}
	return out, nil
}

// identifierQueries matches a query that is an identifier against the ids,
// hs and ics keyword fields.
func identifierQueries(q string) []query.Query {
	var out []query.Query
	term := func(field, v string, boost float64) {
		tq := bleve.NewTermQuery(v)
		tq.SetField(field)
		tq.SetBoost(boost)
		out = append(out, tq)
	}
	if n, err := kb.ParseStandardNumber(q); err == nil {
		term("ids", normID(n.String()), 20)
		if n.Year == "" {
			term("ids", normID(n.Undated()), 10)
		}
	}
	if s, err := kb.ParseSymbol(q); err == nil {
		term("ids", normID(s.String()), 20)
	}
	if hs, err := kb.ParseHS(q); err == nil {
		term("hs", hs.Digits(), 5)
	}
	if ics, err := kb.ParseICS(q); err == nil {
		term("ics", string(ics), 5)
	}
	return out
}

func str(v any) string {
	switch s := v.(type) {
	case string:
		return s
	case []any:
		if len(s) > 0 {
			return str(s[0])
		}
	}
	return ""
}
