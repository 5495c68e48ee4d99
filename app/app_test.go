package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

func TestOpenSeedsOnceAndIndexFollowsStore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, err := Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	st, err := a.Store.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, n := range st.Kinds {
		total += n
	}
	// Mappings not yet approved are not public, so not searchable.
	unapproved := 0
	if err := a.Store.Each(ctx, kb.KindMapping, func(r kb.Record) error {
		if r.(*kb.Mapping).Status != kb.MappingApproved {
			unapproved++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	indexed, err := a.Index.Current().Count()
	if err != nil {
		t.Fatal(err)
	}
	if total == 0 || unapproved == 0 || int(indexed) != total-unapproved {
		t.Fatalf("store has %d records (%d mappings unapproved), index %d", total, unapproved, indexed)
	}
	searchable := total - unapproved
	// A user's change after seeding survives a restart: the seed is not re-applied.
	std, err := a.Store.Standard(ctx, "GB/T 19001-2016")
	if err != nil {
		t.Fatal(err)
	}
	std.TitleEn = "Quality management systems — Requirements (Zanzibarquux)"
	if _, err := a.Store.Apply(ctx, store.Batch{Source: "test", Records: []kb.Record{std}}); err != nil {
		t.Fatal(err)
	}
	if n, err := a.SyncIndex(ctx); err != nil || n != 1 {
		t.Fatalf("SyncIndex = %d, %v; want 1 change", n, err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}

	a, err = Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	got, err := a.Store.Standard(ctx, "GB/T 19001-2016")
	if err != nil || got.TitleEn != std.TitleEn {
		t.Fatalf("after restart title = %q, %v; the seed overwrote a user's edit", got.TitleEn, err)
	}
	// The standard first, then its mapping to ISO 9001, re-indexed with
	// the parent's new title.
	res, err := a.Index.Search(ctx, index.Request{Query: "zanzibarquux"})
	if err != nil || res.Total != 2 || res.Hits[0].Key != "GB/T 19001-2016" || res.Hits[1].Key != "ISO 9001:2015 ~ GB/T 19001-2016" {
		t.Fatalf("search for the edit: %+v, %v", res, err)
	}
	a.Close()

	// A lost index is rebuilt from the store on the next start.
	if err := os.RemoveAll(filepath.Join(dir, "index")); err != nil {
		t.Fatal(err)
	}
	a, err = Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := a.Index.Current().Count(); int(n) != searchable {
		t.Errorf("rebuilt index has %d documents, want %d", n, searchable)
	}
	a.Close()

	// An index built by another version or with another glossary is
	// replaced by a new generation, filled from the store.
	old, err := currentGeneration(dir)
	if err != nil {
		t.Fatal(err)
	}
	stale, err := index.Create(filepath.Join(dir, indexDir, old), index.Options{Analysis: "an older glossary"})
	if err != nil {
		t.Fatal(err)
	}
	stale.Close()
	a, err = Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	now, err := currentGeneration(dir)
	if err != nil || now == old {
		t.Fatalf("generation after an outdated one: %q, %v; want a new one", now, err)
	}
	if n, _ := a.Index.Current().Count(); int(n) != searchable {
		t.Errorf("index replacing an outdated one has %d documents, want %d", n, searchable)
	}
}
