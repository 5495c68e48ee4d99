// Command gendict writes the Chinese word list the segmenter loads: the
// simplified dictionary that ships with gse (data/dict/zh/s_1.txt, from
// jieba), keeping the words frequent enough to matter for search. Loading
// all 352k words takes over two seconds; the words kept load in well under
// one, which keeps a restart of the server inside its start-up budget.
//
// Run by `go generate ./index/zh` with the gse module in the module cache.
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

func main() {
	minFreq := flag.Float64("min-freq", 5, "keep words at least this frequent")
	out := flag.String("o", "dict_zh.txt.gz", "output file")
	src := flag.String("src", "", "gse's s_1.txt (default: from the module cache)")
	flag.Parse()
	if err := run(*src, *out, *minFreq); err != nil {
		fmt.Fprintln(os.Stderr, "gendict:", err)
		os.Exit(1)
	}
}

func run(src, out string, minFreq float64) error {
	if src == "" {
		dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-ego/gse").Output()
		if err != nil {
			return fmt.Errorf("find gse in the module cache: %w", err)
		}
		src = filepath.Join(strings.TrimSpace(string(dir)), "data", "dict", "zh", "s_1.txt")
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(out), ".dict-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	zw, _ := gzip.NewWriterLevel(tmp, gzip.BestCompression)
	zw.ModTime = zw.ModTime.UTC() // zero: the output depends on the input only
	w := bufio.NewWriter(zw)
	sc := bufio.NewScanner(in)
	kept, total := 0, 0
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 {
			continue
		}
		total++
		freq, err := strconv.ParseFloat(f[1], 64)
		if err != nil || freq < minFreq {
			continue
		}
		kept++
		fmt.Fprintln(w, strings.Join(f, " "))
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gendict: kept %d of %d words (frequency >= %g)\n", kept, total, minFreq)
	return os.Rename(tmp.Name(), out)
}
