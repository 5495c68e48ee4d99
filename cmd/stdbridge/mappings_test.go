package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestEvalMappings(t *testing.T) {
	out, stderr, code := stdbridge(t, "eval-mappings")
	if code != 0 {
		t.Fatalf("eval-mappings: exit %d: %s", code, stderr)
	}
	for _, re := range []string{`(?m)^pairs (8\d|9\d|\d{3})$`, `(?m)^top-1 0\.\d\d$`, `(?m)^recall@5 (0\.\d\d|1\.00)$`} {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("output lacks %s:\n%s", re, out)
		}
	}
	// A pairs file of its own: one pair, found first.
	f := filepath.Join(t.TempDir(), "pairs.tsv")
	os.WriteFile(f, []byte("ISO 9001:2015\tGB/T 19001-2016\tIDT\n"), 0o644)
	out, _, code = stdbridge(t, "eval-mappings", "-pairs", f)
	if code != 0 || !strings.Contains(out, "pairs 1\ntop-1 1.00\nrecall@5 1.00\n") {
		t.Errorf("eval-mappings -pairs: exit %d:\n%s", code, out)
	}
}

func TestSuggest(t *testing.T) {
	data := t.TempDir()
	out, stderr, code := stdbridge(t, "suggest", "-data", data, "-n", "3", "ISO 9001:2015")
	if code != 0 {
		t.Fatalf("suggest: exit %d: %s", code, stderr)
	}
	if !regexp.MustCompile(`(?m)^1\s+GB/T 19001-2016\s+\d+\.\d\d\s+IDT\s.*adoption \+10\.0`).MatchString(out) {
		t.Errorf("GB/T 19001-2016 is not first, as the adopting standard:\n%s", out)
	}
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"suggest", "-data", data}, 2, "name one standard number"},
		{[]string{"suggest", "-data", data, "-n", "0", "ISO 9001"}, 2, "-n must be at least 1"},
		{[]string{"suggest", "-data", data, "Regulation (EU) 9999/1"}, 1, "is not a standard number, a WTO symbol or a regulation"},
		{[]string{"eval-mappings", "-pairs", filepath.Join(data, "missing.tsv")}, 1, "no such file"},
	} {
		_, stderr, code := stdbridge(t, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("stdbridge %v: exit %d, stderr %q; want exit %d and %q", tt.args, code, stderr, tt.code, tt.want)
		}
	}
}

func TestExportContent(t *testing.T) {
	data, dir := t.TempDir(), t.TempDir()
	extra := filepath.Join(t.TempDir(), "curated.jsonl")
	os.WriteFile(extra, []byte(`{"kind":"mapping","foreign":"ISO 9999:2022","domestic":"GB/T 99999-2023","degree":"IDT","status":"approved"}`+"\n"+
		`{"kind":"mapping","foreign":"ISO 9998:2022","domestic":"GB/T 99998-2023","status":"proposed"}`+"\n"), 0o644)
	if _, stderr, code := stdbridge(t, "import", "-data", data, extra); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	out, stderr, code := stdbridge(t, "export-content", "-data", data, "-dir", dir)
	if code != 0 || !strings.Contains(out, "added to") {
		t.Fatalf("export-content: exit %d\n%s%s", code, out, stderr)
	}
	written, _ := os.ReadFile(filepath.Join(dir, "curated.jsonl"))
	if !strings.Contains(string(written), `"foreign":"ISO 9999:2022"`) || strings.Contains(string(written), "ISO 9998") {
		t.Errorf("curated.jsonl holds the approved mapping and not the proposed one? got:\n%s", written)
	}
	if _, stderr, code := stdbridge(t, "export-content", "-data", data, "-dir", filepath.Join(dir, "missing")); code != 2 || !strings.Contains(stderr, "not a directory") {
		t.Errorf("export-content to a missing directory: exit %d, %s", code, stderr)
	}
}
