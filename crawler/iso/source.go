package iso

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/stdbridge/stdbridge/crawler"
	"github.com/stdbridge/stdbridge/kb"
)

// CataloguePath is where ISO's open data keeps the latest deliverables
// file, under the storage account's root.
const CataloguePath = "/opendata/_latest/iso_deliverables_metadata/json/iso_deliverables_metadata.jsonl"

// Source crawls ISO's catalogue: one file, fetched conditionally, read
// whole (replacements are ids that only the whole file resolves) and
// ingested in chunks, so a crawl killed midway resumes after the last
// chunk written.
type Source struct {
	// Chunk is how many records one transaction writes.
	Chunk int
}

func (Source) Name() string            { return "iso" }
func (Source) DefaultBase() string     { return "https://isopublicstorageprod.blob.core.windows.net" }
func (Source) Lookback() time.Duration { return 0 }

// maxProblemsReported keeps a file with thousands of odd lines from
// flooding the run's errors; the count is still reported.
const maxProblemsReported = 50

func (src Source) Crawl(ctx context.Context, s *crawler.Session) error {
	chunk := src.Chunk
	if chunk <= 0 {
		chunk = 2000
	}
	u := s.Base().String() + CataloguePath
	s.Note("catalogue")
	page, err := s.Fetch(ctx, u)
	if err != nil {
		return err
	}
	hash := page.Hash()
	done := 0
	if h, n, ok := parsePosition(s.Resume()); ok && h == hash {
		done = n
	}
	if page.NotModified && done == 0 && s.Resume() == "" {
		return nil
	}
	if page.Body == nil {
		// A 304 while a resumed crawl needs the body: fetch it whole.
		return fmt.Errorf("catalogue: not modified, but the interrupted crawl needs its body; run again with --since to refetch")
	}
	cat, err := ReadCatalogue(bytes.NewReader(page.Body))
	if err != nil {
		s.Fail(u, err)
		return nil
	}
	recs, skipped, problems := cat.Standards()
	problems = append(cat.Problems, problems...)
	for i, p := range problems {
		if i == maxProblemsReported {
			s.Fail(u, fmt.Errorf("%d more lines skipped", len(problems)-i))
			break
		}
		s.Fail(u, fmt.Errorf("%s", p))
	}
	s.Note("%d standards, %d drafts skipped", len(recs), skipped)
	for i := done * chunk; i < len(recs); i += chunk {
		end := min(i+chunk, len(recs))
		batch := make([]kb.Record, 0, end-i)
		for _, r := range recs[i:end] {
			batch = append(batch, r)
			s.Saw(r.Issued)
		}
		if err := s.Ingest(ctx, u, batch); err != nil {
			return err
		}
		if err := s.SetPosition(ctx, fmt.Sprintf("%s;%d", hash, i/chunk+1)); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return s.Commit(ctx, page, nil, "")
}

func parsePosition(pos string) (hash string, chunks int, ok bool) {
	h, n, found := strings.Cut(pos, ";")
	if !found {
		return "", 0, false
	}
	if _, err := fmt.Sscanf(n, "%d", &chunks); err != nil {
		return "", 0, false
	}
	return h, chunks, true
}
