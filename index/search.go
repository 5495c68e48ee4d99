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
	Query  string
	Kinds  []kb.Kind // empty means all kinds
	Lang   string    // "zh" or "en": which title to show in hits
	Offset int
	Limit  int // 0 means the default page size
}

// Result is one page of hits.
type Result struct {
	Total int
	Hits  []Hit
	Took  time.Duration
}

// Hit is one matching record.
type Hit struct {
	Kind    kb.Kind
	Key     string
	Title   string
	Snippet string // plain text with matched terms between \x02 and \x03
	Date    string // distribution date or issue date
	Facet   string // member code for notifications, publisher for standards
	Score   float64
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
