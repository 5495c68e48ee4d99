package site

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/internal/golden"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/templates"
)

// marketNow is the seeded market fixture's today. The seed's EU toy
// notifications are from 2013–2019; on 2019-01-15 G/TBT/N/EU/635 is open
// for comment (until 2019-02-16), G/TBT/N/EU/504 (2017-09) is within the
// 24 months and G/TBT/N/EU/83 (2013) is not.
var marketNow = time.Date(2019, 1, 15, 8, 0, 0, 0, time.UTC)

// marketFixture is the seed in a real SQLite store with the real guides:
// the server, for the view model, and its handler, for the pages.
type marketFixture struct {
	s *server
	h http.Handler
}

func newMarketFixture(t *testing.T) *marketFixture {
	t.Helper()
	st, ix, guides := seedData(t)
	now := func() time.Time { return marketNow }
	return &marketFixture{
		s: &server{store: st, search: ix, guides: guides, hs: newHSTable(), log: slog.New(slog.DiscardHandler), now: now, md: newMarkdown(), static: newStaticFiles()},
		h: New(Config{Store: st, Search: ix, Guides: guides, Now: now}),
	}
}

func (f *marketFixture) get(t *testing.T, target string) (*http.Response, []byte) {
	t.Helper()
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
	resp := w.Result()
	return resp, w.Body.Bytes()
}

// marketSummary writes the parts of a result a reader checks, one fact a
// line, for the golden file.
func marketSummary(r *templates.MarketResult) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p("HS %s in %s (by name: %v), notifications since %s", r.Code, r.Member.Code, r.ByName, r.Since)
	for _, h := range r.Headings {
		p("heading %s %s", h.Code, h.Name)
	}
	p("\nregulations: %d", len(r.Regulations))
	for _, g := range r.Regulations {
		p("  %s [%s] word=%q cited by %v", g.R.ID, g.R.Status, g.ByWord, g.CitedBy)
	}
	p("standards: %d", len(r.Standards))
	for _, s := range r.Standards {
		p("  %s url=%q status=%q replaced by %v; referenced by %v; cited by %v", s.Text, s.URL, s.Status, s.ReplacedBy, s.ReferencedBy, s.CitedBy)
	}
	for _, list := range []struct {
		name  string
		items []templates.MarketNotification
	}{{"open", r.Open}, {"recent", r.Recent}} {
		p("%s: %d", list.name, len(list.items))
		for _, it := range list.items {
			p("  %s %s deadline=%s open=%v days=%d hs=%v word=%q", it.N.Key(), it.N.Distributed, it.N.CommentDeadline, it.Open, it.DaysLeft, it.ByHS, it.ByWord)
		}
	}
	p("equivalents: %d", len(r.Equivalents))
	for _, e := range r.Equivalents {
		p("  %s → %s %s through=%q mapping=%v", e.Foreign, e.GB, e.Degree, e.Through, e.Mapping)
	}
	p("differences: %d", len(r.Differences))
	for _, d := range r.Differences {
		var names []string
		for _, s := range d.Sources {
			names = append(names, s.Name)
		}
		p("  %s: %d of %d rows, sources %v, %s", d.Topic, len(d.Rows), d.Total, names, d.URL)
		for _, row := range d.Rows {
			var cells []string
			for _, c := range row.Cells {
				v := "—"
				if c.Req != nil {
					v = templates.LimitText(c.Req, translator(langEn))
				}
				cells = append(cells, v+" "+c.Mark)
			}
			p("    %s | %s: %s", row.Parameter, row.Scope, strings.Join(cells, "; "))
		}
	}
	p("guides: %d", len(r.Guides))
	for _, g := range r.Guides {
		p("  %s (%s)", g.Slug, g.Lang)
	}
	p("\n%s\n%s", r.CSVURL, r.XLSXURL)
	return b.String()
}

// TestMarket runs the page's tests on one seeded fixture.
func TestMarket(t *testing.T) {
	f := newMarketFixture(t)
	t.Run("view", func(t *testing.T) { testMarketView(t, f) })
	t.Run("page", func(t *testing.T) { testMarketPage(t, f) })
	t.Run("queries", func(t *testing.T) { testMarketQueries(t, f) })
	t.Run("exports", func(t *testing.T) { testMarketExports(t, f) })
}

