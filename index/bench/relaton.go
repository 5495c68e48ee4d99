package bench

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/stdbridge/stdbridge/kb"
)

// Relaton reads ISO and IEC catalogues as extracted from Relaton's data
// repositories (relaton-data-iso, relaton-data-iec): JSON Lines, usually
// gzipped, one publication a line. It is a real corpus of about 94,000
// standards with English titles, ICS codes and replacement chains.
type Relaton struct {
	// Paths are catalogue files (.jsonl.gz or .jsonl) or directories whose
	// catalogue files are read in name order.
	Paths []string
	// Limit stops after that many records; 0 reads everything.
	Limit int

	// Counts of the last iteration of Records, set as it goes.
	Read       int      // lines read
	Skipped    int      // lines whose docid is no standard number we parse, or whose record does not normalise
	Duplicates int      // lines whose canonical number an earlier line already gave
	Examples   []string // up to five skipped docids with the reason, for a report
}

// LoadRelaton reads the catalogue at path (a file, or a directory holding
// one) and yields its standards, up to limit of them (0 for all).
func LoadRelaton(path string, limit int) iter.Seq2[kb.Record, error] {
	return (&Relaton{Paths: []string{path}, Limit: limit}).Records()
}

// Records yields the catalogues' standards. Each call reads the files
// afresh, so the sequence can be ranged over once per engine. A line that
// is not JSON stops the sequence with an error naming file and line.
func (rl *Relaton) Records() iter.Seq2[kb.Record, error] {
	return func(yield func(kb.Record, error) bool) {
		rl.Read, rl.Skipped, rl.Duplicates, rl.Examples = 0, 0, 0, nil
		files, err := catalogueFiles(rl.Paths)
		if err != nil {
			yield(nil, err)
			return
		}
		seen := map[string]bool{}
		emitted := 0
		for _, f := range files {
			stop := false
			err := readLines(f, func(lineNo int, line []byte) (bool, error) {
				rl.Read++
				s, err := parseRelatonLine(line)
				if err != nil {
					var skip skipError
					if !errors.As(err, &skip) {
						return false, fmt.Errorf("%s:%d: %w", f, lineNo, err)
					}
					rl.Skipped++
					if len(rl.Examples) < 5 {
						rl.Examples = append(rl.Examples, err.Error())
					}
					return true, nil
				}
				if seen[s.Number] {
					rl.Duplicates++
					return true, nil
				}
				seen[s.Number] = true
				if !yield(s, nil) {
					stop = true
					return false, nil
				}
				emitted++
				if rl.Limit > 0 && emitted >= rl.Limit {
					stop = true
					return false, nil
				}
				return true, nil
			})
			if err != nil {
				yield(nil, err)
				return
			}
			if stop {
				return
			}
		}
	}
}

// catalogueFiles expands directories into the catalogue files they hold.
func catalogueFiles(paths []string) ([]string, error) {
	if len(paths) == 0 {
		return nil, errors.New("relaton: no catalogue path")
	}
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("relaton catalogue: %w", err)
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, fmt.Errorf("relaton catalogue: %w", err)
		}
		var found []string
		for _, e := range entries {
			if !e.IsDir() && (strings.HasSuffix(e.Name(), ".jsonl.gz") || strings.HasSuffix(e.Name(), ".jsonl")) {
				found = append(found, filepath.Join(p, e.Name()))
			}
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("relaton catalogue %s: no .jsonl.gz or .jsonl file in the directory", p)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// maxLine bounds one catalogue line; the longest real ones (IEC records
// with long abstracts) are well under 100 KB.
const maxLine = 4 << 20

// readLines calls fn for every non-blank line of a possibly gzipped file
// until fn returns false or an error.
func readLines(path string, fn func(lineNo int, line []byte) (bool, error)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("relaton catalogue: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("relaton catalogue %s: %w", path, err)
		}
		defer gz.Close()
		r = gz
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	lineNo := 0
	for sc.Scan() {
		lineNo++
		line := sc.Bytes()
		if len(strings.TrimSpace(string(line))) == 0 {
			continue
		}
		more, err := fn(lineNo, line)
		if err != nil || !more {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("relaton catalogue %s after line %d: %w", path, lineNo, err)
	}
	return nil
}

// relatonLine is the part of a catalogue line we use; other fields (file,
// urn, tc, edition, ...) are ignored.
type relatonLine struct {
	DocID     string            `json:"docid"`
	TitleEn   string            `json:"title_en"`
	TitleFr   string            `json:"title_fr"`
	Stage     string            `json:"stage"`
	Published string            `json:"published"`
	Dates     map[string]string `json:"dates"`
	ICS       [][]string        `json:"ics"`
	Link      string            `json:"link"`
	Abstract  string            `json:"abstract_en"`
	Relations struct {
		Obsoletes []string `json:"obsoletes"`
		Updates   []string `json:"updates"`
	} `json:"relations"`
}

// skipError is a line that is well-formed but gives no standard we keep.
type skipError struct{ reason string }

func (e skipError) Error() string { return e.reason }

// parseRelatonLine makes a normalised standard of one catalogue line.
func parseRelatonLine(line []byte) (*kb.Standard, error) {
	var l relatonLine
	if err := json.Unmarshal(line, &l); err != nil {
		return nil, fmt.Errorf("not a catalogue record: %w", err)
	}
	if _, err := kb.ParseStandardNumber(l.DocID); err != nil {
		return nil, skipError{err.Error()}
	}
	s := &kb.Standard{
		Number:  l.DocID,
		TitleEn: l.TitleEn,
		Status:  relatonStatus(l.Stage),
		Issued:  validDate(l.Published),
		URL:     l.Link,
		Scope:   l.Abstract,
	}
	if s.TitleEn == "" {
		s.TitleOriginal = l.TitleFr
	}
	for _, c := range l.ICS {
		if len(c) > 0 {
			if _, err := kb.ParseICS(c[0]); err == nil {
				s.ICS = append(s.ICS, c[0])
			}
		}
	}
	s.Replaces = parseable(l.Relations.Obsoletes)
	if s.Status == kb.StatusWithdrawn {
		// "updates" lists the successor of a withdrawn edition, but the
		// amendments of a current one, which do not replace it.
		s.ReplacedBy = parseable(l.Relations.Updates)
		s.WithdrawnOn = validDate(l.Dates["obsoleted"])
	}
	if err := s.Normalize(); err != nil {
		return nil, skipError{fmt.Sprintf("%s: %v", l.DocID, err)}
	}
	return s, nil
}

// relatonStatus maps ISO's stage codes (60 published, 90 under review,
// 95 withdrawn; below 60 a draft) and IEC's stage names to our statuses.
func relatonStatus(stage string) kb.Status {
	switch stage {
	case "60", "90", "PUBLISHED":
		return kb.StatusCurrent
	case "95", "REVISED", "REPLACED", "WITHDRAWN":
		return kb.StatusWithdrawn
	}
	return ""
}

func validDate(s string) kb.Date {
	d, err := kb.ParseDate(s)
	if err != nil {
		return ""
	}
	return d
}

// parseable keeps the numbers we can parse: relations also name drafts
// ("ISO 10079-1:2022/CD Amd 1") that are not standards.
func parseable(nums []string) []string {
	var out []string
	for _, n := range nums {
		if _, err := kb.ParseStandardNumber(n); err == nil {
			out = append(out, n)
		}
	}
	return out
}
