package eval

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/index/baseline"
	"github.com/stdbridge/stdbridge/internal/golden"
	"github.com/stdbridge/stdbridge/kb"
)

// fixed answers each query text with a fixed list of hits, so that the
// expected metrics can be worked out by hand.
type fixed struct {
	hits   map[string][]index.Hit
	limits []int // the Limit of every request
}

func (f *fixed) Search(_ context.Context, r index.Request) (*index.Result, error) {
	f.limits = append(f.limits, r.Limit)
	if strings.HasPrefix(r.Query, "fail") {
		return nil, errors.New("engine broke")
	}
	h := f.hits[r.Query]
	return &index.Result{Total: len(h), Hits: h}, nil
}

func std(keys ...string) []index.Hit {
	var out []index.Hit
	for _, k := range keys {
		out = append(out, index.Hit{Kind: kb.KindStandard, Key: k})
	}
	return out
}

var (
	testQueries = []Query{
		{ID: "q1", Text: "quality", Group: "words", Line: 2},
		{ID: "q2", Text: "toys", Group: "words", Line: 3},
		{ID: "q3", Text: "unjudged", Group: "words", Line: 4},
		{ID: "n1", Text: "GB 6675.4", Group: "编号", Line: 6},
	}
	testQrels = Qrels{Grades: map[string]map[string]int{
		"q1": {"standard:A": 3, "standard:B": 1},
		"q2": {"standard:C": 1, "standard:X": 0},
		"q3": {"standard:X": 0},
		"n1": {"standard:D": 2},
	}}
	testHits = map[string][]index.Hit{
		"quality":   std("A", "B", "A"),
		"toys":      std("X", "C", "C"),
		"unjudged":  std("X"),
		"GB 6675.4": nil,
	}
)

func TestRun(t *testing.T) {
	s := &fixed{hits: testHits}
	got, err := Run(context.Background(), s, testQueries, testQrels, 20)
	if err != nil {
		t.Fatal(err)
	}
	want := Report{
		Depth: 20,
		Queries: []QueryResult{
			{Query: testQueries[0], Relevant: 2, Retrieved: 3, Metrics: Metrics{NDCG: 1, MRR: 1, Recall: 1}},
			// C at rank 2 is the only relevant doc: nDCG = (1/log2(3)) / 1
			{Query: testQueries[1], Relevant: 1, Retrieved: 3, Metrics: Metrics{NDCG: 0.6309297535714575, MRR: 0.5, Recall: 1}},
			{Query: testQueries[2], Relevant: 0, Retrieved: 1},
			{Query: testQueries[3], Relevant: 1, Retrieved: 0},
		},
		Mean:      Metrics{NDCG: (1 + 0.6309297535714575) / 3, MRR: 0.5, Recall: 2.0 / 3},
		Evaluated: 3,
	}
	if d := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); d != "" {
		t.Errorf("report (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]int{20, 20, 20, 20}, s.limits); d != "" {
		t.Errorf("limits asked for (-want +got):\n%s", d)
	}
}

// Hits beyond the depth asked for do not count.
func TestRunCutsAtDepth(t *testing.T) {
	var keys []string
	for i := range 30 {
		keys = append(keys, string(rune('a'+i)))
	}
	s := &fixed{hits: map[string][]index.Hit{"many": std(keys...)}}
	qrels := Qrels{Grades: map[string]map[string]int{"q": {"standard:" + keys[25]: 1}}}
	rep, err := Run(context.Background(), s, []Query{{ID: "q", Text: "many"}}, qrels, 25)
	if err != nil {
		t.Fatal(err)
	}
	if q := rep.Queries[0]; q.Retrieved != 25 || q.Metrics != (Metrics{}) {
		t.Errorf("got %+v, want 25 hits and nothing found", q)
	}
}

