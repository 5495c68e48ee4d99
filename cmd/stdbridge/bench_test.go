package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// asMainEnv makes the test binary run as stdbridge: bench measures each
// engine by running its own executable again, which in a test is this
// binary.
const asMainEnv = "STDBRIDGE_TEST_AS_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(asMainEnv) == "1" {
		main() // exits on error
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestBenchUsageErrors(t *testing.T) {
	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "x"), nil, 0o644)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-docs", "0"}, "-docs must be positive"},
		{[]string{"-queries", "-1"}, "-queries must be positive"},
		{[]string{"-rounds", "0"}, "-rounds must be positive"},
		{[]string{"-batch", "0"}, "-batch must be positive"},
		{[]string{"-workers", "0"}, "-workers must be between 1 and 64"},
		{[]string{"-workers", "65"}, "-workers must be between 1 and 64"},
		{[]string{"-engines", "lucene"}, `unknown engine "lucene" (want stdbridge, bleve-cjk)`},
		{[]string{"-engines", "stdbridge,stdbridge"}, `engine "stdbridge" named twice`},
		{[]string{"-engines", " , "}, "-engines names no engine"},
		{[]string{"-format", "xml"}, `unknown -format "xml"`},
		{[]string{"-corpus", filepath.Join(full, "missing")}, "-corpus: stat"},
		{[]string{"-dir", full}, "is not empty"},
		{[]string{"-docs", "many"}, `invalid value "many" for flag -docs`},
		{[]string{"-nope"}, "flag provided but not defined: -nope"},
		{[]string{"extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, stderr, code := stdbridge(t, append([]string{"bench"}, tt.args...)...)
			if code != 2 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q", code, stderr, tt.want)
			}
			if out != "" {
				t.Errorf("stdout: %q", out)
			}
		})
	}
}

// TestBench runs both engines for real, each phase in a process of its
// own, and checks that the figures come back from the children.
func TestBench(t *testing.T) {
	t.Setenv(asMainEnv, "1")
	dir := filepath.Join(t.TempDir(), "indexes")
	prof := filepath.Join(t.TempDir(), "prof")
	out, stderr, code := stdbridge(t, "bench", "-docs", "300", "-queries", "20", "-rounds", "2", "-batch", "64", "-workers", "2",
		"-format", "csv", "-dir", dir, "-cpuprofile", prof)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 3 {
		t.Fatalf("CSV (%v):\n%s", err, out)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	for i, engine := range []string{"stdbridge", "bleve-cjk"} {
		r := rows[i+1]
		num := func(name string) float64 {
			v, err := strconv.ParseFloat(r[col[name]], 64)
			if err != nil {
				t.Fatalf("%s %s: %v", engine, name, err)
			}
			return v
		}
		if r[col["engine"]] != engine || num("docs") != 300 || num("searches") != 40 || r[col["separate"]] != "true" || num("workers") != 2 {
			t.Errorf("row %d: %v", i+1, r)
		}
		for _, name := range []string{"docs_per_s", "disk_bytes", "load_hwm_bytes", "p50_ms", "p99_ms", "serve_hwm_bytes", "serve_heap_peak_bytes"} {
			if num(name) <= 0 {
				t.Errorf("%s: %s is %v", engine, name, num(name))
			}
		}
		// Kept, as -dir asks.
		if _, err := os.Stat(filepath.Join(dir, engine+".bleve")); err != nil {
			t.Errorf("%s index not kept: %v", engine, err)
		}
		for _, phase := range []string{"load", "serve"} {
			if fi, err := os.Stat(prof + "." + engine + "." + phase + ".pprof"); err != nil || fi.Size() == 0 {
				t.Errorf("%s %s profile: %v", engine, phase, err)
			}
		}
	}
	for _, want := range []string{"engine=stdbridge phase=load", "msg=indexed", "engine=bleve-cjk phase=serve", "msg=queried"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("progress lacks %q:\n%s", want, stderr)
		}
	}
}

func TestBenchRelaton(t *testing.T) {
	t.Setenv(asMainEnv, "1")
	out, stderr, code := stdbridge(t, "bench", "-corpus", "../../index/bench/testdata/relaton", "-queries", "10", "-rounds", "1",
		"-engines", "bleve-cjk", "-format", "markdown")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	// Seven standards in the sample (two lines are not standards, one
	// repeats), so seven queries, one from each.
	for _, want := range []string{"Relaton catalogue relaton, 7 records (10 lines; 2 skipped, 1 duplicates;", "7 queries × 1 rounds",
		"| | bleve-cjk | target |", "| records | 7 |", "| query p99 ms |", "slowest queries of bleve-cjk"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "stdbridge |") {
		t.Errorf("measured an engine not asked for:\n%s", out)
	}
}

func TestBenchEmptyCatalogue(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "empty.jsonl")
	os.WriteFile(empty, nil, 0o644)
	_, stderr, code := stdbridge(t, "bench", "-corpus", empty, "-engines", "bleve-cjk")
	if code != 1 || !strings.Contains(stderr, "no standards in "+empty+" (0 lines read, 0 skipped)") {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
}

func TestBenchChildErrors(t *testing.T) {
	tests := []struct{ job, want string }{
		{`{"phase": "load"`, "read the job"},
		{`{"phase": "load", "engine": "x", "extra": 1}`, `unknown field "extra"`},
		{`{"phase": "load", "engine": "lucene"}`, `unknown engine "lucene"`},
		{`{"phase": "merge", "engine": "bleve-cjk"}`, `unknown phase "merge"`},
		{`{"phase": "serve", "engine": "bleve-cjk", "dir": "/nonexistent", "queries": ["toys"]}`, "bench bleve-cjk, serve: bench: no index at"},
		{`{"phase": "load", "engine": "bleve-cjk", "dir": "."}`, "bench bleve-cjk, load: bench: index directory . already exists"},
	}
	for _, tt := range tests {
		var out strings.Builder
		err := runBenchChild(context.Background(), strings.NewReader(tt.job), &out, &out)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("job %s: error %v, want %q", tt.job, err, tt.want)
		}
	}
}
