package baseline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/kb"
)

// FTS5 is SQLite's full-text search with the trigram tokenizer, which
// needs no word segmentation and so is the usual quick answer for Chinese:
// any run of three or more characters is found wherever it occurs.
type FTS5 struct {
	db   *sql.DB
	path string
}

var _ index.Engine = (*FTS5)(nil)

// The FTS table is exactly what a plain user would write. refs gives each
// record a stable rowid so that replacing it finds the old row through an
// index instead of scanning the FTS table's unindexed columns.
const ftsSchema = `
CREATE TABLE IF NOT EXISTS refs (
	id   INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,
	key  TEXT NOT NULL,
	UNIQUE (kind, key)
);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(kind UNINDEXED, key UNINDEXED, title, body, tokenize='trigram');
`

// NewFTS5 opens the FTS5 baseline database at path (":memory:" for one in
// memory), creating the file and its tables when missing.
func NewFTS5(path string) (*FTS5, error) {
	if path == "" {
		return nil, errors.New("open fts5 baseline: empty path")
	}
	dsn := path
	if path != ":memory:" {
		abs, err := filepath.Abs(path)
		if err != nil {
			return nil, fmt.Errorf("open fts5 baseline %s: %w", path, err)
		}
		// A file: URI, so a path holding '?' or '#' is still a path.
		u := url.URL{Path: filepath.ToSlash(abs)}
		p := u.EscapedPath()
		if !strings.HasPrefix(p, "/") {
			p = "/" + p
		}
		dsn = "file:" + p + "?_pragma=busy_timeout(10000)"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open fts5 baseline %s: %w", path, err)
	}
	// One connection: writes are serial anyway, and ":memory:" is one
	// database per connection.
	db.SetMaxOpenConns(1)
	db.SetConnMaxIdleTime(0)
	db.SetConnMaxLifetime(0)
	if _, err := db.Exec(ftsSchema); err != nil {
		db.Close()
		return nil, fmt.Errorf("open fts5 baseline %s: %w", path, err)
	}
	return &FTS5{db: db, path: path}, nil
}

// Put adds or replaces records in one transaction.
func (f *FTS5) Put(ctx context.Context, recs ...kb.Record) (err error) {
	tx, err := f.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("fts5 baseline: put: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	ref, err := tx.PrepareContext(ctx, `INSERT INTO refs (kind, key) VALUES (?, ?)
		ON CONFLICT (kind, key) DO UPDATE SET kind = excluded.kind RETURNING id`)
	if err != nil {
		return fmt.Errorf("fts5 baseline: put: %w", err)
	}
	defer ref.Close()
	del, err := tx.PrepareContext(ctx, `DELETE FROM fts WHERE rowid = ?`)
	if err != nil {
		return fmt.Errorf("fts5 baseline: put: %w", err)
	}
	defer del.Close()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO fts (rowid, kind, key, title, body) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("fts5 baseline: put: %w", err)
	}
	defer ins.Close()
	for _, r := range recs {
		kind, key := string(r.Kind()), r.Key()
		title, body := Text(r)
		var id int64
		if err := ref.QueryRowContext(ctx, kind, key).Scan(&id); err != nil {
			return fmt.Errorf("fts5 baseline: put %s %s: %w", kind, key, err)
		}
		if _, err := del.ExecContext(ctx, id); err != nil {
			return fmt.Errorf("fts5 baseline: put %s %s: %w", kind, key, err)
		}
		if _, err := ins.ExecContext(ctx, id, kind, key, title, body); err != nil {
			return fmt.Errorf("fts5 baseline: put %s %s: %w", kind, key, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("fts5 baseline: put: %w", err)
	}
	return nil
}

// ftsQuery is a user's query turned into what FTS5 can run.
type ftsQuery struct {
	match string   // FTS5 expression over the terms of 3+ characters, or ""
	likes []string // LIKE patterns for the shorter terms
}

// parseFTSQuery does what a plain user of FTS5 would: split the query on
// white space, quote every term so that nothing in it is FTS5 syntax, and
// OR the terms together. The trigram tokenizer cannot match a term of
// fewer than three characters, yet two-character words are the most common
// Chinese words (玩具, 铅, ...); dropping them would leave the baseline
// unable to answer many Chinese queries, so they are matched with LIKE
// instead, which SQLite runs as a scan.
func parseFTSQuery(q string) ftsQuery {
	// NUL and broken UTF-8 cannot be in the indexed text either.
	q = strings.ReplaceAll(strings.ToValidUTF8(q, ""), "\x00", "")
	var out ftsQuery
	var terms []string
	seen := map[string]bool{}
	for _, t := range strings.Fields(q) {
		if seen[t] {
			continue
		}
		seen[t] = true
		if utf8.RuneCountInString(t) >= 3 {
			terms = append(terms, `"`+strings.ReplaceAll(t, `"`, `""`)+`"`)
			continue
		}
		esc := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(t)
		out.likes = append(out.likes, "%"+esc+"%")
	}
	out.match = strings.Join(terms, " OR ")
	return out
}

