package store

import (
	"context"
	"time"

	"github.com/stdbridge/stdbridge/kb"
)

// Histories reads the versions a record went through.
type Histories interface {
	// History lists every stored version of a record, oldest first (a
	// notification's includes those from before it gained its symbol).
	History(ctx context.Context, kind kb.Kind, key string) ([]Version, error)
}

// Version is one stored version of a record.
type Version struct {
	Version int
	Record  kb.Record
	At      time.Time
	Source  string // the batch it came with
	Actor   string // who made it, for changes made on the site
	Note    string // why
}
