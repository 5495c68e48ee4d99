package ingest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store/sqlite"
)

// Curated records written back into content files come back exactly when
// those files are imported again, and the lines nobody changed stay as
// they were written.
func TestWriteContentRoundTrip(t *testing.T) {
	dir := t.TempDir()
	hand := "// toys, by hand\n" +
		`{"kind": "mapping", "status": "approved", "foreign": "ISO 8124-1:2018", "domestic": "GB 6675.2-2014", "degree": "MOD"}` + "\n" +
		`{"kind": "requirement", "source": "GB 6675.4-2014", "topic": "toy-element-migration", "parameter": "lead", "comparator": "<=", "limit": "90", "unit": "mg/kg"}` + "\n" +
		`{"kind": "requirement", "source": "EN 71-3:2019", "topic": "toy-element-migration", "parameter": "lead", "comparator": "<=", "limit": "23", "unit": "mg/kg"}` + "\n"
	path := filepath.Join(dir, "mappings-toys.jsonl")
	if err := os.WriteFile(path, []byte(hand), 0o644); err != nil {
		t.Fatal(err)
	}
	recs := []kb.Record{
		// unchanged, written differently
		&kb.Mapping{Foreign: "iso 8124-1:2018", Domestic: "GB 6675.2-2014", Degree: "MOD", Status: kb.MappingApproved},
		// changed: the limit was corrected
		&kb.Requirement{Source: "EN 71-3:2019", Topic: "toy-element-migration", Parameter: "lead", Comparator: "<=", Limit: "2.0", Unit: "mg/kg", Notes: "Category I"},
		// new
		&kb.Mapping{Foreign: "ISO 9001:2015", Domestic: "GB/T 19001-2016", Degree: "IDT", Status: kb.MappingApproved, Deviations: "- none"},
	}
	res, err := WriteContent(dir, "curated.jsonl", recs)
	if err != nil {
		t.Fatal(err)
	}
	if res.Unchanged != 1 || res.Replaced != 1 || res.Added != 1 {
		t.Errorf("result = %+v; want 1 unchanged, 1 replaced, 1 added", res)
	}
	got, _ := os.ReadFile(path)
	lines := strings.Split(string(got), "\n")
	if lines[0] != "// toys, by hand" || lines[1] != strings.Split(hand, "\n")[1] || lines[2] != strings.Split(hand, "\n")[2] {
		t.Errorf("untouched lines changed:\n%s", got)
	}
	if !strings.Contains(lines[3], `"limit":"2.0"`) {
		t.Errorf("the corrected requirement was not written in place: %q", lines[3])
	}

	// Import the files into a fresh store: every record is there as given.
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	files, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if _, err := ImportFiles(context.Background(), st, files...); err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		stored, err := st.Get(context.Background(), r.Kind(), r.Key())
		if err != nil {
			t.Fatalf("%s %s after the round trip: %v", r.Kind(), r.Key(), err)
		}
		var a, b bytes.Buffer
		WriteJSONL(&a, r)
		WriteJSONL(&b, stored)
		if a.String() != b.String() {
			t.Errorf("round trip changed %s:\n want %s got %s", r.Key(), a.String(), b.String())
		}
	}
	// Writing the same records again changes nothing.
	if res, err := WriteContent(dir, "curated.jsonl", recs); err != nil || res.Replaced+res.Added != 0 || len(res.Files) != 0 {
		t.Errorf("second write = %+v, %v; want nothing written", res, err)
	}
}
