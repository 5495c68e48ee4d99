package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return open(t, filepath.Join(t.TempDir(), "kb.db")) })
}

func open(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func apply(t testing.TB, s *Store, source string, recs ...kb.Record) store.ApplyResult {
	t.Helper()
	res, err := s.Apply(context.Background(), store.Batch{Source: source, Records: recs})
	if err != nil {
		t.Fatalf("Apply(%s): %v", source, err)
	}
	return res
}

// rowCounts counts the rows of every table, ours and goose's.
func rowCounts(t *testing.T, s *Store) map[string]int {
	t.Helper()
	ctx := context.Background()
	rows, err := s.read.QueryContext(ctx, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	rows.Close()
	if len(names) < 10 {
		t.Fatalf("only tables %q", names)
	}
	counts := map[string]int{}
	for _, n := range names {
		var c int
		if err := s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+n).Scan(&c); err != nil {
			t.Fatal(err)
		}
		counts[n] = c
	}
	return counts
}

func seed() []kb.Record {
	return []kb.Record{
		&kb.Standard{Number: "GB 6675.4-2014", Adopts: []kb.Adoption{{Number: "ISO 8124-3:2010", Degree: "MOD"}}, ReplacedBy: []string{"GB 6675.4-2025"}},
		&kb.Standard{Number: "ISO 8124-3:2020"},
		&kb.Regulation{ID: "Directive 2009/48/EC", References: []string{"EN 71-3"}},
		&kb.Notification{Member: "EU", Area: "TBT", Distributed: "2025-01-10", Title: "Toy safety"},
		&kb.Mapping{Foreign: "ISO 8124-3:2020", Domestic: "GB 6675.4-2025", Degree: "IDT"},
		&kb.Requirement{Source: "GB 6675.4-2014", Topic: "toy-element-migration", Parameter: "lead", Comparator: "<=", Limit: "90"},
	}
}

func TestOpenCreatesDirectoryAndConfigures(t *testing.T) {
	// A directory that does not exist yet, with characters a URI must escape.
	path := filepath.Join(t.TempDir(), "data dir?#%", "玩具", "kb.db")
	s := open(t, path)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database file: %v", err)
	}
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	ctx := context.Background()
	for _, p := range []struct {
		db     string
		pragma string
		want   string
	}{
		{"write", "journal_mode", "wal"},
		{"write", "foreign_keys", "1"},
		{"write", "synchronous", "1"}, // NORMAL
		{"write", "busy_timeout", "10000"},
		{"read", "query_only", "1"},
		{"read", "busy_timeout", "10000"},
	} {
		db := s.write
		if p.db == "read" {
			db = s.read
		}
		var got string
		if err := db.QueryRowContext(ctx, "PRAGMA "+p.pragma).Scan(&got); err != nil {
			t.Fatalf("PRAGMA %s: %v", p.pragma, err)
		}
		if got != p.want {
			t.Errorf("%s PRAGMA %s = %s, want %s", p.db, p.pragma, got, p.want)
		}
	}
	if _, err := s.read.ExecContext(ctx, "DELETE FROM standards"); err == nil {
		t.Error("a reader connection could write")
	}
}

func TestOpenErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	notDB := filepath.Join(t.TempDir(), "not.db")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("not a database ", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"", filepath.Join(file, "kb.db"), notDB} {
		s, err := Open(context.Background(), path)
		if err == nil {
			s.Close()
			t.Errorf("Open(%q): no error", path)
		}
	}
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	apply(t, s, "seed", seed()...)
	if err := s.SetCursor(ctx, "index", 3); err != nil {
		t.Fatal(err)
	}
	before := rowCounts(t, s)
	stats, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// Twice: opening an up-to-date database runs no migration.
	for i := range 2 {
		s, err = Open(ctx, path)
		if err != nil {
			t.Fatalf("reopen %d: %v", i, err)
		}
		if diff := cmp.Diff(before, rowCounts(t, s)); diff != "" {
			t.Errorf("reopen %d: row counts (-before +after):\n%s", i, diff)
		}
		got, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(stats, got); diff != "" {
			t.Errorf("reopen %d: stats (-before +after):\n%s", i, diff)
		}
		if seq, err := s.Cursor(ctx, "index"); err != nil || seq != 3 {
			t.Errorf("reopen %d: cursor %d, %v", i, seq, err)
		}
		if res := apply(t, s, "seed", seed()...); res.Unchanged != len(seed()) {
			t.Errorf("reopen %d: Apply = %+v, want all unchanged", i, res)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFailedBatchLeavesEveryTableAlone(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "kb.db"))
	apply(t, s, "seed", seed()...)
	before := rowCounts(t, s)
	batch := append(seed(),
		&kb.Standard{Number: "GB 6675.4-2025", Adopts: []kb.Adoption{{Number: "ISO 8124-3:2020"}}},                // new, with a link
		&kb.Standard{Number: "ISO 8124-3:2020", TitleEn: "changed"},                                               // update
		&kb.Requirement{Source: "GB 6675.4-2014", Topic: "toy-element-migration", Parameter: "lead", Limit: "90"}, // no comparator
	)
	_, err := s.Apply(context.Background(), store.Batch{Source: "bad", Records: batch})
	if err == nil || !strings.Contains(err.Error(), "GB 6675.4-2014 | toy-element-migration | lead") {
		t.Fatalf("Apply: error %v, want one naming the requirement", err)
	}
	if diff := cmp.Diff(before, rowCounts(t, s)); diff != "" {
		t.Errorf("row counts (-before +after):\n%s", diff)
	}
}

