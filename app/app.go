// Package app opens a stdbridge data directory: the store, the search
// index kept in step with the store's change log, and the embedded seed
// imported on first start. cmd/stdbridge wires it to the command line.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/store/sqlite"
)

// Config says where the data lives.
type Config struct {
	DataDir string
	Logger  *slog.Logger
	// NoSeed skips importing the embedded seed into an empty store.
	NoSeed bool
}

// App is an opened data directory.
type App struct {
	Store  store.Store
	Index  *index.Index
	Guides *content.Guides
	log    *slog.Logger
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
	st, err := sqlite.Open(ctx, filepath.Join(cfg.DataDir, "stdbridge.db"))
	if err != nil {
		return nil, err
	}
	a := &App{Store: st, Guides: guides, log: log}
	if !cfg.NoSeed {
		if err := a.seedOnce(ctx); err != nil {
			st.Close()
			return nil, err
		}
	}
	a.Index, err = index.Open(filepath.Join(cfg.DataDir, "index.bleve"))
	if err != nil {
		st.Close()
		return nil, err
	}
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
		errs = append(errs, a.Index.Close())
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
