package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

const syncPage = 1000

// SyncIndex brings the index up to date by following the store's change
// log from the index's own cursor, and returns how many changes it applied.
// A new or deleted index has cursor zero and so is rebuilt from the start.
func (a *App) SyncIndex(ctx context.Context) (int, error) {
	cursor, err := a.Index.Cursor()
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
		cursor = changes[len(changes)-1].Seq
		if err := a.Index.Update(ctx, put, gone, cursor); err != nil {
			return applied, fmt.Errorf("sync index: %w", err)
		}
		applied += len(changes)
	}
}
