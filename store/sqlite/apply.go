package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// Apply writes a batch in one transaction; see store.Writer. Records are
// normalised in place (a no-op for records that already are) and a record
// whose Normalize fails rejects the batch.
func (s *Store) Apply(ctx context.Context, b store.Batch) (store.ApplyResult, error) {
	var res store.ApplyResult
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("apply %s: %w", b.Source, err)
	}
	defer tx.Rollback() // a no-op after Commit
	w := &txWriter{tx: tx, stmts: map[string]*sql.Stmt{}, source: b.Source, actor: b.Actor, note: b.Note, at: formatTime(s.now())}
	defer w.close()
	for i, rec := range b.Records {
		op, err := s.applyOne(ctx, w, rec)
		if err != nil {
			return store.ApplyResult{}, fmt.Errorf("apply %s: record %d: %w", b.Source, i+1, err)
		}
		switch op {
		case store.OpInsert:
			res.Inserted++
		case store.OpUpdate:
			res.Updated++
		default:
			res.Unchanged++
		}
	}
	if err := tx.Commit(); err != nil {
		return store.ApplyResult{}, fmt.Errorf("apply %s: commit: %w", b.Source, err)
	}
	return res, nil
}

// txWriter runs one batch's statements, preparing each distinct statement
// once per transaction: a batch repeats the same few thousands of times.
type txWriter struct {
	tx                  *sql.Tx
	stmts               map[string]*sql.Stmt
	source, actor, note string
	at                  string
}

func (w *txWriter) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := w.stmts[query]; ok {
		return st, nil
	}
	st, err := w.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	w.stmts[query] = st
	return st, nil
}

