package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// Get returns one record by its canonical key.
func (s *Store) Get(ctx context.Context, kind kb.Kind, key string) (kb.Record, error) {
	t, err := s.tableOf(kind)
	if err != nil {
		return nil, fmt.Errorf("get: %w", err)
	}
	var data []byte
	err = s.read.QueryRowContext(ctx, "SELECT json FROM "+t.name+" WHERE key = ?", key).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("get %s %q: %w", kind, key, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("get %s %q: %w", kind, key, err)
	}
	rec, err := t.decode(data)
	if err != nil {
		return nil, fmt.Errorf("get %s %q: %w", kind, key, err)
	}
	return rec, nil
}

// Standard returns a standard by number, in any spelling.
func (s *Store) Standard(ctx context.Context, number string) (*kb.Standard, error) {
	if c, err := kb.CanonicalStandardNumber(number); err == nil {
		number = c
	}
	rec, err := s.Get(ctx, kb.KindStandard, number)
	if err != nil {
		return nil, err
	}
	return rec.(*kb.Standard), nil
}

// Notification returns a notification by key: its symbol, in any spelling,
// or the ePing-… key of one without.
func (s *Store) Notification(ctx context.Context, key string) (*kb.Notification, error) {
	if sym, err := kb.ParseSymbol(key); err == nil {
		key = sym.String()
	}
	rec, err := s.Get(ctx, kb.KindNotification, key)
	if err != nil {
		return nil, err
	}
	return rec.(*kb.Notification), nil
}

// Regulation returns a regulation by its canonical id.
func (s *Store) Regulation(ctx context.Context, id string) (*kb.Regulation, error) {
	rec, err := s.Get(ctx, kb.KindRegulation, id)
	if err != nil {
		return nil, err
	}
	return rec.(*kb.Regulation), nil
}

// Mapping returns the mapping between two standards, in any spelling.
func (s *Store) Mapping(ctx context.Context, foreign, domestic string) (*kb.Mapping, error) {
	m := kb.Mapping{Foreign: foreign, Domestic: domestic}
	if c, err := kb.CanonicalStandardNumber(foreign); err == nil {
		m.Foreign = c
	}
	if c, err := kb.CanonicalStandardNumber(domestic); err == nil {
		m.Domestic = c
	}
	rec, err := s.Get(ctx, kb.KindMapping, m.Key())
	if err != nil {
		return nil, err
	}
	return rec.(*kb.Mapping), nil
}

