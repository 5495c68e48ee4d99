package site

import (
	"bytes"
	"flag"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/internal/browser"
	"github.com/stdbridge/stdbridge/mapping"
)

// -screenshots rewrites docs/screenshots/*.png, which the README shows.
var screenshots = flag.Bool("screenshots", false, "write the browser journey's screenshots to docs/screenshots")

// seedSite serves the embedded seed, as `stdbridge serve` does on a fresh
// data directory, with the clock a few days after the seed's newest
// notification so that the dashboard has something to show.
func seedSite(t *testing.T) *httptest.Server {
	t.Helper()
	st, ix, guides := seedData(t)
	glossary, err := content.LoadGlossary()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 6, 5, 1, 0, 0, 0, time.UTC)
	srv := httptest.NewServer(New(Config{
		Store: st, Search: ix, Guides: guides, Crawls: st,
		Mappings: mapping.NewCache(st, mapping.NewGlossary(glossary), time.Hour),
		Now:      func() time.Time { return now },
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestBrowserJourney is an exporter's morning in a real Chromium, on the
// seed: the dashboard, the market requirements of toys in the EU (typed as
// 玩具) and their export, the comparison of limits, then the same page in
// English. It saves a screenshot of each page.
func TestBrowserJourney(t *testing.T) {
	srv := seedSite(t)
	b := browser.Start(t)
	shots := t.TempDir()
	if *screenshots {
		shots = filepath.Join("..", "docs", "screenshots")
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	shot := func(name string) {
		path := filepath.Join(shots, name+".png")
		b.Screenshot(t, path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil || img.Bounds().Dx() < 800 {
			t.Errorf("screenshot %s: %v, %v", name, err, img)
		}
	}

	// The dashboard.
	if got := b.Navigate(t, srv.URL+"/"); got != http.StatusOK {
		t.Fatalf("GET /: status %d", got)
	}
	if got, _ := b.Attr(t, "html", "lang"); got != "zh-CN" {
		t.Errorf(`<html lang=%q>, want "zh-CN"`, got)
	}
	if n := b.Count(t, "main h2"); n < 3 {
		t.Errorf("the dashboard has %d sections", n)
	}
	shot("home")

	// Market requirements, from the navigation, with a product typed by
	// name.
	if got := b.Click(t, `nav a[href="/market"]`); got != http.StatusOK {
		t.Fatalf("market link: status %d", got)
	}
	b.SetValue(t, "#market-product", "玩具")
	b.SetValue(t, "#market-market", "EU")
	if got := b.Submit(t, "#market-product"); got != http.StatusOK {
		t.Fatalf("market: status %d (%s)", got, b.Text(t, "main"))
	}
	loc := location(t, b.Tab)
	if q := loc.Query(); loc.Path != "/market" || q.Get("product") != "玩具" || q.Get("market") != "EU" {
		t.Errorf("the form led to %s, want a shareable /market?product=玩具&market=EU", loc)
	}
	for _, section := range []string{"#market-regs-h", "#market-diff-h", "#market-guides-h"} {
		if n := b.Count(t, section); n != 1 {
			t.Errorf("market page: section %s missing", section)
		}
	}
	if got := b.Text(t, "main"); !strings.Contains(got, "9503") {
		t.Errorf("market page does not name heading 9503:\n%s", got)
	}
	shot("market")
	csv, ok := b.Attr(t, `a[href^="/market.csv"]`, "href")
	if !ok {
		t.Fatal("no CSV export link")
	}
	resp, err := http.Get(srv.URL + csv)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Errorf("CSV export: %s %s", resp.Status, resp.Header.Get("Content-Type"))
	}

	// The comparison of element migration limits.
	if got := b.Navigate(t, srv.URL+"/compare?topic=toy-element-migration"); got != http.StatusOK {
		t.Fatalf("compare: status %d", got)
	}
	if n := b.Count(t, "main table tbody tr"); n < 10 {
		t.Errorf("the comparison has %d rows", n)
	}
	shot("compare")

	// Back to the market page, in English; the choice is remembered.
	b.Navigate(t, srv.URL+"/market?product=%E7%8E%A9%E5%85%B7&market=EU")
	if got := b.Click(t, "a.lang-switch"); got != http.StatusOK {
		t.Fatalf("language switch: status %d", got)
	}
	if got, _ := b.Attr(t, "html", "lang"); got != "en" {
		t.Errorf(`after the switch <html lang=%q>, want "en"`, got)
	}
	if got := b.Text(t, "main h1"); !strings.Contains(got, "Market") {
		t.Errorf("English h1 %q", got)
	}
	shot("market-en")
	b.Navigate(t, srv.URL+"/")
	if got, _ := b.Attr(t, "html", "lang"); got != "en" {
		t.Errorf(`the next page is <html lang=%q>, want "en" remembered`, got)
	}
}