func (w *txWriter) exec(ctx context.Context, query string, args ...any) error {
	st, err := w.stmt(ctx, query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

func (w *txWriter) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := w.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (w *txWriter) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// stored is the row a record is compared with and written over.
type stored struct {
	id      int64
	key     string
	json    []byte
	version int
}

// applyOne writes one record and says what it did; "" means unchanged.
func (s *Store) applyOne(ctx context.Context, w *txWriter, rec kb.Record) (store.Op, error) {
	t, err := s.tableFor(rec)
	if err != nil {
		return "", err
	}
	if err := rec.Normalize(); err != nil {
		return "", fmt.Errorf("%s %q: %w", t.kind, rec.Key(), err)
	}
	var old *stored
	if n, ok := rec.(*kb.Notification); ok {
		n, old, err = s.findNotification(ctx, w, n)
		rec = n
	} else {
		old, err = findOne(ctx, w, t.selectByKey, rec.Key())
	}
	if err != nil {
		return "", fmt.Errorf("%s %q: %w", t.kind, rec.Key(), err)
	}
	op, err := s.write1(ctx, w, t, rec, old)
	if err != nil {
		return "", fmt.Errorf("%s %q: %w", t.kind, rec.Key(), err)
	}
	return op, nil
}

// write1 writes rec over old (nil for a new record), with its version,
// change-log entry and links.
func (s *Store) write1(ctx context.Context, w *txWriter, t *table, rec kb.Record, old *stored) (store.Op, error) {
	key := rec.Key()
	data, err := encode(rec)
	if err != nil {
		return "", err
	}
	if old != nil && old.key == key && bytes.Equal(old.json, data) {
		return "", nil
	}
	op, version, oldKey := store.OpInsert, 1, ""
	args := append([]any{key, string(data), version, w.at}, t.values(rec)...)
	if old == nil {
		err = w.exec(ctx, t.insert, args...)
	} else {
		op, version = store.OpUpdate, old.version+1
		args[2] = version
		err = w.exec(ctx, t.update, append(args, old.id)...)
	}
	if err != nil {
		return "", fmt.Errorf("write row: %w", err)
	}
	if old != nil && old.key != key {
		// The record was renamed (a notification gained its symbol): its
		// history and links follow it.
		oldKey = old.key
		if err := w.exec(ctx, "UPDATE versions SET key = ? WHERE kind = ? AND key = ?", key, string(t.kind), oldKey); err != nil {
			return "", fmt.Errorf("rename versions: %w", err)
		}
		if err := w.exec(ctx, "DELETE FROM links WHERE from_kind = ? AND from_key = ?", string(t.kind), oldKey); err != nil {
			return "", fmt.Errorf("rename links: %w", err)
		}
	}
	if err := w.exec(ctx, "INSERT INTO versions (kind, key, version, json, at, source, actor, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		string(t.kind), key, version, string(data), w.at, w.source, w.actor, w.note); err != nil {
		return "", fmt.Errorf("write version: %w", err)
	}
	var oldKeyArg any
	if oldKey != "" {
		oldKeyArg = oldKey
	}
	if err := w.exec(ctx, "INSERT INTO changes (kind, key, old_key, op, at, source) VALUES (?, ?, ?, ?, ?, ?)",
		string(t.kind), key, oldKeyArg, string(op), w.at, w.source); err != nil {
		return "", fmt.Errorf("write change: %w", err)
	}
	if err := w.exec(ctx, "DELETE FROM links WHERE from_kind = ? AND from_key = ?", string(t.kind), key); err != nil {
		return "", fmt.Errorf("clear links: %w", err)
	}
	for _, l := range linksOf(rec) {
		if err := w.exec(ctx, "INSERT INTO links (from_kind, from_key, rel, to_number, to_undated, degree) VALUES (?, ?, ?, ?, ?, ?)",
			string(t.kind), key, string(l.rel), l.to, undated(l.to), string(l.degree)); err != nil {
			return "", fmt.Errorf("write link %s %s: %w", l.rel, l.to, err)
		}
	}
	return op, nil
}

// findNotification finds the stored notification n is a version of, and
// returns n as it is to be stored:
//
//   - with a symbol: the record with that symbol; failing that, a record
//     without a symbol and the same natural key, which n takes over;
//   - without a symbol: the record without a symbol with the same natural
//     key; failing that, a single record with a symbol and the same natural
//     key, whose symbol n keeps (an ePing export re-imported after the
//     crawler found the symbol must not add a second record). Several such
//     records are an error: which one n is cannot be told.
func (s *Store) findNotification(ctx context.Context, w *txWriter, n *kb.Notification) (*kb.Notification, *stored, error) {
	const cols = "SELECT id, key, json, version FROM notifications WHERE "
	nk := n.NaturalKey()
	if n.Symbol != "" {
		old, err := findOne(ctx, w, cols+"symbol = ?", n.Symbol)
		if old != nil || err != nil {
			return n, old, err
		}
		old, err = findOne(ctx, w, cols+"natural_key = ? AND symbol IS NULL", nk)
		return n, old, err
	}
	old, err := findOne(ctx, w, cols+"natural_key = ? AND symbol IS NULL", nk)
	if old != nil || err != nil {
		return n, old, err
	}
	rows, err := w.query(ctx, "SELECT id, key, json, version, symbol FROM notifications WHERE natural_key = ? AND symbol IS NOT NULL ORDER BY symbol LIMIT 2", nk)
	if err != nil {
		return n, nil, fmt.Errorf("find by natural key: %w", err)
	}
	defer rows.Close()
	var found []stored
	var symbols []string
	for rows.Next() {
		var st stored
		var sym string
		if err := rows.Scan(&st.id, &st.key, &st.json, &st.version, &sym); err != nil {
			return n, nil, fmt.Errorf("find by natural key: %w", err)
		}
		found, symbols = append(found, st), append(symbols, sym)
	}
	if err := rows.Err(); err != nil {
		return n, nil, fmt.Errorf("find by natural key: %w", err)
	}
	switch len(found) {
	case 0:
		return n, nil, nil
	case 1:
		c := *n
		c.Symbol = symbols[0]
		// The symbol-less source knows no link to the notification either;
		// keep the one the symbol came with.
		if c.Link == "" {
			var prev kb.Notification
			if err := json.Unmarshal([]byte(found[0].json), &prev); err == nil {
				c.Link = prev.Link
			}
		}
		if err := c.Normalize(); err != nil {
			return n, nil, fmt.Errorf("as %s, which has the same member, area, date and title: %w", symbols[0], err)
		}
		return &c, &found[0], nil
	}
	return n, nil, fmt.Errorf("member, area, date and title match %s and %s: give the symbol", symbols[0], symbols[1])
}

func findOne(ctx context.Context, w *txWriter, query string, arg any) (*stored, error) {
	st, err := w.stmt(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("find: %w", err)
	}
	var r stored
	err = st.QueryRowContext(ctx, arg).Scan(&r.id, &r.key, &r.json, &r.version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find: %w", err)
	}
	return &r, nil
}
