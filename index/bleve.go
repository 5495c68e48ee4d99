package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/stdbridge/stdbridge/index/zh"
	"github.com/stdbridge/stdbridge/kb"
)

// DefaultLimit is the page size when a request names none.
const DefaultLimit = 20

// Index is the bleve index of the knowledge base.
type Index struct {
	idx bleve.Index
	exp *expander
	// analysis is Options.Analysis, part of the schema the index records.
	analysis string
}

func newIndex(idx bleve.Index, opt Options) *Index {
	// Both analyzers are registered by package zh, which this one imports.
	chinese := idx.Mapping().AnalyzerNamed(zh.AnalyzerName)
	words := func(text string) []string {
		// One word per position: the longest, not the shorter words inside.
		var out []string
		last := -1
		for _, t := range chinese.Analyze([]byte(text)) {
			if t.Position != last {
				out = append(out, string(t.Term))
				last = t.Position
			}
		}
		return out
	}
	english := idx.Mapping().AnalyzerNamed(zh.EnglishAnalyzerName)
	enKey := func(text string) string {
		var terms []string
		for _, t := range english.Analyze([]byte(text)) {
			terms = append(terms, string(t.Term))
		}
		return strings.Join(terms, " ")
	}
	return &Index{idx: idx, exp: newExpander(opt.Glossary, words, enKey), analysis: opt.Analysis}
}

// Options tunes an index.
type Options struct {
	// Glossary expands query terms to their other-language equivalents.
	Glossary []Concept
	// LockTimeout bounds the wait for another process that has the index
	// open (zero waits for ever); past it Open fails with ErrLocked.
	LockTimeout time.Duration
	// Analysis identifies what index-time analysis depends on besides
	// the code, such as the dictionary words the glossary adds; an index
	// built with another value is Outdated.
	Analysis string
}

// ErrLocked is returned (wrapped) when another process holds the index.
var ErrLocked = errors.New("index is in use by another process")

// Open opens the index at path, creating it when it does not exist.
func Open(path string, opt Options) (*Index, error) {
	var cfg map[string]interface{}
	if opt.LockTimeout > 0 {
		cfg = map[string]interface{}{"bolt_timeout": opt.LockTimeout.String()}
	}
	idx, err := bleve.OpenUsing(path, cfg)
	if err != nil && strings.Contains(err.Error(), "timeout") {
		return nil, fmt.Errorf("open index %s: %w", path, ErrLocked)
	}
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		return Create(path, opt)
	}
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", path, err)
	}
	return newIndex(idx, opt), nil
}

// Create builds a new, empty index at path, removing whatever was there.
func Create(path string, opt Options) (*Index, error) {
	if err := os.RemoveAll(path); err != nil {
		return nil, fmt.Errorf("create index %s: %w", path, err)
	}
	idx, err := bleve.New(path, newMapping())
	if err != nil {
		return nil, fmt.Errorf("create index %s: %w", path, err)
	}
	ix := newIndex(idx, opt)
	if err := ix.markSchema(); err != nil {
		idx.Close()
		return nil, fmt.Errorf("create index %s: %w", path, err)
	}
	return ix, nil
}

// NewMemory returns an index held in memory, for tests and tools.
func NewMemory(opt Options) (*Index, error) {
	// scorch, as on disk (bleve's default in-memory index is another
	// engine, without BM25): what evaluation measures is what is served.
	idx, err := bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	return newIndex(idx, opt), nil
}

