package crawler

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/stdbridge/stdbridge/ingest"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// Counts are a crawl's figures.
type Counts = store.CrawlCounts

// Session is one source's crawl: what a Source uses to fetch pages, hand
// over records and remember where it is. Its methods are safe for
// concurrent use.
type Session struct {
	source string
	base   *url.URL
	since  kb.Date
	pos    string // where an interrupted crawl stopped, from its checkpoint
	header http.Header
	st     store.Store
	f      *fetcher
	cfg    Config

	mu        sync.Mutex
	counts    Counts
	errs      []store.CrawlError
	highWater kb.Date
	note      string
	reported  time.Time
}

// maxRunErrors bounds the errors a run keeps: the first ones say enough.
const maxRunErrors = 200

// Base is the source's root URL (configurable, so a mirror or a test
// server can stand in for the real site).
func (s *Session) Base() *url.URL { u := *s.base; return &u }

// Since is the earliest date this crawl should gather; "" means the
// source's whole extent.
func (s *Session) Since() kb.Date { return s.since }

// Resume is where an interrupted crawl of this source stopped ("" when
// the last crawl finished), as the source saved it with SetPosition.
func (s *Session) Resume() string { return s.pos }

// SetPosition saves the source's position, so that a crawl killed after
// this point resumes here. Save it after committing what came before.
func (s *Session) SetPosition(ctx context.Context, pos string) error {
	data, err := json.Marshal(checkpoint{Since: s.since, Pos: pos})
	if err != nil {
		return err
	}
	return s.st.SetCheckpoint(ctx, s.source, string(data))
}

// checkpoint is what the store keeps of an unfinished crawl: where it
// was, and the window it was crawling, so a resumed crawl finishes the
// same window.
type checkpoint struct {
	Since kb.Date `json:"since,omitempty"`
	Pos   string  `json:"pos,omitempty"`
}

// Page is a fetched URL.
type Page struct {
	URL    string // as requested: the key of its state
	Final  string // after redirects
	Status int
	Body   []byte // nil after a 304
	// NotModified is set after a 304, or when the body is the one last
	// committed; the source may then skip parsing, and uses Memo.
	NotModified bool
	// Memo is what the source remembered of this page last time.
	Memo string

	state store.PageState
}

// Fetch gets a URL, conditionally when it was fetched before. A failure
// is recorded in the run's errors and returned; the source then skips
// the page or stops.
func (s *Session) Fetch(ctx context.Context, u string) (*Page, error) {
	prev, known, err := s.st.Page(ctx, s.source, u)
	if err != nil {
		return nil, err
	}
	hdr := s.header.Clone()
	if hdr == nil {
		hdr = http.Header{}
	}
	if known && prev.ETag != "" {
		hdr.Set("If-None-Match", prev.ETag)
	}
	if known && prev.LastModified != "" {
		hdr.Set("If-Modified-Since", prev.LastModified)
	}
	r, err := s.f.get(ctx, u, hdr)
	if err != nil {
		if ctx.Err() == nil {
			s.Fail(u, err)
		}
		return nil, err
	}
	p := &Page{URL: u, Final: r.url, Status: r.status, Memo: prev.Memo, state: prev}
	p.state.Source, p.state.URL, p.state.FetchedAt = s.source, u, s.cfg.Now()
	if r.status == http.StatusNotModified {
		if !known {
			// A 304 to an unconditional request: nothing to go on.
			err := &FetchError{u, "304 Not Modified to a request without validators"}
			s.Fail(u, err)
			return nil, err
		}
		p.NotModified = true
		s.count(func(c *Counts) { c.NotModified++ })
		return p, nil
	}
	p.Body = r.body
	sum := sha256.Sum256(r.body)
	p.state.Hash = hex.EncodeToString(sum[:])
	p.state.ETag, p.state.LastModified = r.header.Get("ETag"), r.header.Get("Last-Modified")
	if known && prev.Hash == p.state.Hash {
		p.NotModified = true
		s.count(func(c *Counts) { c.NotModified++ })
	} else {
		s.count(func(c *Counts) { c.Fetched++ })
	}
	return p, nil
}

