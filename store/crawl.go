package store

import (
	"context"
	"time"
)

// CrawlState is what the crawler keeps between runs: each fetched page's
// validators and content hash (for conditional requests and change
// detection), each source's checkpoint (so a killed crawl resumes), and
// the runs with their counts and errors (shown on the site).
type CrawlState interface {
	// Page returns what is known of a URL; ok is false for one never fetched.
	Page(ctx context.Context, source, url string) (p PageState, ok bool, err error)
	SavePage(ctx context.Context, p PageState) error

	// Checkpoint is a source's position in an unfinished crawl, "" when
	// the last crawl finished. Its meaning belongs to the source.
	Checkpoint(ctx context.Context, source string) (string, error)
	SetCheckpoint(ctx context.Context, source, value string) error

	// StartRun records that a crawl of source began and returns its id.
	StartRun(ctx context.Context, source string, at time.Time) (int64, error)
	// FinishRun stores a run's end, counts and errors.
	FinishRun(ctx context.Context, r CrawlRun) error
	// LastRuns returns the latest run of every source, by source name.
	LastRuns(ctx context.Context) ([]CrawlRun, error)
	// LastFinished returns a source's latest run that finished without
	// being interrupted; ok is false when there is none.
	LastFinished(ctx context.Context, source string) (r CrawlRun, ok bool, err error)
}

// PageState is what the crawler remembers of one URL.
type PageState struct {
	Source       string
	URL          string
	ETag         string
	LastModified string
	Hash         string // SHA-256 of the body last ingested
	// Memo is what the source chose to remember of the page, such as the
	// links a list page led to, so a 304 still tells it where to go.
	Memo      string
	FetchedAt time.Time
}

// CrawlRun is one crawl of one source.
type CrawlRun struct {
	ID       int64
	Source   string
	Started  time.Time
	Finished time.Time // zero while running, or when the process died
	Status   RunStatus
	CrawlCounts
	// HighWater is the newest date the source saw (e.g. the latest
	// distribution date), the start of the next incremental crawl.
	HighWater string
	Errors    []CrawlError
}

// CrawlCounts are a run's figures.
type CrawlCounts struct {
	Fetched     int // responses with a body
	NotModified int // 304s, and bodies whose hash had not changed
	New         int // records inserted
	Updated     int // records changed (a new version)
	Failed      int // pages or records reported and skipped
}

// Add adds o to c.
func (c *CrawlCounts) Add(o CrawlCounts) {
	c.Fetched += o.Fetched
	c.NotModified += o.NotModified
	c.New += o.New
	c.Updated += o.Updated
	c.Failed += o.Failed
}

// RunStatus is how a crawl ended.
type RunStatus string

const (
	RunRunning     RunStatus = "running"
	RunDone        RunStatus = "done"        // finished; Errors may list skipped pages
	RunFailed      RunStatus = "failed"      // stopped by an error
	RunInterrupted RunStatus = "interrupted" // cancelled; resumes from its checkpoint
)

// CrawlError is one page or record a crawl reported and skipped.
type CrawlError struct {
	URL    string
	Reason string
}
