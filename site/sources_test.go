package site

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

func TestSourcesPage(t *testing.T) {
	f := newFixture(t)
	ctx := t.Context()
	page := body(t, f.get(t, "/sources"))
	if !strings.Contains(page, "尚未抓取任何来源") {
		t.Errorf("sources page with no crawls does not say so")
	}
	t0 := time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)
	id, err := f.store.StartRun(ctx, "eping", t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.FinishRun(ctx, store.CrawlRun{ID: id, Source: "eping", Started: t0, Finished: t0.Add(95 * time.Second), Status: store.RunDone,
		CrawlCounts: store.CrawlCounts{Fetched: 12, NotModified: 3, New: 240, Updated: 7, Failed: 1},
		Errors:      []store.CrawlError{{URL: "https://api.wto.org/eping/notifications/search?page=4", Reason: "truncated JSON <b>"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.StartRun(ctx, "gb", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}

	page = body(t, f.get(t, "/sources"))
	checkHTML(t, page)
	for _, want := range []string{"WTO ePing 通报", "完成", "2026年11月20日 06:00 UTC", "1m35s", ">240<", "全国标准信息公共服务平台", "进行中",
		"page=4", "truncated JSON &lt;b&gt;"} {
		if !strings.Contains(page, want) {
			t.Errorf("sources page lacks %q", want)
		}
	}
	en := body(t, f.get(t, "/sources?lang=en"))
	if !strings.Contains(en, "WTO ePing notifications") || !strings.Contains(en, "Running") {
		t.Errorf("English sources page lacks the English labels")
	}

	resp := f.get(t, "/api/sources")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/sources = %d", resp.StatusCode)
	}
	var out struct {
		Sources []apiRun `json:"sources"`
	}
	if err := json.Unmarshal([]byte(body(t, resp)), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Sources) != 2 || out.Sources[0].Source != "eping" || out.Sources[0].New != 240 || len(out.Sources[0].Errors) != 1 ||
		out.Sources[1].Status != store.RunRunning || out.Sources[1].Finished != nil {
		t.Errorf("/api/sources = %+v", out.Sources)
	}
}

// The notification page lists, for each standard it cites, the GB
// standards recorded as its equivalents with their deviations; the
// standard page lists suggested correspondences with their evidence.
func TestChainsAndSuggestions(t *testing.T) {
	f := newFixture(t)
	page := body(t, f.get(t, templates.NotificationURL("G/TBT/N/EU/1123")))
	checkHTML(t, page)
	for _, want := range []string{`id="equiv-h"`, "引用标准的国家标准对应", `href="/standards/GB%206675.4-2014"`, "NEQ", "主要差异"} {
		if !strings.Contains(page, want) {
			t.Errorf("notification page lacks %q", want)
		}
	}
	std := body(t, f.get(t, templates.StandardURL("ISO 9001:2015")+"?lang=en"))
	checkHTML(t, std)
	i := strings.Index(std, `id="suggested-h"`)
	if i < 0 || !strings.Contains(std[i:], `href="`+templates.StandardURL("GB/T 19001-2016")+`"`) {
		t.Fatalf("the ISO 9001 page suggests no GB/T 19001-2016")
	}
	if !strings.Contains(std[i:], "recorded") && !strings.Contains(std[i:], "inferred") {
		t.Errorf("suggestions are not marked recorded or inferred")
	}
}
