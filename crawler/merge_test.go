package crawler_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/crawler"
	"github.com/stdbridge/stdbridge/crawler/crawltest"
	"github.com/stdbridge/stdbridge/crawler/eping"
	"github.com/stdbridge/stdbridge/crawler/fixture"
	"github.com/stdbridge/stdbridge/ingest"
	"github.com/stdbridge/stdbridge/kb"
)

// A crawl brings what its source knows and keeps what only the knowledge
// base knows: the curated Chinese title, the verified mark, other sources.
func TestCrawlKeepsCuratedFields(t *testing.T) {
	f := fixture.NewEPing(40, time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC))
	it := f.Items()[len(f.Items())-1]
	srv := httptest.NewServer(f)
	defer srv.Close()
	st := crawltest.OpenStore(t)
	curated := &kb.Notification{Symbol: it.DocumentSymbol, TitleZh: "人工翻译的标题", Title: "old title", Verified: true, Sources: []string{"WTO document"}}
	if _, err := ingest.Import(context.Background(), st, "seed", []kb.Record{curated}); err != nil {
		t.Fatal(err)
	}
	crawltest.Crawl(t, st, crawltest.Config(), crawler.Job{Source: eping.Source{}, BaseURL: srv.URL, Since: "2025-03-03"})
	got, err := st.Notification(context.Background(), it.DocumentSymbol)
	if err != nil {
		t.Fatal(err)
	}
	if got.TitleZh != "人工翻译的标题" || !got.Verified || got.Title == "old title" || got.Distributed == "" {
		t.Errorf("after the crawl: title_zh %q, verified %v, title %q, distributed %q; want the curated Chinese title and mark kept, ePing's fields taken",
			got.TitleZh, got.Verified, got.Title, got.Distributed)
	}
	if diff := cmp.Diff([]string{"WTO document", "ePing"}, got.Sources); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
}
