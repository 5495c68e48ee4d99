package eping_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/crawler/eping"
	"github.com/stdbridge/stdbridge/crawler/fixture"
	"github.com/stdbridge/stdbridge/kb"
)

var fixtureFirst = time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC)

func get(t *testing.T, u string, header http.Header) *http.Response {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// fetchAll pages through q and returns every notification, checking that
// each page parses whole and each item normalises.
func fetchAll(t *testing.T, base *url.URL, q eping.Query) []*kb.Notification {
	t.Helper()
	var all []*kb.Notification
	for q.Page = 1; ; q.Page++ {
		resp := get(t, eping.SearchURL(base, q), nil)
		body, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("page %d: HTTP %d, %v", q.Page, resp.StatusCode, err)
		}
		page, err := eping.ParseSearchPage(body)
		if err != nil {
			t.Fatalf("page %d: %v", q.Page, err)
		}
		if len(page.Problems) > 0 {
			t.Errorf("page %d: problems %v", q.Page, page.Problems)
		}
		if page.Page != q.Page || page.PageSize != q.PageSize {
			t.Errorf("page %d: reports page %d of size %d", q.Page, page.Page, page.PageSize)
		}
		for _, n := range page.Items {
			c := *n
			if err := c.Normalize(); err != nil {
				t.Errorf("%s does not normalise: %v", n.Symbol, err)
			}
		}
		all = append(all, page.Items...)
		if q.Page*q.PageSize >= page.Total {
			if len(all) != page.Total {
				t.Errorf("got %d items, total says %d", len(all), page.Total)
			}
			return all
		}
		if q.Page > 1000 {
			t.Fatal("paging does not end")
		}
	}
}

func symbols(ns []*kb.Notification) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Symbol)
	}
	return out
}

func itemSymbols(items []fixture.EPingItem, keep func(fixture.EPingItem) bool) []string {
	var out []string
	for _, it := range items {
		if keep(it) {
			out = append(out, it.DocumentSymbol)
		}
	}
	return out
}

func TestFixturePagesParse(t *testing.T) {
	f := fixture.NewEPing(250, fixtureFirst)
	srv := httptest.NewServer(f)
	defer srv.Close()
	base, _ := url.Parse(srv.URL)
	items := f.Items()

	for _, size := range []int{7, 20, 100} {
		got := symbols(fetchAll(t, base, eping.Query{PageSize: size}))
		want := itemSymbols(items, func(fixture.EPingItem) bool { return true })
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("all pages of %d (-fixture +parsed):\n%s", size, diff)
		}
	}

	from, to := kb.Date("2025-06-10"), kb.Date("2025-06-20")
	got := symbols(fetchAll(t, base, eping.Query{From: from, To: to, PageSize: 10}))
	want := itemSymbols(items, func(it fixture.EPingItem) bool {
		d := kb.Date(it.DistributionDate[:10])
		return d >= from && d <= to
	})
	if len(want) == 0 {
		t.Fatal("no fixture items in the window")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("window %s..%s (-fixture +parsed):\n%s", from, to, diff)
	}
}

// Addenda whose original precedes the data set's first day: the original
// is served, by symbol, with what ePing knows of it.
func TestFixtureOriginalsBySymbol(t *testing.T) {
	f := fixture.NewEPing(250, fixtureFirst)
	srv := httptest.NewServer(f)
	defer srv.Close()
	base, _ := url.Parse(srv.URL)

	day := fixtureFirst.Format("2006-01-02")
	byDate := map[string]string{}
	for _, it := range f.Items() {
		byDate[it.DocumentSymbol] = it.DistributionDate[:10]
	}
	early := 0
	for _, it := range f.Items() {
		sym, err := kb.ParseSymbol(it.DocumentSymbol)
		if err != nil || len(sym.Suffixes) == 0 || it.DistributionDate[:10] < day {
			continue
		}
		root := sym.Root().String()
		if byDate[root] >= day {
			continue
		}
		early++
		got := fetchAll(t, base, eping.Query{Symbol: strings.ToLower(root), PageSize: 10})
		if len(got) != 1 || got[0].Symbol != root || string(got[0].Distributed) != byDate[root] {
			t.Errorf("by symbol %s: %+v", root, got)
		}
	}
	if early == 0 {
		t.Error("no addendum in the data refers to an original from before the first day")
	}
}

func TestFixtureConditional(t *testing.T) {
	f := fixture.NewEPing(60, fixtureFirst)
	srv := httptest.NewServer(f)
	defer srv.Close()
	base, _ := url.Parse(srv.URL)
	u := eping.SearchURL(base, eping.Query{From: "2025-06-02", Page: 1, PageSize: 20})

	first := get(t, u, nil)
	etag, lastMod := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
	if first.StatusCode != http.StatusOK || etag == "" || lastMod == "" {
		t.Fatalf("first answer: %d, ETag %q, Last-Modified %q", first.StatusCode, etag, lastMod)
	}
	if r := get(t, u, http.Header{"If-None-Match": {etag}}); r.StatusCode != http.StatusNotModified {
		t.Errorf("same ETag: %d, want 304", r.StatusCode)
	}
	if r := get(t, u, http.Header{"If-Modified-Since": {lastMod}}); r.StatusCode != http.StatusNotModified {
		t.Errorf("same Last-Modified: %d, want 304", r.StatusCode)
	}

	// The first item of the window is on the first page.
	var sym string
	for _, it := range f.Items() {
		if it.DistributionDate[:10] >= "2025-06-02" {
			sym = it.DocumentSymbol
			break
		}
	}
	f.Update(sym, func(it *fixture.EPingItem) { it.Title = "<p>Amended title</p>" })
	r := get(t, u, http.Header{"If-None-Match": {etag}})
	if r.StatusCode != http.StatusOK || r.Header.Get("ETag") == etag {
		t.Fatalf("after a change: %d, ETag %q; want 200 with a new ETag", r.StatusCode, r.Header.Get("ETag"))
	}
	body, _ := io.ReadAll(r.Body)
	page, err := eping.ParseSearchPage(body)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, n := range page.Items {
		found = found || (n.Symbol == sym && n.Title == "Amended title")
	}
	if !found {
		t.Errorf("the change to %s is not on the page", sym)
	}
}
