package eping

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/stdbridge/stdbridge/crawler"
	"github.com/stdbridge/stdbridge/kb"
)

// Source crawls ePing's notification search: the distribution-date window
// from the session's Since onwards, page by page, then the earlier
// documents of each addendum, corrigendum or revision whose original the
// knowledge base lacks, by symbol, so every chain is whole.
type Source struct {
	// PageSize is the number of items asked per page (the API allows 100).
	PageSize int
}

func (Source) Name() string            { return "eping" }
func (Source) DefaultBase() string     { return "https://api.wto.org" }
func (Source) Lookback() time.Duration { return 90 * 24 * time.Hour }

func (src Source) Crawl(ctx context.Context, s *crawler.Session) error {
	size := src.PageSize
	if size <= 0 {
		size = 100
	}
	q := Query{From: s.Since(), Page: 1, PageSize: size}
	// missing holds the earlier documents of chains, by symbol: true for
	// those the knowledge base lacks. It is part of the position, so a
	// resumed crawl still completes the chains of the pages before it.
	missing := map[string]bool{}
	var pos position
	if s.Resume() != "" {
		if err := json.Unmarshal([]byte(s.Resume()), &pos); err != nil {
			return fmt.Errorf("resume from %q: %w", s.Resume(), err)
		}
		q.Page = max(pos.Page, 1)
		for _, sym := range pos.Earlier {
			missing[sym] = true
		}
	}
	save := func(page int, done bool) error {
		p := position{Page: page, Done: done}
		for _, sym := range slices.Sorted(maps.Keys(missing)) {
			if missing[sym] {
				p.Earlier = append(p.Earlier, sym)
			}
		}
		data, err := json.Marshal(p)
		if err != nil {
			return err
		}
		return s.SetPosition(ctx, string(data))
	}
	total := -1
	for !pos.Done {
		if err := ctx.Err(); err != nil {
			return err
		}
		u := SearchURL(s.Base(), q)
		s.Note("page %d of %s", q.Page, pagesOf(total, size))
		page, err := s.Fetch(ctx, u)
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err != nil:
			// Skipped; the next page may still be there.
		case page.NotModified:
			// Nothing new on this page; the memo keeps the total and the
			// earlier documents its items need, which may still be
			// missing if an earlier crawl failed to get them.
			var m pageMemo
			if err := json.Unmarshal([]byte(page.Memo), &m); err == nil {
				total = m.Total
				for _, sym := range m.Earlier {
					if err := wantSymbol(ctx, s, sym, missing); err != nil {
						return err
					}
				}
			}
		default:
			res, perr := ParseSearchPage(page.Body)
			if perr != nil {
				s.Fail(u, perr)
				break
			}
			total = res.Total
			for _, p := range res.Problems {
				s.Fail(u, fmt.Errorf("item %d (%s): %s", p.Item, p.Symbol, p.Reason))
			}
			recs := make([]kb.Record, 0, len(res.Items))
			memo := pageMemo{Total: res.Total}
			for _, n := range res.Items {
				recs = append(recs, n)
				s.Saw(n.Distributed)
				for _, sym := range earlierOf(n) {
					memo.Earlier = append(memo.Earlier, sym)
					if err := wantSymbol(ctx, s, sym, missing); err != nil {
						return err
					}
				}
			}
			memoText, err := json.Marshal(memo)
			if err != nil {
				return err
			}
			// The chains this page needs are saved before the page is
			// committed: once committed, a resumed crawl finds it not
			// modified and would not read them again.
			if err := save(q.Page, false); err != nil {
				return err
			}
			if err := s.Commit(ctx, page, recs, string(memoText)); err != nil {
				return err
			}
		}
		// With no total (the first page failed), there is no knowing how
		// many pages follow: stop, and the next run tries again.
		if total < 0 || q.Page*size >= total {
			break
		}
		q.Page++
		if err := save(q.Page, false); err != nil {
			return err
		}
	}
	if err := save(q.Page, true); err != nil {
		return err
	}
	return fetchEarlier(ctx, s, missing)
}

// position is where a crawl of ePing is: the next page of its window,
// whether the window is done, and the earlier documents still to fetch.
type position struct {
	Page    int      `json:"page"`
	Done    bool     `json:"done,omitempty"`
	Earlier []string `json:"earlier,omitempty"`
}

// earlierOf lists the documents before n in its chain: Add.1 → the
// regular notification; Rev.1/Add.2 → Rev.1 → the original.
func earlierOf(n *kb.Notification) []string {
	sym, err := kb.ParseSymbol(n.Symbol)
	if err != nil {
		return nil
	}
	var out []string
	for p := sym.Parent(); len(p.Suffixes) < len(sym.Suffixes); sym, p = p, p.Parent() {
		out = append(out, p.String())
	}
	return out
}

// wantSymbol notes whether the knowledge base lacks a document.
func wantSymbol(ctx context.Context, s *crawler.Session, sym string, missing map[string]bool) error {
	if _, seen := missing[sym]; seen {
		return nil
	}
	has, err := s.Has(ctx, kb.KindNotification, sym)
	if err != nil {
		return err
	}
	missing[sym] = !has
	return nil
}

// pageMemo is what a search page leaves for the next crawl to use when
// the page comes back not modified.
type pageMemo struct {
	Total   int      `json:"total"`
	Earlier []string `json:"earlier,omitempty"`
}

// fetchEarlier gets each missing earlier document by its symbol.
func fetchEarlier(ctx context.Context, s *crawler.Session, missing map[string]bool) error {
	for _, sym := range slices.Sorted(maps.Keys(missing)) {
		if !missing[sym] {
			continue
		}
		u := SearchURL(s.Base(), Query{Symbol: sym, Page: 1, PageSize: 10})
		s.Note("earlier document %s", sym)
		page, err := s.Fetch(ctx, u)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil || page.NotModified {
			continue
		}
		res, err := ParseSearchPage(page.Body)
		if err != nil {
			s.Fail(u, err)
			continue
		}
		var recs []kb.Record
		for _, n := range res.Items {
			recs = append(recs, n)
		}
		if len(recs) == 0 {
			s.Fail(u, fmt.Errorf("ePing has no notification %s", sym))
		}
		if err := s.Commit(ctx, page, recs, ""); err != nil {
			return err
		}
	}
	return nil
}

func pagesOf(total, size int) string {
	if total < 0 {
		return "?"
	}
	return strconv.Itoa((total + size - 1) / size)
}
