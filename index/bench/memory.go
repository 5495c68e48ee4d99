package bench

import (
	"bufio"
	"bytes"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"sync"
	"time"
)

// heapMetric is the heap memory occupied by objects, live or not yet
// swept: what the Go heap holds at a moment.
const heapMetric = "/memory/classes/heap/objects:bytes"

// heapInUse reads heapMetric; reading runtime/metrics does not stop the world.
func heapInUse() uint64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// residentBytes is the process's resident set size now (VmRSS):
// everything it holds in RAM, Go heap, stacks, runtime, cgo and mapped
// index files alike. It is 0 where /proc is not available.
func residentBytes() uint64 { return procStatus("VmRSS") }

// peakResident is the process's peak resident set size so far (VmHWM),
// which the kernel keeps: no sampling misses a short peak.
func peakResident() uint64 { return procStatus("VmHWM") }

func procStatus(field string) uint64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	return parseStatus(data, field)
}

// parseStatus reads a "Field:   123456 kB" line of /proc/self/status, in
// bytes; 0 when it is missing or malformed.
func parseStatus(status []byte, field string) uint64 {
	prefix := []byte(field + ":")
	sc := bufio.NewScanner(bytes.NewReader(status))
	for sc.Scan() {
		rest, ok := bytes.CutPrefix(sc.Bytes(), prefix)
		if !ok {
			continue
		}
		f := bytes.Fields(rest) // "123456 kB"
		if len(f) != 2 || string(f[1]) != "kB" {
			return 0
		}
		kb, err := strconv.ParseUint(string(f[0]), 10, 64)
		if err != nil {
			return 0
		}
		return kb << 10
	}
	return 0
}

// settle collects garbage and hands freed memory back to the OS, so that
// what is measured next is what is live, not what an earlier phase left.
func settle() {
	runtime.GC()
	debug.FreeOSMemory()
}

// sampler records peaks of the Go heap and of the resident size while it
// runs, the latter split into anonymous memory (heap, stacks, runtime:
// what the process really costs) and mapped files (index segments that
// bleve maps: page cache the kernel can drop under pressure).
type sampler struct {
	stop chan struct{}
	once sync.Once
	wg   sync.WaitGroup
	mu   sync.Mutex
	peak peaks
}

// peaks are the highest values a sampler saw, in bytes.
type peaks struct {
	heap, rss, anon, file uint64
}

func startSampler(every time.Duration) *sampler {
	s := &sampler{stop: make(chan struct{})}
	s.sample()
	s.wg.Go(func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-s.stop:
				return
			case <-t.C:
				s.sample()
			}
		}
	})
	return s
}

func (s *sampler) sample() {
	h := heapInUse()
	var rss, anon, file uint64
	if data, err := os.ReadFile("/proc/self/status"); err == nil {
		rss, anon, file = parseStatus(data, "VmRSS"), parseStatus(data, "RssAnon"), parseStatus(data, "RssFile")
	}
	s.mu.Lock()
	p := &s.peak
	p.heap, p.rss, p.anon, p.file = max(p.heap, h), max(p.rss, rss), max(p.anon, anon), max(p.file, file)
	s.mu.Unlock()
}

// Stop ends sampling, takes a last sample and returns the peaks. Calling
// it again returns the same peaks.
func (s *sampler) Stop() peaks {
	s.once.Do(func() {
		close(s.stop)
		s.wg.Wait()
		s.sample()
	})
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.peak
}
