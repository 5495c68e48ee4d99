package site

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/templates"
)

func TestPages(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name string
		path string
		zh   []string // present in the Chinese page
		en   []string // present in the English page
	}{
		{"home", "/",
			[]string{"出口标准与技术法规知识库", "G/SPS/N/USA/3500", "还剩 20 天", "还剩 40 天", "向欧盟出口玩具", "toy-element-migration", "2026年2月23日至2026年3月1日没有新分发的通报"},
			[]string{"Standards and technical regulations for exporters", "20 days left", "Exporting toys to the EU", "United States of America", "No notification was distributed from 23 Feb 2026 to 1 Mar 2026"}},
		{"search form", "/search",
			[]string{`<label for="q">`, "可以这样搜索"},
			[]string{"Things to try"}},
		{"search results", "/search?q=GB%2FT%2019001-2016",
			[]string{`href="/standards/GB/T%2019001-2016"`, "质量管理体系", "共 "},
			[]string{`href="/standards/GB/T%2019001-2016"`, "Quality management systems", " results, showing "}},
		{"search by kind", "/search?q=toys&kind=notification",
			[]string{`<option value="notification" selected>`, "/notifications/G/TBT/N/EU/1123"},
			[]string{"/notifications/G/TBT/N/EU/1123"}},
		{"standard", "/standards/GB%206675.4-2014",
			[]string{"<h1>GB 6675.4-2014</h1>", "玩具安全 第4部分", "强制性国家标准", "现行", `href="/standards/ISO%208124-3:2010"`, "修改采用",
				`href="/mapping?foreign=EN+71-3%3A2019%2BA1%3A2021&amp;domestic=GB+6675.4-2014"`, "铅（lead）", "≤ 90 mg/kg", "已核实"},
			[]string{"Safety of toys — Part 4", "Mandatory national standard", "Current", "Modified", "lead", "Verified"}},
		{"standard with history", "/standards/GB/T%2019001-2016",
			[]string{"推荐性国家标准", "代替", `href="/standards/GB/T%2019001-2008"`, `href="/standards/ISO%209001:2015"`, "等同采用"},
			[]string{"Recommended national standard", "Replaces", "Identical"}},
		{"standard replaced", "/standards/GB/T%2019001-2008",
			[]string{"废止", "被代替", `href="/standards/GB/T%2019001-2016"`, "未核实"},
			[]string{"Withdrawn", "Replaced by", "Unverified"}},
		{"standard adopted and referenced", "/standards/EN%2071-3:2019+A1:2021",
			[]string{`href="/regulations/Directive%202009/48/EC"`, "玩具安全指令", "GB 6675.4-2014", "非等效采用"},
			[]string{"Directive on the safety of toys", "Regulations referencing it"}},
		{"standard known only by links", "/standards/ISO%208124-3:2010",
			[]string{"知识库中还没有这项标准的记录", `href="/standards/GB%206675.4-2014"`, "采用本标准的标准"},
			[]string{"no record of this standard", "Standards adopting it"}},
		{"notification", "/notifications/G/TBT/N/EU/1123",
			[]string{"关于修改玩具中铅迁移限量的委员会法规草案", "欧盟 (EU)", "评议期已于 2025年5月9日 结束", "9503.00", "97.200.50",
				"Protection of human health or safety", "https://docs.wto.org/example/1123.pdf", `href="https://eping.wto.org/"`,
				`href="/standards/EN%2071-3:2019+A1:2021"`, "<li>ISO 1234:2000</li>", "<li>Codex MRLs</li>", `href="/notifications/G/TBT/N/EU/1123/Add.1"`, `aria-current="page"`},
			[]string{"Draft Commission Regulation amending the migration limits", "European Union (EU)", "The comment period ended on 9 May 2025"}},
		{"notification addendum", "/notifications/G/TBT/N/EU/1123/Add.2",
			[]string{"增补", `href="/notifications/G/TBT/N/EU/1123"`, "同一通报的系列文件"},
			[]string{"Addendum", "Documents of this notification"}},
		{"notification open", "/notifications/G/SPS/N/USA/3500",
			[]string{"征求意见至 2026年3月21日", "还剩 20 天", "美国 (USA)", "0808.10"},
			[]string{"Open for comment until 21 Mar 2026", "20 days left"}},
		{"notification without symbol", "/notifications/ePing-27c2a476db3d",
			[]string{"Partial revision of the standards for toys", "日本 (JPN)", "还剩 40 天"},
			[]string{"Japan (JPN)", "40 days left"}},
		{"regulation", "/regulations/Directive%202009/48/EC",
			[]string{"<h1>Directive 2009/48/EC</h1>", "玩具安全指令", "现行有效", `href="/standards/EN%2071-3:2019+A1:2021"`, "EN 71-1:2014+A1:2018", "六价铬"},
			[]string{"Directive on the safety of toys", "In force", "chromium VI"}},
		{"mappings", "/mappings",
			[]string{"标准对应关系", "<h2 id=\"group-EN\">EN</h2>", "已审核"},
			[]string{"Standard mappings", "Approved"}},
		{"mapping", "/mapping?foreign=EN%2071-3:2019%2BA1:2021&domestic=GB%206675.4-2014",
			[]string{"EN 71-3:2019+A1:2021 ↔ GB 6675.4-2014", "<strong>19 elements</strong>", "Comparison of the limit tables", "非等效采用"},
			[]string{"Technical deviations", "Not equivalent"}},
		{"compare topics", "/compare",
			[]string{"指标比较", `href="/compare?topic=toy-element-migration"`, "3 个来源，6 项指标"},
			[]string{"3 sources, 6 rows"}},
		{"compare", "/compare?topic=toy-element-migration",
			[]string{"换算为同一单位后标出宽严", "较严", "≤ 90 mg/kg", "≤ 23 mg/kg", "有机锡（organic tin）", `href="/regulations/Directive%202009/48/EC"`, `<span class="visually-hidden">该来源未规定</span>`},
			[]string{"marks which is stricter", "stricter", "organic tin", "not set by this source"}},
		{"guides", "/guides",
			[]string{"市场指南", "向欧盟出口玩具", "向日本出口食品接触材料"},
			[]string{"Market guides", "Exporting toys to the EU", "向日本出口食品接触材料"}},
		{"guide", "/guides/eu-toys",
			[]string{`<h1 lang="zh-CN">向欧盟出口玩具</h1>`, "<strong>玩具安全指令 2009/48/EC</strong>", "<table>"},
			[]string{`<h1 lang="en">Exporting toys to the EU</h1>`, "<strong>Toy Safety Directive 2009/48/EC</strong>"}},
		{"guide only in Chinese", "/guides/jp-food",
			[]string{"向日本出口食品接触材料", "日本"},
			[]string{"has not been translated yet", "Japan"}},
	}
	for _, tt := range tests {
		for _, lang := range []string{"zh", "en"} {
			t.Run(tt.name+"/"+lang, func(t *testing.T) {
				target := tt.path
				if strings.Contains(target, "?") {
					target += "&lang=" + lang
				} else {
					target += "?lang=" + lang
				}
				resp := f.get(t, target)
				b := body(t, resp)
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("GET %s: status %d\n%s", target, resp.StatusCode, b)
				}
				if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
					t.Errorf("Content-Type %q", ct)
				}
				if len(b) > 100<<10 {
					t.Errorf("page is %d bytes, want < 100 KB", len(b))
				}
				wantLang := map[string]string{"zh": `<html lang="zh-CN">`, "en": `<html lang="en">`}[lang]
				if !strings.Contains(b, wantLang) {
					t.Errorf("missing %s", wantLang)
				}
				want := tt.zh
				if lang == "en" {
					want = tt.en
				}
				for _, s := range want {
					if !strings.Contains(b, s) {
						t.Errorf("page lacks %q", s)
					}
				}
				checkHTML(t, b)
				checkSecurityHeaders(t, resp)
			})
		}
	}
}

