package bench

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/kb"
)

// NamedEngine is a search engine under test.
type NamedEngine struct {
	Name string
	// Prepare, when set, loads what the engine needs once per process (a
	// dictionary) before anything is timed; its time is reported apart.
	Prepare func() error
	// Open opens the engine's index in dir, creating it when dir does not
	// exist.
	Open func(dir string) (index.Engine, error)
}

// DefaultBatchSize is the records per Put when a LoadConfig names none:
// what `stdbridge reindex` uses.
const DefaultBatchSize = 2000

// LoadConfig is the indexing half of a benchmark.
type LoadConfig struct {
	Engine NamedEngine
	// Dir is where the index is made; it must not exist yet.
	Dir string
	// Docs is the corpus, produced while the engine indexes it.
	Docs      iter.Seq2[kb.Record, error]
	BatchSize int // records per Put; default DefaultBatchSize
	// Workers is how many Puts may be under way at once (each a batch of
	// its own); default 1, as `stdbridge reindex` does.
	Workers int
	Logger  *slog.Logger // progress; nil for none
}

// LoadResult is what was measured while indexing. In a process of its own
// (as `stdbridge bench` runs it) the memory figures are the indexing's
// alone.
type LoadResult struct {
	Docs int
	// Prepare is the engine's Prepare, before the clock started.
	Prepare time.Duration
	// Index runs from opening the empty index to its Close returning (the
	// close is where buffered work is made durable); DocsPerSec is
	// Docs/Index. The corpus is produced by a goroutine of its own one
	// batch per worker ahead, so its cost is in Index only as far as it
	// takes a core from the engine; Corpus is how long producing took.
	Index      time.Duration
	DocsPerSec float64
	Corpus     time.Duration
	Disk       int64  // bytes of the index directory after closing
	HeapStart  uint64 // Go heap before opening the engine, after a GC
	HeapPeak   uint64 // peak Go heap while indexing, sampled every 100 ms
	RSSStart   uint64 // VmRSS before opening the engine
	// HWM is the process's peak resident size: VmHWM after closing, or
	// the sampled VmRSS if higher (the kernel updates VmHWM lazily).
	HWM uint64
	// AnonPeak is the peak anonymous resident memory (RssAnon), sampled
	// every 100 ms: the part of HWM that is not mapped index files.
	AnonPeak uint64
	// CPU is the processor time this process used while indexing (user
	// and system); OtherCPU is what the rest of the machine used meanwhile,
	// which took cores from the benchmark. Zero where not measured.
	CPU, OtherCPU time.Duration
}

