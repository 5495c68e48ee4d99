package site

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/kb"
)

func TestParseSearch(t *testing.T) {
	tests := []struct {
		query  string
		paging pagingStyle
		want   searchParams
	}{
		{"", pagingPage, searchParams{page: 1, limit: pageSize}},
		{"q=+toys+&kind=standard,notification&kind=standard", pagingPage,
			searchParams{query: "toys", kinds: []kb.Kind{kb.KindStandard, kb.KindNotification}, page: 1, limit: pageSize}},
		// Values are canonical and each counted once.
		{"member=eu&member=EU&member=欧盟&member=USA&area=tbt&type=Addendum", pagingPage,
			searchParams{filters: map[string][]string{"member": {"EU", "USA"}, "area": {"TBT"}, "type": {"addendum"}}, page: 1, limit: pageSize}},
		{"hs_chapter=9+5&hs_heading=9503&ics_field=97&ics_group=97200&status=现行&status=Approved&year=2025&publisher=GB/T", pagingPage,
			searchParams{filters: map[string][]string{
				"hs_chapter": {"95"}, "hs_heading": {"9503"}, "ics_field": {"97"}, "ics_group": {"97.200"},
				"status": {"current", "approved"}, "year": {"2025"}, "publisher": {"GB/T"},
			}, page: 1, limit: pageSize}},
		// A year or a month as a bound covers all of it.
		{"from=2025&to=2025-02", pagingPage, searchParams{from: "2025-01-01", to: "2025-02-28", page: 1, limit: pageSize}},
		{"from=2024-2-29&to=2024-02", pagingPage, searchParams{from: "2024-02-29", to: "2024-02-29", page: 1, limit: pageSize}},
		{"to=2025", pagingPage, searchParams{to: "2025-12-31", page: 1, limit: pageSize}},
		{"open=1&sort=deadline&page=3", pagingPage, searchParams{open: true, sort: sortDeadline, page: 3, offset: 40, limit: pageSize}},
		{"open=0&sort=", pagingPage, searchParams{page: 1, limit: pageSize}},
		// Each style reads its own paging and ignores the other's.
		{"offset=40&limit=5&facets=1&page=7", pagingOffset, searchParams{offset: 40, limit: 5, facets: true}},
		{"page=2&offset=3", pagingPage, searchParams{page: 2, offset: 20, limit: pageSize}},
		{"", pagingOffset, searchParams{limit: pageSize}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			qv, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			got, perr := parseSearch(qv, tt.paging)
			if perr != nil {
				t.Fatalf("error %v", perr)
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(searchParams{})); diff != "" {
				t.Errorf("parameters differ (-want +got):\n%s", diff)
			}
		})
	}
}

// badSearches are bad parameters with the parameter the error must name
// and what the Chinese page must say.
var badSearches = []struct {
	query string
	param string
	zh    string
}{
	{"q=" + strings.Repeat("长", maxQueryLen+1), "q", "搜索词太长"},
	{"kind=widget", "kind", "未知的类型“widget”"},
	{"kind=standard,widget", "kind", "未知的类型“standard,widget”"},
	{"member=not+a+member!", "member", "WTO 成员：“not a member!”不是有效的值"},
	{"area=WTO", "area", "协定：“WTO”不是有效的值"},
	{"type=bogus", "type", "通报类型：“bogus”不是有效的值"},
	{"hs_chapter=9503", "hs_chapter", "HS 章：“9503”不是有效的值"},
	{"hs_chapter=99", "hs_chapter", "HS 章：“99”不是有效的值"},
	{"hs_heading=95", "hs_heading", "HS 品目：“95”不是有效的值"},
	{"ics_field=97.200", "ics_field", "ICS 领域：“97.200”不是有效的值"},
	{"ics_group=97", "ics_group", "ICS 组：“97”不是有效的值"},
	{"status=gone", "status", "状态：“gone”不是有效的值"},
	{"year=20x5", "year", "年份：“20x5”不是有效的值"},
	{"year=2025-01", "year", "年份：“2025-01”不是有效的值"},
	{"publisher=" + strings.Repeat("X", maxValueLen+1), "publisher", "发布机构：值太长"},
	{tooManyPublishers(), "publisher", "发布机构：最多只能选择 20 个值"},
	{"from=2025-13", "from", "日期“2025-13”无效"},
	{"to=yesterday", "to", "日期“yesterday”无效"},
	{"from=2026&to=2025", "from", "起始日期 2026-01-01 晚于结束日期 2025-12-31"},
	{"open=maybe", "open", "“maybe”不是有效的 open 值"},
	{"sort=random", "sort", "未知的排序方式“random”"},
}

