package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/stdbridge/stdbridge/kb"
)

// Version is one stored version of a record.
type Version struct {
	Version int
	Record  kb.Record
	At      time.Time
	Source  string
}

// History lists every stored version of a record, oldest first. A
// notification's history includes the versions from before it gained its
// symbol.
func (s *Store) History(ctx context.Context, kind kb.Kind, key string) ([]Version, error) {
	t, err := s.tableOf(kind)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	rows, err := s.read.QueryContext(ctx,
		"SELECT version, json, at, source FROM versions WHERE kind = ? AND key = ? ORDER BY version",
		string(kind), key)
	if err != nil {
		return nil, fmt.Errorf("history %s %q: %w", kind, key, err)
	}
	defer rows.Close()
	var out []Version
	for rows.Next() {
		var v Version
		var data []byte
		var at string
		if err := rows.Scan(&v.Version, &data, &at, &v.Source); err != nil {
			return nil, fmt.Errorf("history %s %q: %w", kind, key, err)
		}
		if v.Record, err = t.decode(data); err != nil {
			return nil, fmt.Errorf("history %s %q: %w", kind, key, err)
		}
		if v.At, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("history %s %q: %w", kind, key, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("history %s %q: %w", kind, key, err)
	}
	return out, nil
}
