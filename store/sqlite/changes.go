package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/stdbridge/stdbridge/store"
)

// Changes returns up to limit entries after seq after, oldest first; a
// limit of 0 or less means all of them.
func (s *Store) Changes(ctx context.Context, after int64, limit int) ([]store.Change, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.read.QueryContext(ctx,
		"SELECT seq, kind, key, COALESCE(old_key, ''), op, at, source FROM changes WHERE seq > ? ORDER BY seq LIMIT ?",
		after, limit)
	if err != nil {
		return nil, fmt.Errorf("changes after %d: %w", after, err)
	}
	defer rows.Close()
	var out []store.Change
	for rows.Next() {
		var c store.Change
		var at string
		if err := rows.Scan(&c.Seq, &c.Kind, &c.Key, &c.OldKey, &c.Op, &at, &c.Source); err != nil {
			return nil, fmt.Errorf("changes after %d: %w", after, err)
		}
		if c.At, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("changes after %d: %w", after, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("changes after %d: %w", after, err)
	}
	return out, nil
}

// Cursor returns a consumer's position: 0 for one never seen.
func (s *Store) Cursor(ctx context.Context, consumer string) (int64, error) {
	var seq int64
	err := s.read.QueryRowContext(ctx, "SELECT seq FROM cursors WHERE consumer = ?", consumer).Scan(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("cursor %s: %w", consumer, err)
	}
	return seq, nil
}

// SetCursor records a consumer's position. Moving it back is allowed (a
// consumer rebuilding from scratch sets 0).
func (s *Store) SetCursor(ctx context.Context, consumer string, seq int64) error {
	if consumer == "" {
		return errors.New("set cursor: empty consumer name")
	}
	if seq < 0 {
		return fmt.Errorf("set cursor %s: negative seq %d", consumer, seq)
	}
	_, err := s.write.ExecContext(ctx, `INSERT INTO cursors (consumer, seq, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (consumer) DO UPDATE SET seq = excluded.seq, updated_at = excluded.updated_at`,
		consumer, seq, formatTime(s.now()))
	if err != nil {
		return fmt.Errorf("set cursor %s: %w", consumer, err)
	}
	return nil
}
