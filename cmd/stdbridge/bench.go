package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"

	"github.com/stdbridge/stdbridge/app"
	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/index/bench"
	"github.com/stdbridge/stdbridge/kb"
)

const benchUsage = `Usage: stdbridge bench [flags]

Measures search: indexing rate, query latency (p50/p90/p99), memory and
index size, for stdbridge's index and the bleve cjk baseline on the same
corpus and queries. Each engine indexes in a process of its own and is
queried in another, on the index opened afresh as a server would, so no
figure mixes two engines. Progress goes to stderr, the table to stdout.

Flags:
`

// benchChildArg runs one phase of one engine in this process: the parent
// sends a benchJob as JSON on stdin, the child answers with a
// bench.LoadResult or bench.ServeResult as JSON on stdout.
const benchChildArg = "-child-process"

// benchJob is what a child process is asked to measure.
type benchJob struct {
	Phase      string   `json:"phase"` // "load" or "serve"
	Engine     string   `json:"engine"`
	Dir        string   `json:"dir"`
	Docs       int      `json:"docs"`             // records generated, or at most read from Corpus (0: all)
	Corpus     string   `json:"corpus,omitempty"` // a Relaton catalogue instead of a generated corpus
	Seed       int64    `json:"seed"`
	Batch      int      `json:"batch"`
	Workers    int      `json:"workers"`
	Queries    []string `json:"queries,omitempty"`
	Rounds     int      `json:"rounds"`
	CPUProfile string   `json:"cpu_profile,omitempty"` // file to write the phase's CPU profile to
}

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 1 && args[0] == benchChildArg {
		return runBenchChild(ctx, os.Stdin, stdout, stderr)
	}
	var (
		docs, queries, rounds, batch, workers int
		seed                                  int64
		corpus, engineList, dir, format, prof string
	)
	fs := flag.NewFlagSet("stdbridge bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), benchUsage)
		fs.PrintDefaults()
	}
	fs.IntVar(&docs, "docs", 100000, "records to generate (half notifications, half standards); with -corpus, the most to read (default all)")
	fs.StringVar(&corpus, "corpus", "", "a Relaton catalogue (a .jsonl[.gz] file or a directory of them) to index instead of a generated corpus")
	fs.IntVar(&queries, "queries", 500, "distinct queries, timed -rounds times each")
	fs.IntVar(&rounds, "rounds", 3, "timed rounds over the queries, after one warm-up round")
	fs.StringVar(&engineList, "engines", "stdbridge,bleve-cjk", "engines to measure, comma-separated: stdbridge, bleve-cjk")
	fs.Int64Var(&seed, "seed", 1, "seed of the generated corpus and of the queries")
	fs.StringVar(&dir, "dir", "", "an empty or new directory to build the indexes in, kept afterwards (default a temporary one, removed)")
	fs.StringVar(&format, "format", "text", "output: text, markdown or csv")
	fs.IntVar(&batch, "batch", bench.DefaultBatchSize, "records per indexing batch")
	fs.IntVar(&workers, "workers", 1, "batches indexed at once")
	fs.StringVar(&prof, "cpuprofile", "", "write a CPU profile of every phase to PREFIX.ENGINE.PHASE.pprof")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("bench: unexpected argument %q", fs.Arg(0))}
	}
	docsGiven := false
	fs.Visit(func(f *flag.Flag) { docsGiven = docsGiven || f.Name == "docs" })
	write, err := reportWriter(format)
	if err != nil {
		return err
	}
	engines, err := parseEngineList(engineList)
	if err != nil {
		return err
	}
	switch {
	case docs <= 0:
		return usageError{fmt.Sprintf("bench: -docs must be positive, not %d", docs)}
	case queries <= 0:
		return usageError{fmt.Sprintf("bench: -queries must be positive, not %d", queries)}
	case rounds <= 0:
		return usageError{fmt.Sprintf("bench: -rounds must be positive, not %d", rounds)}
	case batch <= 0:
		return usageError{fmt.Sprintf("bench: -batch must be positive, not %d", batch)}
	case workers <= 0 || workers > 64:
		return usageError{fmt.Sprintf("bench: -workers must be between 1 and 64, not %d", workers)}
	}
	if corpus != "" {
		if _, err := os.Stat(corpus); err != nil {
			return usageError{fmt.Sprintf("bench: -corpus: %v", err)}
		}
		if !docsGiven {
			docs = 0 // the whole catalogue
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("bench: find this program to run the engines in: %w", err)
	}
	base, cleanup, err := benchDir(dir)
	if err != nil {
		return err
	}
	defer cleanup()
	log := newLogger(stderr)

	job := benchJob{Docs: docs, Corpus: corpus, Seed: seed, Batch: batch, Workers: workers, Rounds: rounds}
	source, err := benchQueries(&job, queries, log)
	if err != nil {
		return err
	}
	rep := bench.Report{
		Source: source, Revision: revision(), GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH,
		CPUModel: bench.CPUModel(), CPUs: runtime.NumCPU(), GOMAXPROCS: runtime.GOMAXPROCS(0),
		BatchSize: batch, Workers: workers, Queries: len(job.Queries), Rounds: rounds, Limit: benchLimit, Separate: true,
	}
	log.Info("bench", "corpus", source, "queries", len(job.Queries), "engines", strings.Join(engines, ","))
	for _, name := range engines {
		j := job
		j.Engine, j.Dir = name, filepath.Join(base, name+".bleve")
		res := bench.EngineResult{Engine: name}
		for _, phase := range []string{"load", "serve"} {
			j.Phase = phase
			if prof != "" {
				j.CPUProfile = prof + "." + name + "." + phase + ".pprof"
			}
			out := any(&res.Load)
			if phase == "serve" {
				out = &res.Serve
			}
			log.Info("bench: starting a process", "engine", name, "phase", phase)
			if err := runBenchPhase(ctx, exe, j, out, stderr); err != nil {
				return fmt.Errorf("bench %s, %s: %w", name, phase, err)
			}
		}
		rep.Results = append(rep.Results, res)
		if dir == "" { // free the disk for the next engine
			os.RemoveAll(j.Dir)
		}
	}
	return write(rep, stdout)
}