func tooManyPublishers() string {
	v := url.Values{}
	for i := 0; i <= maxFacetValues; i++ {
		v.Add("publisher", fmt.Sprintf("P%d", i))
	}
	return v.Encode()
}

// dateKey is a date as the index sorts it: a year or month as its first day.
func dateKey(d kb.Date) string {
	switch len(d) {
	case 4:
		return string(d) + "-01-01"
	case 7:
		return string(d) + "-01"
	}
	return string(d)
}

func TestSearchBadParams(t *testing.T) {
	f := newFixture(t)
	for _, tt := range badSearches {
		t.Run(tt.query, func(t *testing.T) {
			resp := f.get(t, "/search?"+tt.query)
			b := body(t, resp)
			if resp.StatusCode != http.StatusBadRequest {
				t.Fatalf("page: status %d, want 400", resp.StatusCode)
			}
			if !strings.Contains(b, tt.zh) || !strings.Contains(b, "请求有误") {
				t.Errorf("page lacks %q", tt.zh)
			}
			checkHTML(t, b)

			var got apiErrorBody
			getJSON(t, f, "/api/search?"+tt.query+"&q=toys", http.StatusBadRequest, &got)
			if !strings.HasPrefix(got.Error, tt.param+": ") {
				t.Errorf("API error %q does not name %s", got.Error, tt.param)
			}
		})
	}
	for _, tt := range []struct{ target, want string }{
		{"/search?page=0", "页码“0”无效"},
		{"/search?page=502", "页码“502”无效"},
		{"/search?sort=random&lang=en", "Unknown sort order “random”"},
		{"/search?member=XX1&lang=en", "WTO member: “XX1” is not a valid value"},
		{"/search?from=2025-02-30&lang=en", "Invalid date “2025-02-30”"},
	} {
		resp := f.get(t, tt.target)
		if b := body(t, resp); resp.StatusCode != http.StatusBadRequest || !strings.Contains(b, tt.want) {
			t.Errorf("GET %s: status %d, want 400 saying %q", tt.target, resp.StatusCode, tt.want)
		}
	}
	for _, tt := range []struct{ target, want string }{
		{"/api/search", "q: required"},
		{"/api/search?q=&sort=date", "q: required"},
		{"/api/search?q=toys&offset=-1", "offset: -1 is out of range"},
		{"/api/search?q=toys&limit=101", "limit: 101 is out of range"},
		{"/api/search?q=toys&facets=maybe", `facets: "maybe" is not 1 or 0`},
	} {
		var got apiErrorBody
		getJSON(t, f, tt.target, http.StatusBadRequest, &got)
		if !strings.Contains(got.Error, tt.want) {
			t.Errorf("GET %s: error %q, want %q", tt.target, got.Error, tt.want)
		}
	}
}