// Each streams the records of a kind in key order (byte order, as Go
// compares strings).
func (s *Store) Each(ctx context.Context, kind kb.Kind, fn func(kb.Record) error) error {
	t, err := s.tableOf(kind)
	if err != nil {
		return fmt.Errorf("each: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, "SELECT json FROM "+t.name+" ORDER BY key")
	if err != nil {
		return fmt.Errorf("each %s: %w", kind, err)
	}
	defer rows.Close()
	var data []byte
	for rows.Next() {
		if err := rows.Scan(&data); err != nil {
			return fmt.Errorf("each %s: %w", kind, err)
		}
		rec, err := t.decode(data)
		if err != nil {
			return fmt.Errorf("each %s: %w", kind, err)
		}
		if err := fn(rec); err != nil {
			return err // fn's own error, for the caller to recognise
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("each %s: %w", kind, err)
	}
	return nil
}

// Inbound lists the links made to number. An undated number matches every
// link to any edition; a dated one matches links to itself, to its edition
// without amendments and to the undated form.
func (s *Store) Inbound(ctx context.Context, number string) ([]store.Link, error) {
	where, args := "to_number = ?", []any{strings.TrimSpace(number)}
	if n, err := kb.ParseStandardNumber(number); err == nil {
		if canon, und := n.String(), n.Undated(); canon == und {
			where, args = "to_undated = ?", []any{und}
		} else {
			where, args = "to_number IN (?, ?, ?)", []any{canon, n.Dated(), und}
		}
	}
	rows, err := s.read.QueryContext(ctx, `SELECT from_kind, from_key, rel, to_number, degree FROM links
		WHERE `+where+` ORDER BY from_kind, from_key, rel, to_number`, args...)
	if err != nil {
		return nil, fmt.Errorf("inbound %s: %w", number, err)
	}
	defer rows.Close()
	var out []store.Link
	for rows.Next() {
		var l store.Link
		if err := rows.Scan(&l.FromKind, &l.FromKey, &l.Rel, &l.To, &l.Degree); err != nil {
			return nil, fmt.Errorf("inbound %s: %w", number, err)
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("inbound %s: %w", number, err)
	}
	return out, nil
}

// Chain lists the notifications of a chain, oldest first. Any symbol of the
// chain names it: G/TBT/N/EU/1123/Add.1 gives the chain of G/TBT/N/EU/1123.
func (s *Store) Chain(ctx context.Context, rootSymbol string) ([]*kb.Notification, error) {
	root := strings.TrimSpace(rootSymbol)
	if sym, err := kb.ParseSymbol(root); err == nil {
		root = sym.Root().String()
	}
	out, err := list[*kb.Notification](ctx, s, kb.KindNotification,
		"WHERE root = ? ORDER BY distributed, symbol", root)
	if err != nil {
		return nil, fmt.Errorf("chain %s: %w", rootSymbol, err)
	}
	return out, nil
}

// Mappings lists the mappings with number, exactly, on either side.
func (s *Store) Mappings(ctx context.Context, number string) ([]*kb.Mapping, error) {
	if c, err := kb.CanonicalStandardNumber(number); err == nil {
		number = c
	}
	out, err := list[*kb.Mapping](ctx, s, kb.KindMapping,
		"WHERE foreign_number = ? OR domestic_number = ? ORDER BY key", number, number)
	if err != nil {
		return nil, fmt.Errorf("mappings %s: %w", number, err)
	}
	return out, nil
}

// Requirements lists requirement rows by topic and/or source.
func (s *Store) Requirements(ctx context.Context, f store.RequirementFilter) ([]*kb.Requirement, error) {
	var conds []string
	var args []any
	if f.Topic != "" {
		// Stored topics are lower case with single spaces (Requirement.Normalize).
		conds = append(conds, "topic = ?")
		args = append(args, strings.ToLower(strings.Join(strings.Fields(f.Topic), " ")))
	}
	if f.Source != "" {
		conds = append(conds, "source = ?")
		args = append(args, strings.TrimSpace(f.Source))
	}
	out, err := list[*kb.Requirement](ctx, s, kb.KindRequirement,
		where(conds)+" ORDER BY topic, parameter, scope, source", args...)
	if err != nil {
		return nil, fmt.Errorf("requirements: %w", err)
	}
	return out, nil
}

// Topics lists the requirement topics by name, each with its sources in
// order.
func (s *Store) Topics(ctx context.Context) ([]store.Topic, error) {
	rows, err := s.read.QueryContext(ctx,
		"SELECT topic, source, COUNT(*) FROM requirements GROUP BY topic, source ORDER BY topic, source")
	if err != nil {
		return nil, fmt.Errorf("topics: %w", err)
	}
	defer rows.Close()
	var out []store.Topic
	for rows.Next() {
		var topic, source string
		var n int
		if err := rows.Scan(&topic, &source, &n); err != nil {
			return nil, fmt.Errorf("topics: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].Name != topic {
			out = append(out, store.Topic{Name: topic})
		}
		t := &out[len(out)-1]
		t.Sources = append(t.Sources, source)
		t.Rows += n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("topics: %w", err)
	}
	return out, nil
}

// Notifications lists notifications newest first (by distribution date,
// then key); those without a date come last.
func (s *Store) Notifications(ctx context.Context, f store.NotificationFilter) ([]*kb.Notification, error) {
	if f.Limit < 0 {
		return nil, fmt.Errorf("notifications: negative limit %d", f.Limit)
	}
	var conds []string
	var args []any
	if f.Member != "" {
		m := f.Member
		if c, err := kb.MemberCode(m); err == nil {
			m = c
		}
		conds, args = append(conds, "member = ?"), append(args, m)
	}
	if f.Area != "" {
		conds, args = append(conds, "area = ?"), append(args, strings.ToUpper(string(f.Area)))
	}
	// Dates are stored as YYYY[-MM[-DD]] text, which compares as dates do;
	// an empty (unknown) date is below every bound.
	if f.DeadlineFrom != "" {
		conds, args = append(conds, "comment_deadline >= ?"), append(args, string(f.DeadlineFrom))
	}
	if f.DistributedFrom != "" {
		conds, args = append(conds, "distributed >= ?"), append(args, string(f.DistributedFrom))
	}
	limit := -1 // SQLite: no limit
	if f.Limit > 0 {
		limit = f.Limit
	}
	out, err := list[*kb.Notification](ctx, s, kb.KindNotification,
		where(conds)+" ORDER BY distributed DESC, key LIMIT ?", append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("notifications: %w", err)
	}
	return out, nil
}

func where(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return "WHERE " + strings.Join(conds, " AND ")
}

// list decodes the records of kind selected by the SQL after FROM.
func list[T kb.Record](ctx context.Context, s *Store, kind kb.Kind, tail string, args ...any) ([]T, error) {
	t, err := s.tableOf(kind)
	if err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, "SELECT json FROM "+t.name+" "+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	var data []byte
	for rows.Next() {
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		rec, err := t.decode(data)
		if err != nil {
			return nil, err
		}
		out = append(out, rec.(T))
	}
	return out, rows.Err()
}

// Stats counts records, all from one snapshot of the database.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	st := store.Stats{
		Kinds:      map[kb.Kind]int{},
		Members:    map[string]int{},
		Areas:      map[kb.Area]int{},
		Publishers: map[string]int{},
	}
	tx, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	defer tx.Rollback()
	for _, kind := range kb.Kinds {
		t, err := s.tableOf(kind)
		if err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+t.name).Scan(&n); err != nil {
			return st, fmt.Errorf("stats: count %s: %w", kind, err)
		}
		st.Kinds[kind] = n
	}
	groups := []struct {
		query string
		add   func(string, int)
	}{
		{"SELECT member, COUNT(*) FROM notifications GROUP BY member", func(k string, n int) { st.Members[k] = n }},
		{"SELECT area, COUNT(*) FROM notifications GROUP BY area", func(k string, n int) { st.Areas[kb.Area(k)] = n }},
		{"SELECT publisher, COUNT(*) FROM standards GROUP BY publisher", func(k string, n int) { st.Publishers[k] = n }},
	}
	for _, g := range groups {
		if err := countGroups(ctx, tx, g.query, g.add); err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
	}
	var last sql.NullString
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*), MAX(at) FROM changes").Scan(&st.ChangeCount, &last); err != nil {
		return st, fmt.Errorf("stats: changes: %w", err)
	}
	if last.Valid {
		if st.LastChange, err = parseTime(last.String); err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
	}
	return st, nil
}

func countGroups(ctx context.Context, tx *sql.Tx, query string, add func(string, int)) error {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return err
		}
		add(k, n)
	}
	return rows.Err()
}
