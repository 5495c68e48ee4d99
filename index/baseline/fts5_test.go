package baseline

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/index"
)

func TestParseFTSQuery(t *testing.T) {
	tests := []struct {
		q    string
		want ftsQuery
	}{
		{"", ftsQuery{}},
		{"  \t ", ftsQuery{}},
		{"toy safety", ftsQuery{match: `"toy" OR "safety"`}},
		{"GB/T 19001-2016", ftsQuery{match: `"GB/T" OR "19001-2016"`}},
		{"玩具安全 铅", ftsQuery{match: `"玩具安全"`, likes: []string{"%铅%"}}},
		{"玩具 GB", ftsQuery{likes: []string{"%玩具%", "%GB%"}}},
		{"toy toy", ftsQuery{match: `"toy"`}},
		{`say "hi"`, ftsQuery{match: `"say" OR """hi"""`}},
		{`a"b`, ftsQuery{match: `"a""b"`}},
		{`NEAR(a b) OR c*`, ftsQuery{match: `"NEAR(a"`, likes: []string{"%b)%", "%OR%", "%c*%"}}},
		{`5% _ \x`, ftsQuery{likes: []string{`%5\%%`, `%\_%`, `%\\x%`}}},
		{`50% a_b`, ftsQuery{match: `"50%" OR "a_b"`}}, // no LIKE, no wildcards
		{"ab\x00c \xffxyz", ftsQuery{match: `"abc" OR "xyz"`}},
	}
	for _, tt := range tests {
		if d := cmp.Diff(tt.want, parseFTSQuery(tt.q), cmp.AllowUnexported(ftsQuery{})); d != "" {
			t.Errorf("parseFTSQuery(%q) (-want +got):\n%s", tt.q, d)
		}
	}
}

// Nothing a user types is FTS5 or SQL syntax: a hostile query is an
// error-free search for its characters.
func TestFTS5HostileQueries(t *testing.T) {
	ctx := context.Background()
	f, err := NewFTS5(filepath.Join(t.TempDir(), "fts.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Put(ctx, testRecords(t)...); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    string
		hits int
	}{
		{`"`, 0},
		{`"""`, 0},
		{`"toy`, 0}, // the quote is part of the term
		{`*`, 0},
		{`toy*`, 0},
		{`NEAR(toy safety)`, 0},
		{`NEAR(`, 0},
		{`)`, 0},
		{`-`, 2},     // the standard numbers
		{`- toy`, 4}, // and the toy records
		{`OR`, 2},    // a word like any other, and LIKE ignores case: the "for" of two records
		{`AND NOT`, 0},
		{`title:toy`, 0},
		{`{title body}:toy`, 0},
		{`^toy`, 0},
		{`'; DROP TABLE fts; --`, 0},
		{"\x00", 0},
		{"toy\x00", 3},
		{`%`, 0}, // a literal: as a LIKE wildcard it would match every record
		{`_`, 0},
	}
	for _, tt := range tests {
		res, err := f.Search(ctx, index.Request{Query: tt.q})
		if err != nil {
			t.Errorf("%q: %v", tt.q, err)
			continue
		}
		if res.Total != tt.hits || len(res.Hits) != tt.hits {
			t.Errorf("%q: total %d, hits %q, want %d", tt.q, res.Total, keys(res), tt.hits)
		}
	}
	res, err := f.Search(ctx, index.Request{Query: "imidacloprid"})
	if err != nil || res.Total != 1 {
		t.Errorf("the table survived no hostile query: %v, %+v", err, res)
	}
}

func FuzzFTS5Search(f *testing.F) {
	ctx := context.Background()
	fts, err := NewFTS5(filepath.Join(f.TempDir(), "fts.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer fts.Close()
	if err := fts.Put(ctx, testRecords(f)...); err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"toy", `"`, `NEAR(a b)`, "a OR b", "玩具 铅", "%_\\", "\x00", "\xff\xfe", "col:x", "x*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		res, err := fts.Search(ctx, index.Request{Query: q, Limit: 5})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if len(res.Hits) > 5 || res.Total < len(res.Hits) {
			t.Fatalf("%q: %d hits of %d, limit 5", q, len(res.Hits), res.Total)
		}
	})
}
