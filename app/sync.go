package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

const syncPage = 1000

// SyncIndex brings the index up to date by following the store's change
// log from the index's own cursor, and returns how many changes it applied.
// A new or deleted index has cursor zero and so is rebuilt from the start.
func (a *App) SyncIndex(ctx context.Context) (int, error) {
	if a.Index == nil {
		return 0, nil
	}
	return a.syncInto(ctx, a.Index.Current())
}

func (a *App) syncInto(ctx context.Context, ix *index.Index) (int, error) {
	cursor, err := ix.Cursor()
	if err != nil {
		return 0, err
	}
	applied := 0
	for {
		changes, err := a.Store.Changes(ctx, cursor, syncPage)
		if err != nil {
			return applied, fmt.Errorf("sync index: %w", err)
		}
		if len(changes) == 0 {
			return applied, nil
		}
		var put []kb.Record
		var gone []index.Ref
		for _, c := range changes {
			if c.OldKey != "" && c.OldKey != c.Key {
				gone = append(gone, index.Ref{Kind: c.Kind, Key: c.OldKey})
			}
			rec, err := a.Store.Get(ctx, c.Kind, c.Key)
			switch {
			case errors.Is(err, store.ErrNotFound):
				gone = append(gone, index.Ref{Kind: c.Kind, Key: c.Key})
			case err != nil:
				return applied, fmt.Errorf("sync index: %w", err)
			default:
				put = append(put, rec)
			}
		}
		// Some records are indexed with words of others (a mapping with
		// its standards' titles): re-put them with what changed.
		deps, err := a.dependants(ctx, put)
		if err != nil {
			return applied, fmt.Errorf("sync index: %w", err)
		}
		put = append(put, deps...)
		cursor = changes[len(changes)-1].Seq
		if err := ix.Update(ctx, put, gone, cursor); err != nil {
			return applied, fmt.Errorf("sync index: %w", err)
		}
		applied += len(changes)
	}
}

// Follow keeps the served index current until ctx ends: every interval it
// applies new changes from the store (written by imports, the crawler or
// curators in other processes) and, when a reindex has made another
// generation current, opens it, catches it up and swaps it in.
func (a *App) Follow(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := a.followOnce(ctx); err != nil && ctx.Err() == nil {
			a.log.Error("index follow", "err", err)
		}
	}
}

func (a *App) followOnce(ctx context.Context) error {
	if a.Index == nil {
		return nil
	}
	gen, err := currentGeneration(a.dataDir)
	if err != nil {
		return err
	}
	if gen != "" && gen != a.gen {
		ix, err := index.Open(filepath.Join(a.dataDir, indexDir, gen), a.indexOptions(2*time.Second))
		if err != nil {
			return err
		}
		// Catch the new generation up before it serves a single search.
		if _, err := a.syncInto(ctx, ix); err != nil {
			ix.Close()
			return err
		}
		old := a.Index.Swap(ix)
		prev := a.gen
		a.gen = gen
		if err := old.Close(); err != nil {
			a.log.Error("close old index", "generation", prev, "err", err)
		}
		removeOtherGenerations(a.dataDir, gen)
		a.log.Info("index swapped", "generation", gen)
	}
	n, err := a.SyncIndex(ctx)
	if n > 0 {
		a.log.Info("index synced", "changes", n)
	}
	return err
}

// dependants are the records indexed with words of those among recs and
// not among them: the mappings and requirements of a standard or
// regulation, and the foreign standards a standard or mapping adopts (they
// carry its Chinese title). Each is listed once.
func (a *App) dependants(ctx context.Context, recs []kb.Record) ([]kb.Record, error) {
	seen := map[string]bool{}
	for _, r := range recs {
		seen[string(r.Kind())+":"+r.Key()] = true
	}
	var out []kb.Record
	add := func(r kb.Record) {
		if id := string(r.Kind()) + ":" + r.Key(); !seen[id] {
			seen[id] = true
			out = append(out, r)
		}
	}
	adopted := func(number string) error {
		s, err := a.Store.Standard(ctx, number)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err == nil {
			add(s)
		}
		return err
	}
	requirements := func(source string) error {
		reqs, err := a.Store.Requirements(ctx, store.RequirementFilter{Source: source})
		for _, q := range reqs {
			add(q)
		}
		return err
	}
	for _, r := range recs {
		switch v := r.(type) {
		case *kb.Standard:
			for _, ad := range v.Adopts {
				if err := adopted(ad.Number); err != nil {
					return nil, err
				}
			}
			ms, err := a.Store.Mappings(ctx, v.Key())
			if err != nil {
				return nil, err
			}
			for _, m := range ms {
				add(m)
			}
			if err := requirements(v.Key()); err != nil {
				return nil, err
			}
		case *kb.Regulation:
			if err := requirements(v.Key()); err != nil {
				return nil, err
			}
		case *kb.Mapping:
			if err := adopted(v.Foreign); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}
