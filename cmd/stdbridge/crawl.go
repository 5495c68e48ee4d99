package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/stdbridge/stdbridge/app"
	"github.com/stdbridge/stdbridge/crawler"
	"github.com/stdbridge/stdbridge/crawler/sources"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// crawlFlags are the crawler's settings, shared by crawl and serve.
type crawlFlags struct {
	sources  string
	baseURL  string
	since    string
	contact  string
	delay    time.Duration
	parallel int
	timeout  time.Duration
	retries  int
}

func (c *crawlFlags) register(fs *flag.FlagSet, prefix string) {
	d := crawler.DefaultConfig()
	fs.StringVar(&c.sources, prefix+"source", "", "sources to crawl, comma-separated: "+strings.Join(sources.Names(), ", ")+" (default: all)")
	fs.StringVar(&c.baseURL, prefix+"base-url", "", "crawl a mirror or test server instead of the source's site (one source only)")
	fs.StringVar(&c.since, prefix+"since", "", "gather what was published on or after this date (default: since the last crawl, or the source's usual look-back on a first crawl)")
	fs.StringVar(&c.contact, prefix+"contact", envOr("STDBRIDGE_CRAWL_CONTACT", crawler.DefaultContact), "URL or mailto: a site owner can reach you at, sent in the User-Agent (STDBRIDGE_CRAWL_CONTACT)")
	fs.DurationVar(&c.delay, prefix+"delay", d.Delay, "pause after each request to a host")
	fs.IntVar(&c.parallel, prefix+"parallel", d.Parallelism, "requests in flight per host")
	fs.DurationVar(&c.timeout, prefix+"timeout", d.Timeout, "time limit of one request")
	fs.IntVar(&c.retries, prefix+"retries", d.Retries, "retries of a request that failed with a network error, 429 or 5xx")
}

// jobs turns the flags into crawl jobs and a crawler configuration.
func (c *crawlFlags) jobs() ([]crawler.Job, crawler.Config, error) {
	srcs, err := sources.Select(c.sources)
	if err != nil {
		return nil, crawler.Config{}, usageError{err.Error()}
	}
	if c.baseURL != "" && len(srcs) != 1 {
		return nil, crawler.Config{}, usageError{"-base-url needs exactly one -source"}
	}
	var since kb.Date
	if c.since != "" {
		if since, err = kb.ParseDate(c.since); err != nil {
			return nil, crawler.Config{}, usageError{"-since: " + err.Error()}
		}
	}
	if c.parallel < 1 || c.retries < 0 || c.delay < 0 || c.timeout <= 0 {
		return nil, crawler.Config{}, usageError{"-parallel must be at least 1, -retries and -delay not negative, -timeout positive"}
	}
	cfg := crawler.DefaultConfig()
	cfg.UserAgent = crawler.UserAgent(version, c.contact)
	cfg.Delay, cfg.Parallelism, cfg.Timeout, cfg.Retries = c.delay, c.parallel, c.timeout, c.retries
	var jobs []crawler.Job
	for _, s := range srcs {
		j := crawler.Job{Source: s, BaseURL: c.baseURL, Since: since}
		if key := envOr("STDBRIDGE_EPING_KEY", ""); s.Name() == "eping" && key != "" {
			// The WTO's API gateway admits requests that carry a
			// subscription key (apiportal.wto.org).
			j.Header = http.Header{"Ocp-Apim-Subscription-Key": {key}}
		}
		jobs = append(jobs, j)
	}
	return jobs, cfg, nil
}

// version is what the User-Agent says of the program.
const version = "1.0"

func runCrawl(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cf crawlFlags
	cfgFlags, _, err := parseCommand("crawl", args, stderr, false, func(fs *flag.FlagSet) {
		cf.register(fs, "")
	})
	if err != nil {
		return err
	}
	jobs, ccfg, err := cf.jobs()
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfgFlags, stderr, app.IndexIfFree)
	if err != nil {
		return err
	}
	defer a.Close()
	ccfg.Logger = newLogger(stderr)
	ccfg.Progress = func(p crawler.Progress) {
		fmt.Fprintf(stderr, "%s: %s · %s\n", p.Source, p.Note, countsLine(p.Counts))
	}
	runs, crawlErr := crawler.New(a.Store, ccfg).Run(ctx, jobs)
	printRuns(stdout, runs)
	if err := reportAlerts(context.WithoutCancel(ctx), a, stdout); err != nil {
		return errors.Join(crawlErr, err)
	}
	if err := reportSync(context.WithoutCancel(ctx), a, stdout); err != nil {
		return errors.Join(crawlErr, err)
	}
	return crawlErr
}

func countsLine(c crawler.Counts) string {
	return fmt.Sprintf("fetched %d, not modified %d, new %d, updated %d, failed %d", c.Fetched, c.NotModified, c.New, c.Updated, c.Failed)
}

// printRuns writes the summary: a line per source, then the reasons
// pages were skipped.
func printRuns(w io.Writer, runs []store.CrawlRun) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "source\tstatus\tfetched\tnot modified\tnew\tupdated\tfailed\ttook\t")
	var total store.CrawlCounts
	for _, r := range runs {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t\n", r.Source, r.Status, r.Fetched, r.NotModified, r.New, r.Updated, r.Failed,
			r.Finished.Sub(r.Started).Round(time.Millisecond))
		total.Add(r.CrawlCounts)
	}
	if len(runs) > 1 {
		fmt.Fprintf(tw, "all\t\t%d\t%d\t%d\t%d\t%d\t\t\n", total.Fetched, total.NotModified, total.New, total.Updated, total.Failed)
	}
	tw.Flush()
	const shown = 10
	for _, r := range runs {
		for i, e := range r.Errors {
			if i == shown {
				fmt.Fprintf(w, "  %s: … %d more\n", r.Source, len(r.Errors)-shown)
				break
			}
			if e.URL == "" {
				fmt.Fprintf(w, "  %s: %s\n", r.Source, e.Reason)
			} else {
				fmt.Fprintf(w, "  %s: %s: %s\n", r.Source, e.URL, e.Reason)
			}
		}
	}
}
