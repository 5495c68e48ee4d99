package feed

import (
	"context"
	"time"

	"github.com/stdbridge/stdbridge/crawler"
	"github.com/stdbridge/stdbridge/kb"
)

// Source crawls one RSS or Atom feed of regulatory news: its base URL is
// the feed's own address. Entries naming a WTO or TRIS notification or an
// EU act become records; the others are counted as skipped, not failures,
// since news without such a reference is normal in a feed.
type Source struct{}

func (Source) Name() string            { return "feed" }
func (Source) DefaultBase() string     { return "" }
func (Source) Lookback() time.Duration { return 0 }

func (Source) Crawl(ctx context.Context, s *crawler.Session) error {
	u := s.Base().String()
	s.Note("feed")
	p, err := s.Fetch(ctx, u)
	if err != nil || p.NotModified {
		return nil // a failure is recorded; the next run tries again
	}
	f, err := ParseFeed(p.Body)
	if err != nil {
		s.Fail(u, err)
		return nil
	}
	entries := f.Records()
	for _, r := range entries.Records {
		if n, ok := r.(*kb.Notification); ok {
			s.Saw(n.Distributed)
		}
	}
	s.Note("%d entries: %d records, %d without a notification or act", len(f.Items), len(entries.Records), len(entries.Skipped))
	return s.Commit(ctx, p, entries.Records, "")
}