func TestApplyCanceled(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "kb.db"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.Apply(ctx, store.Batch{Source: "x", Records: seed()})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Apply with a canceled context: %v", err)
	}
	if n := rowCounts(t, s)["changes"]; n != 0 {
		t.Errorf("%d changes written", n)
	}
}

func TestHistory(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "kb.db"))
	std := func(title string) *kb.Standard { return &kb.Standard{Number: "ISO 9001:2015", TitleEn: title} }
	apply(t, s, "a", std("one"))
	apply(t, s, "b", std("one")) // unchanged: no version
	apply(t, s, "c", std("two"))
	hist, err := s.History(ctx, kb.KindStandard, "ISO 9001:2015")
	if err != nil {
		t.Fatal(err)
	}
	type v struct {
		Version int
		Title   string
		Source  string
	}
	var got []v
	for _, h := range hist {
		if h.At.IsZero() {
			t.Errorf("version %d has no time", h.Version)
		}
		got = append(got, v{h.Version, h.Record.(*kb.Standard).TitleEn, h.Source})
	}
	if diff := cmp.Diff([]v{{1, "one", "a"}, {2, "two", "c"}}, got); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}

	// A notification's history follows it when it gains its symbol.
	n := &kb.Notification{Member: "EU", Area: "TBT", Distributed: "2025-01-10", Title: "Toy safety"}
	apply(t, s, "eping", n)
	oldKey := n.Key()
	withSym := *n
	withSym.Symbol = "G/TBT/N/EU/1123"
	apply(t, s, "crawl", &withSym)
	hist, err = s.History(ctx, kb.KindNotification, "G/TBT/N/EU/1123")
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || hist[0].Record.Key() != oldKey || hist[1].Record.Key() != "G/TBT/N/EU/1123" || hist[1].Version != 2 {
		t.Errorf("history after takeover: %+v", hist)
	}
	if old, err := s.History(ctx, kb.KindNotification, oldKey); err != nil || len(old) != 0 {
		t.Errorf("history under the old key: %v, %v", old, err)
	}
}

// BenchmarkApply inserts batches of 1000 new standards.
func BenchmarkApply(b *testing.B) {
	s := open(b, filepath.Join(b.TempDir(), "kb.db"))
	const n = 1000
	batch := 0
	for b.Loop() {
		b.StopTimer()
		recs := make([]kb.Record, n)
		for i := range recs {
			num := batch*n + i + 1
			recs[i] = &kb.Standard{
				Number:   fmt.Sprintf("GB/T %d-2020", num),
				TitleZh:  "纺织品 测试方法",
				ICS:      []string{"59.080.01"},
				Status:   "current",
				Issued:   "2020-03-01",
				Adopts:   []kb.Adoption{{Number: fmt.Sprintf("ISO %d:2019", num), Degree: "MOD"}},
				Replaces: []string{fmt.Sprintf("GB/T %d-2010", num)},
			}
		}
		batch++
		b.StartTimer()
		if res := apply(b, s, "bench", recs...); res.Inserted != n {
			b.Fatalf("Apply = %+v", res)
		}
	}
	b.ReportMetric(float64(batch*n)/b.Elapsed().Seconds(), "records/s")
}
