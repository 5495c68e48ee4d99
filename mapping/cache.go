package mapping

import (
	"context"
	"sync"
	"time"

	"github.com/stdbridge/stdbridge/store"
)

// Cache keeps a corpus built from a store and rebuilds it when the store
// has changed, checking at most every Every, so that pages showing
// suggestions neither rebuild it per request nor show stale ones for
// long.
type Cache struct {
	st    store.Reader
	g     *Glossary
	every time.Duration
	now   func() time.Time

	mu      sync.Mutex
	c       *Corpus
	changes int64
	checked time.Time
}

// NewCache returns a cache over st that checks for changes every every.
func NewCache(st store.Reader, g *Glossary, every time.Duration) *Cache {
	return &Cache{st: st, g: g, every: every, now: time.Now}
}

// Corpus returns the current corpus.
func (k *Cache) Corpus(ctx context.Context) (*Corpus, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.c != nil && k.now().Sub(k.checked) < k.every {
		return k.c, nil
	}
	stats, err := k.st.Stats(ctx)
	if err != nil {
		return nil, err
	}
	k.checked = k.now()
	if k.c != nil && stats.ChangeCount == k.changes {
		return k.c, nil
	}
	c, err := LoadCorpus(ctx, k.st, k.g)
	if err != nil {
		return nil, err
	}
	k.c, k.changes = c, stats.ChangeCount
	return c, nil
}
