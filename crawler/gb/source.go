package gb

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/stdbridge/stdbridge/crawler"
	"github.com/stdbridge/stdbridge/kb"
)

// Source crawls the national standards platform: each list (GB, GB/T,
// GB/Z) newest first until its rows are older than the session's Since,
// and the detail page of each standard whose list row is new or changed.
type Source struct {
	// PageSize is the list's page size: 10, 25 or 50, as the site offers.
	PageSize int
}

func (Source) Name() string            { return "gb" }
func (Source) DefaultBase() string     { return "https://openstd.samr.gov.cn" }
func (Source) Lookback() time.Duration { return 365 * 24 * time.Hour }

var kinds = []ListKind{Mandatory, Recommended, Guidance}

func (src Source) Crawl(ctx context.Context, s *crawler.Session) error {
	size := src.PageSize
	if size != 10 && size != 25 {
		size = 50
	}
	startKind, startPage := resumeAt(s.Resume())
	for _, kind := range kinds {
		if kind < startKind {
			continue
		}
		page := 1
		if kind == startKind {
			page = startPage
		}
		if err := src.crawlList(ctx, s, kind, page, size); err != nil {
			return err
		}
	}
	return nil
}

func (src Source) crawlList(ctx context.Context, s *crawler.Session, kind ListKind, page, size int) error {
	for ; ; page++ {
		if err := s.SetPosition(ctx, fmt.Sprintf("kind=%d;page=%d", kind, page)); err != nil {
			return err
		}
		u := ListURL(s.Base(), kind, page, size)
		s.Note("list %d page %d", kind, page)
		lp, p, err := crawler.FetchListing(ctx, s, u, ParseList)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			// Without the page there is no knowing what follows it.
			return fmt.Errorf("list %d page %d: %w", kind, page, err)
		}
		older := false
		for _, row := range lp.Rows {
			if s.Since() != "" && row.Issued != "" && row.Issued < s.Since() {
				older = true
				continue
			}
			s.Saw(row.Issued)
			if err := src.detail(ctx, s, row); err != nil {
				return err
			}
		}
		if err := s.RememberListing(ctx, p, lp); err != nil {
			return err
		}
		if older || len(lp.Rows) == 0 || page >= lp.Pages {
			return nil
		}
	}
}

// detail fetches a standard's page unless its list row is the one seen
// when it was last fetched: rows carry the status and dates, which is
// what changes (a standard withdrawn, replaced, given a date).
func (src Source) detail(ctx context.Context, s *crawler.Session, row ListRow) error {
	if row.ID == "" {
		return nil
	}
	u := DetailURL(s.Base(), row.ID)
	seen := rowFingerprint(row)
	p, err := s.FetchIfChanged(ctx, u, seen)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil || p == nil {
		return nil // unchanged, or failed and recorded: the next crawl tries again
	}
	if p.NotModified {
		return s.Commit(ctx, p, nil, seen)
	}
	std, err := ParseDetail(p.Body)
	if errors.Is(err, ErrNotFound) {
		s.Fail(u, fmt.Errorf("%s is listed but its page says it is not on the platform", row.Number))
		return nil
	}
	if err != nil {
		s.Fail(u, err)
		return nil
	}
	std.URL = u
	return s.Commit(ctx, p, []kb.Record{std}, seen)
}

func rowFingerprint(r ListRow) string {
	return strings.Join([]string{r.Number, r.Title, r.Status, string(r.Issued), string(r.Implemented), strconv.FormatBool(r.Adopted)}, "|")
}

func resumeAt(pos string) (ListKind, int) {
	var kind, page int
	if _, err := fmt.Sscanf(pos, "kind=%d;page=%d", &kind, &page); err != nil || page < 1 {
		return Mandatory, 1
	}
	return ListKind(kind), page
}