// testMarketView is the example: toys (HS 9503) for the EU, on
// the seed. The view model is checked against a golden file; a product
// name gives the same result as the code.
func testMarketView(t *testing.T, f *marketFixture) {
	ctx := context.Background()
	v, status, err := f.s.marketView(ctx, langEn, marketRequest{product: "9503", market: "EU"})
	if err != nil || status != http.StatusOK || v.Result == nil {
		t.Fatalf("marketView: status %d, result %v, error %v, message %q", status, v.Result != nil, err, v.Message)
	}
	golden.Check(t, "market-eu-toys.txt", []byte(marketSummary(v.Result)))

	r := v.Result
	if len(r.Open) == 0 || len(r.Recent) == 0 || len(r.Regulations) == 0 || len(r.Standards) == 0 || len(r.Differences) == 0 || len(r.Guides) == 0 {
		t.Errorf("a section of the example is empty: %d open, %d recent, %d regulations, %d standards, %d differences, %d guides",
			len(r.Open), len(r.Recent), len(r.Regulations), len(r.Standards), len(r.Differences), len(r.Guides))
	}
	for _, name := range []string{"玩具", "toys", "玩具类"} {
		byName, _, err := f.s.marketView(ctx, langEn, marketRequest{product: name, market: "欧盟"})
		if err != nil || byName.Result == nil {
			t.Fatalf("%s: %v, message %q", name, err, byName.Message)
		}
		got := *byName.Result
		if !got.ByName || got.Code != "9503" {
			t.Errorf("%s: resolved to %q (by name %v), want 9503 by name", name, got.Code, got.ByName)
		}
		got.ByName, got.CSVURL, got.XLSXURL = r.ByName, r.CSVURL, r.XLSXURL
		if diff := cmp.Diff(marketSummary(r), marketSummary(&got)); diff != "" {
			t.Errorf("%s gives another result than 9503 (-code +name):\n%s", name, diff)
		}
	}
}

func TestMarketMatch(t *testing.T) {
	table, err := content.LoadHSTable()
	if err != nil {
		t.Fatal(err)
	}
	toys, err := table.Resolve("9503")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		n      kb.Notification
		ok     bool
		hs     []string
		byWord string
	}{
		{"subheading under the heading", kb.Notification{HS: []string{"9503.00", "8715"}}, true, []string{"9503.00"}, ""},
		{"chapter above the heading", kb.Notification{HS: []string{"95"}}, true, []string{"95"}, ""},
		{"other heading", kb.Notification{HS: []string{"9504"}, Title: "Toys"}, false, nil, ""},
		{"no codes, title", kb.Notification{Title: "Safety of toys"}, true, nil, "toys"},
		{"no codes, Chinese title", kb.Notification{TitleZh: "玩具安全"}, true, nil, "玩具"},
		{"no codes, keywords", kb.Notification{Title: "Chemicals", Keywords: []string{"toy"}}, true, nil, "toy"},
		{"no codes, nothing", kb.Notification{Title: "Tomatoes", Products: "Toyota parts"}, false, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it, ok := marketMatch(&tt.n, toys, langEn)
			if ok != tt.ok || !cmp.Equal(it.ByHS, tt.hs) || it.ByWord != tt.byWord {
				t.Errorf("marketMatch = %v hs %v word %q, want %v %v %q", ok, it.ByHS, it.ByWord, tt.ok, tt.hs, tt.byWord)
			}
		})
	}
}