func checkSecurityHeaders(t *testing.T, resp *http.Response) {
	t.Helper()
	for name, want := range map[string]string{
		"Content-Security-Policy": "default-src 'self'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "strict-origin-when-cross-origin",
	} {
		if got := resp.Header.Get(name); !strings.HasPrefix(got, want) {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}

func TestNotFound(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		path   string
		status int
		want   string // in the Chinese page
	}{
		{"/standards/GB%201-1999", 404, "找不到页面"},
		{"/standards/not-a-number", 404, "不是可以识别的标准号"},
		{"/standards/", 404, "不是可以识别的标准号"},
		{"/notifications/G/TBT/N/EU/9999", 404, "找不到页面"},
		{"/notifications/hello", 404, "不是可以识别的通报编号"},
		{"/notifications/ePing-000000000000", 404, "找不到页面"},
		{"/regulations/Directive%202000/1/EC", 404, "找不到页面"},
		{"/mapping?foreign=ISO%209001:2015&domestic=GB%206675.4-2014", 404, "找不到页面"},
		{"/mapping?foreign=ISO%209001:2015", 400, "请同时给出"},
		{"/compare?topic=no-such-topic", 404, "找不到页面"},
		{"/guides/no-such-guide", 404, "找不到页面"},
		{"/static/nothing.css", 404, "找不到页面"},
		{"/no/such/page", 404, "找不到页面"},
		{"/search?q=x&kind=widget", 400, "未知的类型"},
		{"/search?q=x&page=0", 400, "页码“0”无效"},
		{"/search?q=x&page=abc", 400, "页码“abc”无效"},
		{"/search?q=" + strings.Repeat("长", maxQueryLen+1), 400, "搜索词太长"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp := f.get(t, tt.path)
			b := body(t, resp)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if !strings.Contains(b, tt.want) || !strings.Contains(b, `<html lang="zh-CN">`) {
				t.Errorf("page lacks %q:\n%s", tt.want, b)
			}
			checkHTML(t, b)
		})
	}
	t.Run("english", func(t *testing.T) {
		resp := f.get(t, "/standards/GB%201-1999", "Cookie", "lang=en")
		b := body(t, resp)
		if resp.StatusCode != 404 || !strings.Contains(b, "Page not found") || !strings.Contains(b, `<html lang="en">`) {
			t.Errorf("status %d, want an English 404 page:\n%s", resp.StatusCode, b)
		}
	})
	t.Run("method", func(t *testing.T) {
		resp := f.do(t, http.MethodPost, "/search")
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("POST /search: status %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
		}
	})
}