// Load indexes the corpus into a new index of cfg.Engine in cfg.Dir, in
// batches, and closes it.
func Load(ctx context.Context, cfg LoadConfig) (res LoadResult, err error) {
	if cfg.Engine.Open == nil {
		return res, fmt.Errorf("bench: engine %q has no Open function", cfg.Engine.Name)
	}
	if cfg.Docs == nil {
		return res, errors.New("bench: no corpus")
	}
	if cfg.Dir == "" {
		return res, errors.New("bench: no index directory")
	}
	if _, err := os.Lstat(cfg.Dir); !errors.Is(err, fs.ErrNotExist) {
		return res, fmt.Errorf("bench: index directory %s already exists", cfg.Dir)
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = DefaultBatchSize
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 1
	}
	log := logger(cfg.Logger)
	if res.Prepare, err = prepare(cfg.Engine); err != nil {
		return res, err
	}
	settle()
	res.HeapStart, res.RSSStart = heapInUse(), residentBytes()
	smp := startSampler(100 * time.Millisecond)
	defer smp.Stop()

	start, cpu := time.Now(), startCPU()
	eng, err := cfg.Engine.Open(cfg.Dir)
	if err != nil {
		return res, fmt.Errorf("open: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// The producer hands out batches, each with the number of records
	// before it (for error messages), at most one per worker ahead.
	type batch struct {
		from int
		recs []kb.Record
	}
	batches := make(chan batch, cfg.Workers)
	var produceErr error
	go func() {
		defer close(batches)
		n := 0
		cur := make([]kb.Record, 0, cfg.BatchSize)
		send := func() bool {
			select {
			case batches <- batch{n - len(cur), cur}:
				cur = make([]kb.Record, 0, cfg.BatchSize) // the engine may keep what it was given
				return true
			case <-ctx.Done():
				return false
			}
		}
		t := time.Now()
		for r, err := range cfg.Docs {
			if ctx.Err() != nil {
				return
			}
			if err != nil {
				produceErr = fmt.Errorf("read corpus: %w", err)
				cancel()
				return
			}
			cur = append(cur, r)
			n++
			if len(cur) == cfg.BatchSize {
				res.Corpus += time.Since(t)
				if !send() {
					return
				}
				t = time.Now()
			}
		}
		res.Corpus += time.Since(t)
		if len(cur) > 0 {
			send()
		}
	}()

	var (
		wg      sync.WaitGroup
		done    atomic.Int64
		errOnce sync.Once
		putErr  error
	)
	for range cfg.Workers {
		wg.Go(func() {
			// Take batches until the producer closes the channel, even
			// after a failure, so that it never blocks.
			for b := range batches {
				if ctx.Err() != nil {
					continue
				}
				if err := eng.Put(ctx, b.recs...); err != nil {
					errOnce.Do(func() { putErr = fmt.Errorf("index records %d–%d: %w", b.from+1, b.from+len(b.recs), err) })
					cancel()
					continue
				}
				done.Add(int64(len(b.recs)))
			}
		})
	}
	stopProgress := progress(log, start, &done)
	wg.Wait()
	stopProgress()
	closeErr := eng.Close()
	res.Index = time.Since(start)
	res.CPU, res.OtherCPU = cpu.stop()
	res.Docs = int(done.Load())
	switch {
	case produceErr != nil:
		return res, produceErr
	case putErr != nil:
		return res, putErr
	case ctx.Err() != nil:
		return res, ctx.Err()
	case closeErr != nil:
		return res, fmt.Errorf("close after loading: %w", closeErr)
	case res.Docs == 0:
		return res, errors.New("the corpus is empty")
	}
	res.DocsPerSec = float64(res.Docs) / res.Index.Seconds()
	pk := smp.Stop()
	res.HeapPeak, res.AnonPeak = pk.heap, pk.anon
	res.HWM = max(peakResident(), pk.rss)
	if res.Disk, err = dirSize(cfg.Dir); err != nil {
		return res, err
	}
	log.Info("indexed", "docs", res.Docs, "seconds", round(res.Index), "docs/s", int(res.DocsPerSec), "disk_MB", mb(uint64(res.Disk)))
	return res, nil
}

// progress logs the indexing rate every ten seconds until stopped.
func progress(log *slog.Logger, start time.Time, done *atomic.Int64) (stop func()) {
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(10 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				n := done.Load()
				log.Info("indexing", "docs", n, "docs/s", int(float64(n)/time.Since(start).Seconds()))
			}
		}
	})
	return func() { close(quit); wg.Wait() }
}

// ServeConfig is the querying half of a benchmark.
type ServeConfig struct {
	Engine NamedEngine
	Dir    string // an index Load made
	// Queries are run in order once to warm up, then Rounds times timed.
	Queries []string
	Rounds  int // default 3
	Limit   int // hits per query; default index.DefaultLimit
	Logger  *slog.Logger
}

// ServeResult is what was measured while querying an index opened afresh,
// as a server starting on it would. In a process of its own (as `stdbridge
// bench` runs it) the memory figures are those of a server answering the
// queries one at a time.
type ServeResult struct {
	Prepare  time.Duration // the engine's Prepare (a server does it at startup)
	Open     time.Duration // opening the loaded index
	Searches int           // timed searches: Queries × Rounds
	// Latency of one search, nearest-rank percentiles.
	P50, P90, P99, Mean, Max time.Duration
	ZeroHit                  int     // queries that found nothing (warm-up round)
	MeanHits                 float64 // mean total hits per query
	HeapPeak                 uint64  // peak Go heap while querying, sampled every 20 ms
	RSSPeak                  uint64  // peak VmRSS while querying, sampled the same
	HWM                      uint64  // the process's peak resident size, as LoadResult.HWM
	// AnonPeak and FilePeak split RSSPeak (each its own peak, sampled
	// alike): anonymous memory (RssAnon), and mapped files (RssFile) —
	// the index's segments, which the kernel can drop and read again.
	AnonPeak, FilePeak uint64
	// Slowest are the queries with the highest median latency over the
	// rounds, slowest first: where to look when the tail is long.
	Slowest []QueryTime
	// CPU and OtherCPU are as in LoadResult, over the timed rounds.
	CPU, OtherCPU time.Duration
}

// QueryTime is a query and its median latency over the timed rounds.
type QueryTime struct {
	Query   string
	Latency time.Duration
	Hits    int
}

// slowest keeps this many queries in ServeResult.Slowest.
const slowest = 5

