package site

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

const (
	homeChangedDays = 90 // "recently" withdrawn or replaced
	homeChanged     = 15 // of them on the home page
)

// changedCache keeps the recently changed standards between requests:
// finding them reads every standard, and the answer changes only when the
// store does (its change count) or the day turns.
type changedCache struct {
	mu    sync.Mutex
	key   changedKey
	items []templates.ChangedStandard
}

type changedKey struct {
	changes int64
	last    time.Time
	today   time.Time
}

// get returns the standards withdrawn or replaced in the homeChangedDays
// up to today, latest first. Callers must not change what it returns.
func (c *changedCache) get(ctx context.Context, st store.Reader, stats store.Stats, today time.Time) ([]templates.ChangedStandard, error) {
	key := changedKey{changes: stats.ChangeCount, last: stats.LastChange, today: today}
	// Held while computing, so that a burst of requests after a change
	// reads the standards once.
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.items != nil && c.key == key {
		return c.items, nil
	}
	items, err := recentlyChanged(ctx, st, today)
	if err != nil {
		return nil, err
	}
	c.key, c.items = key, items
	return items, nil
}

// recentlyChanged lists the standards withdrawn or replaced from
// homeChangedDays before today through today, as the records date it:
//   - a standard's own withdrawal date (WithdrawnOn), with what replaces
//     it when its record says;
//   - failing that, the date the standard replacing it takes effect
//     (Implemented, else Issued) for each one it Replaces, when the
//     replaced standard's record gives no withdrawal date of its own.
//
// The change log's dates are not used: they say when this site imported a
// record, not when the standard changed.
func recentlyChanged(ctx context.Context, st store.Reader, today time.Time) ([]templates.ChangedStandard, error) {
	from := today.AddDate(0, 0, -homeChangedDays)
	within := func(d kb.Date) bool {
		t := d.Time()
		return d != "" && !t.Before(from) && !t.After(today)
	}
	type replacement struct {
		old, by string
		on      kb.Date
	}
	byNumber := map[string]*templates.ChangedStandard{}
	var repl []replacement
	err := st.Each(ctx, kb.KindStandard, func(rec kb.Record) error {
		sd, ok := rec.(*kb.Standard)
		if !ok {
			return nil
		}
		if within(sd.WithdrawnOn) {
			byNumber[sd.Number] = &templates.ChangedStandard{Number: sd.Number, S: sd, On: sd.WithdrawnOn, By: slices.Clone(sd.ReplacedBy)}
		}
		on := cmp.Or(sd.Implemented, sd.Issued)
		if within(on) {
			for _, old := range sd.Replaces {
				repl = append(repl, replacement{old: old, by: sd.Number, on: on})
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("home: recently changed standards: %w", err)
	}
	for _, rp := range repl {
		if c, ok := byNumber[rp.old]; ok {
			if !slices.Contains(c.By, rp.by) {
				c.By = append(c.By, rp.by)
			}
			continue
		}
		old, err := st.Standard(ctx, rp.old)
		switch {
		case errors.Is(err, store.ErrNotFound):
			old = nil // known only from the replacing standard
		case err != nil:
			return nil, fmt.Errorf("home: standard %s replaced by %s: %w", rp.old, rp.by, err)
		case old.WithdrawnOn != "":
			continue // its own date, outside the window, wins
		}
		byNumber[rp.old] = &templates.ChangedStandard{Number: rp.old, S: old, On: rp.on, By: []string{rp.by}}
	}
	out := make([]templates.ChangedStandard, 0, len(byNumber))
	for _, c := range byNumber {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b templates.ChangedStandard) int {
		if c := b.On.Time().Compare(a.On.Time()); c != 0 {
			return c
		}
		return cmp.Compare(a.Number, b.Number)
	})
	return out, nil
}
