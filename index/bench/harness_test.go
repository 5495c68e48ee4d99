package bench

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"iter"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/index/baseline"
	"github.com/stdbridge/stdbridge/internal/golden"
	"github.com/stdbridge/stdbridge/kb"
)

// faulty is a real CJK index whose Put or Search fails as a broken disk
// would make them: the harness's error paths need an engine that fails.
type faulty struct {
	index.Engine
	put, search error
}

func (f faulty) Put(ctx context.Context, recs ...kb.Record) error {
	if f.put != nil {
		return f.put
	}
	return f.Engine.Put(ctx, recs...)
}

func (f faulty) Search(ctx context.Context, r index.Request) (*index.Result, error) {
	if f.search != nil {
		return nil, f.search
	}
	return f.Engine.Search(ctx, r)
}

func faultyEngine(put, search error) NamedEngine {
	return NamedEngine{Name: "faulty", Open: func(dir string) (index.Engine, error) {
		e, err := baseline.NewCJK(dir)
		if err != nil {
			return nil, err
		}
		return faulty{e, put, search}, nil
	}}
}

func TestLoadServe(t *testing.T) {
	ctx := context.Background()
	queries := Queries(60, 1)
	for _, e := range []NamedEngine{Stdbridge(nil, nil), BleveCJK()} {
		t.Run(e.Name, func(t *testing.T) {
			var served []ServeResult
			for _, workers := range []int{1, 3} {
				dir := filepath.Join(t.TempDir(), "ix")
				l, err := Load(ctx, LoadConfig{Engine: e, Dir: dir, Docs: Source(Generate(500, 1)), BatchSize: 64, Workers: workers})
				if err != nil {
					t.Fatal(err)
				}
				if l.Docs != 500 {
					t.Errorf("workers %d: %d docs indexed, want 500", workers, l.Docs)
				}
				if !(l.Index > 0 && l.Corpus > 0 && l.DocsPerSec == float64(l.Docs)/l.Index.Seconds()) {
					t.Errorf("workers %d: %v to index, %v producing, %v docs/s", workers, l.Index, l.Corpus, l.DocsPerSec)
				}
				if l.Disk <= 0 || l.HeapPeak == 0 || l.RSSStart == 0 || l.HWM == 0 || l.AnonPeak == 0 {
					t.Errorf("workers %d: disk %d, heap peak %d, RSS %d before and %d peak, %d anonymous", workers, l.Disk, l.HeapPeak, l.RSSStart, l.HWM, l.AnonPeak)
				}
				s, err := Serve(ctx, ServeConfig{Engine: e, Dir: dir, Queries: queries, Rounds: 2})
				if err != nil {
					t.Fatal(err)
				}
				if s.Searches != 120 {
					t.Errorf("%d searches, want 60 queries × 2 rounds", s.Searches)
				}
				if !(0 < s.P50 && s.P50 <= s.P90 && s.P90 <= s.P99 && s.P99 <= s.Max && s.Mean <= s.Max) {
					t.Errorf("latencies p50 %v p90 %v p99 %v mean %v max %v", s.P50, s.P90, s.P99, s.Mean, s.Max)
				}
				if s.ZeroHit >= len(queries)/2 || s.MeanHits == 0 {
					t.Errorf("%d of %d queries found nothing, %v hits on average", s.ZeroHit, len(queries), s.MeanHits)
				}
				if s.Open <= 0 || s.HeapPeak == 0 || s.RSSPeak == 0 || s.HWM == 0 || s.AnonPeak == 0 || s.FilePeak == 0 {
					t.Errorf("open %v, heap %d, RSS %d (%d anonymous, %d files), peak RSS %d", s.Open, s.HeapPeak, s.RSSPeak, s.AnonPeak, s.FilePeak, s.HWM)
				}
				served = append(served, s)
			}
			// Batches indexed side by side make nearly the same index:
			// a record is indexed with words of others (a mapping with
			// its standard's title, a standard with its equivalents'),
			// found in its batch or among those indexed before it, so
			// with several workers a few of those words depend on which
			// batch came first.
			if a, b := served[0], served[1]; a.ZeroHit != b.ZeroHit || math.Abs(a.MeanHits-b.MeanHits) > 0.02*a.MeanHits {
				t.Errorf("one worker: %d no-hit, %v mean hits; three: %d, %v", a.ZeroHit, a.MeanHits, b.ZeroHit, b.MeanHits)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	ctx := context.Background()
	docs := Source(Generate(50, 1))
	failing := func(yield func(kb.Record, error) bool) {
		for r := range Generate(10, 1) {
			if !yield(r, nil) {
				return
			}
		}
		yield(nil, errors.New("disk on fire"))
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	cjk := BleveCJK()
	tests := []struct {
		name string
		ctx  context.Context
		cfg  LoadConfig
		want string
	}{
		{"no open", ctx, LoadConfig{Engine: NamedEngine{Name: "a"}, Docs: docs}, `engine "a" has no Open function`},
		{"no corpus", ctx, LoadConfig{Engine: cjk}, "no corpus"},
		{"no dir", ctx, LoadConfig{Engine: cjk, Docs: docs}, "no index directory"},
		{"dir exists", ctx, LoadConfig{Engine: cjk, Docs: docs, Dir: "testdata"}, "testdata already exists"},
		{"prepare fails", ctx, LoadConfig{Engine: NamedEngine{Name: "p", Prepare: func() error { return errors.New("no dictionary") }, Open: cjk.Open}, Docs: docs}, "prepare p: no dictionary"},
		{"open fails", ctx, LoadConfig{Engine: NamedEngine{Name: "broken", Open: func(string) (index.Engine, error) {
			return nil, errors.New("no index here")
		}}, Docs: docs}, "open: no index here"},
		{"corpus fails", ctx, LoadConfig{Engine: cjk, Docs: failing, BatchSize: 4}, "read corpus: disk on fire"},
		{"put fails", ctx, LoadConfig{Engine: faultyEngine(errors.New("disk full"), nil), Docs: docs, BatchSize: 20}, "index records 1–20: disk full"},
		// Whichever batch fails first (1–20, 21–40 or 41–60) is reported.
		{"put fails, two workers", ctx, LoadConfig{Engine: faultyEngine(errors.New("disk full"), nil), Docs: Source(Generate(60, 1)), BatchSize: 20, Workers: 2}, "0: disk full"},
		{"empty corpus", ctx, LoadConfig{Engine: cjk, Docs: Source(Generate(0, 1))}, "corpus is empty"},
		{"cancelled", cancelled, LoadConfig{Engine: cjk, Docs: docs}, "context canceled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.cfg.Dir == "" && tt.name != "no dir" {
				tt.cfg.Dir = filepath.Join(t.TempDir(), "ix")
			}
			_, err := Load(tt.ctx, tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestServeErrors(t *testing.T) {
	ctx := context.Background()
	cjk := BleveCJK()
	loaded := filepath.Join(t.TempDir(), "ix")
	if _, err := Load(ctx, LoadConfig{Engine: cjk, Dir: loaded, Docs: Source(Generate(20, 1))}); err != nil {
		t.Fatal(err)
	}
	q := []string{"toys"}
	tests := []struct {
		name string
		cfg  ServeConfig
		want string
	}{
		{"no open", ServeConfig{Engine: NamedEngine{Name: "a"}, Dir: loaded, Queries: q}, "has no Open function"},
		{"no queries", ServeConfig{Engine: cjk, Dir: loaded}, "no queries"},
		{"no index", ServeConfig{Engine: cjk, Dir: filepath.Join(loaded, "missing"), Queries: q}, "no index at"},
		{"search fails", ServeConfig{Engine: faultyEngine(nil, errors.New("bad block")), Dir: loaded, Queries: q}, `search "toys": bad block`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Serve(ctx, tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// A corpus source that yields different records on the second pass would
// make engines incomparable; Generate and Relaton must not.
func TestSourcesRepeat(t *testing.T) {
	keys := func(seq iter.Seq2[kb.Record, error]) []string {
		var out []string
		for r, err := range seq {
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, r.Key())
		}
		return out
	}
	for name, seq := range map[string]iter.Seq2[kb.Record, error]{
		"generated": Source(Generate(300, 4)),
		"relaton":   LoadRelaton("testdata/relaton", 0),
	} {
		if d := cmp.Diff(keys(seq), keys(seq)); d != "" {
			t.Errorf("%s: second pass differs:\n%s", name, d)
		}
	}
}

func TestPercentile(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		var out []time.Duration
		for _, x := range v {
			out = append(out, time.Duration(x)*time.Millisecond)
		}
		return out
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = 100 - i // unsorted on purpose
	}
	tests := []struct {
		in                       []time.Duration
		p50, p90, p99, mean, max time.Duration
	}{
		{ms(hundred...), 50 * time.Millisecond, 90 * time.Millisecond, 99 * time.Millisecond, 50500 * time.Microsecond, 100 * time.Millisecond},
		{ms(5), 5 * time.Millisecond, 5 * time.Millisecond, 5 * time.Millisecond, 5 * time.Millisecond, 5 * time.Millisecond},
		{ms(2, 1), 1 * time.Millisecond, 2 * time.Millisecond, 2 * time.Millisecond, 1500 * time.Microsecond, 2 * time.Millisecond},
		{ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), 6 * time.Millisecond, 10 * time.Millisecond, 11 * time.Millisecond, 6 * time.Millisecond, 11 * time.Millisecond},
		{nil, 0, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		p50, p90, p99, mean, maxD := latencies(tt.in)
		if p50 != tt.p50 || p90 != tt.p90 || p99 != tt.p99 || mean != tt.mean || maxD != tt.max {
			t.Errorf("latencies(%d values) = %v %v %v %v %v, want %v %v %v %v %v", len(tt.in), p50, p90, p99, mean, maxD, tt.p50, tt.p90, tt.p99, tt.mean, tt.max)
		}
	}
}

func TestParseStatus(t *testing.T) {
	status := "Name:\tx\nVmPeak:\t  900 kB\nVmHWM:\t  200000 kB\nVmRSS:\t  123456 kB\nRssAnon:\t 1 kB\n"
	tests := []struct {
		status, field string
		want          uint64
	}{
		{status, "VmRSS", 123456 << 10},
		{status, "VmHWM", 200000 << 10},
		{status, "VmSwap", 0},
		{"VmRSS:\n", "VmRSS", 0},
		{"VmRSS:\t abc kB\n", "VmRSS", 0},
		{"VmRSS:\t 12 MB\n", "VmRSS", 0},
		{"VmRSSx:\t 12 kB\n", "VmRSS", 0},
	}
	for _, tt := range tests {
		if got := parseStatus([]byte(tt.status), tt.field); got != tt.want {
			t.Errorf("parseStatus(%q, %s) = %d, want %d", tt.status, tt.field, got, tt.want)
		}
	}
	if residentBytes() == 0 || peakResident() == 0 {
		t.Errorf("this process: VmRSS %d, VmHWM %d", residentBytes(), peakResident())
	}
}

func TestParseProcStat(t *testing.T) {
	tests := []struct {
		stat string
		want time.Duration
	}{
		// user nice system idle iowait irq softirq steal guest guest_nice
		{"cpu  100 2 30 5000 70 1 4 3 0 0\ncpu0 50 1 15 2500 35 0 2 1 0 0\n", 140 * 10 * time.Millisecond},
		{"cpu  100 2 30 5000\n", 0},
		{"cpu0 100 2 30 5000 70 1 4 3 0 0\n", 0},
		{"cpu  x 2 30 5000 70 1 4 3 0 0\n", 0},
		{"", 0},
	}
	for _, tt := range tests {
		if got := parseProcStat([]byte(tt.stat)); got != tt.want {
			t.Errorf("parseProcStat(%q) = %v, want %v", tt.stat, got, tt.want)
		}
	}
	m := startCPU()
	for start := time.Now(); time.Since(start) < 30*time.Millisecond; {
	}
	if own, _ := m.stop(); own <= 0 {
		t.Errorf("a busy loop used %v of CPU", own)
	}
}

func TestParseCPUModel(t *testing.T) {
	info := "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel\t\t: 17\nmodel name\t: AMD EPYC 9454 48-Core Processor\n\nprocessor\t: 1\nmodel name\t: other\n"
	if got := parseCPUModel([]byte(info)); got != "AMD EPYC 9454 48-Core Processor" {
		t.Errorf("parseCPUModel = %q", got)
	}
	if got := parseCPUModel([]byte("processor\t: 0\n")); got != "" {
		t.Errorf("parseCPUModel without a model name = %q", got)
	}
}

func TestDirSize(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755)
	os.WriteFile(filepath.Join(dir, "x"), make([]byte, 100), 0o644)
	os.WriteFile(filepath.Join(dir, "a", "b", "y"), make([]byte, 23), 0o644)
	if n, err := dirSize(dir); err != nil || n != 123 {
		t.Errorf("dirSize = %d, %v; want 123", n, err)
	}
	if n, err := dirSize(filepath.Join(dir, "missing")); err != nil || n != 0 {
		t.Errorf("dirSize of a missing directory = %d, %v; want 0", n, err)
	}
}

func TestReportFormats(t *testing.T) {
	rep := Report{
		Source: "generated, 100000 records, seed 1", Revision: "7c571af+changes", GoVersion: "go1.26.8", Platform: "linux/amd64", CPUModel: "AMD EPYC",
		CPUs: 2, GOMAXPROCS: 2, BatchSize: 2000, Workers: 1, Queries: 500, Rounds: 3, Limit: 20, Separate: true,
		Results: []EngineResult{
			{
				Engine: "stdbridge",
				Load: LoadResult{
					Docs: 100000, Prepare: 900 * time.Millisecond, Index: 40 * time.Second, DocsPerSec: 2500, Corpus: 3 * time.Second,
					Disk: 310 << 20, HeapStart: 150 << 20, HeapPeak: 900 << 20, RSSStart: 200 << 20, HWM: 1200 << 20, AnonPeak: 1100 << 20,
					CPU: 60 * time.Second, OtherCPU: 4 * time.Second,
				},
				Serve: ServeResult{
					Prepare: 950 * time.Millisecond, Open: 120 * time.Millisecond, Searches: 1500,
					P50: 1200 * time.Microsecond, P90: 6 * time.Millisecond, P99: 14 * time.Millisecond, Mean: 2 * time.Millisecond, Max: 41 * time.Millisecond,
					ZeroHit: 12, MeanHits: 350.5, HeapPeak: 180 << 20, RSSPeak: 260 << 20, AnonPeak: 200 << 20, FilePeak: 70 << 20, HWM: 270 << 20,
					CPU: 3 * time.Second, OtherCPU: 300 * time.Millisecond,
					Slowest: []QueryTime{{"safety", 40 * time.Millisecond, 52000}, {"玩具", 20 * time.Millisecond, 900}},
				},
			},
			{
				Engine: "bleve-cjk",
				Load: LoadResult{
					Docs: 100000, Index: 20 * time.Second, DocsPerSec: 5000, Corpus: 2900 * time.Millisecond,
					Disk: 150 << 20, HeapStart: 1 << 20, HeapPeak: 500 << 20, RSSStart: 20 << 20, HWM: 700 << 20,
				},
				Serve: ServeResult{
					Open: 90 * time.Millisecond, Searches: 1500,
					P50: 900 * time.Microsecond, P90: 3 * time.Millisecond, P99: 6500 * time.Microsecond, Mean: 1500 * time.Microsecond, Max: 20 * time.Millisecond,
					ZeroHit: 30, MeanHits: 900, HeapPeak: 40 << 20, RSSPeak: 90 << 20, HWM: 95 << 20,
				},
			},
		},
	}
	var text, md, csvOut bytes.Buffer
	if err := rep.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := rep.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if err := rep.WriteCSV(&csvOut); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "report.txt", text.Bytes())
	golden.Check(t, "report.md", md.Bytes())
	golden.Check(t, "report.csv", csvOut.Bytes())
	rows, err := csv.NewReader(&csvOut).ReadAll()
	if err != nil || len(rows) != 3 || len(rows[0]) != len(csvHeader) || len(rows[1]) != len(csvHeader) {
		t.Errorf("CSV: %d rows, %v", len(rows), err)
	}
}
