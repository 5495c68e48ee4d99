package site

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/alerts"
	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

// homeRecords are invented records around testNow (2026-03-01): this week
// is 2026-02-23 to 2026-03-01, "recently" 2025-12-01 to 2026-03-01.
func homeRecords() []kb.Record {
	return []kb.Record{
		// This week: two from the USA (sections I and II, and I), one
		// from the EU (XX), one from Chile with no HS code.
		&kb.Notification{Symbol: "G/SPS/N/USA/3600", Distributed: "2026-02-27", CommentDeadline: "2026-03-05", Title: "Beef and apples", HS: []string{"0201.10", "0808.10"}},
		&kb.Notification{Symbol: "G/SPS/N/USA/3601", Distributed: "2026-03-01", CommentDeadline: "2026-03-01", Title: "Cheese", HS: []string{"0406"}},
		&kb.Notification{Symbol: "G/TBT/N/EU/1200", Distributed: "2026-02-23", Title: "Toys", HS: []string{"9503"}},
		&kb.Notification{Symbol: "G/TBT/N/CHL/500", Distributed: "2026-02-25", Title: "Electrical equipment", ICS: []string{"29.020"}},
		// The day before the week, and tomorrow.
		&kb.Notification{Symbol: "G/SPS/N/JPN/900", Distributed: "2026-02-22", Title: "Dairy", HS: []string{"0406"}},
		&kb.Notification{Symbol: "G/TBT/N/KOR/800", Distributed: "2026-03-02", Title: "Batteries", HS: []string{"8507"}},

		// Withdrawn and replaced, both records saying so.
		&kb.Standard{Number: "GB 4806.7-2016", TitleZh: "食品接触用塑料材料及制品", Status: kb.StatusWithdrawn, WithdrawnOn: "2026-01-10", ReplacedBy: []string{"GB 4806.7-2023"}},
		&kb.Standard{Number: "GB 4806.7-2023", TitleZh: "食品接触用塑料材料及制品", Status: kb.StatusCurrent, Issued: "2023-09-06", Implemented: "2026-01-10", Replaces: []string{"GB 4806.7-2016"}},
		// Withdrawn, nothing replacing it.
		&kb.Standard{Number: "GB 5009.12-2017", TitleZh: "食品中铅的测定", Status: kb.StatusWithdrawn, WithdrawnOn: "2026-02-01"},
		// Withdrawn the day before the window.
		&kb.Standard{Number: "GB 2763-2019", Status: kb.StatusWithdrawn, WithdrawnOn: "2025-11-30"},
		// Replaced by a new standard taking effect: the old record (the
		// fixture's GB/T 19001-2016) does not say so yet.
		&kb.Standard{Number: "GB/T 19001-2026", Status: kb.StatusCurrent, Issued: "2025-12-01", Implemented: "2026-02-15", Replaces: []string{"GB/T 19001-2016"}},
		// Replacing one the store has no record of; issued, no
		// implementation date.
		&kb.Standard{Number: "ISO 8124-1:2026", TitleEn: "Safety of toys — Part 1", Issued: "2026-02-20", Replaces: []string{"ISO 8124-1:2018"}},
		// Claims to replace one whose own record was withdrawn long ago.
		&kb.Standard{Number: "GB/T 19000-2026", Implemented: "2026-01-01", Replaces: []string{"GB/T 19001-2008"}},
		// Takes effect in the future.
		&kb.Standard{Number: "GB 31604.1-2026", Implemented: "2026-09-01", Replaces: []string{"GB 31604.1-2015"}},
	}
}