func FuzzParseSearch(f *testing.F) {
	f.Add("q=toys&kind=standard,notification&member=eu&member=欧盟&from=2025&to=2025-06&open=1&sort=date&page=2")
	f.Add("hs_chapter=95&hs_heading=9503.00&ics_field=97&ics_group=97.200&status=现行&year=２０２５&publisher=GB/T&offset=3&limit=7&facets=1")
	f.Add("area=sps&type=Emergency+notifications&from=2024-2-29&to=2024")
	f.Add("kind=&member=&q=%00&sort=%20date%20&open=true")
	f.Fuzz(func(t *testing.T, raw string) {
		qv, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		zh := translator(langZh)
		for _, paging := range []pagingStyle{pagingPage, pagingOffset} {
			p, perr := parseSearch(qv, paging)
			if perr != nil {
				if !strings.HasPrefix(perr.Error(), perr.param+": ") {
					t.Errorf("error %q does not start with its parameter %q", perr.Error(), perr.param)
				}
				if msg := perr.local(zh); msg == "" || strings.HasPrefix(msg, "error.") {
					t.Errorf("page message %q for %q", msg, perr.Error())
				}
				continue
			}
			if p.offset < 0 || p.offset > maxOffset || p.limit < 1 || p.limit > maxLimit {
				t.Errorf("paging out of bounds: offset %d, limit %d", p.offset, p.limit)
			}
			if p.from != "" && p.to != "" && p.from > p.to {
				t.Errorf("from %s after to %s", p.from, p.to)
			}
			// What the page links to parses back to the same search.
			u, err := url.Parse(p.pageURL(1))
			if err != nil {
				t.Fatalf("pageURL: %v", err)
			}
			back, perr := parseSearch(u.Query(), paging)
			if perr != nil {
				t.Fatalf("%s does not parse back: %v", u, perr)
			}
			// Paging is not part of the search: links set their own.
			p.page, p.offset, p.limit, p.facets = 0, 0, 0, false
			back.page, back.offset, back.limit, back.facets = 0, 0, 0, false
			if diff := cmp.Diff(p, back, cmp.AllowUnexported(searchParams{})); diff != "" {
				t.Errorf("round trip through %s differs (-first +again):\n%s", u, diff)
			}
		}
	})
}

// searchAPI requests target, a path under /api/search, and decodes the
// answer.
func searchAPI(t *testing.T, f *fixture, query string) apiSearchResult {
	t.Helper()
	var got apiSearchResult
	getJSON(t, f, "/api/search?"+query, http.StatusOK, &got)
	return got
}

func hitKeys(hits []apiHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, string(h.Kind)+":"+h.Key)
	}
	return out
}

// recordDate is the date the index filters and sorts a record by.
func recordDate(r kb.Record) kb.Date {
	switch v := r.(type) {
	case *kb.Standard:
		return v.Issued
	case *kb.Notification:
		return v.Distributed
	case *kb.Regulation:
		return v.Adopted
	}
	return ""
}

// recordMember is who notified a notification, or a regulation's
// jurisdiction: what the member facet holds.
func recordMember(r kb.Record) string {
	switch v := r.(type) {
	case *kb.Notification:
		return v.Member
	case *kb.Regulation:
		return v.Jurisdiction
	}
	return ""
}