// Commit ingests the records read from a page, then remembers the page
// with memo. Each record is validated on its own: a bad one is reported
// and skipped, the others are written in one transaction. Remembering
// the page after writing its records means a crash in between only
// fetches the page again, and ingestion is idempotent.
func (s *Session) Commit(ctx context.Context, p *Page, recs []kb.Record, memo string) error {
	if err := s.Ingest(ctx, p.URL, recs); err != nil {
		return err
	}
	p.state.Memo = memo
	if err := s.st.SavePage(ctx, p.state); err != nil {
		return fmt.Errorf("crawl %s: %w", s.source, err)
	}
	return nil
}

// Ingest validates and writes records that came from origin (a URL). A
// record already stored is merged with it (see mergeStored).
func (s *Session) Ingest(ctx context.Context, origin string, recs []kb.Record) error {
	good := make([]kb.Record, 0, len(recs))
	for _, r := range recs {
		if err := r.Normalize(); err != nil {
			s.Fail(origin, fmt.Errorf("%s %s: %w", r.Kind(), r.Key(), err))
			continue
		}
		stored, err := s.st.Get(ctx, r.Kind(), r.Key())
		switch {
		case errors.Is(err, store.ErrNotFound):
		case err != nil:
			return fmt.Errorf("crawl %s: %w", s.source, err)
		default:
			if r, err = mergeStored(stored, r); err != nil {
				s.Fail(origin, err)
				continue
			}
		}
		good = append(good, r)
	}
	res, err := ingest.Import(ctx, s.st, "crawl:"+s.source, good)
	var fe *ingest.FileError
	if errors.As(err, &fe) {
		// Records that clash with each other (the same key twice on one
		// page): the page is reported and skipped whole.
		s.Fail(origin, err)
		return nil
	}
	if err != nil {
		return fmt.Errorf("crawl %s: %w", s.source, err)
	}
	s.count(func(c *Counts) { c.New += res.Inserted; c.Updated += res.Updated })
	return nil
}

// Fail reports a page or record that was skipped, and why.
func (s *Session) Fail(u string, err error) {
	var fe *FetchError
	reason := err.Error()
	if errors.As(err, &fe) && fe.URL == u {
		reason = fe.Reason
	}
	s.cfg.Logger.Warn("crawl: skipped", "source", s.source, "url", u, "reason", reason)
	s.mu.Lock()
	if len(s.errs) < maxRunErrors {
		s.errs = append(s.errs, store.CrawlError{URL: u, Reason: reason})
	}
	s.mu.Unlock()
	s.count(func(c *Counts) { c.Failed++ })
}

// Saw raises the run's high-water mark: the newest date seen, where the
// next incremental crawl starts (less the overlap).
func (s *Session) Saw(d kb.Date) {
	s.mu.Lock()
	if d > s.highWater {
		s.highWater = d
	}
	s.mu.Unlock()
}

// Note says what the source is doing, for progress reports.
func (s *Session) Note(format string, args ...any) {
	s.mu.Lock()
	s.note = fmt.Sprintf(format, args...)
	s.mu.Unlock()
	s.count(func(*Counts) {})
}

func (s *Session) count(fn func(*Counts)) {
	s.mu.Lock()
	fn(&s.counts)
	report := s.cfg.Progress != nil && s.cfg.Now().Sub(s.reported) >= s.cfg.ProgressEvery
	var p Progress
	if report {
		s.reported = s.cfg.Now()
		p = Progress{Source: s.source, Counts: s.counts, Note: s.note}
	}
	s.mu.Unlock()
	if report {
		s.cfg.Progress(p)
	}
}

func (s *Session) result() (Counts, []store.CrawlError, kb.Date) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts, append([]store.CrawlError(nil), s.errs...), s.highWater
}

// Remembered returns the memo stored with a URL at its last commit, so a
// source can tell from a list row that a detail page has not changed
// without fetching it.
func (s *Session) Remembered(ctx context.Context, u string) (memo string, ok bool, err error) {
	p, ok, err := s.st.Page(ctx, s.source, u)
	return p.Memo, ok, err
}

// Unchanged counts a page the source knew to be unchanged without
// fetching it.
func (s *Session) Unchanged() { s.count(func(c *Counts) { c.NotModified++ }) }

// Has reports whether the store holds a record.
func (s *Session) Has(ctx context.Context, kind kb.Kind, key string) (bool, error) {
	_, err := s.st.Get(ctx, kind, key)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// Hash is the SHA-256 of the page's body ("" after a 304).
func (p *Page) Hash() string {
	if p.Body == nil {
		return ""
	}
	return p.state.Hash
}
