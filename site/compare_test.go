package site

import (
	"encoding/csv"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"

	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/ingest"
	"github.com/stdbridge/stdbridge/kb"
)

const (
	en71   = "EN 71-3:2019+A1:2021"
	gb2014 = "GB 6675.4-2014"
	astm   = "ASTM F963-23"
)

// compareTarget is the comparison page (or an export, by path) of topic
// for the sources named.
func compareTarget(path, topic string, sources ...string) string {
	v := url.Values{"topic": {topic}}
	if len(sources) > 0 {
		v["source"] = sources
	}
	return path + "?" + v.Encode()
}

// seedFixture is the site fixture plus the seed's toy element migration
// rows as they were when the golden file was written
// (testdata/compare-seed.jsonl, a copy of those lines of
// content/seed/requirements-consumer.jsonl).
func seedFixture(t *testing.T) *fixture {
	t.Helper()
	recs, err := ingest.ReadFile("testdata/compare-seed.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	return newFixture(t, recs...)
}

// tableMarks reads the comparison table of a page: for each body row,
// "parameter | scope" and each cell's mark text ("" for none).
func tableMarks(t *testing.T, page string) map[string][]string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	var text func(*html.Node) string
	text = func(n *html.Node) string {
		if n.Type == html.TextNode {
			return n.Data
		}
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			b.WriteString(text(c))
		}
		return b.String()
	}
	var mark func(*html.Node) string
	mark = func(n *html.Node) string {
		if n.Type == html.ElementNode && n.Data == "span" {
			for _, a := range n.Attr {
				if a.Key == "class" && strings.HasPrefix(a.Val, "mark ") {
					return text(n)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if m := mark(c); m != "" {
				return m
			}
		}
		return ""
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "tr" && n.Parent != nil && n.Parent.Data == "tbody" {
			var key string
			var marks []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				switch {
				case c.Type != html.ElementNode:
				case c.Data == "th":
					key = text(c)
				case key != "" && !strings.Contains(key, " | "):
					key += " | " + text(c) // the scope cell
				default:
					marks = append(marks, mark(c))
				}
			}
			out[key] = marks
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func TestComparePageGolden(t *testing.T) {
	f := seedFixture(t)
	target := compareTarget("/compare", "toy-element-migration", en71, gb2014, astm)
	resp := f.get(t, target)
	b := body(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	checkHTML(t, b)
	if len(b) > 100<<10 {
		t.Errorf("page is %d bytes, want < 100 KB", len(b))
	}
	goldenPage(t, "compare-seed.zh.html", b)
}

// TestCompareSeedMarks is the acceptance: the page shows the
// seed's element migration limits with stricter and looser marks. It
// reads the live seed, not the copy the golden file uses.
func TestCompareSeedMarks(t *testing.T) {
	recs, err := content.SeedRecords()
	if err != nil {
		t.Fatal(err)
	}
	var extra []kb.Record
	for _, r := range recs {
		if q, ok := r.(*kb.Requirement); ok && q.Topic == "toy-element-migration" {
			extra = append(extra, q)
		}
	}
	f := newFixture(t, extra...)
	for _, lang := range []string{"zh", "en"} {
		target := compareTarget("/compare", "toy-element-migration", astm, en71, gb2014) + "&lang=" + lang
		resp := f.get(t, target)
		b := body(t, resp)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d", resp.StatusCode)
		}
		checkHTML(t, b)
		got := tableMarks(t, b)
		// Columns follow the topic's order: ASTM, EN, GB.
		want := map[string]map[string][]string{
			"zh": {
				"铅（lead） | toy material (general)":     {"较宽", "较严", "较宽"},
				"汞（mercury） | toy material (general)":  {"较严", "较宽", "较严"},
				"铬（chromium） | toy material (general)": {"相同", "未规定", "相同"},
				"铅（lead） | finger paint":               {"未规定", "未规定", "仅此来源"},
			},
			"en": {
				"lead | toy material (general)":     {"looser", "stricter", "looser"},
				"mercury | toy material (general)":  {"stricter", "looser", "stricter"},
				"chromium | toy material (general)": {"equal", "absent", "equal"},
				"lead | finger paint":               {"absent", "absent", "only source"},
			},
		}[lang]
		for row, marks := range want {
			if diff := cmp.Diff(marks, got[row]); diff != "" {
				t.Errorf("%s: %s (-want +got):\n%s", lang, row, diff)
			}
		}
	}
}

func TestCompareChooseSources(t *testing.T) {
	f := newFixture(t)
	t.Run("two", func(t *testing.T) {
		b := body(t, f.get(t, compareTarget("/compare", "toy-element-migration", gb2014, en71)))
		checkHTML(t, b)
		for _, s := range []string{
			`value="Directive 2009/48/EC"> <label`, // not checked
			`value="EN 71-3:2019+A1:2021" checked>`,
			`value="GB 6675.4-2014" checked>`,
			`href="/compare.csv?source=EN+71-3%3A2019%2BA1%3A2021&amp;source=GB+6675.4-2014&amp;topic=toy-element-migration"`,
			`href="/compare.xlsx?source=EN+71-3%3A2019%2BA1%3A2021&amp;source=GB+6675.4-2014&amp;topic=toy-element-migration"`,
			"标记说明",
		} {
			if !strings.Contains(b, s) {
				t.Errorf("page lacks %q", s)
			}
		}
		if strings.Contains(b, `href="/regulations/Directive%202009/48/EC"`) {
			t.Error("the unchosen source is still a column")
		}
		want := map[string][]string{
			"镉（cadmium） | scraped-off toy material":       {"较严", "较宽"},
			"铅（lead） | scraped-off toy material":          {"较严", "较宽"},
			"有机锡（organic tin） | scraped-off toy material": {"仅此来源", "未规定"},
		}
		if diff := cmp.Diff(want, tableMarks(t, b)); diff != "" {
			t.Errorf("marks (-want +got):\n%s", diff)
		}
	})
	t.Run("all by default", func(t *testing.T) {
		b := body(t, f.get(t, "/compare?topic=toy-element-migration"))
		for _, s := range []string{`href="/compare.csv?topic=toy-element-migration"`, `value="Directive 2009/48/EC" checked>`} {
			if !strings.Contains(b, s) {
				t.Errorf("page lacks %q", s)
			}
		}
	})
	t.Run("one is not judged", func(t *testing.T) {
		b := body(t, f.get(t, compareTarget("/compare", "toy-element-migration", en71)))
		checkHTML(t, b)
		if !strings.Contains(b, "尚未判断宽严") || strings.Contains(b, `class="mark `) || strings.Contains(b, "标记说明") {
			t.Error("a single source should be listed as written, without marks")
		}
	})
	t.Run("standard number written loosely", func(t *testing.T) {
		resp := f.get(t, compareTarget("/compare", "toy-element-migration", "gb 6675.4-2014", "  EN 71-3:2019+A1:2021 "))
		b := body(t, resp)
		if resp.StatusCode != http.StatusOK || !strings.Contains(b, `value="GB 6675.4-2014" checked>`) {
			t.Errorf("status %d; the sources were not recognised", resp.StatusCode)
		}
	})
}

func TestCompareBadRequests(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		target string
		status int
		want   string
	}{
		{compareTarget("/compare", "toy-element-migration", "ISO 9001:2015"), 400, "“ISO 9001:2015”不是主题“toy-element-migration”的来源。"},
		{compareTarget("/compare", "toy-element-migration", en71, "nonsense"), 400, "“nonsense”不是主题"},
		{compareTarget("/compare", "no-such-topic", en71), 404, "找不到页面"},
		{"/compare.csv", 400, "请用 topic 参数给出要导出的主题。"},
		{compareTarget("/compare.csv", "no-such-topic"), 404, "找不到页面"},
		{compareTarget("/compare.csv", "toy-element-migration", "nonsense"), 400, "“nonsense”不是主题"},
		{"/compare.xlsx?topic=", 400, "请用 topic 参数给出要导出的主题。"},
		{compareTarget("/compare.xlsx", "no-such-topic"), 404, "找不到页面"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			resp := f.get(t, tt.target)
			b := body(t, resp)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if !strings.Contains(b, tt.want) {
				t.Errorf("page lacks %q:\n%s", tt.want, b)
			}
			checkHTML(t, b)
		})
	}
}

func TestCompareCSV(t *testing.T) {
	f := newFixture(t)
	resp := f.get(t, "/compare.csv?topic=toy-element-migration")
	b := body(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d\n%s", resp.StatusCode, b)
	}
	for name, want := range map[string]string{
		"Content-Type":        "text/csv; charset=utf-8",
		"Content-Disposition": `attachment; filename="compare-toy-element-migration.csv"`,
	} {
		if got := resp.Header.Get(name); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
	want := "\ufeff" +
		"项目（英文）,项目（中文）,适用范围,Directive 2009/48/EC 限量,Directive 2009/48/EC 单位,Directive 2009/48/EC 判断,EN 71-3:2019+A1:2021 限量,EN 71-3:2019+A1:2021 单位,EN 71-3:2019+A1:2021 判断,GB 6675.4-2014 限量,GB 6675.4-2014 单位,GB 6675.4-2014 判断\r\n" +
		"cadmium,镉,scraped-off toy material,,,未规定,≤ 17,mg/kg,较严,≤ 75,mg/kg,较宽\r\n" +
		"chromium VI,六价铬,scraped-off toy material,≤ 0.053,mg/kg,仅此来源,,,未规定,,,未规定\r\n" +
		"lead,铅,scraped-off toy material,,,未规定,≤ 23,mg/kg,较严,≤ 90,mg/kg,较宽\r\n" +
		"organic tin,有机锡,scraped-off toy material,,,未规定,≤ 12,mg/kg,仅此来源,,,未规定\r\n"
	if diff := cmp.Diff(want, b); diff != "" {
		t.Errorf("CSV (-want +got):\n%s", diff)
	}

	resp = f.get(t, compareTarget("/compare.csv", "toy-element-migration", en71, gb2014)+"&lang=en")
	b = body(t, resp)
	want = "\ufeff" +
		"Parameter,Parameter (Chinese),Scope,EN 71-3:2019+A1:2021 limit,EN 71-3:2019+A1:2021 unit,EN 71-3:2019+A1:2021 mark,GB 6675.4-2014 limit,GB 6675.4-2014 unit,GB 6675.4-2014 mark\r\n" +
		"cadmium,镉,scraped-off toy material,≤ 17,mg/kg,stricter,≤ 75,mg/kg,looser\r\n" +
		"lead,铅,scraped-off toy material,≤ 23,mg/kg,stricter,≤ 90,mg/kg,looser\r\n" +
		"organic tin,有机锡,scraped-off toy material,≤ 12,mg/kg,only source,,,absent\r\n"
	if diff := cmp.Diff(want, b); diff != "" {
		t.Errorf("English CSV (-want +got):\n%s", diff)
	}
}

func TestCompareXLSX(t *testing.T) {
	f := newFixture(t)
	target := compareTarget("/compare.xlsx", "toy-element-migration", en71, gb2014)
	resp := f.get(t, target+"&lang=en")
	b := body(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d\n%s", resp.StatusCode, b)
	}
	if got, want := resp.Header.Get("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"; got != want {
		t.Errorf("Content-Type %q", got)
	}
	if got, want := resp.Header.Get("Content-Disposition"), `attachment; filename="compare-toy-element-migration.xlsx"`; got != want {
		t.Errorf("Content-Disposition %q, want %q", got, want)
	}
	x, err := excelize.OpenReader(strings.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if diff := cmp.Diff([]string{"toy-element-migration"}, x.GetSheetList()); diff != "" {
		t.Fatalf("sheets (-want +got):\n%s", diff)
	}
	const sheet = "toy-element-migration"
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	// The same content as the CSV export.
	csvBody := body(t, f.get(t, strings.Replace(target, "/compare.xlsx", "/compare.csv", 1)+"&lang=en"))
	wantRows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(csvBody, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantRows, rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	id, err := x.GetCellStyle(sheet, "C1")
	if err != nil {
		t.Fatal(err)
	}
	style, err := x.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if style.Font == nil || !style.Font.Bold {
		t.Error("the header is not bold")
	}
	if id, _ := x.GetCellStyle(sheet, "C2"); id != 0 {
		t.Errorf("a body cell has style %d", id)
	}
	for col, min := range map[string]float64{"A": 10, "C": 25, "D": 24} {
		if w, err := x.GetColWidth(sheet, col); err != nil || w < min {
			t.Errorf("column %s: width %v (%v), want at least %v", col, w, err, min)
		}
	}
	if panes, err := x.GetPanes(sheet); err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header row not frozen: %+v %v", panes, err)
	}
}

func TestCompareExportChineseTopic(t *testing.T) {
	f := newFixture(t, &kb.Requirement{
		Source: gb2014, Topic: "玩具 元素迁移", Parameter: "lead", ParameterZh: "铅", Scope: "general",
		Comparator: kb.CmpLE, Limit: "90", Unit: "mg/kg",
	})
	for _, ext := range []string{".csv", ".xlsx"} {
		resp := f.get(t, compareTarget("/compare"+ext, "玩具 元素迁移"))
		body(t, resp)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", ext, resp.StatusCode)
		}
		cd := resp.Header.Get("Content-Disposition")
		if want := `attachment; filename="compare-__ ____` + ext + `"; filename*=UTF-8''compare-%E7%8E%A9%E5%85%B7%20%E5%85%83%E7%B4%A0%E8%BF%81%E7%A7%BB` + ext; cd != want {
			t.Errorf("Content-Disposition %q, want %q", cd, want)
		}
		_, params, err := mime.ParseMediaType(cd)
		if err != nil || params["filename"] != "compare-玩具 元素迁移"+ext {
			t.Errorf("Content-Disposition %q reads as %q (%v)", cd, params["filename"], err)
		}
	}
}

func TestAttachment(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"compare-lead.csv", `attachment; filename="compare-lead.csv"`},
		{"compare-a b.csv", `attachment; filename="compare-a b.csv"`},
		{`compare-"x";y.csv`, `attachment; filename="compare-_x__y.csv"; filename*=UTF-8''compare-%22x%22%3By.csv`},
		{"compare-铅.xlsx", `attachment; filename="compare-_.xlsx"; filename*=UTF-8''compare-%E9%93%85.xlsx`},
	} {
		if got := attachment(tt.in); got != tt.want {
			t.Errorf("attachment(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCSVSafe(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"≤ 23", "≤ 23"}, {"-20", "-20"}, {"+1", "+1"}, {"=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"},
		{"@SUM(A1)", "'@SUM(A1)"}, {"-2+3", "'-2+3"}, {"", ""}, {"lead", "lead"},
	} {
		if got := csvSafe(tt.in); got != tt.want {
			t.Errorf("csvSafe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSheetName(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"toy-element-migration", "toy-element-migration"},
		{"a/b:c?d*e[f]g\\h", "a_b_c_d_e_f_g_h"},
		{strings.Repeat("长", 40), strings.Repeat("长", 31)},
		{"'quoted'", "quoted"},
		{"", "compare"},
	} {
		if got := sheetName(tt.in); got != tt.want {
			t.Errorf("sheetName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Every name it makes is one excelize accepts.
	for _, topic := range []string{"a/b", strings.Repeat("x", 50), "玩具"} {
		x := excelize.NewFile()
		if err := x.SetSheetName("Sheet1", sheetName(topic)); err != nil {
			t.Errorf("sheetName(%q): %v", topic, err)
		}
		x.Close()
	}
}

// TestCompareUnits shows limits written in other units converted to the
// row's, and a unit that does not convert marked as such.
func TestCompareUnits(t *testing.T) {
	req := func(source, limit, unit string) *kb.Requirement {
		return &kb.Requirement{Source: source, Topic: "unit check", Parameter: "lead", Scope: "paint", Comparator: kb.CmpLE, Limit: limit, Unit: unit}
	}
	f := newFixture(t, req("ISO 90001:2020", "0.01", "%"), req("ISO 90002:2020", "90", "ppm"), req("ISO 90003:2020", "0.5", "mg/L"))
	b := body(t, f.get(t, "/compare?topic=unit+check"))
	checkHTML(t, b)
	for _, s := range []string{"折合 100 mg/kg", "折合 90 mg/kg", "不可比", "单位不能换算"} {
		if !strings.Contains(b, s) {
			t.Errorf("page lacks %q", s)
		}
	}
	if diff := cmp.Diff(map[string][]string{"lead | paint": {"较宽", "较严", "不可比"}}, tableMarks(t, b)); diff != "" {
		t.Errorf("marks (-want +got):\n%s", diff)
	}
	csvBody := body(t, f.get(t, "/compare.csv?topic=unit+check&lang=en"))
	if want := "lead,,paint,≤ 0.01,%,looser,≤ 90,ppm,stricter,≤ 0.5,mg/L,not comparable (the unit does not convert)\r\n"; !strings.HasSuffix(csvBody, want) {
		t.Errorf("CSV ends %q, want %q", csvBody[strings.LastIndex(csvBody[:len(csvBody)-2], "\n")+1:], want)
	}
}