func TestHomeView(t *testing.T) {
	f := newFixture(t, homeRecords()...)
	s := &server{store: f.store, guides: &content.Guides{}, changed: &changedCache{}}
	today := testNow.UTC().Truncate(24 * time.Hour)
	v, err := s.homeView(t.Context(), today, langEn)
	if err != nil {
		t.Fatal(err)
	}

	week := "/search?from=2026-02-23&kind=notification&to=2026-03-01"
	wantWeek := templates.WeekCounts{
		From: "2026-02-23", To: "2026-03-01", Total: 4, URL: week,
		Members: []templates.LinkedCount{
			{Label: "United States of America", Count: 2, URL: "/search?from=2026-02-23&kind=notification&member=USA&to=2026-03-01"},
			{Label: "Chile", Count: 1, URL: "/search?from=2026-02-23&kind=notification&member=CHL&to=2026-03-01"},
			{Label: "European Union", Count: 1, URL: "/search?from=2026-02-23&kind=notification&member=EU&to=2026-03-01"},
		},
		Sectors: []templates.LinkedCount{
			{Label: "Section I · Live animals; animal products", Count: 2,
				URL: "/search?from=2026-02-23&hs_chapter=01&hs_chapter=02&hs_chapter=03&hs_chapter=04&hs_chapter=05&kind=notification&to=2026-03-01"},
			{Label: "Section II · Vegetable products", Count: 1,
				URL: "/search?from=2026-02-23&hs_chapter=06&hs_chapter=07&hs_chapter=08&hs_chapter=09&hs_chapter=10&hs_chapter=11&hs_chapter=12&hs_chapter=13&hs_chapter=14&kind=notification&to=2026-03-01"},
			{Label: "Section XX · Miscellaneous manufactured articles (furniture, toys …)", Count: 1,
				URL: "/search?from=2026-02-23&hs_chapter=94&hs_chapter=95&hs_chapter=96&kind=notification&to=2026-03-01"},
		},
		NoHS:      1,
		LatestURL: "/search?kind=notification",
	}
	if diff := cmp.Diff(wantWeek, v.Week); diff != "" {
		t.Errorf("this week (-want +got):\n%s", diff)
	}

	type open struct {
		Key      string
		DaysLeft int
	}
	var gotOpen []open
	for _, it := range v.Open {
		gotOpen = append(gotOpen, open{it.N.Key(), it.DaysLeft})
	}
	wantOpen := []open{{"G/SPS/N/USA/3601", 0}, {"G/SPS/N/USA/3600", 4}, {"G/SPS/N/USA/3500", 20}, {"ePing-27c2a476db3d", 40}}
	if diff := cmp.Diff(wantOpen, gotOpen); diff != "" {
		t.Errorf("closing soon (-want +got):\n%s", diff)
	}

	type changed struct {
		Number string
		Record bool
		On     kb.Date
		By     []string
	}
	var gotChanged []changed
	for _, c := range v.Changed {
		gotChanged = append(gotChanged, changed{c.Number, c.S != nil, c.On, c.By})
	}
	wantChanged := []changed{
		{"ISO 8124-1:2018", false, "2026-02-20", []string{"ISO 8124-1:2026"}},
		{"GB/T 19001-2016", true, "2026-02-15", []string{"GB/T 19001-2026"}},
		{"GB 5009.12-2017", true, "2026-02-01", nil},
		{"GB 4806.7-2016", true, "2026-01-10", []string{"GB 4806.7-2023"}},
	}
	if diff := cmp.Diff(wantChanged, gotChanged); diff != "" {
		t.Errorf("recently changed standards (-want +got):\n%s", diff)
	}
	if v.ChangedFrom != "2025-12-01" || v.MoreChanged != 0 {
		t.Errorf("changed from %s, %d more", v.ChangedFrom, v.MoreChanged)
	}

	// Every count's link finds as many notifications as it counts.
	all := append(append([]templates.LinkedCount{{Label: "week", Count: v.Week.Total, URL: v.Week.URL}}, v.Week.Members...), v.Week.Sectors...)
	for _, c := range all {
		page := body(t, f.get(t, c.URL+"&lang=en"))
		if want := fmt.Sprintf("%d results, showing", c.Count); !strings.Contains(page, want) {
			t.Errorf("%s (%s): the search page lacks %q", c.Label, c.URL, want)
		}
	}
}

// The cached list follows the store: a new record is seen at once.
func TestHomeChangedCache(t *testing.T) {
	f := newFixture(t)
	s := &server{store: f.store, guides: &content.Guides{}, changed: &changedCache{}}
	today := testNow.UTC().Truncate(24 * time.Hour)
	v, err := s.homeView(t.Context(), today, langZh)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Changed) != 0 {
		t.Fatalf("changed %+v, want none", v.Changed)
	}
	if _, err := f.store.Apply(t.Context(), store.Batch{Source: "test", Records: []kb.Record{
		&kb.Standard{Number: "GB 5009.12-2017", Status: kb.StatusWithdrawn, WithdrawnOn: "2026-02-01"},
	}}); err != nil {
		t.Fatal(err)
	}
	if v, err = s.homeView(t.Context(), today, langZh); err != nil {
		t.Fatal(err)
	}
	if len(v.Changed) != 1 || v.Changed[0].Number != "GB 5009.12-2017" {
		t.Errorf("after a withdrawal: changed %+v", v.Changed)
	}
	// The next day, the window moves on.
	if v, err = s.homeView(t.Context(), today.AddDate(0, 3, 0), langZh); err != nil {
		t.Fatal(err)
	}
	if len(v.Changed) != 0 {
		t.Errorf("three months later: changed %+v", v.Changed)
	}
}