// want lists the fixture records that pass keep, sorted like hitKeys
// after sorting.
func (f *fixture) want(keep func(kb.Record) bool) []string {
	var out []string
	for id, r := range f.recs {
		if keep(r) {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	sort.Strings(s)
	return s
}

func TestSearchAPIFilters(t *testing.T) {
	f := newFixture(t)
	const all = "kind=standard,notification,regulation,mapping,requirement&limit=100"
	public := 0 // a mapping is searchable once approved
	for _, r := range f.recs {
		if m, ok := r.(*kb.Mapping); !ok || m.Status == kb.MappingApproved {
			public++
		}
	}
	if got := searchAPI(t, f, all); got.Total != public || public == len(f.recs) {
		t.Fatalf("browsing every kind: %d hits, want the %d public of %d records", got.Total, public, len(f.recs))
	}
	toys := hitKeys(searchAPI(t, f, "q=toys&limit=100").Hits)
	member := func(codes ...string) func(kb.Record) bool {
		return func(r kb.Record) bool { return slices.Contains(codes, recordMember(r)) }
	}
	dated := func(from, to kb.Date) func(kb.Record) bool {
		return func(r kb.Record) bool {
			d := kb.Date(dateKey(recordDate(r)))
			return d != "" && (from == "" || d >= from) && (to == "" || d <= to)
		}
	}
	tests := []struct {
		name  string
		query string
		want  func(kb.Record) bool
	}{
		{"one member", "member=EU&limit=100", member("EU")},
		{"two values of one facet: either", "member=EU&member=USA&limit=100", member("EU", "USA")},
		{"two facets: both", "member=EU&kind=regulation&limit=100", func(r kb.Record) bool {
			return r.Kind() == kb.KindRegulation && recordMember(r) == "EU"
		}},
		{"area", "area=SPS&limit=100", func(r kb.Record) bool {
			n, ok := r.(*kb.Notification)
			return ok && n.Area == kb.AreaSPS
		}},
		{"words and a member", "q=toys&member=EU&limit=100", func(r kb.Record) bool {
			return recordMember(r) == "EU" && slices.Contains(toys, string(r.Kind())+":"+r.Key())
		}},
		{"date range by year and month", "from=2025&to=2025-12&limit=100", dated("2025-01-01", "2025-12-31")},
		{"date range by day", "from=2014-05-06&to=2016-12-30&limit=100", dated("2014-05-06", "2016-12-30")},
		{"dates from", "from=2026-01-16&limit=100", dated("2026-01-16", "")},
		{"open for comment on the site's day", "open=1&limit=100", func(r kb.Record) bool {
			n, ok := r.(*kb.Notification)
			return ok && n.OpenForComment(testNow)
		}},
		{"publisher and status", "publisher=GB/T&status=withdrawn&limit=100", func(r kb.Record) bool {
			s, ok := r.(*kb.Standard)
			return ok && s.Parsed().Publisher == "GB/T" && s.Status == kb.StatusWithdrawn
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := searchAPI(t, f, tt.query)
			want := f.want(tt.want)
			if len(want) == 0 {
				t.Fatal("the fixture has no record for this filter; the test would prove nothing")
			}
			if diff := cmp.Diff(want, sorted(hitKeys(got.Hits))); diff != "" {
				t.Errorf("hits differ (-want +got):\n%s", diff)
			}
			if got.Total != len(want) || got.Relaxed {
				t.Errorf("total %d, relaxed %v; want %d and false", got.Total, got.Relaxed, len(want))
			}
		})
	}

	// The answer echoes the search as understood.
	got := searchAPI(t, f, "q=toys&member=eu&from=2025&to=2025-06&open=1")
	if diff := cmp.Diff(map[string][]string{"member": {"EU"}}, got.Filters); diff != "" {
		t.Errorf("filters (-want +got):\n%s", diff)
	}
	if got.From != "2025-01-01" || got.To != "2025-06-30" || got.OpenOn != "2026-03-01" || got.Sort != sortRelevance {
		t.Errorf("echo: from %s, to %s, open_on %s, sort %s", got.From, got.To, got.OpenOn, got.Sort)
	}
	// Every hit carries the selected member.
	for _, h := range searchAPI(t, f, "member=EU&limit=100").Hits {
		if h.Facet != "EU" {
			t.Errorf("member=EU: hit %s %s shows %q", h.Kind, h.Key, h.Facet)
		}
	}
}

func TestSearchAPIOrder(t *testing.T) {
	f := newFixture(t)
	datesOf := func(hits []apiHit) []string {
		var out []string
		for _, h := range hits {
			out = append(out, dateKey(kb.Date(h.Date)))
		}
		return out
	}
	// Newest first; records without a date last.
	for _, query := range []string{"q=toys&sort=date&limit=100", "kind=standard,notification,regulation&limit=100", "kind=standard,notification,mapping&sort=date&limit=100"} {
		got := searchAPI(t, f, query)
		if got.Sort != sortDate {
			t.Errorf("%s: sort %q, want date", query, got.Sort)
		}
		dates := datesOf(got.Hits)
		if len(dates) < 5 || !slices.IsSortedFunc(dates, func(a, b string) int {
			switch {
			case a == b:
				return 0
			case a == "":
				return 1
			case b == "":
				return -1
			}
			return strings.Compare(b, a)
		}) {
			t.Errorf("%s: dates not newest first: %v", query, dates)
		}
	}
	// Soonest deadline first: the fixture's three notifications with one.
	got := searchAPI(t, f, "kind=notification&sort=deadline")
	want := []string{"notification:G/TBT/N/EU/1123", "notification:G/SPS/N/USA/3500", "notification:ePing-27c2a476db3d"}
	if keys := hitKeys(got.Hits); len(keys) < 3 || !slices.Equal(keys[:3], want) {
		t.Errorf("sort=deadline: %v, want %v first", keys, want)
	}
	// Still open: the same two, soonest first.
	got = searchAPI(t, f, "open=1&sort=deadline")
	if diff := cmp.Diff(want[1:], hitKeys(got.Hits)); diff != "" {
		t.Errorf("open=1&sort=deadline (-want +got):\n%s", diff)
	}
}

func TestSearchAPIFacets(t *testing.T) {
	f := newFixture(t)
	if got := searchAPI(t, f, "q=toys"); got.Facets != nil {
		t.Errorf("facets without facets=1: %v", got.Facets)
	}
	for _, base := range []string{"q=toys", "q=toys&member=EU", "kind=notification", "q=toys&kind=standard&kind=notification&year=2025"} {
		t.Run(base, func(t *testing.T) {
			got := searchAPI(t, f, base+"&facets=1")
			var names []string
			for _, fc := range got.Facets {
				names = append(names, fc.Name)
			}
			if !slices.Equal(names, index.FacetNames) {
				t.Fatalf("facets %v, want %v", names, index.FacetNames)
			}
			selected, _ := url.ParseQuery(base)
			checked := 0
			for _, fc := range got.Facets {
				for _, v := range fc.Values {
					// The same search with this value, and no other of its
					// facet, selected.
					qv, _ := url.ParseQuery(base)
					qv.Del(fc.Name)
					qv.Set(fc.Name, v.Value)
					if n := searchAPI(t, f, qv.Encode()).Total; n != v.Count {
						t.Errorf("%s=%s counted %d, but that search finds %d", fc.Name, v.Value, v.Count, n)
					}
					if v.Label == "" {
						t.Errorf("%s=%s has no label", fc.Name, v.Value)
					}
					if want := slices.Contains(selected[fc.Name], v.Value); v.Selected != want {
						t.Errorf("%s=%s selected %v, want %v", fc.Name, v.Value, v.Selected, want)
					}
					checked++
				}
			}
			if checked < 3 {
				t.Errorf("only %d facet values to check", checked)
			}
			// The open count is what open=1 would find.
			if n := searchAPI(t, f, base+"&open=1").Total; got.Open != n {
				t.Errorf("open %d, but open=1 finds %d", got.Open, n)
			}
		})
	}
	// A selected value leaves the others of its facet listed, to add.
	got := searchAPI(t, f, "q=toys&member=EU&facets=1")
	if i := slices.IndexFunc(got.Facets, func(fc apiFacet) bool { return fc.Name == "member" }); i < 0 ||
		!slices.ContainsFunc(got.Facets[i].Values, func(v apiFacetValue) bool { return v.Value == "JPN" && v.Count == 1 && !v.Selected }) {
		t.Errorf("member=EU hides the other members: %+v", got.Facets)
	}
	got = searchAPI(t, f, "kind=notification&facets=1&lang=en")
	if got.Open != 2 {
		t.Errorf("notifications open on %s: %d, want 2", testNow.Format("2006-01-02"), got.Open)
	}
	labels := map[string]string{}
	for _, fc := range got.Facets {
		for _, v := range fc.Values {
			labels[fc.Name+"="+v.Value] = v.Label
		}
	}
	for k, want := range map[string]string{"member=EU": "European Union (EU)", "area=SPS": "SPS (sanitary and phytosanitary measures)", "type=addendum": "Addendum", "kind=notification": "Notification"} {
		if labels[k] != want {
			t.Errorf("label of %s: %q, want %q", k, labels[k], want)
		}
	}
}

func TestSearchAPIRelaxed(t *testing.T) {
	f := newFixture(t)
	got := searchAPI(t, f, "q=lead+xyzzy")
	if !got.Relaxed || got.Total != 0 || len(got.Hits) == 0 {
		t.Fatalf("relaxed %v, total %d, %d hits; want partial hits only", got.Relaxed, got.Total, len(got.Hits))
	}
	for _, h := range got.Hits {
		if !h.Partial {
			t.Errorf("%s %s is not marked partial", h.Kind, h.Key)
		}
	}
	// Later pages of a relaxed search repeat nothing of earlier ones.
	full := searchAPI(t, f, "q=toys+lead&limit=100")
	if !full.Relaxed || full.Total == 0 {
		t.Fatalf("q=toys lead: relaxed %v, total %d; want full and partial hits", full.Relaxed, full.Total)
	}
	var paged []string
	for off := 0; off < len(full.Hits); off += 3 {
		paged = append(paged, hitKeys(searchAPI(t, f, fmt.Sprintf("q=toys+lead&offset=%d&limit=3", off)).Hits)...)
	}
	if diff := cmp.Diff(hitKeys(full.Hits), paged); diff != "" {
		t.Errorf("pages of 3 differ from one page (-one +paged):\n%s", diff)
	}
}

var reHref = regexp.MustCompile(`href="(/search\?[^"]*)"`)

// searchLinks are the search links of a page, decoded.
func searchLinks(t *testing.T, page string) []url.Values {
	t.Helper()
	var out []url.Values
	for _, m := range reHref.FindAllStringSubmatch(page, -1) {
		u, err := url.Parse(strings.ReplaceAll(m[1], "&amp;", "&"))
		if err != nil {
			t.Fatalf("bad link %s: %v", m[1], err)
		}
		out = append(out, u.Query())
	}
	return out
}

func TestSearchPageFacets(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name   string
		target string
		want   []string
		forbid []string
	}{
		{"sidebar", "/search?q=toys",
			[]string{
				`<h2 id="facets-h">筛选</h2>`,
				`<a href="/search?member=EU&amp;q=toys" class="facet-value"><span aria-hidden="true">☐ </span>欧盟 (EU) <span class="count">(3)</span>`,
				`<a href="/search?kind=notification&amp;q=toys"`,
				`TBT（技术性贸易壁垒）`, `增补`, `<h3 id="facet-hs_chapter">HS 章</h3>`, `<h3 id="facet-ics_group">ICS 组</h3>`,
				`<a href="/search?open=1&amp;q=toys" class="facet-value">`,
				`<a href="/search?q=toys&amp;sort=date">日期（最新在前）</a>`,
				`<strong aria-current="true">相关度</strong>`,
			},
			[]string{`class="chips`}},
		{"selected member", "/search?q=toys&member=EU",
			[]string{
				// The chip and the selected value remove it, keeping the words.
				`<a class="chip" href="/search?q=toys"><span class="visually-hidden">移除筛选：</span> WTO 成员：欧盟 (EU)`,
				`<a href="/search?q=toys" class="facet-value selected"><span aria-hidden="true">☑ </span> <span class="visually-hidden">已选：</span>欧盟 (EU) <span class="count">(3)</span>`,
				// Another member is added to it.
				`<a href="/search?member=EU&amp;member=JPN&amp;q=toys" class="facet-value">`,
				// Other facets keep it.
				`<a href="/search?kind=regulation&amp;member=EU&amp;q=toys"`,
				// So do the forms.
				`<input type="hidden" name="member" value="EU">`,
				`共 3 条结果`,
			},
			nil},
		{"open for comment", "/search?kind=notification&open=1&sort=deadline&lang=en",
			[]string{
				`<a class="chip" href="/search?kind=notification&amp;sort=deadline"><span class="visually-hidden">Remove filter: </span> Open for comment`,
				`Open for comment <span class="count">(2)</span>`,
				`G/SPS/N/USA/3500`, `2 results, showing 1–2`,
				`<strong aria-current="true">Comment deadline (soonest first)</strong>`,
			},
			[]string{`G/TBT/N/EU/1123`}},
		{"open count before choosing", "/search?kind=notification",
			[]string{`正在征求意见的通报 <span class="count">(2)</span>`, `<a href="/search?kind=notification&amp;open=1"`}, nil},
		{"date range", "/search?q=toys&from=2025&to=2025-12&lang=en",
			[]string{
				`<input id="from" name="from" type="date" value="2025-01-01">`,
				`<input id="to" name="to" type="date" value="2025-12-31">`,
				`From: 2025-01-01`, `To: 2025-12-31`,
				`<a class="chip" href="/search?q=toys&amp;to=2025-12-31">`,
			},
			[]string{`Directive 2009/48/EC`}},
		{"several kinds", "/search?q=toys&kind=standard&kind=notification",
			[]string{`<input type="hidden" name="kind" value="standard"><input type="hidden" name="kind" value="notification">`, `类型：标准`, `类型：通报`},
			[]string{`<select id="kind"`}},
		{"english labels", "/search?q=toys&lang=en",
			[]string{`European Union (EU)`, `<h3 id="facet-type">Notification type</h3>`, `Addendum`, `TBT (technical barriers to trade)`, `<h3 id="facet-publisher">Publisher</h3>`},
			nil},
		{"relaxed", "/search?q=lead+xyzzy",
			[]string{`<h3 id="partial-h">部分匹配的结果</h3>`, `以下结果匹配了除一个词以外的全部搜索词`, `<span class="badge badge-upcoming">部分匹配</span>`, `0 条结果匹配全部搜索词`},
			nil},
		{"nothing left", "/search?member=XYZ",
			[]string{`没有符合筛选条件的记录。`, `<a href="/search">清除全部筛选</a>`, `WTO 成员：XYZ`},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := f.get(t, tt.target)
			b := body(t, resp)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d\n%s", resp.StatusCode, b)
			}
			for _, s := range tt.want {
				if !strings.Contains(b, s) {
					t.Errorf("page lacks %s", s)
				}
			}
			for _, s := range tt.forbid {
				if strings.Contains(b, s) {
					t.Errorf("page has %s", s)
				}
			}
			checkHTML(t, b)
		})
	}
}

