package index

import (
	"context"
	"sync"
)

// Live is the index the site searches: one Index that a rebuilt one can
// replace while searches go on, so a reindex costs no downtime.
type Live struct {
	mu  sync.RWMutex
	cur *Index
}

// NewLive serves ix.
func NewLive(ix *Index) *Live { return &Live{cur: ix} }

// Current is the index being served.
func (l *Live) Current() *Index {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.cur
}

// Swap serves ix from now on and returns the index it replaces, which the
// caller closes once searches under way on it are done (Swap waits for
// them: they hold the read lock).
func (l *Live) Swap(ix *Index) *Index {
	l.mu.Lock()
	defer l.mu.Unlock()
	old := l.cur
	l.cur = ix
	return old
}

// Search searches the current index.
func (l *Live) Search(ctx context.Context, r Request) (*Result, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.cur.Search(ctx, r)
}
