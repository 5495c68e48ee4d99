package gb

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/crawler/fixture"
	"github.com/stdbridge/stdbridge/kb"
)

func get(t *testing.T, client *http.Client, u string) []byte {
	t.Helper()
	resp, err := client.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", u, resp.Status)
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func kindName(k ListKind) string {
	return map[ListKind]string{Mandatory: "强标", Recommended: "推标", Guidance: "指导"}[k]
}

// TestFixtureListsAndDetails pages through every list of the fixture
// server, checks each row against the fixture's data and the order
// (newest first), then parses and normalises every detail page.
func TestFixtureListsAndDetails(t *testing.T) {
	g := fixture.NewGB(150)
	srv := httptest.NewServer(g)
	defer srv.Close()
	base, _ := url.Parse(srv.URL)
	want := map[string]fixture.GBStandard{}
	for _, s := range g.Standards() {
		want[s.HCNO] = s
	}
	seen := map[string]bool{}
	for _, kind := range []ListKind{Mandatory, Recommended, Guidance} {
		for _, size := range []int{10, 25, 50} {
			t.Run(fmt.Sprintf("%s/%d", kindName(kind), size), func(t *testing.T) {
				var rows []ListRow
				pages := 1
				for p := 1; p <= pages; p++ {
					page, err := ParseList(get(t, srv.Client(), ListURL(base, kind, p, size)))
					if err != nil {
						t.Fatalf("page %d: %v", p, err)
					}
					if page.Page != p {
						t.Errorf("page %d says it is page %d", p, page.Page)
					}
					if p < page.Pages && len(page.Rows) != size {
						t.Errorf("page %d of %d has %d rows, want %d", p, page.Pages, len(page.Rows), size)
					}
					pages = page.Pages
					rows = append(rows, page.Rows...)
				}
				var n int
				for _, s := range want {
					if s.Kind == kindName(kind) {
						n++
					}
				}
				if len(rows) != n || n == 0 {
					t.Fatalf("paging gave %d rows, the fixture has %d of this kind", len(rows), n)
				}
				if !slices.IsSortedFunc(rows, func(a, b ListRow) int { return strings.Compare(string(b.Issued), string(a.Issued)) }) {
					t.Error("rows are not newest first")
				}
				for _, r := range rows {
					s, ok := want[r.ID]
					if !ok || seen[r.ID+kindName(kind)+fmt.Sprint(size)] {
						t.Fatalf("row %s: unknown or repeated", r.ID)
					}
					seen[r.ID+kindName(kind)+fmt.Sprint(size)] = true
					wantRow := ListRow{ID: s.HCNO, Number: s.Number, Title: s.TitleZh, Adopted: len(s.Adopts) > 0,
						Type: s.Kind, Status: s.Status, Issued: kb.Date(s.Issued), Implemented: kb.Date(s.Implemented)}
					if diff := cmp.Diff(wantRow, r); diff != "" {
						t.Errorf("row (-want +got):\n%s", diff)
					}
				}
			})
		}
	}
	for _, s := range want {
		got, err := ParseDetail(get(t, srv.Client(), DetailURL(base, s.HCNO)))
		if err != nil {
			t.Fatalf("%s: %v", s.Number, err)
		}
		if err := got.Normalize(); err != nil {
			t.Errorf("%s does not normalise: %v", s.Number, err)
		}
		checkDetail(t, s, got)
	}
}

// checkDetail compares a parsed, normalised detail page with the
// fixture's standard.
func checkDetail(t *testing.T, s fixture.GBStandard, got *kb.Standard) {
	t.Helper()
	st, _ := kb.ParseStatus(s.Status)
	want := kb.Standard{
		Number: s.Number, TitleZh: s.TitleZh, TitleEn: s.TitleEn, Status: st,
		CCS: []string{s.CCS}, ICS: strings.Split(s.ICS, ";"),
		Issued: kb.Date(s.Issued), Implemented: kb.Date(s.Implemented),
		Replaces: s.Replaces, ReplacedBy: s.ReplacedBy, Sources: []string{SourceName},
	}
	for _, a := range s.Adopts {
		want.Adopts = append(want.Adopts, kb.Adoption{Number: a.Number, Degree: kb.Degree(a.Degree)})
	}
	if diff := cmp.Diff(want, *got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", s.Number, diff)
	}
}

func TestFixtureSearchRedirectNotFound(t *testing.T) {
	g := fixture.NewGB(40)
	srv := httptest.NewServer(g)
	defer srv.Close()
	base, _ := url.Parse(srv.URL)
	s := g.Standards()[7]

	// The old /bzgk/gb/ search address redirects; the client follows.
	page, err := ParseList(get(t, srv.Client(), srv.URL+"/bzgk/gb/std_list?p.p2="+url.QueryEscape(s.Number)))
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Rows) != 1 || page.Rows[0].ID != s.HCNO || page.Total != 1 {
		t.Errorf("search for %s: %+v", s.Number, page)
	}
	page, err = ParseList(get(t, srv.Client(), srv.URL+"/bzgk/std/std_list?p.p2=no+such+thing"))
	if err != nil || page.Total != 0 || len(page.Rows) != 0 {
		t.Errorf("empty search: %+v, %v", page, err)
	}
	if _, err := ParseDetail(get(t, srv.Client(), DetailURL(base, "0123456789ABCDEF0123456789ABCDEF"))); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown hcno: err = %v, want ErrNotFound", err)
	}
	got, err := ParseDetail(get(t, srv.Client(), srv.URL+"/bzgk/gb/newGbInfo?hcno="+s.HCNO))
	if err != nil || got.Number != s.Number {
		t.Errorf("detail through the old address: %+v, %v", got, err)
	}
}

// TestFixtureChanges checks that what a test changes shows in the pages.
func TestFixtureChanges(t *testing.T) {
	g := fixture.NewGB(20)
	srv := httptest.NewServer(g)
	defer srv.Close()
	base, _ := url.Parse(srv.URL)
	s := g.Standards()[3]
	g.Update(s.HCNO, func(s *fixture.GBStandard) {
		s.Status = "废止"
		s.ReplacedBy = []string{"GB/T 99999-2026"}
	})
	got, err := ParseDetail(get(t, srv.Client(), DetailURL(base, s.HCNO)))
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != "废止" || !slices.Equal(got.ReplacedBy, []string{"GB/T 99999-2026"}) {
		t.Errorf("after Update: status %q, replaced by %v", got.Status, got.ReplacedBy)
	}
	g.Add(fixture.GBStandard{Number: "GB 99998-2026", TitleZh: "电动玩具 安全要求", Status: "即将实施",
		CCS: "Y57", ICS: "97.200.50", Issued: "2026-03-30", Implemented: "2027-04-01",
		Replaces: []string{"GB 90001-2007"}})
	page, err := ParseList(get(t, srv.Client(), ListURL(base, Mandatory, 1, 10)))
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Rows) == 0 || page.Rows[0].Number != "GB 99998-2026" {
		t.Fatalf("the added standard is not first of the mandatory list: %+v", page.Rows)
	}
	got, err = ParseDetail(get(t, srv.Client(), DetailURL(base, page.Rows[0].ID)))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Replaces, []string{"GB 90001-2007"}) {
		t.Errorf("added standard replaces %v, want GB 90001-2007 from the remark", got.Replaces)
	}
}
