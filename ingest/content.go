package ingest

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/stdbridge/stdbridge/kb"
)

// ContentResult counts what WriteContent did.
type ContentResult struct {
	Replaced, Unchanged, Added int
	Files                      []string // files written
}

// WriteContent brings the JSON Lines files of a content directory (such
// as content/seed) up to date with recs, so that knowledge curated on the
// site can be kept in version control: a record whose key a file already
// holds replaces that line where it stands, one equal to it leaves the
// line as written, and a record no file holds is appended to newFile.
// Comments, blank lines and other records stay. Each changed file is
// written whole to a temporary file and renamed over the old one.
func WriteContent(dir, newFile string, recs []kb.Record) (ContentResult, error) {
	var res ContentResult
	want := map[string]kb.Record{}
	for _, r := range recs {
		if err := r.Normalize(); err != nil {
			return res, fmt.Errorf("write content: %s %s: %w", r.Kind(), r.Key(), err)
		}
		want[string(r.Kind())+"\x00"+r.Key()] = r
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return res, fmt.Errorf("write content: %w", err)
	}
	sort.Strings(files)
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			return res, fmt.Errorf("write content: %w", err)
		}
		var out bytes.Buffer
		changed := false
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 64<<10), MaxLineBytes)
		for line := 1; sc.Scan(); line++ {
			text := sc.Bytes()
			trimmed := bytes.TrimSpace(text)
			if len(trimmed) == 0 || trimmed[0] != '{' {
				out.Write(text)
				out.WriteByte('\n')
				continue
			}
			old, err := decodeLine(trimmed)
			if err == nil {
				err = old.Normalize()
			}
			if err != nil {
				return res, fmt.Errorf("write content: %s line %d: %w", path, line, err)
			}
			id := string(old.Kind()) + "\x00" + old.Key()
			r, ok := want[id]
			if !ok {
				out.Write(text)
				out.WriteByte('\n')
				continue
			}
			delete(want, id)
			if sameRecord(old, r) {
				res.Unchanged++
				out.Write(text)
				out.WriteByte('\n')
				continue
			}
			res.Replaced++
			changed = true
			if err := WriteJSONL(&out, r); err != nil {
				return res, err
			}
		}
		if err := sc.Err(); err != nil {
			return res, fmt.Errorf("write content: %s: %w", path, err)
		}
		if changed {
			if err := writeFileAtomic(path, out.Bytes()); err != nil {
				return res, err
			}
			res.Files = append(res.Files, path)
		}
	}
	if len(want) == 0 {
		return res, nil
	}
	// New records, in the export's order: kind, then key.
	var added []kb.Record
	for _, r := range want {
		added = append(added, r)
	}
	rank := map[kb.Kind]int{}
	for i, k := range kb.Kinds {
		rank[k] = i
	}
	sort.Slice(added, func(i, j int) bool {
		if added[i].Kind() != added[j].Kind() {
			return rank[added[i].Kind()] < rank[added[j].Kind()]
		}
		return added[i].Key() < added[j].Key()
	})
	path := filepath.Join(dir, newFile)
	prev, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return res, fmt.Errorf("write content: %w", err)
	}
	var out bytes.Buffer
	out.Write(prev)
	if len(prev) > 0 && !strings.HasSuffix(string(prev), "\n") {
		out.WriteByte('\n')
	}
	if err := WriteJSONL(&out, added...); err != nil {
		return res, err
	}
	if err := writeFileAtomic(path, out.Bytes()); err != nil {
		return res, err
	}
	res.Added = len(added)
	if !containsString(res.Files, path) {
		res.Files = append(res.Files, path)
	}
	return res, nil
}

// sameRecord compares two normalised records by their JSON Lines form.
func sameRecord(a, b kb.Record) bool {
	var x, y bytes.Buffer
	return WriteJSONL(&x, a) == nil && WriteJSONL(&y, b) == nil && bytes.Equal(x.Bytes(), y.Bytes())
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// writeFileAtomic replaces path with data through a temporary file in the
// same directory.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
