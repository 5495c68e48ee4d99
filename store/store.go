// Package store defines how stdbridge keeps its records: the interfaces the
// rest of the program uses, independent of the database behind them.
// store/sqlite implements them on an embedded SQLite file; a PostgreSQL
// implementation can satisfy the same interfaces later.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/stdbridge/stdbridge/kb"
)

// ErrNotFound is returned (wrapped) when a record does not exist.
var ErrNotFound = errors.New("not found")

// Store is the knowledge base's storage.
type Store interface {
	Writer
	Reader
	Histories
	ChangeLog
	CrawlState
	Accounts
	Alerts
	Close() error
}

// Writer applies batches of records.
type Writer interface {
	// Apply writes a batch of normalised records in one transaction: all of
	// them or, on any error, none. A record equal to the stored one is left
	// alone: no new version, no change-log entry, so applying the same batch
	// twice changes nothing. A notification without a symbol is matched by
	// its natural key; one with a symbol whose natural key matches a stored
	// record without a symbol takes that record over (same row, new key).
	Apply(ctx context.Context, b Batch) (ApplyResult, error)
}

// Batch is one unit of ingestion, such as one imported file.
type Batch struct {
	Source  string // what the records come from: a file name, "seed", "crawl:eping"
	Records []kb.Record
	// Actor and Note say who made the change and why, for changes made
	// by people on the site; both are kept with each version written.
	Actor, Note string
}

// ApplyResult counts what a batch did.
type ApplyResult struct {
	Inserted, Updated, Unchanged int
}

// Reader answers the questions the site, the index and export ask.
type Reader interface {
	// Get returns one record of a kind by its canonical key.
	Get(ctx context.Context, kind kb.Kind, key string) (kb.Record, error)
	Standard(ctx context.Context, number string) (*kb.Standard, error)
	Notification(ctx context.Context, key string) (*kb.Notification, error)
	Regulation(ctx context.Context, id string) (*kb.Regulation, error)
	Mapping(ctx context.Context, foreign, domestic string) (*kb.Mapping, error)

	// Each calls fn for every record of a kind, in key order, stopping at
	// fn's first error.
	Each(ctx context.Context, kind kb.Kind, fn func(kb.Record) error) error

	// Inbound lists the links other records make to a standard: standards
	// adopting, replacing or replaced by it, regulations referencing it,
	// mappings on either side. A dated number also matches links made to
	// its undated form ("EN 71-3") and the other way round.
	Inbound(ctx context.Context, number string) ([]Link, error)
	// Chain lists the notifications sharing a root symbol (the regular
	// notification and its addenda, corrigenda, revisions), oldest first.
	Chain(ctx context.Context, rootSymbol string) ([]*kb.Notification, error)
	// Mappings lists the mappings one of whose sides is number.
	Mappings(ctx context.Context, number string) ([]*kb.Mapping, error)
	// Requirements lists requirement rows by topic, by source, or all when
	// both are empty, ordered by topic, parameter, scope, source.
	Requirements(ctx context.Context, f RequirementFilter) ([]*kb.Requirement, error)
	// Topics lists the requirement topics with the sources each compares.
	Topics(ctx context.Context) ([]Topic, error)
	// Notifications lists notifications newest first.
	Notifications(ctx context.Context, f NotificationFilter) ([]*kb.Notification, error)

	Stats(ctx context.Context) (Stats, error)
}

// Link is one edge from a record to a standard.
type Link struct {
	FromKind kb.Kind
	FromKey  string
	Rel      Rel
	To       string    // the standard number as the record wrote it (canonical)
	Degree   kb.Degree // for adoptions and mappings
}

// Rel is the kind of a link.
type Rel string

const (
	RelAdopts     Rel = "adopts"      // FromKey adopts To
	RelReplaces   Rel = "replaces"    // FromKey replaces To
	RelReplacedBy Rel = "replaced_by" // FromKey is replaced by To
	RelReferences Rel = "references"  // a regulation references To
	RelMapping    Rel = "mapping"     // a mapping has To on one side
)

// RequirementFilter selects requirement rows.
type RequirementFilter struct {
	Topic  string
	Source string
}

// Topic is one comparison group of requirements.
type Topic struct {
	Name    string
	Sources []string
	Rows    int
}

// NotificationFilter selects notifications; zero values select all.
type NotificationFilter struct {
	Member          string
	Area            kb.Area
	DeadlineFrom    kb.Date // comment deadline on or after
	DistributedFrom kb.Date
	Limit           int // 0 means no limit
}

// Stats counts records for `stdbridge stats` and the home page.
type Stats struct {
	Kinds       map[kb.Kind]int
	Members     map[string]int // notifications per member code
	Areas       map[kb.Area]int
	Publishers  map[string]int // standards per publisher (GB, GB/T, ISO, ...)
	LastChange  time.Time
	ChangeCount int64
}

// ChangeLog is the spine other parts follow: every insert or update appends
// an entry, and consumers (the index, alerts) read it by cursor.
type ChangeLog interface {
	// Changes returns up to limit entries with Seq > after, in order.
	Changes(ctx context.Context, after int64, limit int) ([]Change, error)
	// Cursor and SetCursor keep a named consumer's position in the log.
	Cursor(ctx context.Context, consumer string) (int64, error)
	SetCursor(ctx context.Context, consumer string, seq int64) error
}

// Change is one change-log entry.
type Change struct {
	Seq    int64
	Kind   kb.Kind
	Key    string
	OldKey string // set when the key changed (a notification gained its symbol)
	Op     Op
	At     time.Time
	Source string
}

// Op is what happened to a record.
type Op string

const (
	OpInsert Op = "insert"
	OpUpdate Op = "update"
)