// revision is the VCS revision this program was built from, with
// "+changes" when its tree had uncommitted changes; "" when not recorded
// (go run, or a build outside the repository).
func revision() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" && modified == "true" {
		rev += "+changes"
	}
	return rev
}

// benchLimit is the hits asked of every search: a page of results.
const benchLimit = 20

// benchQueries fills in the job's queries and says what the corpus is.
// A generated corpus is queried with the vocabulary it is made from; a
// catalogue with queries drawn from its own records.
func benchQueries(job *benchJob, n int, log *slog.Logger) (string, error) {
	if job.Corpus == "" {
		job.Queries = bench.Queries(n, job.Seed)
		return fmt.Sprintf("generated, %d records (seed %d)", job.Docs, job.Seed), nil
	}
	rl := &bench.Relaton{Paths: []string{job.Corpus}, Limit: job.Docs}
	q, err := bench.SampleQueries(rl.Records(), n, job.Seed)
	if err != nil {
		return "", fmt.Errorf("bench: %w", err)
	}
	if len(q) == 0 {
		return "", fmt.Errorf("bench: no standards in %s (%d lines read, %d skipped)", job.Corpus, rl.Read, rl.Skipped)
	}
	job.Queries = q
	if rl.Skipped > 0 {
		log.Info("bench: catalogue lines skipped", "count", rl.Skipped, "examples", strings.Join(rl.Examples, "; "))
	}
	return fmt.Sprintf("Relaton catalogue %s, %d records (%d lines; %d skipped, %d duplicates; queries sampled with seed %d)",
		filepath.Base(filepath.Clean(job.Corpus)), rl.Read-rl.Skipped-rl.Duplicates, rl.Read, rl.Skipped, rl.Duplicates, job.Seed), nil
}

// benchDir is where the indexes are built: dir, which must be empty or
// new and is kept, or a temporary directory removed afterwards.
func benchDir(dir string) (string, func(), error) {
	if dir == "" {
		tmp, err := os.MkdirTemp("", "stdbridge-bench-")
		if err != nil {
			return "", nil, fmt.Errorf("bench: %w", err)
		}
		return tmp, func() { os.RemoveAll(tmp) }, nil
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", nil, fmt.Errorf("bench: %w", err)
		}
	case err != nil:
		return "", nil, usageError{fmt.Sprintf("bench: -dir: %v", err)}
	case len(entries) > 0:
		return "", nil, usageError{fmt.Sprintf("bench: -dir %s is not empty", dir)}
	}
	return dir, func() {}, nil
}

