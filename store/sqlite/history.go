package sqlite

import (
	"context"
	"fmt"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// History lists every stored version of a record, oldest first. A
// notification's history includes the versions from before it gained its
// symbol.
func (s *Store) History(ctx context.Context, kind kb.Kind, key string) ([]store.Version, error) {
	t, err := s.tableOf(kind)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	rows, err := s.read.QueryContext(ctx,
		"SELECT version, json, at, source, actor, note FROM versions WHERE kind = ? AND key = ? ORDER BY version",
		string(kind), key)
	if err != nil {
		return nil, fmt.Errorf("history %s %q: %w", kind, key, err)
	}
	defer rows.Close()
	var out []store.Version
	for rows.Next() {
		var v store.Version
		var data []byte
		var at string
		if err := rows.Scan(&v.Version, &data, &at, &v.Source, &v.Actor, &v.Note); err != nil {
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
