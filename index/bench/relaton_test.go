package bench

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/internal/golden"
	"github.com/stdbridge/stdbridge/kb"
)

func jsonLines(t *testing.T, recs []kb.Record) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

func TestLoadRelaton(t *testing.T) {
	rl := &Relaton{Paths: []string{"testdata/relaton"}}
	var got []kb.Record
	for r, err := range rl.Records() {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	// The directory's files are read in name order: iec_ before iso_.
	golden.Check(t, "relaton.golden.jsonl", jsonLines(t, got))
	counts := map[string]int{"read": rl.Read, "skipped": rl.Skipped, "duplicates": rl.Duplicates}
	if d := cmp.Diff(map[string]int{"read": 10, "skipped": 2, "duplicates": 1}, counts); d != "" {
		t.Errorf("counts (-want +got):\n%s", d)
	}
	if len(rl.Examples) != 2 || !strings.Contains(rl.Examples[0], "CISPR 11:2015 RLV") {
		t.Errorf("examples of skipped lines: %q", rl.Examples)
	}
	// Ranging again reads again, with fresh counts.
	n := 0
	for range rl.Records() {
		n++
	}
	if n != len(got) || rl.Read != 10 {
		t.Errorf("second pass: %d records, %d lines read; want %d, 10", n, rl.Read, len(got))
	}
}

func TestLoadRelatonPathsAndLimit(t *testing.T) {
	tests := []struct {
		path  string
		limit int
		want  []string
	}{
		{"testdata/relaton/iso_sample.jsonl.gz", 0, []string{"ISO 8124-3:2020", "ISO 8124-3:2010", "ISO 9999:1980", "ISO/TS 13399-70:2016"}},
		{"testdata/relaton/iso_sample.jsonl.gz", 2, []string{"ISO 8124-3:2020", "ISO 8124-3:2010"}},
		{"testdata/relaton", 1, []string{"IEC 60335-2-24:2020/AMD1:2022"}},
		{"testdata/plain", 0, []string{"IEC 60335-2-24:2020/AMD1:2022"}},
		{"testdata/plain/catalogue.jsonl", 0, []string{"IEC 60335-2-24:2020/AMD1:2022"}},
	}
	for _, tt := range tests {
		var keys []string
		for r, err := range LoadRelaton(tt.path, tt.limit) {
			if err != nil {
				t.Fatalf("%s: %v", tt.path, err)
			}
			keys = append(keys, r.Key())
		}
		if d := cmp.Diff(tt.want, keys); d != "" {
			t.Errorf("LoadRelaton(%s, %d) (-want +got):\n%s", tt.path, tt.limit, d)
		}
	}
}

func TestLoadRelatonErrors(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		path string
		want string // in the error
		recs int    // records yielded before it
	}{
		{"testdata/missing.jsonl.gz", "no such file", 0},
		{empty, "no .jsonl.gz or .jsonl file", 0},
		{"testdata/bad.jsonl", "bad.jsonl:2: not a catalogue record", 1},
		{"testdata/plain/catalogue.jsonl.gz", "no such file", 0},
		{"corpus.go", "corpus.go:1: not a catalogue record", 0},
	}
	for _, tt := range tests {
		var err error
		recs := 0
		for r, e := range LoadRelaton(tt.path, 0) {
			if e != nil {
				err = e
				break
			}
			if r == nil {
				t.Fatalf("%s: nil record without an error", tt.path)
			}
			recs++
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.path, err, tt.want)
		}
		if recs != tt.recs {
			t.Errorf("%s: %d records before the error, want %d", tt.path, recs, tt.recs)
		}
	}
	// A gzip file that is not gzip.
	bad := filepath.Join(t.TempDir(), "x.jsonl.gz")
	os.WriteFile(bad, []byte("plain text"), 0o644)
	for _, err := range LoadRelaton(bad, 0) {
		if err == nil || !strings.Contains(err.Error(), "gzip") {
			t.Errorf("not gzip: error %v", err)
		}
	}
}

func TestRelatonStatus(t *testing.T) {
	tests := map[string]kb.Status{
		"60": kb.StatusCurrent, "90": kb.StatusCurrent, "PUBLISHED": kb.StatusCurrent,
		"95": kb.StatusWithdrawn, "REVISED": kb.StatusWithdrawn, "REPLACED": kb.StatusWithdrawn, "WITHDRAWN": kb.StatusWithdrawn,
		"40": "", "": "", "50": "",
	}
	for stage, want := range tests {
		if got := relatonStatus(stage); got != want {
			t.Errorf("relatonStatus(%q) = %q, want %q", stage, got, want)
		}
	}
}

// FuzzParseRelatonLine: any line either fails cleanly or gives a
// canonical standard.
func FuzzParseRelatonLine(f *testing.F) {
	for _, name := range []string{"testdata/relaton/iso_sample.jsonl.gz", "testdata/relaton/iec_sample.jsonl.gz"} {
		file, err := os.Open(name)
		if err != nil {
			f.Fatal(err)
		}
		gz, err := gzip.NewReader(file)
		if err != nil {
			f.Fatal(err)
		}
		sc := bufio.NewScanner(gz)
		for sc.Scan() {
			f.Add(append([]byte(nil), sc.Bytes()...))
		}
		file.Close()
	}
	f.Add([]byte(`{"docid": "GB/T 19001-2016", "ics": [[]], "dates": null, "relations": {"updates": [""]}}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, line []byte) {
		s, err := parseRelatonLine(line)
		if err != nil {
			if s != nil {
				t.Fatal("record and error")
			}
			return
		}
		before, _ := json.Marshal(s)
		if err := s.Normalize(); err != nil {
			t.Fatalf("parsed record does not normalise: %v", err)
		}
		if after, _ := json.Marshal(s); !bytes.Equal(before, after) {
			t.Fatalf("parsed record not canonical:\n%s\n%s", before, after)
		}
	})
}
