package ingest

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// Import validates recs and writes them as one batch whose Source is name,
// so a file is stored all or nothing. It normalises the records in place.
// Validation failures come back as a *FileError (Line = position in recs
// for records not read from a file) and nothing is written.
func Import(ctx context.Context, w store.Writer, name string, recs []kb.Record) (store.ApplyResult, error) {
	c := newCollector(name)
	recs = validate(c, positions(recs))
	if err := c.err(); err != nil {
		return store.ApplyResult{}, err
	}
	if len(recs) == 0 {
		return store.ApplyResult{}, nil
	}
	// Things others refer to first, as kb.Kinds orders them; a file's own
	// order within a kind is kept.
	rank := map[kb.Kind]int{}
	for i, k := range kb.Kinds {
		rank[k] = i
	}
	sorted := append([]kb.Record(nil), recs...)
	sort.SliceStable(sorted, func(i, j int) bool { return rank[sorted[i].Kind()] < rank[sorted[j].Kind()] })
	res, err := w.Apply(ctx, store.Batch{Source: name, Records: sorted})
	if err != nil {
		return store.ApplyResult{}, fmt.Errorf("import %s: %w", name, err)
	}
	return res, nil
}

// FileResult is what importing one file did.
type FileResult struct {
	Path    string
	Records int
	store.ApplyResult
}

// ImportFiles reads and validates every file before writing any: if one is
// bad, nothing is written and the errors of all files come back joined
// (each a *FileError or a file system error). Each file is then applied as
// its own batch, with its base name as Source.
func ImportFiles(ctx context.Context, w store.Writer, paths ...string) ([]FileResult, error) {
	files := make([][]kb.Record, len(paths))
	var errs []error
	for i, p := range paths {
		recs, err := ReadFile(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		files[i] = recs
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	results := make([]FileResult, 0, len(paths))
	for i, p := range paths {
		if err := ctx.Err(); err != nil {
			return results, err
		}
		res, err := Import(ctx, w, filepath.Base(p), files[i])
		if err != nil {
			return results, err
		}
		results = append(results, FileResult{Path: p, Records: len(files[i]), ApplyResult: res})
	}
	return results, nil
}
