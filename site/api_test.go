package site

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// getJSON requests target and decodes the JSON answer into out.
func getJSON(t *testing.T, f *fixture, target string, wantStatus int, out any) {
	t.Helper()
	resp := f.get(t, target)
	b := body(t, resp)
	if resp.StatusCode != wantStatus {
		t.Fatalf("GET %s: status %d, want %d\n%s", target, resp.StatusCode, wantStatus, b)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("GET %s: Content-Type %q", target, ct)
	}
	if err := json.Unmarshal([]byte(b), out); err != nil {
		t.Fatalf("GET %s: decode: %v\n%s", target, err, b)
	}
}

func TestAPIRecords(t *testing.T) {
	f := newFixture(t)
	std := func(key string) *kb.Standard { return f.recs["standard:"+key].(*kb.Standard) }
	ntf := func(key string) *kb.Notification { return f.recs["notification:"+key].(*kb.Notification) }
	mapping := func(key string) *kb.Mapping { return f.recs["mapping:"+key].(*kb.Mapping) }
	req := func(key string) *kb.Requirement { return f.recs["requirement:"+key].(*kb.Requirement) }

	tests := []struct {
		target string
		got    any // a pointer to a zero value of the answer's type
		want   any
	}{
		{"/api/standards/GB/T%2019001-2016", &apiStandard{}, &apiStandard{
			Number:   "GB/T 19001-2016",
			Standard: std("GB/T 19001-2016"),
			Inbound:  []apiLink{{FromKind: kb.KindStandard, FromKey: "GB/T 19001-2008", Rel: store.RelReplacedBy, To: "GB/T 19001-2016"}},
		}},
		// Any spelling is accepted and answered in canonical form.
		{"/api/standards/gbt19001-2016", &apiStandard{}, &apiStandard{
			Number:   "GB/T 19001-2016",
			Standard: std("GB/T 19001-2016"),
			Inbound:  []apiLink{{FromKind: kb.KindStandard, FromKey: "GB/T 19001-2008", Rel: store.RelReplacedBy, To: "GB/T 19001-2016"}},
		}},
		// Known only from another record's link.
		{"/api/standards/ISO%208124-3:2010", &apiStandard{}, &apiStandard{
			Number:  "ISO 8124-3:2010",
			Inbound: []apiLink{{FromKind: kb.KindStandard, FromKey: "GB 6675.4-2014", Rel: store.RelAdopts, To: "ISO 8124-3:2010", Degree: kb.DegreeMOD}},
		}},
		{"/api/notifications/G/TBT/N/EU/1123/Add.1", &apiNotification{}, &apiNotification{
			Notification: ntf("G/TBT/N/EU/1123/Add.1"),
			Chain:        []string{"G/TBT/N/EU/1123", "G/TBT/N/EU/1123/Add.1", "G/TBT/N/EU/1123/Add.2"},
		}},
		{"/api/notifications/ePing-27c2a476db3d", &apiNotification{}, &apiNotification{
			Notification: ntf("ePing-27c2a476db3d"),
			Chain:        []string{},
		}},
		{"/api/regulations/Directive%202009/48/EC", &apiRegulation{}, &apiRegulation{
			Regulation: f.recs["regulation:Directive 2009/48/EC"].(*kb.Regulation),
		}},
		{"/api/mappings?number=gb6675.4-2014", &apiMappings{}, &apiMappings{
			Number: "GB 6675.4-2014",
			// The proposed ISO 8124-3 mapping is not public until approved.
			Mappings: []*kb.Mapping{mapping("EN 71-3:2019+A1:2021 ~ GB 6675.4-2014")},
		}},
		{"/api/mappings?number=ISO%209001:2015", &apiMappings{}, &apiMappings{
			Number:   "ISO 9001:2015",
			Mappings: []*kb.Mapping{},
		}},
		{"/api/requirements?topic=Toy-Element-Migration", &apiRequirements{}, &apiRequirements{
			Topic: "toy-element-migration",
			Requirements: []*kb.Requirement{
				req("EN 71-3:2019+A1:2021 | toy-element-migration | cadmium | scraped-off toy material"),
				req("GB 6675.4-2014 | toy-element-migration | cadmium | scraped-off toy material"),
				req("Directive 2009/48/EC | toy-element-migration | chromium VI | scraped-off toy material"),
				req("EN 71-3:2019+A1:2021 | toy-element-migration | lead | scraped-off toy material"),
				req("GB 6675.4-2014 | toy-element-migration | lead | scraped-off toy material"),
				req("EN 71-3:2019+A1:2021 | toy-element-migration | organic tin | scraped-off toy material"),
			},
		}},
		{"/api/requirements?source=gb6675.4-2014", &apiRequirements{}, &apiRequirements{
			Source: "GB 6675.4-2014",
			Requirements: []*kb.Requirement{
				req("GB 6675.4-2014 | toy-element-migration | cadmium | scraped-off toy material"),
				req("GB 6675.4-2014 | toy-element-migration | lead | scraped-off toy material"),
			},
		}},
		{"/healthz", &map[string]string{}, &map[string]string{"status": "ok"}},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			getJSON(t, f, tt.target, http.StatusOK, tt.got)
			if diff := cmp.Diff(tt.want, tt.got); diff != "" {
				t.Errorf("answer differs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAPIStats(t *testing.T) {
	f := newFixture(t)
	var got apiStats
	getJSON(t, f, "/api/stats", http.StatusOK, &got)
	want := apiStats{
		Kinds:      map[kb.Kind]int{kb.KindStandard: 6, kb.KindRegulation: 1, kb.KindNotification: 5, kb.KindMapping: 2, kb.KindRequirement: 6},
		Members:    map[string]int{"EU": 3, "USA": 1, "JPN": 1},
		Areas:      map[kb.Area]int{kb.AreaTBT: 4, kb.AreaSPS: 1},
		Publishers: map[string]int{"GB": 1, "GB/T": 2, "ISO": 2, "EN": 1},
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(apiStats{}, "LastChange", "ChangeCount")); diff != "" {
		t.Errorf("stats differ (-want +got):\n%s", diff)
	}
	if got.LastChange == nil || got.ChangeCount != 20 {
		t.Errorf("last change %v, change count %d; want a time and 20 (one per imported record)", got.LastChange, got.ChangeCount)
	}
}

func TestAPISearch(t *testing.T) {
	f := newFixture(t)
	var got apiSearchResult
	getJSON(t, f, "/api/search?q=gb/t19001-2016&limit=1", http.StatusOK, &got)
	if got.Total < 1 || len(got.Hits) != 1 {
		t.Fatalf("total %d, %d hits; want the standard", got.Total, len(got.Hits))
	}
	want := apiHit{Kind: kb.KindStandard, Key: "GB/T 19001-2016", URL: "/standards/GB/T%2019001-2016", Date: "2016-12-30", Facet: "GB/T"}
	if diff := cmp.Diff(want, got.Hits[0], cmpopts.IgnoreFields(apiHit{}, "Title", "Snippet", "SnippetHTML", "Score")); diff != "" {
		t.Errorf("first hit differs (-want +got):\n%s", diff)
	}
	if got.Query != "gb/t19001-2016" || got.Limit != 1 || got.Offset != 0 {
		t.Errorf("echoed parameters: %+v", got)
	}

	// Matches come back marked in snippet_html and plain in snippet.
	getJSON(t, f, "/api/search?q=lead&kind=notification", http.StatusOK, &got)
	if len(got.Hits) == 0 {
		t.Fatal("no hits for lead")
	}
	for _, h := range got.Hits {
		if h.Kind != kb.KindNotification {
			t.Errorf("kind filter: got a %s", h.Kind)
		}
		if strings.ContainsAny(h.Snippet, "\x02\x03") {
			t.Errorf("snippet keeps markers: %q", h.Snippet)
		}
	}
	if h := got.Hits[0]; !strings.Contains(h.SnippetHTML, "<mark>") {
		t.Errorf("snippet_html %q has no <mark>", h.SnippetHTML)
	}

	// Paging: offset past the first hit gives the rest.
	var all, rest apiSearchResult
	getJSON(t, f, "/api/search?q=toys", http.StatusOK, &all)
	getJSON(t, f, "/api/search?q=toys&offset=1&limit=100", http.StatusOK, &rest)
	if all.Total < 2 || len(rest.Hits) != all.Total-1 || rest.Hits[0].Key != all.Hits[1].Key {
		t.Errorf("offset=1: %d of %d hits", len(rest.Hits), all.Total)
	}
}

func TestAPIErrors(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		target string
		status int
		want   string // in the error message
	}{
		{"/api/search", 400, "q: required"},
		{"/api/search?q=" + strings.Repeat("x", maxQueryLen+1), 400, "too long"},
		{"/api/search?q=toys&limit=101", 400, "limit: 101 is out of range"},
		{"/api/search?q=toys&limit=0", 400, "limit: 0 is out of range"},
		{"/api/search?q=toys&limit=ten", 400, `limit: "ten" is not a whole number`},
		{"/api/search?q=toys&offset=-1", 400, "offset: -1 is out of range"},
		{"/api/search?q=toys&offset=10001", 400, "offset: 10001 is out of range"},
		{"/api/search?q=toys&kind=widget", 400, `unknown kind "widget"`},
		{"/api/search?q=toys&kind=standard,widget", 400, `unknown kind "widget"`},
		{"/api/standards/not-a-number", 400, `standard number "not-a-number"`},
		{"/api/standards/GB%201-1999", 404, "not found"},
		{"/api/notifications/hello", 400, "is not a WTO symbol"},
		{"/api/notifications/G/TBT/N/EU/9999", 404, "not found"},
		{"/api/regulations/Directive%202000/1/EC", 404, "not found"},
		{"/api/mappings", 400, "number: required"},
		{"/api/mappings?number=nonsense", 400, "number: "},
		{"/api/requirements", 400, "topic or source"},
		{"/api/requirements?topic=nothing-here", 404, "no requirements match"},
		{"/api/nothing", 404, "no such API endpoint"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			var got apiErrorBody
			getJSON(t, f, tt.target, tt.status, &got)
			if !strings.Contains(got.Error, tt.want) {
				t.Errorf("error %q, want it to contain %q", got.Error, tt.want)
			}
		})
	}
	t.Run("method", func(t *testing.T) {
		resp := f.do(t, http.MethodPost, "/api/search?q=x")
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("POST /api/search: status %d", resp.StatusCode)
		}
	})
	t.Run("not ready", func(t *testing.T) {
		f.ready = errors.New("index is being built")
		defer func() { f.ready = nil }()
		var got apiErrorBody
		getJSON(t, f, "/healthz", http.StatusServiceUnavailable, &got)
		if got.Error != "not ready" {
			t.Errorf("error %q", got.Error)
		}
	})
}

