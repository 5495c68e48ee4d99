package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/kb"
)

// The index lives in generations: DATA/index/gen-TIME.bleve, with
// DATA/index/current naming the one in use. A reindex builds a new
// generation beside the served one and then replaces the pointer (write
// and rename, so it is never half-written); a running server notices and
// swaps, so searches never stop.
const (
	indexDir    = "index"
	currentFile = "current"
)

// currentGeneration names the generation in use; name is empty when there is
// none yet.
func currentGeneration(dataDir string) (name string, err error) {
	b, err := os.ReadFile(filepath.Join(dataDir, indexDir, currentFile))
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read index pointer: %w", err)
	}
	name = strings.TrimSpace(string(b))
	if name == "" || strings.ContainsAny(name, `/\`) || !strings.HasSuffix(name, ".bleve") {
		return "", fmt.Errorf("index pointer %s names %q, not a generation", filepath.Join(dataDir, indexDir, currentFile), name)
	}
	return name, nil
}

func setCurrentGeneration(dataDir, name string) error {
	dir := filepath.Join(dataDir, indexDir)
	tmp, err := os.CreateTemp(dir, ".current-*")
	if err != nil {
		return fmt.Errorf("write index pointer: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(name + "\n"); err != nil {
		tmp.Close()
		return fmt.Errorf("write index pointer: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write index pointer: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write index pointer: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, currentFile)); err != nil {
		return fmt.Errorf("write index pointer: %w", err)
	}
	return nil
}

func newGenerationName(now time.Time) string {
	return "gen-" + now.UTC().Format("20060102T150405.000000000") + ".bleve"
}

// openIndex opens the generation in use, creating the first one, or a new
// one when the one in use was built by another version or with another
// glossary: the sync fills a new generation from the change log, and the
// outdated one is removed with the others no one uses.
func (a *App) openIndex(lockTimeout time.Duration) (*index.Index, string, error) {
	if err := os.MkdirAll(filepath.Join(a.dataDir, indexDir), 0o755); err != nil {
		return nil, "", fmt.Errorf("open index: %w", err)
	}
	name, err := currentGeneration(a.dataDir)
	if err != nil {
		return nil, "", err
	}
	if name == "" {
		return a.newGeneration()
	}
	ix, err := index.Open(filepath.Join(a.dataDir, indexDir, name), a.indexOptions(lockTimeout))
	if err != nil {
		return nil, "", err
	}
	outdated, err := ix.Outdated()
	if err != nil {
		ix.Close()
		return nil, "", err
	}
	if !outdated {
		return ix, name, nil
	}
	ix.Close()
	a.log.Info("index outdated; rebuilding", "generation", name)
	return a.newGeneration()
}

// newGeneration creates an empty index generation and makes it current.
func (a *App) newGeneration() (*index.Index, string, error) {
	name := newGenerationName(time.Now())
	ix, err := index.Create(filepath.Join(a.dataDir, indexDir, name), a.indexOptions(0))
	if err != nil {
		return nil, "", err
	}
	if err := setCurrentGeneration(a.dataDir, name); err != nil {
		ix.Close()
		return nil, "", err
	}
	return ix, name, nil
}

func (a *App) indexOptions(lockTimeout time.Duration) index.Options {
	return index.Options{Glossary: a.concepts, LockTimeout: lockTimeout, Analysis: a.analysis}
}

// ReindexResult says what a rebuild did.
type ReindexResult struct {
	Generation string
	Records    int
	Took       time.Duration
}

// Reindex builds a new index generation from the store and makes it the
// current one. A server running on the same data directory swaps to it on
// its next sync; the old generation is removed by whoever closes it last.
func (a *App) Reindex(ctx context.Context) (ReindexResult, error) {
	start := time.Now()
	// Changes made while the build runs are replayed from this cursor by
	// the next sync, so none is missed.
	cursor, err := a.latestChange(ctx)
	if err != nil {
		return ReindexResult{}, err
	}
	name := newGenerationName(start)
	path := filepath.Join(a.dataDir, indexDir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return ReindexResult{}, fmt.Errorf("reindex: %w", err)
	}
	ix, err := index.Create(path, a.indexOptions(0))
	if err != nil {
		return ReindexResult{}, err
	}
	n, err := fill(ctx, a, ix, cursor)
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.RemoveAll(path)
		return ReindexResult{}, fmt.Errorf("reindex: %w", err)
	}
	if err := setCurrentGeneration(a.dataDir, name); err != nil {
		os.RemoveAll(path)
		return ReindexResult{}, err
	}
	return ReindexResult{Generation: name, Records: n, Took: time.Since(start)}, nil
}

const fillBatch = 2000

// fill indexes every record of the store in batches, leaving the cursor
// at the given change.
func fill(ctx context.Context, a *App, ix *index.Index, cursor int64) (int, error) {
	n := 0
	batch := make([]kb.Record, 0, fillBatch)
	flush := func() error {
		if err := ix.Update(ctx, batch, nil, cursor); err != nil {
			return err
		}
		n += len(batch)
		batch = batch[:0]
		return nil
	}
	for _, p := range fillOrder() {
		err := a.Store.Each(ctx, p.kind, func(r kb.Record) error {
			if p.take != nil && !p.take(r) {
				return nil
			}
			batch = append(batch, r)
			if len(batch) == fillBatch {
				return flush()
			}
			return nil
		})
		if err != nil {
			return n, err
		}
	}
	return n, flush()
}

// fillPass is one scan of the store while filling an index: the records
// of one kind that take accepts (all when take is nil).
type fillPass struct {
	kind kb.Kind
	take func(kb.Record) bool
}

// fillOrder puts the standards that adopt others first: a foreign standard
// is indexed with the Chinese titles of its adoptions, which the index
// finds among the records it already has.
func fillOrder() []fillPass {
	adopts := func(r kb.Record) bool { s, ok := r.(*kb.Standard); return ok && len(s.Adopts) > 0 }
	passes := []fillPass{
		{kb.KindStandard, adopts},
		{kb.KindStandard, func(r kb.Record) bool { return !adopts(r) }},
	}
	for _, k := range kb.Kinds {
		if k != kb.KindStandard {
			passes = append(passes, fillPass{kind: k})
		}
	}
	return passes
}

func (a *App) latestChange(ctx context.Context) (int64, error) {
	var last int64
	for {
		cs, err := a.Store.Changes(ctx, last, 10000)
		if err != nil {
			return 0, err
		}
		if len(cs) == 0 {
			return last, nil
		}
		last = cs[len(cs)-1].Seq
	}
}

// removeOtherGenerations deletes index generations other than keep, which
// no process serves any more once it has swapped.
func removeOtherGenerations(dataDir, keep string) {
	entries, err := os.ReadDir(filepath.Join(dataDir, indexDir))
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), "gen-") && e.Name() != keep {
			os.RemoveAll(filepath.Join(dataDir, indexDir, e.Name()))
		}
	}
}
