package iso_test

import (
	"bytes"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/crawler"
	"github.com/stdbridge/stdbridge/crawler/crawltest"
	"github.com/stdbridge/stdbridge/crawler/fixture"
	"github.com/stdbridge/stdbridge/crawler/iso"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

func job(srv *httptest.Server) crawler.Job {
	return crawler.Job{Source: iso.Source{Chunk: 100}, BaseURL: srv.URL}
}

// expected reads the fixture's file the way the source does.
func expected(t *testing.T, srv *httptest.Server) []*kb.Standard {
	t.Helper()
	resp, err := srv.Client().Get(srv.URL + iso.CataloguePath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	cat, err := iso.ReadCatalogue(&buf)
	if err != nil {
		t.Fatal(err)
	}
	recs, _, _ := cat.Standards()
	return recs
}

func TestCrawlFillsAndStaysIncremental(t *testing.T) {
	f := fixture.NewISO(1200)
	h := &fixture.Hostile{Next: f, Robots: "User-agent: *\nDisallow: /private/\n"}
	srv := httptest.NewServer(h)
	defer srv.Close()
	st := crawltest.OpenStore(t)
	cfg := crawltest.Config()
	want := expected(t, srv)
	h.Fail = map[string]int{iso.CataloguePath: 1} // one 500, then the file
	h.Reset()

	run := crawltest.Crawl(t, st, cfg, job(srv))
	if run.Status != store.RunDone || run.New != len(want) || run.Fetched != 1 {
		t.Fatalf("first crawl = %+v; want %d new standards from one fetch", run, len(want))
	}
	var keys []string
	for _, s := range want {
		if err := s.Normalize(); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, s.Key())
	}
	got := crawltest.Keys(t, st, kb.KindStandard)
	slices.Sort(keys)
	if diff := cmp.Diff(keys, got); diff != "" {
		t.Errorf("standards stored (-want +got):\n%s", diff)
	}

	run = crawltest.Crawl(t, st, cfg, job(srv))
	if run.Fetched != 0 || run.NotModified != 1 || run.New+run.Updated != 0 {
		t.Errorf("crawl of an unchanged catalogue = %+v; want one not-modified file", run)
	}

	// One deliverable withdrawn: the file changes, one record is updated.
	var id int
	for _, d := range fixtureDeliverables(t, srv) {
		if d.CurrentStage == 6060 {
			id = d.ID
			break
		}
	}
	f.Update(id, func(d *fixture.ISODeliverable) { d.CurrentStage = 9599 })
	run = crawltest.Crawl(t, st, cfg, job(srv))
	if run.Updated != 1 || run.New != 0 {
		t.Errorf("crawl after a withdrawal = %+v; want 1 updated", run)
	}
}

func fixtureDeliverables(t *testing.T, srv *httptest.Server) []iso.Deliverable {
	t.Helper()
	resp, err := srv.Client().Get(srv.URL + iso.CataloguePath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	cat, err := iso.ReadCatalogue(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return cat.Deliverables
}

func TestKilledCrawlResumesToTheSameRecords(t *testing.T) {
	f := fixture.NewISO(1500)
	srv := httptest.NewServer(f)
	defer srv.Close()
	cfg := crawltest.Config()
	whole := crawltest.OpenStore(t)
	crawltest.Crawl(t, whole, cfg, job(srv))

	st := crawltest.OpenStore(t)
	crawltest.CrawlUntil(t, st, cfg, job(srv), 500)
	rest := crawltest.Crawl(t, st, cfg, job(srv))
	if rest.New == 0 || rest.New >= 1000 {
		t.Errorf("the resumed crawl wrote %d new records: want it to go on from the last chunk", rest.New)
	}
	if diff := cmp.Diff(crawltest.Export(t, whole), crawltest.Export(t, st)); diff != "" {
		t.Errorf("killed and resumed crawl differs from a whole one (-whole +resumed):\n%s", diff)
	}
}