func parseEngineList(list string) ([]string, error) {
	var out []string
	for name := range strings.SplitSeq(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if known := benchEngineNames(); !slices.Contains(known, name) {
			return nil, usageError{fmt.Sprintf("bench: unknown engine %q (want %s)", name, strings.Join(known, ", "))}
		}
		if slices.Contains(out, name) {
			return nil, usageError{fmt.Sprintf("bench: engine %q named twice", name)}
		}
		out = append(out, name)
	}
	if len(out) == 0 {
		return nil, usageError{"bench: -engines names no engine"}
	}
	return out, nil
}

func benchEngineNames() []string { return []string{"stdbridge", "bleve-cjk"} }

func reportWriter(format string) (func(bench.Report, io.Writer) error, error) {
	switch format {
	case "text":
		return bench.Report.WriteText, nil
	case "markdown", "md":
		return bench.Report.WriteMarkdown, nil
	case "csv":
		return bench.Report.WriteCSV, nil
	}
	return nil, usageError{fmt.Sprintf("bench: unknown -format %q (want text, markdown or csv)", format)}
}

// runBenchPhase runs one phase in a new process of this program and
// decodes its result into out. The child's progress and errors go to
// stderr as they come.
func runBenchPhase(ctx context.Context, exe string, job benchJob, out any, stderr io.Writer) error {
	in, err := json.Marshal(job)
	if err != nil {
		return err
	}
	var stdout bytes.Buffer
	cmd := exec.CommandContext(ctx, exe, "bench", benchChildArg)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(in), &stdout, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("measuring process: %w", err)
	}
	if err := json.Unmarshal(stdout.Bytes(), out); err != nil {
		return fmt.Errorf("measuring process answered %q: %w", truncate(stdout.String(), 200), err)
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// runBenchChild measures the phase a parent asks for, in this process.
func runBenchChild(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer) (err error) {
	var job benchJob
	dec := json.NewDecoder(stdin)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&job); err != nil {
		return fmt.Errorf("bench: read the job: %w", err)
	}
	engine, err := benchEngine(job.Engine)
	if err != nil {
		return err
	}
	log := newLogger(stderr).With("engine", job.Engine, "phase", job.Phase)
	if job.CPUProfile != "" {
		stop, err := startCPUProfile(job.CPUProfile)
		if err != nil {
			return err
		}
		defer func() {
			if perr := stop(); err == nil {
				err = perr
			}
		}()
	}
	var res any
	switch job.Phase {
	case "load":
		res, err = bench.Load(ctx, bench.LoadConfig{
			Engine: engine, Dir: job.Dir, Docs: benchCorpus(job), BatchSize: job.Batch, Workers: job.Workers, Logger: log,
		})
	case "serve":
		res, err = bench.Serve(ctx, bench.ServeConfig{
			Engine: engine, Dir: job.Dir, Queries: job.Queries, Rounds: job.Rounds, Limit: benchLimit, Logger: log,
		})
	default:
		return fmt.Errorf("bench: unknown phase %q", job.Phase)
	}
	if err != nil {
		return fmt.Errorf("bench %s, %s: %w", job.Engine, job.Phase, err)
	}
	return json.NewEncoder(stdout).Encode(res)
}

func benchCorpus(job benchJob) iter.Seq2[kb.Record, error] {
	if job.Corpus != "" {
		return bench.LoadRelaton(job.Corpus, job.Docs)
	}
	return bench.Source(bench.Generate(job.Docs, job.Seed))
}

// benchEngine sets an engine up as the server does: stdbridge's index
// with the glossary.
func benchEngine(name string) (bench.NamedEngine, error) {
	switch name {
	case "stdbridge":
		g, err := content.LoadGlossary()
		if err != nil {
			return bench.NamedEngine{}, err
		}
		return bench.Stdbridge(app.Concepts(g)), nil
	case "bleve-cjk":
		return bench.BleveCJK(), nil
	}
	return bench.NamedEngine{}, fmt.Errorf("bench: unknown engine %q", name)
}

func startCPUProfile(path string) (stop func() error, err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("bench: cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("bench: cpu profile: %w", err)
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}, nil
}
