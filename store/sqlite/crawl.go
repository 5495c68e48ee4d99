package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/stdbridge/stdbridge/store"
)

// Page returns what the crawler remembers of a URL.
func (s *Store) Page(ctx context.Context, source, url string) (store.PageState, bool, error) {
	p := store.PageState{Source: source, URL: url}
	var at string
	err := s.read.QueryRowContext(ctx,
		"SELECT etag, last_modified, hash, memo, fetched_at FROM crawl_pages WHERE source = ? AND url = ?",
		source, url).Scan(&p.ETag, &p.LastModified, &p.Hash, &p.Memo, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return p, false, nil
	}
	if err == nil {
		p.FetchedAt, err = parseTime(at)
	}
	if err != nil {
		return p, false, fmt.Errorf("crawl page %s %s: %w", source, url, err)
	}
	return p, true, nil
}

// SavePage records a fetched page.
func (s *Store) SavePage(ctx context.Context, p store.PageState) error {
	if p.Source == "" || p.URL == "" {
		return errors.New("save crawl page: empty source or URL")
	}
	_, err := s.write.ExecContext(ctx, `INSERT INTO crawl_pages (source, url, etag, last_modified, hash, memo, fetched_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (source, url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
			hash = excluded.hash, memo = excluded.memo, fetched_at = excluded.fetched_at`,
		p.Source, p.URL, p.ETag, p.LastModified, p.Hash, p.Memo, formatTime(p.FetchedAt))
	if err != nil {
		return fmt.Errorf("save crawl page %s %s: %w", p.Source, p.URL, err)
	}
	return nil
}

// Checkpoint returns a source's position in an unfinished crawl.
func (s *Store) Checkpoint(ctx context.Context, source string) (string, error) {
	var v string
	err := s.read.QueryRowContext(ctx, "SELECT value FROM crawl_checkpoints WHERE source = ?", source).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("checkpoint %s: %w", source, err)
	}
	return v, nil
}

// SetCheckpoint stores a source's position; "" clears it.
func (s *Store) SetCheckpoint(ctx context.Context, source, value string) error {
	var err error
	if value == "" {
		_, err = s.write.ExecContext(ctx, "DELETE FROM crawl_checkpoints WHERE source = ?", source)
	} else {
		_, err = s.write.ExecContext(ctx, `INSERT INTO crawl_checkpoints (source, value) VALUES (?, ?)
			ON CONFLICT (source) DO UPDATE SET value = excluded.value`, source, value)
	}
	if err != nil {
		return fmt.Errorf("set checkpoint %s: %w", source, err)
	}
	return nil
}

// StartRun records a new run. A run of the same source still marked
// running belonged to a process that died: it is marked interrupted.
func (s *Store) StartRun(ctx context.Context, source string, at time.Time) (int64, error) {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("start crawl run %s: %w", source, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE crawl_runs SET status = 'interrupted' WHERE source = ? AND status = 'running'", source); err != nil {
		return 0, fmt.Errorf("start crawl run %s: %w", source, err)
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO crawl_runs (source, started, status) VALUES (?, ?, 'running')", source, formatTime(at))
	if err != nil {
		return 0, fmt.Errorf("start crawl run %s: %w", source, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("start crawl run %s: %w", source, err)
	}
	return id, tx.Commit()
}

// FinishRun stores a run's outcome.
func (s *Store) FinishRun(ctx context.Context, r store.CrawlRun) error {
	errs := r.Errors
	if errs == nil {
		errs = []store.CrawlError{}
	}
	data, err := json.Marshal(errs)
	if err != nil {
		return fmt.Errorf("finish crawl run %d: %w", r.ID, err)
	}
	finished := ""
	if !r.Finished.IsZero() {
		finished = formatTime(r.Finished)
	}
	res, err := s.write.ExecContext(ctx, `UPDATE crawl_runs SET finished = ?, status = ?, fetched = ?, not_modified = ?,
		new = ?, updated = ?, failed = ?, high_water = ?, errors = ? WHERE id = ?`,
		finished, string(r.Status), r.Fetched, r.NotModified, r.New, r.Updated, r.Failed, r.HighWater, string(data), r.ID)
	if err != nil {
		return fmt.Errorf("finish crawl run %d: %w", r.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("finish crawl run %d: %w", r.ID, store.ErrNotFound)
	}
	return nil
}

const runColumns = "id, source, started, finished, status, fetched, not_modified, new, updated, failed, high_water, errors"

// LastRuns returns the latest run of every source, ordered by source.
func (s *Store) LastRuns(ctx context.Context) ([]store.CrawlRun, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT "+runColumns+` FROM crawl_runs
		WHERE id IN (SELECT MAX(id) FROM crawl_runs GROUP BY source) ORDER BY source`)
	if err != nil {
		return nil, fmt.Errorf("last crawl runs: %w", err)
	}
	defer rows.Close()
	var out []store.CrawlRun
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, fmt.Errorf("last crawl runs: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("last crawl runs: %w", err)
	}
	return out, nil
}

// LastFinished returns a source's latest run that completed.
func (s *Store) LastFinished(ctx context.Context, source string) (store.CrawlRun, bool, error) {
	row := s.read.QueryRowContext(ctx, "SELECT "+runColumns+" FROM crawl_runs WHERE source = ? AND status = 'done' ORDER BY id DESC LIMIT 1", source)
	r, err := scanRun(row)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	if err != nil {
		return r, false, fmt.Errorf("last finished crawl of %s: %w", source, err)
	}
	return r, true, nil
}

func scanRun(row interface{ Scan(...any) error }) (store.CrawlRun, error) {
	var r store.CrawlRun
	var started, finished, status, errs string
	if err := row.Scan(&r.ID, &r.Source, &started, &finished, &status, &r.Fetched, &r.NotModified,
		&r.New, &r.Updated, &r.Failed, &r.HighWater, &errs); err != nil {
		return r, err
	}
	r.Status = store.RunStatus(status)
	var err error
	if r.Started, err = parseTime(started); err != nil {
		return r, err
	}
	if finished != "" {
		if r.Finished, err = parseTime(finished); err != nil {
			return r, err
		}
	}
	if err := json.Unmarshal([]byte(errs), &r.Errors); err != nil {
		return r, fmt.Errorf("run %d errors: %w", r.ID, err)
	}
	return r, nil
}