// The home page in both languages, with its dates and counts formatted
// for each.
func TestHomePage(t *testing.T) {
	f := newFixture(t, homeRecords()...)
	tests := []struct {
		lang string
		want []string
	}{
		{"zh", []string{
			"2026年2月23日至2026年3月1日分发的通报共 4 份。",
			`href="/search?from=2026-02-23&amp;kind=notification&amp;member=USA&amp;to=2026-03-01"`,
			"美国", "第一类 · 活动物；动物产品", "第二十类 · 杂项制品",
			"1 份通报未注明 HS 编码",
			"还剩 4 天", "2026年3月5日",
			"被代替：", `href="/standards/GB/T%2019001-2026"`, "2026年2月15日", "2026年1月10日", "食品中铅的测定", `href="/standards/ISO%208124-1:2018"`,
			"2025年12月1日以来废止或被代替的标准",
			"最近更新：",
		}},
		{"en", []string{
			"23 Feb 2026 to 1 Mar 2026: 4 notifications distributed.",
			"United States of America", "Section I · Live animals; animal products",
			"1 notifications give no HS code",
			"4 days left", "5 Mar 2026",
			"Replaced by ", "15 Feb 2026", "10 Jan 2026", "食品中铅的测定", `href="/standards/ISO%208124-1:2018"`,
			"Standards withdrawn or replaced since 1 Dec 2025",
			"Last updated: ",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			resp := f.get(t, "/?lang="+tt.lang)
			page := body(t, resp)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			if len(page) > 100<<10 {
				t.Errorf("page is %d bytes, want < 100 KB", len(page))
			}
			checkHTML(t, page)
			for _, s := range tt.want {
				if !strings.Contains(page, s) {
					t.Errorf("page lacks %q", s)
				}
			}
			for _, s := range []string{"2026-02-15", "2026-03-05", "G/SPS/N/JPN/900", "GB 2763-2019", "GB 31604.1-2015", "GB/T 19001-2008", "home."} {
				if strings.Contains(page, s) {
					t.Errorf("page shows %q", s)
				}
			}
			if strings.Contains(page, `id="subs"`) {
				t.Error("a site without alerts shows the alerts section")
			}
		})
	}
}

