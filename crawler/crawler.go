// Package crawler keeps the knowledge base current from its sources —
// WTO ePing, China's national standards platform, ISO's open data, EU
// TRIS, RSS/Atom feeds — politely (robots.txt, a User-Agent with a
// contact, per-host rate limits, Retry-After, capped retries) and
// incrementally (conditional requests, content hashes, checkpoints in the
// store). Records go through the same validation and transactional
// upsert as `stdbridge import`.
package crawler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// Source is one site the crawler gathers from.
type Source interface {
	// Name is the source's short name: "eping", "gb", "iso", "tris", "feed".
	Name() string
	// DefaultBase is the real site's root URL.
	DefaultBase() string
	// Lookback is how far back a first crawl goes when no date is given;
	// 0 means everything the source offers.
	Lookback() time.Duration
	// Crawl gathers the source's records through the session.
	Crawl(ctx context.Context, s *Session) error
}

// Crawler runs sources against a store.
type Crawler struct {
	st  store.Store
	cfg Config
}

// New returns a crawler writing to st.
func New(st store.Store, cfg Config) *Crawler {
	return &Crawler{st: st, cfg: cfg.withDefaults()}
}

// Job is one source to crawl, with its options.
type Job struct {
	Source Source
	// BaseURL replaces the source's DefaultBase ("" keeps it).
	BaseURL string
	// Since overrides where an incremental crawl starts ("" = from the
	// last crawl's high-water mark, or the source's lookback).
	Since kb.Date
	// Header is sent with every request, e.g. the API key ePing's
	// gateway asks for.
	Header http.Header
}

// Run crawls each job's source in turn and returns each one's run. A
// source that fails does not stop the others; the error returned joins
// their errors. A cancelled context stops the crawl, leaving each
// source's checkpoint for the next run to resume from.
func (c *Crawler) Run(ctx context.Context, jobs []Job) ([]store.CrawlRun, error) {
	var runs []store.CrawlRun
	var errs []error
	for _, j := range jobs {
		run, err := c.runOne(ctx, j)
		if run.ID != 0 {
			runs = append(runs, run)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("crawl %s: %w", j.Source.Name(), err))
		}
		if ctx.Err() != nil {
			break
		}
	}
	return runs, errors.Join(errs...)
}

func (c *Crawler) runOne(ctx context.Context, j Job) (store.CrawlRun, error) {
	name := j.Source.Name()
	base := j.BaseURL
	if base == "" {
		base = j.Source.DefaultBase()
	}
	if base == "" {
		return store.CrawlRun{}, fmt.Errorf("%s has no address of its own: give its URL (-base-url)", name)
	}
	bu, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil || (bu.Scheme != "http" && bu.Scheme != "https") || bu.Host == "" {
		return store.CrawlRun{}, fmt.Errorf("base URL %q: want http(s)://host[/path]", base)
	}
	sess := &Session{source: name, base: bu, st: c.st, cfg: c.cfg, header: j.Header}
	if err := c.plan(ctx, sess, j); err != nil {
		return store.CrawlRun{}, err
	}
	sess.f, err = newFetcher(ctx, c.cfg)
	if err != nil {
		return store.CrawlRun{}, err
	}
	run := store.CrawlRun{Source: name, Started: c.cfg.Now(), Status: store.RunRunning}
	if run.ID, err = c.st.StartRun(ctx, name, run.Started); err != nil {
		return store.CrawlRun{}, err
	}
	c.cfg.Logger.Info("crawl: start", "source", name, "base", bu.String(), "since", sess.since, "resume", sess.pos != "")
	crawlErr := j.Source.Crawl(ctx, sess)
	var hw kb.Date
	run.CrawlCounts, run.Errors, hw = sess.result()
	run.HighWater = string(hw)
	switch {
	case ctx.Err() != nil:
		run.Status = store.RunInterrupted
		crawlErr = ctx.Err()
	case crawlErr != nil:
		run.Status = store.RunFailed
		run.Errors = append(run.Errors, store.CrawlError{Reason: crawlErr.Error()})
	default:
		run.Status = store.RunDone
		if prev, ok, err := c.st.LastFinished(ctx, name); err == nil && ok && prev.HighWater > run.HighWater {
			run.HighWater = prev.HighWater // a crawl of a narrow window does not move the mark back
		}
	}
	run.Finished = c.cfg.Now()
	// The run's end is recorded even when ctx was cancelled.
	saveCtx := context.WithoutCancel(ctx)
	if run.Status == store.RunDone {
		if err := c.st.SetCheckpoint(saveCtx, name, ""); err != nil {
			return run, err
		}
	}
	if err := c.st.FinishRun(saveCtx, run); err != nil {
		return run, errors.Join(crawlErr, err)
	}
	c.cfg.Logger.Info("crawl: end", "source", name, "status", run.Status, "fetched", run.Fetched,
		"not_modified", run.NotModified, "new", run.New, "updated", run.Updated, "failed", run.Failed)
	return run, crawlErr
}

// plan decides where the crawl starts: an interrupted crawl resumes its
// window and position (unless another date is given); otherwise an
// explicit date, else the last
// finished crawl's high-water mark less the overlap, else the lookback.
func (c *Crawler) plan(ctx context.Context, s *Session, j Job) error {
	raw, err := c.st.Checkpoint(ctx, s.source)
	if err != nil {
		return err
	}
	if raw != "" {
		var cp checkpoint
		if err := json.Unmarshal([]byte(raw), &cp); err != nil {
			return fmt.Errorf("checkpoint of %s: %w", s.source, err)
		}
		// Resume, unless told to crawl another window.
		if j.Since == "" || j.Since == cp.Since {
			s.since, s.pos = cp.Since, cp.Pos
			return nil
		}
	}
	switch {
	case j.Since != "":
		s.since = j.Since
	default:
		prev, ok, err := c.st.LastFinished(ctx, s.source)
		if err != nil {
			return err
		}
		if ok && prev.HighWater != "" {
			t := kb.Date(prev.HighWater).Time().Add(-c.cfg.Overlap)
			s.since = kb.Date(t.Format("2006-01-02"))
		} else if lb := j.Source.Lookback(); lb > 0 {
			s.since = kb.Date(c.cfg.Now().Add(-lb).Format("2006-01-02"))
		}
	}
	return nil
}

// Names lists the sources' names, sorted.
func Names(sources []Source) []string {
	var out []string
	for _, s := range sources {
		out = append(out, s.Name())
	}
	sort.Strings(out)
	return out
}
