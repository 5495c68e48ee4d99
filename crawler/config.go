package crawler

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"
)

// Config is how politely and how hard the crawler works.
type Config struct {
	// UserAgent names the product and a contact, so a site owner knows
	// who is calling and how to reach them.
	UserAgent string
	// Delay is the pause after each request to a host; Parallelism is
	// how many requests to one host may be in flight.
	Delay       time.Duration
	Parallelism int
	// Timeout bounds one request, body included.
	Timeout time.Duration
	// MaxBody is the largest body accepted, in bytes.
	MaxBody int64
	// Retries is how many times a request that failed with a network
	// error, 429 or 5xx is tried again.
	Retries int
	// BaseBackoff is the first retry's pause, doubling up to MaxBackoff;
	// a Retry-After longer than MaxBackoff gives the page up.
	BaseBackoff, MaxBackoff time.Duration
	// Overlap is how far before the last crawl's newest date an
	// incremental crawl starts again, for records published late.
	Overlap time.Duration

	Transport http.RoundTripper // nil: Go's default
	Now       func() time.Time
	Logger    *slog.Logger
	// Progress, when set, is called as a crawl goes, at most every
	// ProgressEvery.
	Progress      func(Progress)
	ProgressEvery time.Duration
}

// Progress is a running source's figures so far.
type Progress struct {
	Source string
	Counts
	Note string // what it is doing: "page 3 of 12"
}

// DefaultContact is who a site owner reaches through the User-Agent.
const DefaultContact = "https://github.com/stdbridge/stdbridge"

// UserAgent builds the User-Agent for a contact (a URL or an e-mail).
func UserAgent(version, contact string) string {
	if contact == "" {
		contact = DefaultContact
	}
	return fmt.Sprintf("stdbridge/%s (+%s)", version, contact)
}

// DefaultConfig is polite enough for public sites run on small budgets.
func DefaultConfig() Config {
	return Config{
		UserAgent:     UserAgent("1.0", ""),
		Delay:         time.Second,
		Parallelism:   2,
		Timeout:       60 * time.Second,
		MaxBody:       256 << 20, // ISO's whole catalogue is one file of ~100 MB
		Retries:       4,
		BaseBackoff:   2 * time.Second,
		MaxBackoff:    5 * time.Minute,
		Overlap:       7 * 24 * time.Hour,
		ProgressEvery: 2 * time.Second,
	}
}

func (c Config) withDefaults() Config {
	d := DefaultConfig()
	if c.UserAgent == "" {
		c.UserAgent = d.UserAgent
	}
	if c.Parallelism <= 0 {
		c.Parallelism = 1
	}
	if c.Timeout <= 0 {
		c.Timeout = d.Timeout
	}
	if c.MaxBody <= 0 {
		c.MaxBody = d.MaxBody
	}
	if c.Retries < 0 {
		c.Retries = 0
	}
	if c.BaseBackoff <= 0 {
		c.BaseBackoff = d.BaseBackoff
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = d.MaxBackoff
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.ProgressEvery <= 0 {
		c.ProgressEvery = d.ProgressEvery
	}
	return c
}