func testMarketPage(t *testing.T, f *marketFixture) {
	tests := []struct {
		lang string
		want []string
	}{
		{"zh", []string{`<h1>市场要求</h1>`, `<a href="/market" aria-current="page">市场要求</a>`, `value="9503"`, `<option value="EU" selected>欧盟 (EU)</option>`,
			"HS 9503 出口到 欧盟 (EU)", "法规（", "Directive 2009/48/EC", "EN 71-3:2019+A1:2021", "已被 EN 71-3:2019+A2:2024 代替",
			"正在征求意见的通报（1）", "G/TBT/N/EU/635", "还剩 32 天", "按产品名称“玩具”找到", "近 24 个月的其他通报（1）", "G/TBT/N/EU/504",
			"toy-element-migration", `href="/compare?`, "向欧盟出口玩具", `href="/market.csv?market=EU&amp;product=9503"`, `href="/market.xlsx?market=EU&amp;product=9503"`}},
		{"en", []string{`<h1>Market requirements</h1>`, "HS 9503 exported to European Union (EU)", "Notifications open for comment (1)", "32 days left",
			"found by the product name “toys”", "replaced by EN 71-3:2019+A2:2024", "Exporting toys to the EU"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			resp, b := f.get(t, "/market?product=9503&market=EU&lang="+tt.lang)
			page := string(b)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d\n%s", resp.StatusCode, page)
			}
			checkHTML(t, page)
			if len(b) > 100<<10 {
				t.Errorf("page is %d bytes, want < 100 KB", len(b))
			}
			for _, s := range tt.want {
				if !strings.Contains(page, s) {
					t.Errorf("page lacks %q", s)
				}
			}
		})
	}
}

func testMarketQueries(t *testing.T, f *marketFixture) {
	tests := []struct {
		name   string
		target string
		status int
		want   []string // in the page
	}{
		{"form", "/market", http.StatusOK, []string{`<label for="market-product">`, `<label for="market-market">`, `<option value="EU">欧盟 (EU)</option>`}},
		{"bad code", "/market?product=950&market=EU", http.StatusBadRequest, []string{"“950”不是有效的 HS 编码", `value="950"`}},
		{"no such chapter", "/market?product=9999&market=EU", http.StatusBadRequest, []string{"“9999”不是有效的 HS 编码"}},
		{"unknown market", "/market?product=9503&market=Narnia", http.StatusBadRequest, []string{"无法识别目标市场“Narnia”"}},
		{"no market", "/market?product=9503", http.StatusBadRequest, []string{"请选择目标市场。"}},
		{"no product", "/market?market=EU", http.StatusBadRequest, []string{"请输入产品", `href="/market?market=EU&amp;product=9503"`}},
		{"too long", "/market?market=EU&product=" + strings.Repeat("x", 101), http.StatusBadRequest, []string{"输入太长"}},
		{"no match", "/market?product=xyzzy&market=EU", http.StatusOK, []string{"没有找到与“xyzzy”对应的 HS 品目", `href="/market?market=EU&amp;product=9503"`, "玩具"}},
		{"ambiguous", "/market?product=%E9%9B%BB%E6%B1%A0&market=EU", http.StatusOK, []string{"可能指以下几个 HS 品目", `href="/market?market=EU&amp;product=8506"`, `href="/market?market=EU&amp;product=8507"`, "原电池及原电池组"}},
		{"market by name", "/market?product=toys&market=European+Union", http.StatusOK, []string{"HS 9503 出口到 欧盟 (EU)", "（按产品名称确定的品目）"}},
		{"code the table lacks", "/market?product=8471&market=USA", http.StatusOK, []string{"只按 HS 编码查找通报"}},
		{"export, bad code", "/market.csv?product=950&market=EU", http.StatusBadRequest, []string{"“950”不是有效的 HS 编码"}},
		{"export, ambiguous", "/market.xlsx?product=%E7%94%B5%E6%B1%A0&market=EU", http.StatusBadRequest, []string{"可能指以下几个 HS 品目"}},
		{"export, nothing", "/market.csv", http.StatusBadRequest, []string{"请输入产品"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, b := f.get(t, tt.target)
			page := string(b)
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			checkHTML(t, page)
			for _, s := range tt.want {
				if !strings.Contains(page, s) {
					t.Errorf("page lacks %q", s)
				}
			}
		})
	}
}

