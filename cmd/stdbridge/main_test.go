package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// stdbridge runs the command in-process and returns its output and exit code.
func stdbridge(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	if err != nil {
		errOut.WriteString("stdbridge: " + err.Error() + "\n")
		code = exitCode(err)
	}
	return out.String(), errOut.String(), code
}

func TestImportIsIdempotent(t *testing.T) {
	data := t.TempDir()
	out, stderr, code := stdbridge(t, "import", "-data", data, "testdata/extra.jsonl")
	if code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "2 records: 2 new, 0 updated, 0 unchanged") {
		t.Errorf("first import said:\n%s", out)
	}
	out, stderr, code = stdbridge(t, "import", "-data", data, "testdata/extra.jsonl")
	if code != 0 || !strings.Contains(out, "2 records: 0 new, 0 updated, 2 unchanged") || !strings.Contains(out, "index: 0 changes applied") {
		t.Errorf("second import: exit %d\n%s%s", code, out, stderr)
	}
}

func TestImportBadFileChangesNothing(t *testing.T) {
	data := t.TempDir()
	before, _, _ := stdbridge(t, "export", "-data", data)
	_, stderr, code := stdbridge(t, "import", "-data", data, "testdata/extra.jsonl", "testdata/bad.jsonl")
	if code != 1 {
		t.Fatalf("exit code %d, want 1", code)
	}
	for _, want := range []string{"bad.jsonl:2:", "bad.jsonl:3:", "gadget", "bad.jsonl:4:", "titel_zh"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("error output lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "bad.jsonl:1:") {
		t.Errorf("the good line 1 is reported:\n%s", stderr)
	}
	after, _, _ := stdbridge(t, "export", "-data", data)
	if before != after {
		t.Error("a rejected import changed the knowledge base (the good file beside it must not be imported either)")
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if _, stderr, code := stdbridge(t, "import", "-data", a, "testdata/extra.jsonl"); code != 0 {
		t.Fatal(stderr)
	}
	file := filepath.Join(t.TempDir(), "kb.jsonl")
	if _, stderr, code := stdbridge(t, "export", "-data", a, "-o", file); code != 0 {
		t.Fatal(stderr)
	}
	out, stderr, code := stdbridge(t, "import", "-data", b, file)
	if code != 0 {
		t.Fatal(stderr)
	}
	// b already holds the seed: only the two extra records are new, nothing is updated.
	if !strings.Contains(out, " 2 new, 0 updated, ") {
		t.Errorf("importing the export into a fresh store:\n%s", out)
	}
	exported, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	again, _, _ := stdbridge(t, "export", "-data", b)
	if again != string(exported) {
		t.Error("export of the re-imported data differs from the original export")
	}
}

func TestStats(t *testing.T) {
	out, stderr, code := stdbridge(t, "stats", "-data", t.TempDir())
	if code != 0 {
		t.Fatal(stderr)
	}
	for _, want := range []string{"records per kind:", "standard", "notifications per member", "EU European Union", "standards per publisher", "GB/T"} {
		if !strings.Contains(out, want) {
			t.Errorf("stats output lacks %q:\n%s", want, out)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{nil, "no command given"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"import", "-data", "x"}, "name at least one file"},
		{[]string{"stats", "-nope"}, "flag provided but not defined"},
		{[]string{"stats", "extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		_, stderr, code := stdbridge(t, tt.args...)
		if code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("stdbridge %v: exit %d, stderr %q; want exit 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
}

func TestImportMissingFile(t *testing.T) {
	_, stderr, code := stdbridge(t, "import", "-data", t.TempDir(), "testdata/no-such-file.jsonl")
	if code != 1 || !strings.Contains(stderr, "no-such-file.jsonl") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestReindex(t *testing.T) {
	dir := t.TempDir()
	out, stderr, code := stdbridge(t, "reindex", "-data", dir)
	if code != 0 || !strings.Contains(out, "records into gen-") {
		t.Fatalf("reindex: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	current, err := os.ReadFile(filepath.Join(dir, "index", "current"))
	if err != nil || !strings.Contains(out, strings.TrimSpace(string(current))) {
		t.Errorf("reindex said %q; current generation is %q (%v)", out, current, err)
	}
}
