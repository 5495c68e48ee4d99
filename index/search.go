// Package index is stdbridge's full-text search over the knowledge base:
// the bleve mapping, analysis, query parsing, and index maintenance.
package index

import (
	"context"
	"time"

	"github.com/stdbridge/stdbridge/kb"
)

// Searcher answers search requests.
type Searcher interface {
	Search(ctx context.Context, r Request) (*Result, error)
}

// Request is one search.
type Request struct {
	Query string
	Kinds []kb.Kind // empty means all kinds
	// Filters narrows by facet: facet name (see Facets) → accepted values;
	// values of one facet are alternatives, different facets all apply.
	Filters  map[string][]string
	From, To kb.Date   // the record's date (distribution, issue) within [From, To]
	OpenOn   time.Time // when set, only notifications open for comment on that day
	Sort     string    // "" or "relevance"; "date" newest first; "deadline" soonest first
	// StableTies orders records of equal score by key, so that a ranking
	// can be measured twice with the same result. It costs time for every
	// matching record, so evaluation sets it and serving does not: the
	// order of ties otherwise depends on how the index was built.
	StableTies bool
	Lang       string // "zh" or "en": which title to show in hits
	Offset     int
	Limit      int  // 0 means the default page size
	Facets     bool // count hits per facet value
}

// Result is one page of hits.
type Result struct {
	Total  int
	Hits   []Hit
	Facets []Facet // in the order of FacetNames, when asked for
	Open   int     // hits open for comment on Request.OpenOn or today, when facets were asked for
	// Relaxed says that too few records matched every word, so records
	// matching all but one of them follow, marked Partial. Total counts
	// only the records that match every word.
	Relaxed bool
	Took    time.Duration
}

// Facet counts hits per value of one facet, largest first.
type Facet struct {
	Name   string
	Values []FacetValue
}

// FacetValue is one value of a facet and its count.
type FacetValue struct {
	Value string
	Count int
}

// FacetNames are the facets a search can count and filter by.
var FacetNames = []string{"kind", "member", "area", "type", "hs_chapter", "hs_heading", "ics_field", "ics_group", "publisher", "status", "year"}

// Hit is one matching record.
type Hit struct {
	Kind    kb.Kind
	Key     string
	Title   string
	Snippet string // plain text with matched terms between \x02 and \x03
	Date    string // distribution date or issue date
	Facet   string // member code for notifications, publisher for standards
	Score   float64
	Partial bool // matches all but one word of the query
}

// Engine is a search engine that evaluation and benchmarks can fill and
// query: stdbridge's own index and the baselines it is measured against.
type Engine interface {
	Searcher
	// Put indexes records, replacing any with the same kind and key.
	Put(ctx context.Context, recs ...kb.Record) error
	Close() error
}

var _ Engine = (*Index)(nil)
