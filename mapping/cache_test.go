package mapping

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/ingest"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store/sqlite"
)

func TestCacheRebuildsAfterChanges(t *testing.T) {
	ctx := t.Context()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	put := func(recs ...kb.Record) {
		if _, err := ingest.Import(ctx, st, "test", recs); err != nil {
			t.Fatal(err)
		}
	}
	put(&kb.Standard{Number: "ISO 9001:2015", TitleEn: "Quality management systems — Requirements"})
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	k := NewCache(st, nil, time.Minute)
	k.now = func() time.Time { return now }
	first, err := k.Corpus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	put(&kb.Standard{Number: "GB/T 19001-2016", TitleEn: "Quality management systems — Requirements",
		Adopts: []kb.Adoption{{Number: "ISO 9001:2015", Degree: kb.DegreeIDT}}})
	if again, _ := k.Corpus(ctx); again != first {
		t.Error("rebuilt before the check interval passed")
	}
	now = now.Add(2 * time.Minute)
	after, err := k.Corpus(ctx)
	if err != nil || after == first {
		t.Fatalf("not rebuilt after a change: %v", err)
	}
	if sugs, _ := after.Suggest("ISO 9001:2015", 1); len(sugs) != 1 || sugs[0].Number != "GB/T 19001-2016" {
		t.Errorf("the rebuilt corpus suggests %+v", sugs)
	}
	now = now.Add(2 * time.Minute)
	if same, _ := k.Corpus(ctx); same != after {
		t.Error("rebuilt although nothing changed")
	}
}
