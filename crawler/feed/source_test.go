package feed_test

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/crawler"
	"github.com/stdbridge/stdbridge/crawler/crawltest"
	"github.com/stdbridge/stdbridge/crawler/feed"
	"github.com/stdbridge/stdbridge/crawler/fixture"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

func TestCrawlFeed(t *testing.T) {
	for _, atom := range []bool{false, true} {
		name, path := "rss", "/feed.xml"
		if atom {
			name, path = "atom", "/atom.xml"
		}
		t.Run(name, func(t *testing.T) {
			first := time.Date(2025, 5, 5, 0, 0, 0, 0, time.UTC)
			f := fixture.NewFeed(60, first, atom)
			h := &fixture.Hostile{Next: f}
			srv := httptest.NewServer(h)
			defer srv.Close()
			st := crawltest.OpenStore(t)
			job := crawler.Job{Source: feed.Source{}, BaseURL: srv.URL + path}

			resp, err := srv.Client().Get(srv.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			parsed := parse(t, resp.Body)
			h.Fail = map[string]int{path: 1} // one 500, then the feed
			h.Reset()
			want := parsed.Records()
			if len(want.Records) == 0 || len(want.Skipped) == 0 {
				t.Fatalf("fixture feed: %d records, %d skipped: the test needs both", len(want.Records), len(want.Skipped))
			}
			run := crawltest.Crawl(t, st, crawltest.Config(), job)
			if run.Status != store.RunDone || run.New != len(want.Records) || run.Failed != 0 {
				t.Fatalf("first crawl = %+v; want %d new", run, len(want.Records))
			}
			stats, _ := st.Stats(t.Context())
			if got := stats.Kinds[kb.KindNotification] + stats.Kinds[kb.KindRegulation]; got != len(want.Records) {
				t.Errorf("store holds %d notifications and regulations; want %d", got, len(want.Records))
			}
			run = crawltest.Crawl(t, st, crawltest.Config(), job)
			if run.NotModified != 1 || run.New+run.Updated != 0 {
				t.Errorf("crawl of an unchanged feed = %+v", run)
			}
			// The feed keeps only its newest entries: what dropped off stays.
			f.SetLimit(10)
			f.Add(fixture.FeedEntry{GUID: "urn:test:new", Title: "G/TBT/N/USA/9999 Labelling of widgets", Link: "https://example.org/n/9999",
				Summary: "<p>Draft rule.</p>", Published: first.AddDate(0, 3, 0)})
			run = crawltest.Crawl(t, st, crawltest.Config(), job)
			if run.New != 1 {
				t.Errorf("crawl after one new entry = %+v; want 1 new", run)
			}
			if _, err := st.Notification(t.Context(), "G/TBT/N/USA/9999"); err != nil {
				t.Errorf("the new entry's notification: %v", err)
			}
			stats, _ = st.Stats(t.Context())
			if got := stats.Kinds[kb.KindNotification] + stats.Kinds[kb.KindRegulation]; got != len(want.Records)+1 {
				t.Errorf("store holds %d records after the feed shrank; want %d", got, len(want.Records)+1)
			}
		})
	}
}

func TestFeedNeedsAnAddress(t *testing.T) {
	_, err := crawler.New(crawltest.OpenStore(t), crawltest.Config()).Run(t.Context(), []crawler.Job{{Source: feed.Source{}}})
	if err == nil || !strings.Contains(err.Error(), "-base-url") {
		t.Errorf("crawl of a feed with no URL: %v; want an error asking for -base-url", err)
	}
}

func parse(t *testing.T, r io.Reader) *feed.Feed {
	t.Helper()
	body, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	f, err := feed.ParseFeed(body)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
