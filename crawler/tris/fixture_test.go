package tris_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/crawler/fixture"
	"github.com/stdbridge/stdbridge/crawler/tris"
	"github.com/stdbridge/stdbridge/kb"
)

func get(t testing.TB, rawURL string) []byte {
	t.Helper()
	resp, err := http.Get(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", rawURL, resp.Status)
	}
	return body
}

// crawl pages through the listing from `from` on and reads every
// notification's page, as the crawler does.
func crawl(t *testing.T, base *url.URL, from kb.Date) (listed []*kb.Notification, details map[string]*kb.Notification) {
	t.Helper()
	details = map[string]*kb.Notification{}
	for page, pages := 1, 1; page <= pages; page++ {
		lp, err := tris.ParseList(get(t, tris.ListURL(base, page, from)))
		if err != nil {
			t.Fatalf("page %d: %v", page, err)
		}
		if len(lp.Problems) > 0 {
			t.Errorf("page %d: problems %+v", page, lp.Problems)
		}
		if lp.Page != page {
			t.Errorf("page %d says it is page %d", page, lp.Page)
		}
		pages = lp.Pages
		for _, n := range lp.Items {
			listed = append(listed, n)
			d, err := tris.ParseDetail(get(t, n.Link))
			if err != nil {
				t.Fatalf("%s: %v", n.Link, err)
			}
			if d.Symbol != n.Symbol {
				t.Errorf("%s lists %s but its page says %s", n.Link, n.Symbol, d.Symbol)
			}
			c := *d
			if err := c.Normalize(); err != nil {
				t.Errorf("%s does not normalise: %v", d.Symbol, err)
			}
			details[d.Symbol] = d
		}
	}
	return listed, details
}

// want is what the parser should make of a fixture notification.
func want(n fixture.TRISNotification, self string) *kb.Notification {
	state, _ := tris.StateName(n.Number[len(n.Number)-2:])
	agency := n.Originating
	if agency == "" {
		agency = n.Department
	}
	if !strings.Contains(agency, state) {
		agency = state + ": " + agency
	}
	w := &kb.Notification{
		Symbol:      n.Number,
		Member:      "EU",
		Area:        kb.AreaTRIS,
		Type:        kb.TypeRegular,
		Agency:      agency,
		Distributed: kb.Date(n.Received.Format("2006-01-02")),
		Title:       n.Title,
		Description: n.Content,
		Products:    n.Products,
		Keywords:    []string{sentence(strings.SplitN(n.Category, " - ", 2)[1])},
		Documents:   []string{fmt.Sprintf("%s/en/notification/%d/text/D/EN", self, n.ID)},
		Link:        fmt.Sprintf("%s/en/notification/%d", self, n.ID),
		Sources:     []string{"TRIS"},
	}
	if n.Emergency {
		w.Type = kb.TypeEmergency
	}
	if !n.Standstill.IsZero() {
		w.CommentDeadline = kb.Date(n.Standstill.Format("2006-01-02"))
		w.ProposedAdoption = "not before " + n.Standstill.Format("2006-01-02") + " (end of standstill)"
		if !n.Extended.IsZero() {
			w.ProposedAdoption = "not before " + n.Extended.Format("2006-01-02") + " (end of the standstill as extended)"
		}
	}
	return w
}

func sentence(s string) string { return s[:1] + strings.ToLower(s[1:]) }

func TestFixtureCrawl(t *testing.T) {
	first := time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)
	fx := fixture.NewTRIS(57, first)
	srv := httptest.NewServer(fx)
	defer srv.Close()
	base, _ := url.Parse(srv.URL)

	listed, details := crawl(t, base, "")
	all := fx.Notifications()
	if len(listed) != len(all) || len(details) != len(all) {
		t.Fatalf("listed %d, read %d pages; the fixture has %d", len(listed), len(details), len(all))
	}
	for i, n := range all {
		if listed[i].Symbol != n.Number {
			t.Errorf("listing position %d: %s, want %s (newest first)", i, listed[i].Symbol, n.Number)
		}
		if diff := cmp.Diff(want(n, srv.URL), details[n.Number]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", n.Number, diff)
		}
	}

	// From a date: only what was received on or after it.
	from := kb.Date(all[len(all)/2].Received.Format("2006-01-02"))
	recent, _ := crawl(t, base, from)
	var wantN int
	for _, n := range all {
		if !n.Received.Before(from.Time()) {
			wantN++
		}
	}
	if len(recent) != wantN || wantN == 0 || wantN == len(all) {
		t.Errorf("from %s: listed %d, want %d of %d", from, len(recent), wantN, len(all))
	}

	// A change and an addition show in the next crawl.
	if !fx.Update(all[3].Number, func(n *fixture.TRISNotification) { n.Title = "Amended draft" }) {
		t.Fatal("Update found nothing")
	}
	fx.Add(fixture.TRISNotification{
		Number: "2025/9999/LU", Title: "Draft regulation on cement", Department: "ILNAS",
		Category: "B00B - CONSTRUCTION", Products: "Cement", Content: "Sets limits.", Grounds: "Safety.",
		Received: all[0].Received.Add(time.Hour), Standstill: all[0].Received.AddDate(0, 3, 0),
	})
	listed, details = crawl(t, base, "")
	if listed[0].Symbol != "2025/9999/LU" || details["2025/9999/LU"].Agency != "Luxembourg: ILNAS" {
		t.Errorf("added notification: listed first %s, agency %q", listed[0].Symbol, details["2025/9999/LU"].Agency)
	}
	if got := details[all[3].Number].Title; got != "Amended draft" {
		t.Errorf("updated title = %q", got)
	}
}