// TestStoreFailure closes the store under the site: pages and API calls
// fail with 500, say nothing about the cause, and log it.
func TestStoreFailure(t *testing.T) {
	f := newFixture(t)
	if err := f.store.Close(); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"/", "/standards/GB%206675.4-2014", "/notifications/G/TBT/N/EU/1123", "/mappings", "/compare", "/compare?topic=toy-element-migration", "/regulations/Directive%202009/48/EC"} {
		resp := f.get(t, target)
		b := body(t, resp)
		if resp.StatusCode != http.StatusInternalServerError {
			t.Errorf("GET %s: status %d, want 500", target, resp.StatusCode)
		}
		if !strings.Contains(b, "服务器出错") || strings.Contains(strings.ToLower(b), "sql") || strings.Contains(b, "closed") {
			t.Errorf("GET %s: page leaks or lacks the message:\n%s", target, b)
		}
	}
	for _, target := range []string{"/api/stats", "/api/standards/GB%206675.4-2014", "/api/mappings?number=GB%206675.4-2014"} {
		var got apiErrorBody
		getJSON(t, f, target, http.StatusInternalServerError, &got)
		if got.Error != "internal error" {
			t.Errorf("GET %s: error %q", target, got.Error)
		}
	}
	if logs := f.logs.String(); !strings.Contains(logs, "level=ERROR") || !strings.Contains(logs, "closed") {
		t.Errorf("the cause is not logged:\n%s", logs)
	}
}
