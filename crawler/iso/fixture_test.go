package iso

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stdbridge/stdbridge/crawler/fixture"
	"github.com/stdbridge/stdbridge/kb"
)

// fetch GETs the catalogue from a fixture server, as a crawler would.
func fetch(t testing.TB, srv *httptest.Server, etag string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+fixture.ISOPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func TestFixtureCatalogueParses(t *testing.T) {
	const n = 1000
	srv := httptest.NewServer(fixture.NewISO(n))
	defer srv.Close()
	resp, body := fetch(t, srv, "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	cat, err := ReadCatalogue(strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.Deliverables) != n || len(cat.Problems) > 0 {
		t.Fatalf("%d deliverables, problems %v; want %d and none", len(cat.Deliverables), cat.Problems, n)
	}
	recs, skipped, problems := cat.Standards()
	if len(problems) > 0 {
		t.Errorf("problems: %v", problems[:min(len(problems), 5)])
	}
	checkNormalize(t, recs)
	count := map[string]int{}
	for _, s := range recs {
		count[string(s.Status)]++
		n := s.Parsed()
		if len(n.Amendments) > 0 {
			count["amendment "+n.Amendments[0].Kind]++
		}
		if len(s.Replaces) > 0 {
			count["replaces"]++
		}
		if len(s.ReplacedBy) > 0 {
			count["replaced"]++
		}
		if n.Publisher != "ISO" {
			count[n.Publisher]++
		}
		if num := n.Number; num < "90000" || len(num) != 5 {
			t.Errorf("%s: generated numbers must be 90000 and up", s.Number)
		}
		if s.TitleEn == "" || len(s.ICS) == 0 || !strings.HasPrefix(s.URL, "https://www.iso.org/standard/") {
			t.Errorf("%s: missing title, ICS or URL: %+v", s.Number, s)
		}
	}
	t.Logf("%d standards, %d drafts skipped: %v", len(recs), skipped, count)
	if skipped+len(recs) != n {
		t.Errorf("%d standards + %d drafts != %d deliverables", len(recs), skipped, n)
	}
	for _, k := range []string{"current", "withdrawn", "upcoming", "amendment Amd", "amendment Cor", "replaces", "replaced", "ISO/TS", "ISO/IEC", "IWA"} {
		if count[k] == 0 {
			t.Errorf("no %s in %d generated deliverables", k, n)
		}
	}
	if skipped == 0 {
		t.Error("no drafts generated")
	}
}

func TestFixtureChangesBetweenCrawls(t *testing.T) {
	iso := fixture.NewISO(50)
	srv := httptest.NewServer(iso)
	defer srv.Close()
	resp, body := fetch(t, srv, "")
	etag := resp.Header.Get("ETag")
	cat, err := ReadCatalogue(strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	first := cat.Deliverables[0]

	if resp, _ := fetch(t, srv, etag); resp.StatusCode != http.StatusNotModified {
		t.Fatalf("unchanged file: status %d, want 304", resp.StatusCode)
	}
	if !iso.Update(first.ID, func(d *fixture.ISODeliverable) { d.CurrentStage = 9599 }) {
		t.Fatalf("Update(%d) found nothing", first.ID)
	}
	iso.Add(fixture.ISODeliverable{DeliverableType: "IS", Reference: "ISO 99999:2025", CurrentStage: 6060,
		Title: map[string]string{"en": "Added later"}, ICSCode: []string{"97.200.50"}})
	if iso.Len() != 51 {
		t.Errorf("Len = %d, want 51", iso.Len())
	}
	resp, body = fetch(t, srv, etag)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("changed file: status %d, want 200", resp.StatusCode)
	}
	cat, err = ReadCatalogue(strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	recs, _, problems := cat.Standards()
	if len(problems) > 0 {
		t.Errorf("problems: %v", problems)
	}
	status := map[string]kb.Status{}
	for _, s := range recs {
		status[s.Number] = s.Status
	}
	if got := status["ISO 99999:2025"]; got != kb.StatusCurrent {
		t.Errorf("added standard: status %q, want current", got)
	}
	if got := status[first.Reference]; got != kb.StatusWithdrawn && !isDraft(first.CurrentStage) {
		t.Errorf("%s after Update: status %q, want withdrawn", first.Reference, got)
	}
}