func TestCanonicalRedirect(t *testing.T) {
	f := newFixture(t)
	tests := []struct{ path, location string }{
		{"/standards/gb%2Ft19001-2016", "/standards/GB/T%2019001-2016"},
		{"/standards/gb/t%2019001%E2%80%942016", "/standards/GB/T%2019001-2016"},
		{"/standards/GB%EF%BC%8FT19001-2016?lang=en", "/standards/GB/T%2019001-2016?lang=en"},
		{"/standards/en71-3:2019+a1:2021", "/standards/EN%2071-3:2019+A1:2021"},
		{"/notifications/g/tbt/n/eu/1123/add.2", "/notifications/G/TBT/N/EU/1123/Add.2"},
		{"/notifications/G%2FTBT%2FN%2FEU%2F1123", "/notifications/G/TBT/N/EU/1123"},
		{"/regulations/Directive%20%202009/48/EC", "/regulations/Directive%202009/48/EC"},
		{"/mapping?foreign=en%2071-3:2019%2Ba1:2021&domestic=gb6675.4-2014", templates.MappingURL("EN 71-3:2019+A1:2021", "GB 6675.4-2014")},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp := f.get(t, tt.path)
			if resp.StatusCode != http.StatusMovedPermanently {
				t.Fatalf("status %d, want 301", resp.StatusCode)
			}
			if got := resp.Header.Get("Location"); got != tt.location {
				t.Errorf("Location %q, want %q", got, tt.location)
			}
			// The canonical URL is served.
			if resp := f.get(t, tt.location); resp.StatusCode != http.StatusOK {
				t.Errorf("GET %s: status %d", tt.location, resp.StatusCode)
			}
		})
	}
}

