package site

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/ingest"
	"github.com/stdbridge/stdbridge/store/sqlite"
)

// seedData is the embedded seed in a real SQLite store and an in-memory
// index, with the real guides: what `stdbridge serve` opens on a fresh
// data directory.
func seedData(t *testing.T) (*sqlite.Store, *index.Index, *content.Guides) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	recs, err := content.SeedRecords()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.Import(ctx, st, "seed", recs); err != nil {
		t.Fatal(err)
	}
	ix, err := index.NewMemory(index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Put(ctx, recs...); err != nil {
		t.Fatal(err)
	}
	guides, err := content.LoadGuides(content.GuidesFS())
	if err != nil {
		t.Fatal(err)
	}
	return st, ix, guides
}