// A visitor's manage link, remembered from the manage page, lists the
// address's alerts on the home page until it is forgotten.
func TestHomeSubscriptions(t *testing.T) {
	e := alertSite(t)
	ctx := t.Context()
	mine := e.active(t, "owner@example.cn", "EU toys", kb.Subscription{Members: []string{"EU"}})
	paused := e.active(t, "owner@example.cn", "", kb.Subscription{Keywords: []string{"food"}})
	if _, err := e.desk.SetPaused(ctx, "owner@example.cn", paused.ID, true); err != nil {
		t.Fatal(err)
	}
	ended := e.active(t, "owner@example.cn", "old one", kb.Subscription{Keywords: []string{"toys"}})
	if _, err := e.desk.End(ctx, "owner@example.cn", ended.ID); err != nil {
		t.Fatal(err)
	}
	e.active(t, "other@example.cn", "their label", kb.Subscription{Keywords: []string{"toys"}})
	ds := e.queue(t, mine, store.KindAlert, "G/TBT/N/EU/1123", "G/SPS/N/USA/3500")
	if err := e.f.store.MarkSent(ctx, []int64{ds[0].ID, ds[1].ID}, "<m1@example>", time.Date(2026, 2, 27, 6, 30, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	tok := e.desk.Links.Tokens.Sign(alerts.PurposeManage, "owner@example.cn")
	manage := templates.AlertsManageURL(tok)
	c := client(t)
	get := func(path string) (*http.Response, string) {
		t.Helper()
		resp, err := c.Get(e.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		return resp, body(t, resp)
	}

	// No cookie: an invitation.
	resp, page := get("/")
	checkHTML(t, page)
	if !strings.Contains(page, `<a href="/alerts">订阅通报提醒</a>`) || strings.Contains(page, templates.ForgetPath) {
		t.Error("without a manage link the home page does not invite to subscribe")
	}
	if len(resp.Cookies()) != 0 {
		t.Errorf("the home page sets cookies for a visitor without alerts: %v", resp.Cookies())
	}

	// The manage page remembers its link.
	resp, _ = get(manage)
	var set *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == manageCookie {
			set = ck
		}
	}
	if set == nil {
		t.Fatal("the manage page sets no cookie")
	}
	if set.Value != tok || !set.HttpOnly || set.SameSite != http.SameSiteLaxMode || set.Path != "/" || set.MaxAge != 180*24*3600 || set.Secure {
		t.Errorf("cookie %+v", set)
	}

	// The home page lists the address's live alerts.
	resp, page = get("/?lang=en")
	checkHTML(t, page)
	for _, want := range []string{"Alerts for owner@example.cn", "EU toys", "Active", "Paused", "27 Feb 2026 06:30 UTC", "Nothing sent yet",
		`href="` + strings.ReplaceAll(manage, "&", "&amp;") + "#sub-" + fmt.Sprint(mine.ID) + `"`, templates.ForgetPath} {
		if !strings.Contains(page, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	for _, not := range []string{"old one", "their label", "other@example.cn"} {
		if strings.Contains(page, not) {
			t.Errorf("home page shows %q", not)
		}
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "private, no-store" {
		t.Errorf("Cache-Control %q", cc)
	}

	// Forgetting needs the form's token, then clears the cookie.
	csrf := reToken.FindStringSubmatch(page)[1]
	if resp := post(t, c, e.srv, templates.ForgetPath, url.Values{}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("forget without a token: %d, want 403", resp.StatusCode)
	}
	resp = post(t, c, e.srv, templates.ForgetPath, url.Values{"csrf_token": {csrf}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/#subs" {
		t.Errorf("forget: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, page = get("/?lang=zh")
	if strings.Contains(page, "EU toys") || !strings.Contains(page, `<a href="/alerts">订阅通报提醒</a>`) {
		t.Error("after forgetting, the home page still lists the alerts")
	}
}

// Ending the address's last live alert, on the manage page or by an
// unsubscribe link, forgets its manage link; ending one of several does
// not.
func TestHomeForgetOnEnd(t *testing.T) {
	e := alertSite(t)
	first := e.active(t, "owner@example.cn", "first", kb.Subscription{Members: []string{"EU"}})
	second := e.active(t, "owner@example.cn", "second", kb.Subscription{Members: []string{"USA"}})
	tok := e.desk.Links.Tokens.Sign(alerts.PurposeManage, "owner@example.cn")
	c := client(t)
	csrf := formToken(t, c, e.srv, templates.AlertsManageURL(tok))
	remembered := func() bool {
		u, _ := url.Parse(e.srv.URL)
		for _, ck := range c.Jar.Cookies(u) {
			if ck.Name == manageCookie {
				return true
			}
		}
		return false
	}
	resp := post(t, c, e.srv, "/alerts/manage/end", url.Values{"csrf_token": {csrf}, "t": {tok}, "id": {fmt.Sprint(first.ID)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("end the first: %d", resp.StatusCode)
	}
	if !remembered() {
		t.Error("ending one of two forgets the manage link")
	}
	resp = post(t, c, e.srv, local(t, e.desk.Links.Unsubscribe(second.ID)), url.Values{"csrf_token": {csrf}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("unsubscribe the second: %d", resp.StatusCode)
	}
	if remembered() {
		t.Error("ending the last one keeps the manage link")
	}
}

func TestManageCookie(t *testing.T) {
	tests := []struct {
		name       string
		secure     bool
		tls        bool
		wantSecure bool
	}{
		{"plain", false, false, false},
		{"behind an HTTPS proxy", true, false, true},
		{"direct TLS", false, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := "http://example.org/alerts/manage"
			if tt.tls {
				target = "https://example.org/alerts/manage"
			}
			r := httptest.NewRequest(http.MethodGet, target, nil)
			s := &server{secure: tt.secure}
			if c := s.manageCookieOf(r, "v", manageCookieAge); c.Secure != tt.wantSecure || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
				t.Errorf("cookie %+v", c)
			}
			if c := s.manageCookieOf(r, "", -1); c.MaxAge >= 0 || c.Secure != tt.wantSecure {
				t.Errorf("deleting cookie %+v", c)
			}
		})
	}
}

// An address's link that no longer verifies (the secret changed) is
// dropped, and the page invites to subscribe.
func TestHomeStaleCookie(t *testing.T) {
	e := alertSite(t)
	resp := e.f.get(t, "/", "Cookie", manageCookie+"=bm90.dmFsaWQ")
	page := body(t, resp)
	if !strings.Contains(page, `<a href="/alerts">订阅通报提醒</a>`) {
		t.Error("no invitation")
	}
	var cleared bool
	for _, c := range resp.Cookies() {
		cleared = cleared || (c.Name == manageCookie && c.MaxAge < 0)
	}
	if !cleared {
		t.Error("the stale cookie is kept")
	}
}
