package bench

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// Report is a benchmark run: its setting, and what was measured of each
// engine on the same corpus and queries.
type Report struct {
	Source     string // what the corpus is ("generated, 100000 records, seed 1")
	Revision   string // the code measured: VCS revision, "+changes" when the tree was modified
	GoVersion  string
	Platform   string // GOOS/GOARCH
	CPUModel   string // from /proc/cpuinfo
	CPUs       int
	GOMAXPROCS int
	BatchSize  int
	Workers    int
	Queries    int // distinct queries
	Rounds     int
	Limit      int
	// Separate says each engine was loaded in a process of its own and
	// queried in another, so no memory figure mixes two engines or the
	// two phases.
	Separate bool
	Results  []EngineResult
}

// EngineResult is what was measured of one engine.
type EngineResult struct {
	Engine string
	Load   LoadResult
	Serve  ServeResult
}

// row is one line of the side-by-side table: a figure of every engine,
// and what issue 3 asks of it (the targets are for 1M records on 2 cores).
type row struct {
	name, target string
	value        func(EngineResult) string
}

func (r Report) rows() []row {
	return []row{
		{"records", "", func(e EngineResult) string { return strconv.Itoa(e.Load.Docs) }},
		{"index time s", "", func(e EngineResult) string { return secs(e.Load.Index) }},
		{"indexing docs/s", "≥ 8000 at 1M", func(e EngineResult) string { return strconv.Itoa(int(e.Load.DocsPerSec)) }},
		{"corpus production s (overlapped)", "", func(e EngineResult) string { return secs(e.Load.Corpus) }},
		{"cores used indexing", "", func(e EngineResult) string { return cores(e.Load.CPU, e.Load.Index) }},
		{"docs per CPU-second indexing", "≥ 4000 (8000 on 2 cores)", func(e EngineResult) string { return perCPU(e.Load.Docs, e.Load.CPU) }},
		{"cores other processes used meanwhile", "", func(e EngineResult) string { return cores(e.Load.OtherCPU, e.Load.Index) }},
		{"index on disk MB", "", func(e EngineResult) string { return mb(uint64(e.Load.Disk)) }},
		{"peak RSS indexing MB (VmHWM)", "", func(e EngineResult) string { return mb(e.Load.HWM) }},
		{"peak anonymous memory indexing MB (RssAnon)", "", func(e EngineResult) string { return mb(e.Load.AnonPeak) }},
		{"peak Go heap indexing MB", "", func(e EngineResult) string { return mb(e.Load.HeapPeak) }},
		{"setup s (dictionary)", "", func(e EngineResult) string { return secs(e.Serve.Prepare) }},
		{"open index ms", "", func(e EngineResult) string { return ms(e.Serve.Open) }},
		{"query p50 ms", "≤ 5", func(e EngineResult) string { return ms(e.Serve.P50) }},
		{"query p90 ms", "", func(e EngineResult) string { return ms(e.Serve.P90) }},
		{"query p99 ms", "≤ 30", func(e EngineResult) string { return ms(e.Serve.P99) }},
		{"query max ms", "", func(e EngineResult) string { return ms(e.Serve.Max) }},
		{"query mean ms", "", func(e EngineResult) string { return ms(e.Serve.Mean) }},
		{"queries with no hit", "", func(e EngineResult) string { return fmt.Sprintf("%d/%d", e.Serve.ZeroHit, r.Queries) }},
		{"mean hits per query", "", func(e EngineResult) string { return strconv.FormatFloat(e.Serve.MeanHits, 'f', 0, 64) }},
		{"cores other processes used while querying", "", func(e EngineResult) string {
			return cores(e.Serve.OtherCPU, e.Serve.Mean*time.Duration(e.Serve.Searches))
		}},
		{"peak RSS serving MB (VmHWM)", "≤ 500", func(e EngineResult) string { return mb(e.Serve.HWM) }},
		{"anonymous memory serving MB (RssAnon)", "", func(e EngineResult) string { return mb(e.Serve.AnonPeak) }},
		{"mapped index files resident MB (RssFile)", "", func(e EngineResult) string { return mb(e.Serve.FilePeak) }},
		{"Go heap while querying MB", "", func(e EngineResult) string { return mb(e.Serve.HeapPeak) }},
	}
}