// testMarketExports reads both exports back and holds them to the page's
// view model: the same lists, in the same order.
func testMarketExports(t *testing.T, f *marketFixture) {
	v, _, err := f.s.marketView(context.Background(), langEn, marketRequest{product: "9503", market: "EU"})
	if err != nil || v.Result == nil {
		t.Fatalf("marketView: %v", err)
	}
	want := marketTables(translator(langEn), langEn, v.Result)
	firsts := func(rows [][]string) []string {
		out := []string{}
		for _, r := range rows {
			out = append(out, r[0])
		}
		return out
	}
	// The first column of each list is what the page lists.
	r := v.Result
	var pageKeys [][]string
	add := func(keys ...string) { pageKeys = append(pageKeys, append([]string{}, keys...)) }
	var keys []string
	for _, g := range r.Regulations {
		keys = append(keys, g.R.ID)
	}
	add(keys...)
	keys = nil
	for _, s := range r.Standards {
		keys = append(keys, s.Text)
	}
	add(keys...)
	for _, list := range [][]templates.MarketNotification{r.Open, r.Recent} {
		keys = nil
		for _, it := range list {
			keys = append(keys, it.N.Key())
		}
		add(keys...)
	}
	keys = nil
	for _, e := range r.Equivalents {
		keys = append(keys, e.Foreign)
	}
	add(keys...)
	keys = nil
	for _, d := range r.Differences {
		for _, row := range d.Rows {
			for _, c := range row.Cells {
				if c.Req != nil {
					keys = append(keys, d.Topic)
				}
			}
		}
	}
	add(keys...)
	keys = nil
	for _, g := range r.Guides {
		keys = append(keys, g.Title)
	}
	add(keys...)
	if len(want) != len(pageKeys) {
		t.Fatalf("%d export sections, %d lists on the page", len(want), len(pageKeys))
	}
	for i, sec := range want {
		if diff := cmp.Diff(pageKeys[i], firsts(sec.rows)); diff != "" {
			t.Errorf("section %q (-page +export):\n%s", sec.title, diff)
		}
	}

	t.Run("csv", func(t *testing.T) {
		resp, b := f.get(t, "/market.csv?product=9503&market=EU&lang=en")
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
			t.Fatalf("status %d, %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename="market-9503-EU.csv"` {
			t.Errorf("Content-Disposition %q", cd)
		}
		body, ok := bytes.CutPrefix(b, []byte("\ufeff"))
		if !ok {
			t.Error("no byte order mark")
		}
		cr := csv.NewReader(bytes.NewReader(body))
		cr.FieldsPerRecord = -1
		lines, err := cr.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		// A list starts with its heading alone on a line; the blank line
		// before it is skipped by the reader.
		var got []exportSection
		for i := 0; i < len(lines); i++ {
			if len(lines[i]) == 1 && i+1 < len(lines) {
				got = append(got, exportSection{title: lines[i][0], head: lines[i+1]})
				i++
				continue
			}
			if len(got) == 0 {
				t.Fatalf("line %d %q comes before any heading", i+1, lines[i])
			}
			got[len(got)-1].rows = append(got[len(got)-1].rows, lines[i])
		}
		if len(got) != len(want) {
			t.Fatalf("%d sections in the CSV, want %d", len(got), len(want))
		}
		for i := range want {
			w := want[i]
			w.sheet = ""
			if diff := cmp.Diff(w, got[i], cmp.AllowUnexported(exportSection{})); diff != "" {
				t.Errorf("CSV section %d (-want +got):\n%s", i, diff)
			}
		}
	})
	t.Run("xlsx", func(t *testing.T) {
		resp, b := f.get(t, "/market.xlsx?product=9503&market=EU&lang=en")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d", resp.StatusCode)
		}
		x, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		sheets := x.GetSheetList()
		if len(sheets) != len(want) {
			t.Fatalf("sheets %v, want %d", sheets, len(want))
		}
		for i, sec := range want {
			if sheets[i] != sec.sheet {
				t.Errorf("sheet %d is %q, want %q", i, sheets[i], sec.sheet)
			}
			rows, err := x.GetRows(sheets[i])
			if err != nil {
				t.Fatal(err)
			}
			// GetRows drops trailing empty cells; pad back to the header.
			for j := range rows {
				for len(rows[j]) < len(sec.head) {
					rows[j] = append(rows[j], "")
				}
			}
			if diff := cmp.Diff(append([][]string{sec.head}, sec.rows...), rows); diff != "" {
				t.Errorf("sheet %q (-want +got):\n%s", sec.sheet, diff)
			}
		}
	})
}