// Search ranks the records matching any term of the query by bm25; a
// record containing a short term gains 1 per such term, about what one
// matched term adds to a bm25 score. A query with no usable term finds
// nothing.
func (f *FTS5) Search(ctx context.Context, r index.Request) (*index.Result, error) {
	start := time.Now()
	fq := parseFTSQuery(r.Query)
	if fq.match == "" && len(fq.likes) == 0 {
		return &index.Result{Took: time.Since(start)}, nil
	}
	limit := r.Limit
	if limit <= 0 {
		limit = index.DefaultLimit
	}

	// Named parameters, because the LIKE patterns appear in both the score
	// and the WHERE clause.
	var (
		args   []any
		score  []string // terms of the score
		where  []string // OR-ed conditions for a row to match
		filter string
	)
	from := "fts f"
	if fq.match != "" {
		from += " LEFT JOIN (SELECT rowid, -bm25(fts) AS s FROM fts WHERE fts MATCH :match) m ON m.rowid = f.rowid"
		args = append(args, sql.Named("match", fq.match))
		score = append(score, "coalesce(m.s, 0)")
		where = append(where, "m.rowid IS NOT NULL")
	}
	for i, p := range fq.likes {
		name := fmt.Sprintf("like%d", i)
		cond := fmt.Sprintf(`(f.title LIKE :%s ESCAPE '\' OR f.body LIKE :%[1]s ESCAPE '\')`, name)
		args = append(args, sql.Named(name, p))
		score = append(score, cond)
		where = append(where, cond)
	}
	if len(r.Kinds) > 0 {
		var names []string
		for i, k := range r.Kinds {
			name := fmt.Sprintf("kind%d", i)
			names = append(names, ":"+name)
			args = append(args, sql.Named(name, string(k)))
		}
		filter = " AND f.kind IN (" + strings.Join(names, ", ") + ")"
	}
	body := " FROM " + from + " WHERE (" + strings.Join(where, " OR ") + ")" + filter

	var total int
	if err := f.db.QueryRowContext(ctx, "SELECT count(*)"+body, args...).Scan(&total); err != nil {
		return nil, fmt.Errorf("fts5 baseline: search %q: %w", r.Query, err)
	}
	rows, err := f.db.QueryContext(ctx,
		"SELECT f.kind, f.key, f.title, "+strings.Join(score, " + ")+" AS score"+body+
			" ORDER BY score DESC, f.rowid LIMIT :limit OFFSET :offset",
		append(args, sql.Named("limit", limit), sql.Named("offset", max(r.Offset, 0)))...)
	if err != nil {
		return nil, fmt.Errorf("fts5 baseline: search %q: %w", r.Query, err)
	}
	defer rows.Close()
	out := &index.Result{Total: total}
	for rows.Next() {
		var h index.Hit
		var kind, title string
		if err := rows.Scan(&kind, &h.Key, &title, &h.Score); err != nil {
			return nil, fmt.Errorf("fts5 baseline: search %q: %w", r.Query, err)
		}
		h.Kind, h.Title = kb.Kind(kind), hitTitle(title)
		out.Hits = append(out.Hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("fts5 baseline: search %q: %w", r.Query, err)
	}
	out.Took = time.Since(start)
	return out, nil
}

// Close closes the database.
func (f *FTS5) Close() error {
	if err := f.db.Close(); err != nil {
		return fmt.Errorf("close fts5 baseline %s: %w", f.path, err)
	}
	return nil
}
