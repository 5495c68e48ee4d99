package tris

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/stdbridge/stdbridge/crawler"
	"github.com/stdbridge/stdbridge/kb"
)

// Source crawls TRIS: the search list newest first from the session's
// Since, and the page of each notification that is new or whose list
// entry changed (a standstill extended by a detailed opinion shows there:
// comments stay due by the first date, adoption moves to the later one).
type Source struct{}

func (Source) Name() string { return "tris" }
func (Source) DefaultBase() string {
	return "https://technical-regulation-information-system.ec.europa.eu"
}
func (Source) Lookback() time.Duration { return 180 * 24 * time.Hour }

func (Source) Crawl(ctx context.Context, s *crawler.Session) error {
	page := 1
	if _, err := fmt.Sscanf(s.Resume(), "page=%d", &page); err != nil || page < 1 {
		page = 1
	}
	for ; ; page++ {
		if err := s.SetPosition(ctx, fmt.Sprintf("page=%d", page)); err != nil {
			return err
		}
		u := ListURL(s.Base(), page, s.Since())
		s.Note("list page %d", page)
		lp, p, err := crawler.FetchListing(ctx, s, u, ParseList)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			return fmt.Errorf("list page %d: %w", page, err)
		}
		if !p.NotModified {
			if final, err := url.Parse(p.Final); err == nil {
				lp.Resolve(final)
			}
			for _, pr := range lp.Problems {
				s.Fail(u, fmt.Errorf("entry %d (%s): %s", pr.Item, pr.Ref, pr.Reason))
			}
		}
		for _, n := range lp.Items {
			s.Saw(n.Distributed)
			if err := detail(ctx, s, n); err != nil {
				return err
			}
		}
		if err := s.RememberListing(ctx, p, lp); err != nil {
			return err
		}
		if len(lp.Items)+len(lp.Problems) == 0 || page >= lp.Pages {
			return nil
		}
	}
}

// detail fetches a notification's page unless its list entry is the one
// seen last time, and stores the notification with the list's dates.
func detail(ctx context.Context, s *crawler.Session, entry *kb.Notification) error {
	if entry.Link == "" {
		return nil
	}
	seen := entryFingerprint(entry)
	p, err := s.FetchIfChanged(ctx, entry.Link, seen)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil || p == nil {
		return nil // unchanged, or failed and recorded: the next crawl tries again
	}
	if p.NotModified {
		return s.Commit(ctx, p, nil, seen)
	}
	n, err := ParseDetail(p.Body)
	if err != nil {
		s.Fail(entry.Link, err)
		return nil
	}
	if n.Symbol != entry.Symbol {
		s.Fail(entry.Link, fmt.Errorf("the list says %s, the page %s", entry.Symbol, n.Symbol))
		return nil
	}
	// The list's dates are the ones fingerprinted: keep them, so the page
	// and the list cannot disagree on what was stored.
	if entry.CommentDeadline != "" {
		n.CommentDeadline = entry.CommentDeadline
	}
	if entry.ProposedAdoption != "" {
		n.ProposedAdoption = entry.ProposedAdoption
	}
	if n.Distributed == "" {
		n.Distributed = entry.Distributed
	}
	if n.Link == "" {
		n.Link = entry.Link
	}
	return s.Commit(ctx, p, []kb.Record{n}, seen)
}

func entryFingerprint(n *kb.Notification) string {
	return strings.Join([]string{n.Symbol, n.Title, string(n.Distributed), string(n.CommentDeadline), n.ProposedAdoption}, "|")
}
