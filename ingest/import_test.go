package ingest

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/internal/golden"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/store/sqlite"
)

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

func stats(t *testing.T, s store.Reader) store.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func importFile(t *testing.T, s store.Writer, path string) store.ApplyResult {
	t.Helper()
	recs, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import(context.Background(), s, filepath.Base(path), recs)
	if err != nil {
		t.Fatalf("Import(%s): %v", path, err)
	}
	return res
}

func TestImportTwice(t *testing.T) {
	s := openStore(t)
	for _, name := range []string{"good.jsonl", "eping.csv"} {
		path := filepath.Join("testdata", name)
		first := importFile(t, s, path)
		n := first.Inserted
		if n == 0 || first.Updated != 0 || first.Unchanged != 0 {
			t.Fatalf("first import of %s: %+v, want only inserts", name, first)
		}
		before := stats(t, s)
		second := importFile(t, s, path)
		if want := (store.ApplyResult{Unchanged: n}); second != want {
			t.Errorf("second import of %s: %+v, want %+v", name, second, want)
		}
		if diff := cmp.Diff(before, stats(t, s)); diff != "" {
			t.Errorf("second import of %s changed the store (-before +after):\n%s", name, diff)
		}
	}
	st := stats(t, s)
	want := map[kb.Kind]int{kb.KindStandard: 2, kb.KindRegulation: 1, kb.KindNotification: 9, kb.KindMapping: 1, kb.KindRequirement: 2}
	if diff := cmp.Diff(want, st.Kinds); diff != "" {
		t.Errorf("records per kind (-want +got):\n%s", diff)
	}
	n, err := s.Notification(context.Background(), "G/TBT/N/KEN/1900")
	if err != nil || n.Title != "DEAS 1200:2025, Toilet soap — Specification" {
		t.Errorf("stored joint notification: %+v, %v", n, err)
	}
}

// TestImportFilesAllOrNothing: one bad file among good ones, and nothing
// of any of them is written; the error lists every file's problems.
func TestImportFilesAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	importFile(t, s, filepath.Join("testdata", "good.jsonl"))
	before := stats(t, s)

	dir := t.TempDir()
	fresh := filepath.Join(dir, "fresh.jsonl")
	writeFile(t, fresh, []byte(`{"kind":"standard","number":"ISO 14001:2015","title_en":"Environmental management systems"}`+"\n"))
	// A good file that would change a stored record, then two bad ones.
	changed := filepath.Join(dir, "changed.jsonl")
	writeFile(t, changed, []byte(`{"kind":"standard","number":"GB 6675.4-2014","title_en":"Toy safety, part 4"}`+"\n"))
	missing := filepath.Join(dir, "missing.jsonl")

	_, err := ImportFiles(ctx, s, fresh, changed, filepath.Join("testdata", "bad.jsonl"), filepath.Join("testdata", "eping_bad.csv"), missing)
	if err == nil {
		t.Fatal("ImportFiles with bad files succeeded")
	}
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Errorf("error %v has no *FileError", err)
	}
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("error does not report the missing file: %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"testdata/bad.jsonl:3: ", "testdata/eping_bad.csv:13: ", "missing.jsonl: no such file"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not contain %q:\n%s", want, msg)
		}
	}
	if diff := cmp.Diff(before, stats(t, s)); diff != "" {
		t.Errorf("a rejected import changed the store (-before +after):\n%s", diff)
	}
	if _, err := s.Standard(ctx, "ISO 14001:2015"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("record of the good file was written: %v", err)
	}

	res, err := ImportFiles(ctx, s, fresh, changed)
	if err != nil {
		t.Fatal(err)
	}
	want := []FileResult{
		{Path: fresh, Records: 1, ApplyResult: store.ApplyResult{Inserted: 1}},
		{Path: changed, Records: 1, ApplyResult: store.ApplyResult{Updated: 1}},
	}
	if diff := cmp.Diff(want, res); diff != "" {
		t.Errorf("ImportFiles (-want +got):\n%s", diff)
	}
	changes, err := s.Changes(ctx, before.ChangeCount, 10)
	if err != nil {
		t.Fatal(err)
	}
	var sources []string
	for _, c := range changes {
		sources = append(sources, c.Source+" "+string(c.Op)+" "+c.Key)
	}
	if diff := cmp.Diff([]string{"fresh.jsonl insert ISO 14001:2015", "changed.jsonl update GB 6675.4-2014"}, sources); diff != "" {
		t.Errorf("change log (-want +got):\n%s", diff)
	}
}

// TestImportValidates: records built in code go through the same checks
// as files, and a bad one keeps the whole batch out.
func TestImportValidates(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	before := stats(t, s)
	recs := []kb.Record{
		&kb.Standard{Number: "iso 9001 2015"},
		&kb.Mapping{Foreign: "ISO 9001:2015", Domestic: "GB/T 19001-2016", Degree: "identical"},
		nil,
		&kb.Standard{Number: "ISO 9001:2015"},
	}
	_, err := Import(ctx, s, "crawl:test", recs)
	want := `crawl:test:2: degree: degree "identical": want IDT, MOD or NEQ
crawl:test:3: nil record
crawl:test:4: duplicate standard "ISO 9001:2015" (first on line 1)`
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
	if diff := cmp.Diff(before, stats(t, s)); diff != "" {
		t.Errorf("a rejected batch changed the store (-before +after):\n%s", diff)
	}
	res, err := Import(ctx, s, "crawl:test", recs[:1])
	if err != nil || res != (store.ApplyResult{Inserted: 1}) {
		t.Errorf("Import(one standard) = %+v, %v", res, err)
	}
	if got := recs[0].Key(); got != "ISO 9001:2015" {
		t.Errorf("record not normalised in place: key %q", got)
	}
}

// TestExportImport: an export imported into a fresh store gives the same
// export, and importing it again anywhere changes nothing.
func TestExportImport(t *testing.T) {
	ctx := context.Background()
	a := openStore(t)
	importFile(t, a, filepath.Join("testdata", "good.jsonl"))
	importFile(t, a, filepath.Join("testdata", "eping.csv"))
	path := filepath.Join(t.TempDir(), "kb.jsonl")
	if err := ExportFile(ctx, a, path); err != nil {
		t.Fatal(err)
	}
	exported, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "store.export.golden", exported)

	if res := importFile(t, a, path); res.Inserted+res.Updated != 0 {
		t.Errorf("importing the export into its own store: %+v, want only unchanged", res)
	}
	b := openStore(t)
	res := importFile(t, b, path)
	if res.Inserted != 15 || res.Updated+res.Unchanged != 0 {
		t.Errorf("import into a fresh store: %+v, want 15 inserted", res)
	}
	if res := importFile(t, b, path); res != (store.ApplyResult{Unchanged: 15}) {
		t.Errorf("second import into the fresh store: %+v, want 15 unchanged", res)
	}
	var again bytes.Buffer
	if err := Export(ctx, b, &again); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(exported), again.String()); diff != "" {
		t.Errorf("export of the fresh store differs (-first +second):\n%s", diff)
	}
}

func TestExportFileKeepsOldOnError(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	importFile(t, s, filepath.Join("testdata", "good.jsonl"))
	dir := t.TempDir()
	path := filepath.Join(dir, "kb.jsonl")
	writeFile(t, path, []byte("old\n"))
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := ExportFile(cctx, s, path); err == nil {
		t.Fatal("ExportFile with a cancelled context succeeded")
	}
	if data, _ := os.ReadFile(path); string(data) != "old\n" {
		t.Errorf("failed export changed the file to %q", data)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("failed export left files behind: %v", entries)
	}
}