func TestRunErrors(t *testing.T) {
	ctx := context.Background()
	s := &fixed{hits: testHits}
	tests := []struct {
		name    string
		queries []Query
		qrels   Qrels
		depth   int
		want    string
	}{
		{"shallow", testQueries, testQrels, 10, "run: depth 10: want at least 20, the cut-off of Recall@20"},
		{"unknown query", testQueries[:1], testQrels, 20, "run: qrels: query n1 is judged but not in the queries file\nquery q2 is judged but not in the queries file\nquery q3 is judged but not in the queries file"},
		{"search fails", []Query{testQueries[0], {ID: "f1", Text: "fail now"}}, Qrels{}, 20, `run: query f1 "fail now": engine broke`},
	}
	for _, tt := range tests {
		_, err := Run(ctx, s, tt.queries, tt.qrels, tt.depth)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestReportTable(t *testing.T) {
	rep, err := Run(context.Background(), &fixed{hits: testHits}, testQueries, testQrels, 20)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	n, err := rep.WriteTo(&b)
	if err != nil || n != int64(b.Len()) {
		t.Fatalf("WriteTo: %d, %v; wrote %d", n, err, b.Len())
	}
	golden.Check(t, "report.golden", []byte(b.String()))
}

func TestCompare(t *testing.T) {
	ctx := context.Background()
	good, err := Run(ctx, &fixed{hits: testHits}, testQueries, testQrels, 20)
	if err != nil {
		t.Fatal(err)
	}
	poor, err := Run(ctx, &fixed{hits: map[string][]index.Hit{"quality": std("B"), "GB 6675.4": std("D")}}, testQueries, testQrels, 20)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := Compare(&b, NamedReport{"stdbridge", good}, NamedReport{"fts5-trigram", poor}); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "compare.golden", []byte(b.String()))

	// Without groups there is only the overall mean.
	var plain []Query
	for _, q := range testQueries {
		q.Group = ""
		plain = append(plain, q)
	}
	rep, err := Run(ctx, &fixed{hits: testHits}, plain, testQrels, 20)
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if err := Compare(&b, NamedReport{"stdbridge", rep}); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "compare-ungrouped.golden", []byte(b.String()))
}

func TestCompareErrors(t *testing.T) {
	ctx := context.Background()
	a, err := Run(ctx, &fixed{hits: testHits}, testQueries, testQrels, 20)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Run(ctx, &fixed{hits: testHits}, testQueries[:1], Qrels{}, 20)
	if err != nil {
		t.Fatal(err)
	}
	if err := Compare(&strings.Builder{}); err == nil || err.Error() != "compare: no reports" {
		t.Errorf("no reports: %v", err)
	}
	if err := Compare(&strings.Builder{}, NamedReport{"a", a}, NamedReport{"b", b}); err == nil || err.Error() != "compare: a and b were run on different queries" {
		t.Errorf("different queries: %v", err)
	}
}

// Run drives real engines: the baselines and stdbridge's own index.
func TestRunEngines(t *testing.T) {
	ctx := context.Background()
	recs := []kb.Record{
		&kb.Standard{Number: "GB/T 19001-2016", TitleZh: "质量管理体系 要求", TitleEn: "Quality management systems—Requirements"},
		&kb.Standard{Number: "GB 6675.4-2014", TitleZh: "玩具安全 第4部分：特定元素的迁移", TitleEn: "Safety of toys—Part 4: Migration of certain elements"},
		&kb.Notification{Symbol: "G/SPS/N/JPN/1234", Title: "Maximum residue limits for pesticides", Description: "Limits for imidacloprid in fruit."},
	}
	for _, r := range recs {
		if err := r.Normalize(); err != nil {
			t.Fatal(err)
		}
	}
	queries, err := ReadQueries(strings.NewReader("# numbers\nn1\tGB/T 19001-2016\n# words\nw1\timidacloprid\nw2\t质量管理体系\n"))
	if err != nil {
		t.Fatal(err)
	}
	qrels, err := ReadQrels(strings.NewReader("n1 0 standard:GB/T 19001-2016 3\nw1 0 notification:G/SPS/N/JPN/1234 2\nw2 0 standard:GB/T 19001-2016 3\n"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	fts, err := baseline.NewFTS5(filepath.Join(dir, "fts.db"))
	if err != nil {
		t.Fatal(err)
	}
	cjk, err := baseline.NewCJKMemory()
	if err != nil {
		t.Fatal(err)
	}
	own, err := index.NewMemory(index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, e := range map[string]index.Engine{"fts5": fts, "cjk": cjk, "stdbridge": own} {
		t.Run(name, func(t *testing.T) {
			defer e.Close()
			if err := e.Put(ctx, recs...); err != nil {
				t.Fatal(err)
			}
			rep, err := Run(ctx, e, queries, qrels, 20)
			if err != nil {
				t.Fatal(err)
			}
			// Each query has one relevant record, which every engine
			// finds first.
			if d := cmp.Diff(Metrics{NDCG: 1, MRR: 1, Recall: 1}, rep.Mean, cmpopts.EquateApprox(0, 1e-12)); d != "" {
				t.Errorf("mean (-want +got):\n%s", d)
			}
		})
	}
}
