package app

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// A reindex builds a new generation while the served one keeps answering;
// the server swaps to it, catches it up with changes made meanwhile, and
// the old generation is removed. No search fails at any point.
func TestReindexSwapsWithoutDowntime(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, err := Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	oldGen := a.gen

	// Searches run throughout.
	stop := make(chan struct{})
	var searches, failures atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			res, err := a.Index.Search(ctx, index.Request{Query: "玩具 安全"})
			if err != nil || res.Total == 0 {
				failures.Add(1)
			}
			searches.Add(1)
		}
	}()

	res, err := a.Reindex(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Generation == oldGen || res.Records == 0 {
		t.Fatalf("reindex = %+v; want a new generation with records (old %s)", res, oldGen)
	}
	// A change after the build: the swap must bring it in.
	std, err := a.Store.Standard(ctx, "GB/T 19001-2016")
	if err != nil {
		t.Fatal(err)
	}
	std.TitleEn = "Quality management systems — Requirements (Quuxreindex)"
	if _, err := a.Store.Apply(ctx, store.Batch{Source: "test", Records: []kb.Record{std}}); err != nil {
		t.Fatal(err)
	}
	if err := a.followOnce(ctx); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()

	if a.gen != res.Generation {
		t.Errorf("serving generation %s, want the rebuilt %s", a.gen, res.Generation)
	}
	if _, err := os.Stat(filepath.Join(dir, indexDir, oldGen)); !os.IsNotExist(err) {
		t.Errorf("old generation %s still on disk (stat: %v)", oldGen, err)
	}
	found, err := a.Index.Search(ctx, index.Request{Query: "quuxreindex"})
	if err != nil || found.Total == 0 || found.Hits[0].Key != "GB/T 19001-2016" {
		t.Errorf("change made during the reindex not searchable after the swap: %+v, %v", found, err)
	}
	if searches.Load() == 0 || failures.Load() != 0 {
		t.Errorf("%d searches during the reindex, %d failed; want some and none", searches.Load(), failures.Load())
	}
}