// TestRecordURLs requests every fixture record at the URL the templates
// build for it: the {id...} routes must decode each key back. A mapping
// not yet approved is not public.
func TestRecordURLs(t *testing.T) {
	f := newFixture(t)
	for _, r := range f.recs {
		u := templates.RecordURL(r.Kind(), r.Key())
		resp := f.get(t, u)
		want := http.StatusOK
		if m, ok := r.(*kb.Mapping); ok && m.Status != kb.MappingApproved {
			want = http.StatusNotFound
		}
		if resp.StatusCode != want {
			t.Errorf("%s %s: GET %s: status %d, want %d", r.Kind(), r.Key(), u, resp.StatusCode, want)
		}
	}
}

func TestHostileInput(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		path   string
		want   []string // escaped forms that must be present
		forbid []string
	}{
		{"/search?q=%3Cscript%3Ealert(1)%3C/script%3E",
			[]string{`value="&lt;script&gt;alert(1)&lt;/script&gt;"`},
			[]string{"<script>alert(1)"}},
		{"/search?q=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E",
			[]string{"&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"},
			[]string{"<img src=x"}},
		{"/standards/GB/T%2019001-2016",
			[]string{"&lt;script&gt;alert(1)&lt;/script&gt; &amp; 其他"},
			[]string{"<script>alert(1)"}},
		{"/mapping?foreign=EN%2071-3:2019%2BA1:2021&domestic=GB%206675.4-2014",
			[]string{"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "&lt;b&gt;bold&lt;/b&gt;"},
			[]string{"<script>", "<b>bold", "javascript:"}},
		{"/standards/%3Cscript%3E",
			[]string{"“&lt;script&gt;”"},
			[]string{"<script>"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp := f.get(t, tt.path)
			b := body(t, resp)
			for _, s := range tt.want {
				if !strings.Contains(b, s) {
					t.Errorf("page lacks %q", s)
				}
			}
			for _, s := range tt.forbid {
				if strings.Contains(b, s) {
					t.Errorf("page contains %q", s)
				}
			}
		})
	}
}

func TestSearchHighlightAndPaging(t *testing.T) {
	var extra []kb.Record
	for i := 1; i <= 45; i++ {
		extra = append(extra, &kb.Standard{
			Number:  fmt.Sprintf("GB/T %d-2020", 90000+i),
			TitleZh: fmt.Sprintf("分页测试标准 第%d部分", i),
			TitleEn: fmt.Sprintf("Pagination fixture part %d", i),
		})
	}
	f := newFixture(t, extra...)

	b := body(t, f.get(t, "/search?q=pagination&lang=en"))
	for _, s := range []string{"<mark>", "45 results, showing 1–20", "Page 1 of 3", `href="/search?page=2&amp;q=pagination" rel="next"`} {
		if !strings.Contains(b, s) {
			t.Errorf("first page lacks %q", s)
		}
	}
	if strings.Contains(b, `rel="prev"`) {
		t.Error("first page links a previous page")
	}
	b = body(t, f.get(t, "/search?q=pagination&page=3&lang=en"))
	for _, s := range []string{"showing 41–45", "Page 3 of 3", `rel="prev"`, `<ol class="hits" start="41">`} {
		if !strings.Contains(b, s) {
			t.Errorf("last page lacks %q", s)
		}
	}
	if strings.Contains(b, `rel="next"`) {
		t.Error("last page links a next page")
	}
	resp := f.get(t, "/search?q=pagination&page=9&lang=en")
	b = body(t, resp)
	if resp.StatusCode != 200 || !strings.Contains(b, "Nothing found") {
		t.Errorf("page beyond the results: status %d", resp.StatusCode)
	}
}
