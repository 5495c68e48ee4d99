package content

import (
	"fmt"
	"io/fs"

	"github.com/stdbridge/stdbridge/ingest"
	"github.com/stdbridge/stdbridge/kb"
)

// SeedRecords reads every seed file, checks that no record appears in two
// files, and returns the records in file order.
func SeedRecords() ([]kb.Record, error) {
	fsys := Seed()
	names, err := fs.Glob(fsys, "*.jsonl")
	if err != nil {
		return nil, err
	}
	var all []kb.Record
	where := map[string]string{}
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, fmt.Errorf("seed %s: %w", name, err)
		}
		recs, err := ingest.ReadJSONL(f, name)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("seed: %w", err)
		}
		for _, r := range recs {
			id := string(r.Kind()) + " " + r.Key()
			if prev, ok := where[id]; ok {
				return nil, fmt.Errorf("seed: %s is in both %s and %s", id, prev, name)
			}
			where[id] = name
		}
		all = append(all, recs...)
	}
	return all, nil
}