// Serve opens the index in cfg.Dir and times the queries on it.
func Serve(ctx context.Context, cfg ServeConfig) (res ServeResult, err error) {
	if cfg.Engine.Open == nil {
		return res, fmt.Errorf("bench: engine %q has no Open function", cfg.Engine.Name)
	}
	if len(cfg.Queries) == 0 {
		return res, errors.New("bench: no queries")
	}
	if fi, err := os.Stat(cfg.Dir); err != nil || !fi.IsDir() {
		return res, fmt.Errorf("bench: no index at %q", cfg.Dir)
	}
	if cfg.Rounds <= 0 {
		cfg.Rounds = 3
	}
	if cfg.Limit <= 0 {
		cfg.Limit = index.DefaultLimit
	}
	log := logger(cfg.Logger)
	if res.Prepare, err = prepare(cfg.Engine); err != nil {
		return res, err
	}
	t := time.Now()
	eng, err := cfg.Engine.Open(cfg.Dir)
	if err != nil {
		return res, fmt.Errorf("open: %w", err)
	}
	res.Open = time.Since(t)
	defer func() {
		if cerr := eng.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close: %w", cerr)
		}
	}()
	search := func(q string) (*index.Result, error) {
		r, err := eng.Search(ctx, index.Request{Query: q, Limit: cfg.Limit})
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", q, err)
		}
		return r, nil
	}
	hits := 0
	totals := make([]int, len(cfg.Queries))
	for i, q := range cfg.Queries { // warm-up, not timed
		r, err := search(q)
		if err != nil {
			return res, err
		}
		if r.Total == 0 {
			res.ZeroHit++
		}
		totals[i] = r.Total
		hits += r.Total
	}
	res.MeanHits = float64(hits) / float64(len(cfg.Queries))
	settle()
	smp := startSampler(20 * time.Millisecond)
	defer smp.Stop()
	lat := make([]time.Duration, 0, len(cfg.Queries)*cfg.Rounds)
	perQuery := make([][]time.Duration, len(cfg.Queries))
	cpu := startCPU()
	for range cfg.Rounds {
		for i, q := range cfg.Queries {
			t := time.Now()
			if _, err := search(q); err != nil {
				return res, err
			}
			d := time.Since(t)
			lat = append(lat, d)
			perQuery[i] = append(perQuery[i], d)
		}
	}
	res.CPU, res.OtherCPU = cpu.stop()
	pk := smp.Stop()
	res.HeapPeak, res.RSSPeak, res.AnonPeak, res.FilePeak = pk.heap, pk.rss, pk.anon, pk.file
	for i, q := range cfg.Queries {
		med, _, _, _, _ := latencies(perQuery[i])
		res.Slowest = append(res.Slowest, QueryTime{Query: q, Latency: med, Hits: totals[i]})
	}
	slices.SortStableFunc(res.Slowest, func(a, b QueryTime) int { return cmp.Compare(b.Latency, a.Latency) })
	res.Slowest = res.Slowest[:min(slowest, len(res.Slowest))]
	res.HWM = max(peakResident(), res.RSSPeak)
	res.Searches = len(lat)
	res.P50, res.P90, res.P99, res.Mean, res.Max = latencies(lat)
	log.Info("queried", "searches", res.Searches, "p50_ms", ms(res.P50), "p99_ms", ms(res.P99))
	return res, nil
}

func prepare(e NamedEngine) (time.Duration, error) {
	if e.Prepare == nil {
		return 0, nil
	}
	t := time.Now()
	if err := e.Prepare(); err != nil {
		return 0, fmt.Errorf("prepare %s: %w", e.Name, err)
	}
	return time.Since(t), nil
}

func logger(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l
}

func round(d time.Duration) float64 {
	return float64(d.Round(10*time.Millisecond)) / float64(time.Second)
}

// latencies gives nearest-rank percentiles, the mean and the maximum.
func latencies(d []time.Duration) (p50, p90, p99, mean, maxD time.Duration) {
	if len(d) == 0 {
		return 0, 0, 0, 0, 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	var sum time.Duration
	for _, x := range s {
		sum += x
	}
	return percentile(s, 50), percentile(s, 90), percentile(s, 99), sum / time.Duration(len(s)), s[len(s)-1]
}

// percentile of sorted values, nearest rank: the smallest value with at
// least p% of the values at or below it.
func percentile(sorted []time.Duration, p int) time.Duration {
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100 × n)
	if rank < 1 {
		rank = 1
	}
	return sorted[rank-1]
}

// dirSize is the bytes of the files under dir.
func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.Type().IsRegular() {
			fi, err := d.Info()
			if err != nil {
				return err
			}
			n += fi.Size()
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("size of %s: %w", dir, err)
	}
	return n, nil
}