func newMapping() mapping.IndexMapping {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = keyword.Name

	// Queries name their fields: no composite _all field, which would cost
	// a tenth of indexing time for nothing.
	kw := bleve.NewKeywordFieldMapping()
	kw.IncludeInAll = false
	kwStored := bleve.NewKeywordFieldMapping()
	kwStored.Store, kwStored.IncludeInAll = true, false
	date := bleve.NewDateTimeFieldMapping()
	date.IncludeInAll = false
	text := func(analyzer string, store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeTermVectors = store // stored text is what snippets are cut from
		f.IncludeInAll = false
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	for _, f := range []string{"kind", "key", "facet", "date", "adopts"} {
		doc.AddFieldMappingsAt(f, kwStored)
	}
	for _, f := range []string{"ids", "refs", "hs", "ics", "member", "area", "ntype", "publisher", "status", "year", "hs_chapter", "hs_heading", "ics_field", "ics_group"} {
		doc.AddFieldMappingsAt(f, kw)
	}
	doc.AddFieldMappingsAt("when", date)
	doc.AddFieldMappingsAt("deadline", date)
	doc.AddFieldMappingsAt("title_zh", text(zh.AnalyzerName, true))
	doc.AddFieldMappingsAt("text_zh", text(zh.AnalyzerName, true))
	doc.AddFieldMappingsAt("zh_bi", text(zh.BigramAnalyzerName, false))
	doc.AddFieldMappingsAt("tags_zh", text(zh.AnalyzerName, false))
	doc.AddFieldMappingsAt("tags_en", text(zh.EnglishAnalyzerName, false))
	doc.AddFieldMappingsAt("title_en", text(zh.EnglishAnalyzerName, true))
	doc.AddFieldMappingsAt("text_en", text(zh.EnglishAnalyzerName, true))
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
	parent, equiv := ix.parentTitles(put), ix.equivalents(ctx, put)
	for _, r := range put {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if m, ok := r.(*kb.Mapping); ok && m.Status != kb.MappingApproved {
			// Not public until approved: a mapping sent back to review
			// leaves the index, one approved enters it.
			b.Delete(docID(r.Kind(), r.Key()))
			continue
		}
		if err := b.Index(docID(r.Kind(), r.Key()), toDocument(r, parent, equiv)); err != nil {
			return nil, fmt.Errorf("index %s %s: %w", r.Kind(), r.Key(), err)
		}
	}
	return b, nil
}

// parentTitles looks up the titles of the standards and regulations that
// mappings and requirements belong to: in the batch first, then among the
// records already indexed. A parent indexed later does not update its
// dependants here; the store's sync re-puts them with it.
func (ix *Index) parentTitles(batch []kb.Record) titles {
	inBatch := map[string][2]string{}
	for _, r := range batch {
		switch v := r.(type) {
		case *kb.Standard:
			inBatch[v.Key()] = [2]string{v.TitleZh, joinText(v.TitleEn, v.TitleOriginal)}
		case *kb.Regulation:
			inBatch[v.Key()] = [2]string{v.TitleZh, v.TitleEn}
		}
	}
	return func(key string) (string, string, bool) {
		if t, ok := inBatch[key]; ok {
			return t[0], t[1], true
		}
		for _, kind := range []kb.Kind{kb.KindStandard, kb.KindRegulation} {
			doc, err := ix.idx.Document(docID(kind, key))
			if err != nil || doc == nil {
				continue
			}
			var t [2]string
			doc.VisitFields(func(f bindex.Field) {
				switch f.Name() {
				case "title_zh":
					t[0] = string(f.Value())
				case "title_en":
					t[1] = string(f.Value())
				}
			})
			return t[0], t[1], true
		}
		return "", "", false
	}
}

// equivalents looks up the Chinese titles of the standards that adopt a
// standard identically or modified, or are mapped to it so: in the batch,
// and among the records already indexed, with one search for the whole
// batch. The store's sync re-puts a foreign standard when an adoption of
// it changes.
func (ix *Index) equivalents(ctx context.Context, batch []kb.Record) equivalents {
	found := map[string][]string{} // normID of the adopted standard → Chinese titles
	add := func(foreign, titleZh string) {
		k := normID(foreign)
		if titleZh != "" && !slices.Contains(found[k], titleZh) {
			found[k] = append(found[k], titleZh)
		}
	}
	titleOf := map[string]string{}
	var wanted []query.Query
	for _, r := range batch {
		s, ok := r.(*kb.Standard)
		if !ok {
			continue
		}
		titleOf[s.Key()] = s.TitleZh
		for _, a := range s.Adopts {
			if equivalent(a.Degree) {
				add(a.Number, s.TitleZh)
			}
		}
		if s.TitleZh == "" {
			tq := bleve.NewTermQuery(normID(s.Key()))
			tq.SetField("adopts")
			wanted = append(wanted, tq)
		}
	}
	for _, r := range batch {
		if m, ok := r.(*kb.Mapping); ok && equivalent(m.Degree) {
			add(m.Foreign, titleOf[m.Domestic])
		}
	}
	if len(wanted) > 0 {
		kind := bleve.NewTermQuery(string(kb.KindStandard))
		kind.SetField("kind")
		req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(kind, bleve.NewDisjunctionQuery(wanted...)), 10*len(wanted), 0, false)
		req.Fields = []string{"title_zh", "adopts"}
		req.Score = "none"
		// Without the lookup a standard is indexed without its equivalents'
		// titles, which costs recall, not correctness: go on.
		if res, err := ix.idx.SearchInContext(ctx, req); err == nil {
			for _, h := range res.Hits {
				t, _ := h.Fields["title_zh"].(string)
				for _, a := range fieldStrings(h.Fields["adopts"]) {
					add(a, t)
				}
			}
		}
	}
	return func(number string) []string { return found[normID(number)] }
}

