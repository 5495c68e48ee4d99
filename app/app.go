// Package app opens a stdbridge data directory: the store, the search
// index kept in step with the store's change log, and the embedded seed
// imported on first start. cmd/stdbridge wires it to the command line.
package app

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/stdbridge/stdbridge/alerts"
	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/index/zh"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/store/sqlite"
)

// Config says where the data lives.
type Config struct {
	DataDir string
	Logger  *slog.Logger
	// NoSeed skips importing the embedded seed into an empty store.
	NoSeed bool
	// Index says whether to open the search index.
	Index IndexMode
}

// IndexMode says how a command needs the search index.
type IndexMode int

const (
	// IndexRequired opens the index, waiting for any other process that
	// holds it (serve).
	IndexRequired IndexMode = iota
	// IndexIfFree opens the index unless a running server holds it; that
	// server then brings it up to date from the change log (import).
	IndexIfFree
	// NoIndex does not open the index (stats, export, reindex).
	NoIndex
)

// App is an opened data directory.
type App struct {
	Store store.Store
	// Index is the served index; nil when the mode did not open it.
	Index    *index.Live
	Guides   *content.Guides
	log      *slog.Logger
	dataDir  string
	concepts []index.Concept
	analysis string // what index-time analysis depends on: see analysisID
	gen      string // the generation Index serves
}

// Open opens (creating if needed) the data directory, imports the seed on
// first start and brings the index up to date with the store.
func Open(ctx context.Context, cfg Config) (*App, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.DataDir == "" {
		return nil, errors.New("open data: no data directory given")
	}
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return nil, fmt.Errorf("open data: %w", err)
	}
	guides, err := content.LoadGuides(content.GuidesFS())
	if err != nil {
		return nil, fmt.Errorf("load guides: %w", err)
	}
	glossary, err := content.LoadGlossary()
	if err != nil {
		return nil, err
	}
	concepts, words := Concepts(glossary)
	if cfg.Index != NoIndex {
		// The Chinese dictionary takes about two seconds to load: start
		// now, in parallel with opening the store; analysis waits for it.
		zh.Preload(words)
	}
	st, err := sqlite.Open(ctx, filepath.Join(cfg.DataDir, "stdbridge.db"))
	if err != nil {
		return nil, err
	}
	a := &App{Store: st, Guides: guides, log: log, dataDir: cfg.DataDir, concepts: concepts, analysis: analysisID(words)}
	if !cfg.NoSeed {
		if err := a.seedOnce(ctx); err != nil {
			st.Close()
			return nil, err
		}
	}
	// Alerts begin with the first opening: subscribers hear of what
	// arrives from now on, not of the seed or the history before.
	if err := alerts.StartQueue(ctx, st); err != nil {
		st.Close()
		return nil, err
	}
	if cfg.Index == NoIndex {
		return a, nil
	}
	timeout := time.Duration(0)
	if cfg.Index == IndexIfFree {
		timeout = 500 * time.Millisecond
	}
	ix, gen, err := a.openIndex(timeout)
	if errors.Is(err, index.ErrLocked) && cfg.Index == IndexIfFree {
		log.Info("index in use by a running server; it will pick up the changes")
		return a, nil
	}
	if err != nil {
		st.Close()
		return nil, err
	}
	a.Index, a.gen = index.NewLive(ix), gen
	if _, err := a.SyncIndex(ctx); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// Close closes the index and the store.
func (a *App) Close() error {
	var errs []error
	if a.Index != nil {
		errs = append(errs, a.Index.Current().Close())
	}
	errs = append(errs, a.Store.Close())
	return errors.Join(errs...)
}

// seedCursor marks, in the store, that the seed has been imported once, so
// that records a user later changes or removes are not brought back.
const seedCursor = "seed"

func (a *App) seedOnce(ctx context.Context) error {
	done, err := a.Store.Cursor(ctx, seedCursor)
	if err != nil {
		return err
	}
	if done > 0 {
		return nil
	}
	start := time.Now()
	res, err := a.Seed(ctx)
	if err != nil {
		return err
	}
	a.log.Info("seed imported", "inserted", res.Inserted, "updated", res.Updated, "unchanged", res.Unchanged, "took", time.Since(start).Round(time.Millisecond))
	return a.Store.SetCursor(ctx, seedCursor, 1)
}

// Seed applies the embedded seed to the store as one batch.
func (a *App) Seed(ctx context.Context) (store.ApplyResult, error) {
	recs, err := content.SeedRecords()
	if err != nil {
		return store.ApplyResult{}, err
	}
	res, err := a.Store.Apply(ctx, store.Batch{Source: "seed", Records: recs})
	if err != nil {
		return res, fmt.Errorf("import seed: %w", err)
	}
	return res, nil
}

// analysisID fingerprints the words the glossary adds to the Chinese
// dictionary: with other words, text is segmented differently and an
// index built before is outdated.
func analysisID(zhTerms []string) string {
	h := sha256.New()
	for _, t := range zhTerms {
		h.Write([]byte(t))
		h.Write([]byte{0})
	}
	return fmt.Sprintf("glossary-%x", h.Sum(nil)[:8])
}

// Concepts turns the glossary into the index's query expansion, and lists
// its Chinese terms, which the segmenter must keep whole.
func Concepts(g *content.Glossary) (concepts []index.Concept, zhTerms []string) {
	for _, e := range g.Entries {
		concepts = append(concepts, index.Concept{Zh: e.Zh, En: e.En})
		zhTerms = append(zhTerms, e.Zh...)
	}
	return concepts, zhTerms
}