func TestSearchPagerKeepsFilters(t *testing.T) {
	var extra []kb.Record
	for i := 1; i <= 45; i++ {
		extra = append(extra, &kb.Standard{
			Number:  fmt.Sprintf("GB/T %d-2020", 90000+i),
			TitleEn: fmt.Sprintf("Pagination fixture part %d", i),
			Issued:  kb.Date(fmt.Sprintf("2020-%02d-01", i%12+1)),
		})
	}
	f := newFixture(t, extra...)
	search := url.Values{"q": {"pagination"}, "publisher": {"GB/T"}, "year": {"2020"}, "from": {"2020-01-01"}, "sort": {"date"}}
	b := body(t, f.get(t, "/search?"+search.Encode()+"&page=2&lang=en"))
	for _, s := range []string{"45 results, showing 21–40", "Page 2 of 3", `rel="prev"`, `rel="next"`, `<ol class="hits" start="21">`, `<strong aria-current="page">2</strong>`} {
		if !strings.Contains(b, s) {
			t.Errorf("page 2 lacks %q", s)
		}
	}
	nav := regexp.MustCompile(`(?s)<nav class="pager".*?</nav>`).FindString(b)
	pages := map[string]bool{}
	for _, link := range searchLinks(t, nav) {
		page := link.Get("page")
		if page == "" {
			page = "1"
		}
		pages[page] = true
		link.Del("page")
		if diff := cmp.Diff(search, link); diff != "" {
			t.Errorf("pager link to page %s loses filters (-want +got):\n%s", page, diff)
		}
	}
	if want := map[string]bool{"1": true, "3": true}; !cmp.Equal(want, pages) {
		t.Errorf("pager links to pages %v, want %v", pages, want)
	}
	// The dates are newest first across pages.
	var dates []string
	for page := 1; page <= 3; page++ {
		got := searchAPI(t, f, fmt.Sprintf("%s&offset=%d&limit=20", search.Encode(), (page-1)*20))
		for _, h := range got.Hits {
			dates = append(dates, h.Date)
		}
	}
	if len(dates) != 45 || !slices.IsSortedFunc(dates, func(a, b string) int { return strings.Compare(b, a) }) {
		t.Errorf("%d dates, not newest first: %v", len(dates), dates)
	}
}