// fieldStrings reads a stored field that holds one string or several.
func fieldStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
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

// facetFields maps facet names to index fields.
var facetFields = map[string]string{
	"kind": "kind", "member": "member", "area": "area", "type": "ntype",
	"hs_chapter": "hs_chapter", "hs_heading": "hs_heading", "ics_field": "ics_field", "ics_group": "ics_group",
	"publisher": "publisher", "status": "status", "year": "year",
}

// Search runs a request: every word of the query must match (in any one
// text field, in its language or through the glossary in the other), and
// a query that is a standard number, WTO symbol, HS or ICS code matches
// that identifier directly, ranked first.
func (ix *Index) Search(ctx context.Context, r Request) (*Result, error) {
	start := time.Now()
	q := strings.TrimSpace(r.Query)
	limit := r.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	var top, relaxed query.Query
	var perUnit []query.Query
	if q == "" {
		if len(r.Filters) == 0 && len(r.Kinds) == 0 && r.From == "" && r.To == "" && r.OpenOn.IsZero() {
			return &Result{}, nil
		}
		top = bleve.NewMatchAllQuery() // browsing by filters alone
	} else {
		top, relaxed, perUnit = ix.exp.build(q, nil)
	}
	filters, err := filterQueries(r)
	if err != nil {
		return nil, err
	}
	out, err := ix.run(ctx, r, withFilters(top, filters), r.Offset, limit, r.Facets)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	// Few results: a word that no record contains as typed is probably
	// misspelt ("phtalates"); search again with that word typo-tolerant.
	// Only short result lists pay for the check.
	if out.Total < r.Offset+limit && len(perUnit) > 1 {
		unknown, err := ix.unmatched(ctx, perUnit)
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", q, err)
		}
		if len(unknown) > 0 {
			// A misspelt glossary word is corrected so that it is
			// translated too; the corrected query is checked again.
			if fixed, ok := ix.exp.correct(q, unknown); ok {
				q = fixed
				if _, _, perUnit = ix.exp.build(q, nil); len(perUnit) > 0 {
					if unknown, err = ix.unmatched(ctx, perUnit); err != nil {
						return nil, fmt.Errorf("search %q: %w", q, err)
					}
				}
			}
			top, relaxed, _ = ix.exp.build(q, unknown)
			if out, err = ix.run(ctx, r, withFilters(top, filters), r.Offset, limit, r.Facets); err != nil {
				return nil, fmt.Errorf("search %q: %w", q, err)
			}
		}
	}
	// Too few records match every word: follow them with those that match
	// all words but one, marked, rather than leave the page (nearly) empty.
	if relaxed != nil && out.Total < r.Offset+limit {
		// The partial matches exclude every full match, so that paging
		// through the two lists shows each record once.
		partial := bleve.NewBooleanQuery()
		partial.AddMust(withFilters(relaxed, filters))
		partial.AddMustNot(top)
		from := max(0, r.Offset-out.Total) // earlier pages showed these
		more, err := ix.run(ctx, r, partial, from, limit-len(out.Hits), false)
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", q, err)
		}
		for _, h := range more.Hits {
			h.Partial = true
			out.Hits = append(out.Hits, h)
			out.Relaxed = true
		}
	}
	out.Took = time.Since(start)
	return out, nil
}

// unmatched says which of the queries match no record at all.
func (ix *Index) unmatched(ctx context.Context, qs []query.Query) (map[int]bool, error) {
	out := map[int]bool{}
	for i, q := range qs {
		req := bleve.NewSearchRequestOptions(q, 0, 0, false)
		req.Score = "none"
		res, err := ix.idx.SearchInContext(ctx, req)
		if err != nil {
			return nil, err
		}
		if res.Total == 0 {
			out[i] = true
		}
	}
	return out, nil
}

