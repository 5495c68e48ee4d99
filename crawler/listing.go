package crawler

import (
	"context"
	"encoding/json"
	"fmt"
)

// FetchListing fetches a page that lists what to fetch next (a search
// result, a list of standards) and returns what it lists: parsed from the
// body, or, when the page has not changed, as Remember stored it — a 304
// has no body, and the source still needs the list to walk on. A page
// that fails to parse is reported and its error returned.
func FetchListing[T any](ctx context.Context, s *Session, u string, parse func([]byte) (T, error)) (T, *Page, error) {
	var v T
	p, err := s.Fetch(ctx, u)
	if err != nil {
		return v, nil, err
	}
	if p.NotModified {
		if err := json.Unmarshal([]byte(p.Memo), &v); err != nil {
			return v, nil, fmt.Errorf("%s: what was remembered of it: %w", u, err)
		}
		return v, p, nil
	}
	if v, err = parse(p.Body); err != nil {
		s.Fail(u, err)
		return v, nil, err
	}
	return v, p, nil
}

// RememberListing stores what a listing page listed, once the records it
// led to are committed, so that the next crawl, getting the page back
// unchanged, can walk on from it.
func (s *Session) RememberListing(ctx context.Context, p *Page, listed any) error {
	if p.NotModified {
		return nil
	}
	memo, err := json.Marshal(listed)
	if err != nil {
		return err
	}
	return s.Commit(ctx, p, nil, string(memo))
}

// FetchIfChanged fetches a detail page unless the fingerprint of what a
// listing says of it (status, dates) is the one remembered at its last
// commit; then it counts the page unchanged and returns nil. Commit the
// page with the fingerprint as its memo.
func (s *Session) FetchIfChanged(ctx context.Context, u, fingerprint string) (*Page, error) {
	memo, ok, err := s.Remembered(ctx, u)
	if err != nil {
		return nil, err
	}
	if ok && memo == fingerprint {
		s.Unchanged()
		return nil, nil
	}
	return s.Fetch(ctx, u)
}