func mb(b uint64) string { return strconv.FormatFloat(float64(b)/(1<<20), 'f', 1, 64) }

// ms formats a duration in milliseconds, with three decimals below 10 ms.
func ms(d time.Duration) string {
	v := float64(d) / float64(time.Millisecond)
	if v < 10 {
		return strconv.FormatFloat(v, 'f', 3, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// cores is processor time per wall-clock time.
func cores(cpu, wall time.Duration) string {
	if wall <= 0 {
		return "0.00"
	}
	return strconv.FormatFloat(cpu.Seconds()/wall.Seconds(), 'f', 2, 64)
}

// perCPU is records per second of processor time: the indexing rate with
// what other processes took from the machine taken out.
func perCPU(docs int, cpu time.Duration) string {
	if cpu <= 0 {
		return "–"
	}
	return strconv.Itoa(int(float64(docs) / cpu.Seconds()))
}

func secs(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', 2, 64) }

// Setting describes the run in one paragraph.
func (r Report) Setting() string {
	how := "both phases of every engine in this process"
	if r.Separate {
		how = "each engine indexed in a process of its own and queried in another, opening the index afresh"
	}
	cpu := ""
	if r.CPUModel != "" {
		cpu = r.CPUModel + ", "
	}
	rev := ""
	if r.Revision != "" {
		rev = "revision " + r.Revision + ", "
	}
	return fmt.Sprintf("corpus: %s; batches of %d records, %d at once; %d queries × %d rounds after one warm-up round, %d hits each, one at a time; %s; %s%s, %s, %s%d CPUs, GOMAXPROCS %d.",
		r.Source, r.BatchSize, r.Workers, r.Queries, r.Rounds, r.Limit, how, rev, r.GoVersion, r.Platform, cpu, r.CPUs, r.GOMAXPROCS)
}

// slowestLines lists each engine's slowest queries.
func (r Report) slowestLines(w io.Writer, bullet, quote string) {
	for _, e := range r.Results {
		if len(e.Serve.Slowest) == 0 {
			continue
		}
		var qs []string
		for _, q := range e.Serve.Slowest {
			qs = append(qs, fmt.Sprintf("%s%s%s %s ms (%d hits)", quote, q.Query, quote, ms(q.Latency), q.Hits))
		}
		fmt.Fprintf(w, "%sslowest queries of %s (median): %s\n", bullet, e.Engine, strings.Join(qs, ", "))
	}
}

const memoryNote = "RSS is the whole process, read from /proc/self/status: VmHWM is the kernel's peak; RssAnon (heap, stacks, runtime) and RssFile (index segments bleve maps, page cache the kernel can reclaim) are peaks sampled every 20 ms while querying, 100 ms while indexing; " +
	"the Go heap is runtime/metrics heap objects. The indexing rate counts the Close that makes the index durable; the corpus is produced alongside, on the same cores. Targets are for 1M records on 2 cores."

// WriteText writes the side-by-side table for a terminal.
func (r Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "\t")
	for _, e := range r.Results {
		fmt.Fprintf(tw, "%s\t", e.Engine)
	}
	fmt.Fprintln(tw, "target")
	for _, row := range r.rows() {
		fmt.Fprintf(tw, "%s\t", row.name)
		for _, e := range r.Results {
			fmt.Fprintf(tw, "%s\t", row.value(e))
		}
		fmt.Fprintln(tw, row.target)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	r.slowestLines(w, "", "")
	_, err := fmt.Fprintf(w, "\n%s\n%s\n", r.Setting(), memoryNote)
	return err
}

// WriteMarkdown writes the table as it goes into BENCHMARKS.md.
func (r Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n| |", r.Setting())
	for _, e := range r.Results {
		fmt.Fprintf(&b, " %s |", e.Engine)
	}
	b.WriteString(" target |\n|---|")
	for range r.Results {
		b.WriteString("--:|")
	}
	b.WriteString("---|\n")
	for _, row := range r.rows() {
		fmt.Fprintf(&b, "| %s |", row.name)
		for _, e := range r.Results {
			fmt.Fprintf(&b, " %s |", row.value(e))
		}
		fmt.Fprintf(&b, " %s |\n", row.target)
	}
	b.WriteString("\n")
	r.slowestLines(&b, "- ", "`")
	fmt.Fprintf(&b, "\n%s\n", memoryNote)
	_, err := io.WriteString(w, b.String())
	return err
}

// csvHeader names the columns of WriteCSV.
var csvHeader = []string{
	"engine", "docs", "index_s", "docs_per_s", "corpus_s", "load_cpu_s", "load_other_cpu_s", "disk_bytes",
	"load_heap_start_bytes", "load_heap_peak_bytes", "load_rss_start_bytes", "load_hwm_bytes", "load_anon_peak_bytes",
	"prepare_s", "open_s", "searches", "p50_ms", "p90_ms", "p99_ms", "mean_ms", "max_ms", "zero_hit", "mean_hits",
	"serve_heap_peak_bytes", "serve_rss_peak_bytes", "serve_anon_peak_bytes", "serve_file_peak_bytes", "serve_hwm_bytes", "serve_cpu_s", "serve_other_cpu_s",
	"source", "revision", "go", "platform", "cpu", "cpus", "gomaxprocs", "batch", "workers", "queries", "rounds", "limit", "separate",
}

// WriteCSV writes one row per engine with every figure, in plain units.
func (r Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(csvHeader)
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	msf := func(d time.Duration) string { return f(float64(d) / float64(time.Millisecond)) }
	u := func(v uint64) string { return strconv.FormatUint(v, 10) }
	for _, e := range r.Results {
		l, s := e.Load, e.Serve
		cw.Write([]string{
			e.Engine, strconv.Itoa(l.Docs), f(l.Index.Seconds()), f(l.DocsPerSec), f(l.Corpus.Seconds()), f(l.CPU.Seconds()), f(l.OtherCPU.Seconds()), strconv.FormatInt(l.Disk, 10),
			u(l.HeapStart), u(l.HeapPeak), u(l.RSSStart), u(l.HWM), u(l.AnonPeak),
			f(s.Prepare.Seconds()), f(s.Open.Seconds()), strconv.Itoa(s.Searches), msf(s.P50), msf(s.P90), msf(s.P99), msf(s.Mean), msf(s.Max), strconv.Itoa(s.ZeroHit), f(s.MeanHits),
			u(s.HeapPeak), u(s.RSSPeak), u(s.AnonPeak), u(s.FilePeak), u(s.HWM), f(s.CPU.Seconds()), f(s.OtherCPU.Seconds()),
			r.Source, r.Revision, r.GoVersion, r.Platform, r.CPUModel, strconv.Itoa(r.CPUs), strconv.Itoa(r.GOMAXPROCS), strconv.Itoa(r.BatchSize), strconv.Itoa(r.Workers),
			strconv.Itoa(r.Queries), strconv.Itoa(r.Rounds), strconv.Itoa(r.Limit), strconv.FormatBool(r.Separate),
		})
	}
	cw.Flush()
	return cw.Error()
}

// CPUModel is the processor's model name from /proc/cpuinfo, or "".
func CPUModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	return parseCPUModel(data)
}

func parseCPUModel(cpuinfo []byte) string {
	for line := range strings.Lines(string(cpuinfo)) {
		key, value, ok := strings.Cut(line, ":")
		if ok && strings.TrimSpace(key) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return ""
}