func withFilters(q query.Query, filters []query.Query) query.Query {
	if len(filters) == 0 {
		return q
	}
	return bleve.NewConjunctionQuery(append([]query.Query{q}, filters...)...)
}

// run executes one bleve query for a page of hits.
func (ix *Index) run(ctx context.Context, r Request, top query.Query, offset, limit int, facets bool) (*Result, error) {
	req := bleve.NewSearchRequestOptions(top, limit, offset, false)
	req.Fields = []string{"kind", "key", "title_zh", "title_en", "text_zh", "text_en", "date", "facet"}
	req.IncludeLocations = true
	switch r.Sort {
	case "", "relevance":
		if r.StableTies {
			req.SortBy([]string{"-_score", "_id"})
		}
	case "date":
		req.SortBy([]string{"-when", "-_score"})
	case "deadline":
		req.SortBy([]string{"deadline", "-_score"})
	default:
		return nil, fmt.Errorf("search: unknown sort %q (want relevance, date or deadline)", r.Sort)
	}
	day := r.OpenOn
	if day.IsZero() {
		day = time.Now()
	}
	if facets {
		for _, name := range FacetNames {
			req.AddFacet(name, bleve.NewFacetRequest(facetFields[name], 50))
		}
		open := bleve.NewFacetRequest("deadline", 1)
		open.AddDateTimeRange("open", dayStart(day), time.Time{})
		req.AddFacet("open", open)
	}
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	out := &Result{Total: int(res.Total)}
	for _, h := range res.Hits {
		hit := Hit{
			Kind:  kb.Kind(str(h.Fields["kind"])),
			Key:   str(h.Fields["key"]),
			Date:  str(h.Fields["date"]),
			Facet: str(h.Fields["facet"]),
			Score: h.Score,
		}
		zhTitle, enTitle := str(h.Fields["title_zh"]), str(h.Fields["title_en"])
		hit.Title = zhTitle
		if r.Lang == "en" && enTitle != "" || zhTitle == "" {
			hit.Title = enTitle
		}
		hit.Snippet = snippet(h.Fields, h.Locations)
		out.Hits = append(out.Hits, hit)
	}
	if facets {
		for _, name := range FacetNames {
			fr := res.Facets[name]
			f := Facet{Name: name}
			if fr != nil && fr.Terms != nil {
				for _, t := range fr.Terms.Terms() {
					f.Values = append(f.Values, FacetValue{Value: t.Term, Count: t.Count})
				}
			}
			out.Facets = append(out.Facets, f)
		}
		if fr := res.Facets["open"]; fr != nil {
			for _, dr := range fr.DateRanges {
				out.Open += dr.Count
			}
		}
	}
	return out, nil
}

// filterQueries turns the request's filters into queries that must match.
func filterQueries(r Request) ([]query.Query, error) {
	var out []query.Query
	anyOf := func(field string, values []string) {
		var alts []query.Query
		for _, v := range values {
			tq := bleve.NewTermQuery(v)
			tq.SetField(field)
			alts = append(alts, tq)
		}
		if len(alts) > 0 {
			out = append(out, bleve.NewDisjunctionQuery(alts...))
		}
	}
	kinds := make([]string, 0, len(r.Kinds))
	for _, k := range r.Kinds {
		kinds = append(kinds, string(k))
	}
	anyOf("kind", kinds)
	names := make([]string, 0, len(r.Filters))
	for name := range r.Filters {
		names = append(names, name)
	}
	sort.Strings(names) // a stable query, for stable scores
	for _, name := range names {
		field, ok := facetFields[name]
		if !ok {
			return nil, fmt.Errorf("search: unknown filter %q", name)
		}
		anyOf(field, r.Filters[name])
	}
	if r.From != "" || r.To != "" {
		from, to := kb.Date(fullDate(r.From)).Time(), time.Time{}
		if r.To != "" {
			to = kb.Date(fullDate(r.To)).Time().AddDate(0, 0, 1) // through the end of that day
		}
		dq := bleve.NewDateRangeQuery(from, to)
		dq.SetField("when")
		out = append(out, dq)
	}
	if !r.OpenOn.IsZero() {
		dq := bleve.NewDateRangeQuery(dayStart(r.OpenOn), time.Time{})
		dq.SetField("deadline")
		out = append(out, dq)
	}
	return out, nil
}

func dayStart(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
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
