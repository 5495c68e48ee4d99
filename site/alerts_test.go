package site

import (
	"context"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/alerts"
	"github.com/stdbridge/stdbridge/auth"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// mailbox is the alert desk's mail transport in these tests: it keeps
// what would have been sent. The SMTP path is package alerts' to test.
type mailbox struct {
	mu    sync.Mutex
	mails []alerts.Mail
}

func (b *mailbox) Deliver(_ context.Context, m alerts.Mail) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.mails = append(b.mails, m)
	return nil
}

func (b *mailbox) all() []alerts.Mail {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]alerts.Mail(nil), b.mails...)
}

// alertEnv is the fixture's site with sign-in and the alert desk, served
// on loopback at the address its links are made for.
type alertEnv struct {
	f    *fixture
	srv  *httptest.Server
	desk *alerts.Desk
	box  *mailbox
}

func alertSite(t *testing.T) *alertEnv {
	t.Helper()
	f := newFixture(t)
	m, err := auth.New(f.store, auth.Options{Secret: []byte(strings.Repeat("k", 32)), Params: cheap})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []struct {
		name string
		role store.Role
	}{{"cora", store.RoleCurator}, {"ada", store.RoleAdmin}} {
		if _, err := f.store.AddUser(t.Context(), store.User{Name: u.name, Role: u.role, PasswordHash: cheap.Hash("correct horse battery")}); err != nil {
			t.Fatal(err)
		}
	}
	tokens, err := alerts.NewTokens([]byte(strings.Repeat("s", 32)))
	if err != nil {
		t.Fatal(err)
	}
	// The links must name the server, which needs its address first.
	srv := httptest.NewUnstartedServer(nil)
	box := &mailbox{}
	desk := &alerts.Desk{
		Store: f.store,
		Mail:  box,
		Links: alerts.Links{Base: "http://" + srv.Listener.Addr().String(), Tokens: tokens},
		Now:   func() time.Time { return testNow },
	}
	f.h = New(Config{Store: f.store, Search: f.ix, Auth: m, Writer: f.store, History: f.store,
		Alerts: f.store, Desk: desk, Now: func() time.Time { return testNow }})
	srv.Config.Handler = f.h
	srv.Start()
	t.Cleanup(srv.Close)
	return &alertEnv{f: f, srv: srv, desk: desk, box: box}
}

// local is an absolute link of the desk as a path on the test server.
func local(t *testing.T, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.RequestURI()
}

// active stores a confirmed subscription of email, as the desk makes it.
func (e *alertEnv) active(t *testing.T, email, label string, c kb.Subscription) store.Subscription {
	t.Helper()
	ctx := t.Context()
	sub, err := e.desk.Subscribe(ctx, alerts.Request{Email: email, Label: label, Conditions: c})
	if err != nil {
		t.Fatal(err)
	}
	if sub, err = e.desk.Confirm(ctx, e.desk.Links.Tokens.Sign(alerts.PurposeConfirm, strconv.FormatInt(sub.ID, 10))); err != nil {
		t.Fatal(err)
	}
	return sub
}

// queue puts outbox entries of sub, created a minute apart in order.
func (e *alertEnv) queue(t *testing.T, sub store.Subscription, kind store.AlertKind, keys ...string) []store.Delivery {
	t.Helper()
	var ds []store.Delivery
	for i, k := range keys {
		at := testNow.Add(time.Duration(i) * time.Minute)
		ds = append(ds, store.Delivery{SubscriptionID: sub.ID, Notification: k, Kind: kind, Created: at, Due: at})
	}
	if _, err := e.f.store.Enqueue(t.Context(), ds); err != nil {
		t.Fatal(err)
	}
	got, err := e.f.store.Deliveries(t.Context(), store.DeliveryFilter{SubscriptionID: sub.ID})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func (e *alertEnv) sub(t *testing.T, id int64) store.Subscription {
	t.Helper()
	sub, err := e.f.store.Subscription(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

var reConfirmLink = regexp.MustCompile(`https?://\S+/alerts/confirm\?t=[A-Za-z0-9_.\-%]+`)

func TestSubscribeAndConfirm(t *testing.T) {
	e := alertSite(t)
	c := client(t)
	resp, err := c.Get(e.srv.URL + "/alerts?follow=G/TBT/N/EU/1123")
	if err != nil {
		t.Fatal(err)
	}
	page := body(t, resp)
	checkHTML(t, page)
	if !strings.Contains(page, `value="G/TBT/N/EU/1123"`) {
		t.Error("?follow= does not fill in the followed symbol")
	}
	tok := reToken.FindStringSubmatch(page)[1]

	form := url.Values{"csrf_token": {tok}, "email": {"buyer@example.cn"}, "label": {"欧盟 玩具"},
		"members": {"EU, United States"}, "areas": {"TBT"}, "hs": {"9503 8516.60"}, "keywords": {"玩具，toys"},
		"frequency": {"daily"}, "remind_days": {"10"}, "channel": {"email"}, "lang": {"en"}}
	resp = post(t, c, e.srv, "/alerts", form)
	page = body(t, resp)
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "请查收确认邮件") {
		t.Fatalf("subscribe: %d\n%s", resp.StatusCode, page)
	}
	if strings.Contains(page, "buyer@example.cn") {
		t.Error("the answer repeats the address")
	}
	subs, err := e.f.store.SubscriptionsByEmail(t.Context(), "buyer@example.cn")
	if err != nil || len(subs) != 1 {
		t.Fatalf("stored %d subscriptions (%v); want 1", len(subs), err)
	}
	sub := subs[0]
	want := kb.Subscription{ID: sub.ID, Members: []string{"EU", "USA"}, Areas: []kb.Area{kb.AreaTBT}, HS: []string{"851660", "9503"}, Keywords: []string{"toys", "玩具"}}
	if diff := cmp.Diff(want, sub.Subscription); diff != "" {
		t.Errorf("stored conditions (-want +got):\n%s", diff)
	}
	if sub.Status != store.SubPending || sub.Frequency != store.Daily || sub.RemindDays != 10 || sub.Lang != "en" || sub.Label != "欧盟 玩具" {
		t.Errorf("stored %+v", sub)
	}

	mails := e.box.all()
	if len(mails) != 1 || mails[0].To != "buyer@example.cn" {
		t.Fatalf("mails %+v; want one confirmation to buyer@example.cn", mails)
	}
	link := reConfirmLink.FindString(mails[0].Text)
	if link == "" {
		t.Fatalf("no confirmation link in\n%s", mails[0].Text)
	}
	// Following the link (as a mail scanner would) shows a button only.
	confirmTok := formToken(t, c, e.srv, local(t, link))
	if got := e.sub(t, sub.ID).Status; got != store.SubPending {
		t.Fatalf("GET of the link made the subscription %s", got)
	}
	u, _ := url.Parse(link)
	resp = post(t, c, e.srv, "/alerts/confirm", url.Values{"csrf_token": {confirmTok}, "t": {u.Query().Get("t")}})
	page = body(t, resp)
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "订阅已确认") {
		t.Fatalf("confirm: %d\n%s", resp.StatusCode, page)
	}
	checkHTML(t, page)
	if got := e.sub(t, sub.ID); got.Status != store.SubActive || got.Confirmed.IsZero() {
		t.Errorf("after confirming: %s, confirmed %v", got.Status, got.Confirmed)
	}
	if feed := e.desk.Links.Feed(sub.FeedToken); !strings.Contains(page, feed) {
		t.Errorf("the confirmed page lacks the feed URL %s", feed)
	}
	if manage := local(t, e.desk.Links.Manage("buyer@example.cn")); !strings.Contains(page, `href="`+strings.ReplaceAll(manage, "&", "&amp;")+`"`) {
		t.Errorf("the confirmed page lacks the manage link %s", manage)
	}
}

func TestSubscribeInvalid(t *testing.T) {
	good := url.Values{"email": {"buyer@example.cn"}, "label": {"保留的名称"}, "keywords": {"toys"}, "remind_days": {"7"}, "channel": {"email"}}
	tests := []struct {
		name   string
		change url.Values
		fields []string // fields with a problem beside them
		kept   []string // what the page must show again
	}{
		{"bad address, no condition", url.Values{"email": {"not an address"}, "keywords": {""}}, []string{"email", "conditions"}, []string{`value="not an address"`, `value="保留的名称"`}},
		{"bad HS code", url.Values{"hs": {"95x"}}, []string{"hs"}, []string{`value="95x"`, `value="toys"`}},
		{"unknown member", url.Values{"members": {"Atlantis"}}, []string{"members"}, []string{`value="Atlantis"`}},
		{"bad symbol", url.Values{"follow": {"G/TBT/N"}}, []string{"follow"}, []string{`value="G/TBT/N"`}},
		{"reminder not a number", url.Values{"remind_days": {"abc"}}, []string{"remind_days"}, []string{`value="abc"`}},
		{"reminder too far", url.Values{"remind_days": {"91"}}, []string{"remind_days"}, []string{`value="91"`}},
		{"plain-http webhook", url.Values{"channel": {"webhook"}, "webhook_url": {"http://hooks.example.com/x"}}, []string{"webhook_url"}, []string{`value="http://hooks.example.com/x"`}},
		{"label too long", url.Values{"label": {strings.Repeat("长", 101)}}, []string{"label"}, nil},
	}
	e := alertSite(t)
	c := client(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := url.Values{"csrf_token": {formToken(t, c, e.srv, "/alerts")}}
			for k, v := range good {
				form[k] = v
			}
			for k, v := range tt.change {
				form[k] = v
			}
			resp := post(t, c, e.srv, "/alerts", form)
			page := body(t, resp)
			if resp.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d; want 400", resp.StatusCode)
			}
			checkHTML(t, page)
			for _, f := range tt.fields {
				if !strings.Contains(page, `id="a-`+f+`-err"`) {
					t.Errorf("no problem beside %s", f)
				}
			}
			if n := strings.Count(page, `-err"`); n < len(tt.fields) || n > 2*len(tt.fields) {
				t.Errorf("%d problem marks for %d fields", n, len(tt.fields))
			}
			for _, k := range tt.kept {
				if !strings.Contains(page, k) {
					t.Errorf("the page lost %s", k)
				}
			}
		})
	}
	t.Run("no anti-forgery token", func(t *testing.T) {
		form := url.Values{}
		for k, v := range good {
			form[k] = v
		}
		if resp := post(t, client(t), e.srv, "/alerts", form); resp.StatusCode != http.StatusForbidden {
			t.Errorf("status %d; want 403", resp.StatusCode)
		}
	})
	if subs, _ := e.f.store.Subscriptions(t.Context()); len(subs) != 0 {
		t.Errorf("refused forms stored %d subscriptions", len(subs))
	}
	if mails := e.box.all(); len(mails) != 0 {
		t.Errorf("refused forms sent %d mails", len(mails))
	}
}

func TestManageLinkForm(t *testing.T) {
	e := alertSite(t)
	e.active(t, "known@example.cn", "", kb.Subscription{Keywords: []string{"toys"}})
	sent := len(e.box.all())
	c := client(t)
	var pages []string
	for _, email := range []string{"known@example.cn", "stranger@example.cn", "not an address"} {
		resp := post(t, c, e.srv, "/alerts/link", url.Values{"csrf_token": {formToken(t, c, e.srv, "/alerts")}, "email": {email}})
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", email, resp.StatusCode)
		}
		pages = append(pages, reToken.ReplaceAllString(body(t, resp), ""))
	}
	if pages[0] != pages[1] || pages[1] != pages[2] {
		t.Error("the answers differ: they tell who subscribes")
	}
	mails := e.box.all()[sent:]
	if len(mails) != 1 || mails[0].To != "known@example.cn" || !strings.Contains(mails[0].Text, "/alerts/manage?t=") {
		t.Errorf("mails %+v; want the manage link to known@example.cn only", mails)
	}
}

func TestAlertBadTokens(t *testing.T) {
	e := alertSite(t)
	sub := e.active(t, "a@example.cn", "", kb.Subscription{Keywords: []string{"toys"}})
	ds := e.queue(t, sub, store.KindAlert, "G/TBT/N/EU/1123")
	tok := e.desk.Links.Tokens
	id := strconv.FormatInt(sub.ID, 10)
	unsub := tok.Sign(alerts.PurposeUnsubscribe, id)
	altered := unsub[:len(unsub)-2] + "AA"
	if altered == unsub {
		altered = unsub[:len(unsub)-2] + "BB"
	}
	forged := strings.Replace(unsub, unsub[:strings.Index(unsub, ".")], "OTk5", 1) // another id, same MAC
	tests := []struct {
		method, path string
		form         url.Values
	}{
		{"GET", "/alerts/confirm?t=garbage", nil},
		{"GET", "/alerts/confirm?t=" + url.QueryEscape(unsub), nil}, // a token for another purpose
		{"POST", "/alerts/confirm", url.Values{"t": {tok.Sign(alerts.PurposeConfirm, id) + "x"}}},
		{"GET", "/alerts/unsubscribe?t=" + url.QueryEscape(altered), nil},
		{"POST", "/alerts/unsubscribe?t=" + url.QueryEscape(altered), nil},
		{"POST", "/alerts/unsubscribe?t=" + url.QueryEscape(forged), nil},
		{"POST", "/alerts/unsubscribe", nil},
		{"GET", "/alerts/manage?t=" + url.QueryEscape(tok.Sign(alerts.PurposeManage, "a@example.cn")+"A"), nil},
		{"GET", "/alerts/manage?t=" + url.QueryEscape(unsub), nil},
		{"POST", "/alerts/manage/pause", url.Values{"t": {"x.y"}, "id": {id}, "paused": {"1"}}},
		{"GET", "/alerts/feedback?t=" + url.QueryEscape(tok.Sign(alerts.PurposeFeedback, "x")), nil},
		{"POST", "/alerts/feedback", url.Values{"t": {tok.Sign(alerts.PurposeUnsubscribe, strconv.FormatInt(ds[0].ID, 10))}}},
	}
	c := client(t)
	csrf := formToken(t, c, e.srv, "/alerts")
	for _, tt := range tests {
		var resp *http.Response
		if tt.method == "GET" {
			var err error
			if resp, err = c.Get(e.srv.URL + tt.path); err != nil {
				t.Fatal(err)
			}
		} else {
			form := url.Values{"csrf_token": {csrf}}
			for k, v := range tt.form {
				form[k] = v
			}
			resp = post(t, c, e.srv, tt.path, form)
		}
		if page := body(t, resp); resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "链接无效或已被改动") {
			t.Errorf("%s %s: status %d; want 400 saying the link is bad", tt.method, tt.path, resp.StatusCode)
		}
	}
	if got := e.sub(t, sub.ID).Status; got != store.SubActive {
		t.Errorf("bad tokens left the subscription %s", got)
	}
	if d, _ := e.f.store.Delivery(t.Context(), ds[0].ID); d.NotRelevant {
		t.Error("a bad token recorded feedback")
	}
}

// TestOneClickUnsubscribe posts as a mail provider does under RFC 8058:
// from its own servers, with no cookie, no token and its own Origin.
func TestOneClickUnsubscribe(t *testing.T) {
	e := alertSite(t)
	sub := e.active(t, "a@example.cn", "", kb.Subscription{Keywords: []string{"toys"}})
	other := e.active(t, "a@example.cn", "", kb.Subscription{Keywords: []string{"food"}})
	link := local(t, e.desk.Links.Unsubscribe(sub.ID))

	// The page shows a button, and a GET changes nothing.
	resp, err := http.Get(e.srv.URL + link)
	if err != nil {
		t.Fatal(err)
	}
	page := body(t, resp)
	checkHTML(t, page)
	if resp.StatusCode != http.StatusOK || e.sub(t, sub.ID).Status != store.SubActive {
		t.Fatalf("GET %s: %d, subscription %s", link, resp.StatusCode, e.sub(t, sub.ID).Status)
	}

	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+link, strings.NewReader("List-Unsubscribe=One-Click"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://mail.example.net")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page = body(t, resp)
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "已退订") {
		t.Fatalf("one-click POST: %d\n%s", resp.StatusCode, page)
	}
	if got := e.sub(t, sub.ID).Status; got != store.SubUnsubscribed {
		t.Errorf("after one-click: %s", got)
	}
	if got := e.sub(t, other.ID).Status; got != store.SubActive {
		t.Errorf("the address's other subscription is %s", got)
	}
	// Again: still 200, nothing more to do.
	resp, _ = http.DefaultClient.Do(must(http.NewRequest(http.MethodPost, e.srv.URL+link, strings.NewReader("List-Unsubscribe=One-Click"))))
	if resp.StatusCode != http.StatusOK {
		t.Errorf("second one-click: %d", resp.StatusCode)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestManagePage(t *testing.T) {
	e := alertSite(t)
	ctx := t.Context()
	mine := e.active(t, "Owner@Example.cn", "EU toys", kb.Subscription{Members: []string{"EU"}, Keywords: []string{"toys"}})
	pending, err := e.desk.Subscribe(ctx, alerts.Request{Email: "owner@example.cn", Label: "pending one", Conditions: kb.Subscription{Keywords: []string{"food"}}})
	if err != nil {
		t.Fatal(err)
	}
	theirs := e.active(t, "other@example.cn", "their secret label", kb.Subscription{Keywords: []string{"toys"}})
	ds := e.queue(t, mine, store.KindAlert, "G/TBT/N/EU/1123")
	theirDs := e.queue(t, theirs, store.KindAlert, "G/TBT/N/EU/1123")
	tok := e.desk.Links.Tokens.Sign(alerts.PurposeManage, "owner@example.cn")
	manage := "/alerts/manage?t=" + url.QueryEscape(tok)

	c := client(t)
	resp, err := c.Get(e.srv.URL + manage)
	if err != nil {
		t.Fatal(err)
	}
	page := body(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("manage page: %d", resp.StatusCode)
	}
	checkHTML(t, page)
	for _, want := range []string{"EU toys", "pending one", "待确认", "生效中", "G/TBT/N/EU/1123", e.desk.Links.Feed(mine.FeedToken), `name="t" value="` + tok + `"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the manage page lacks %q", want)
		}
	}
	if strings.Contains(page, "their secret label") || strings.Contains(page, theirs.FeedToken) {
		t.Error("the manage page shows another address's subscription")
	}
	csrf := reToken.FindStringSubmatch(page)[1]
	act := func(path string, form url.Values) *http.Response {
		t.Helper()
		form.Set("csrf_token", csrf)
		form.Set("t", tok)
		return post(t, c, e.srv, path, form)
	}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }

	tests := []struct {
		name   string
		path   string
		form   url.Values
		status int
		check  func(t *testing.T)
	}{
		{"pause", "/alerts/manage/pause", url.Values{"id": {id(mine.ID)}, "paused": {"1"}}, http.StatusSeeOther, func(t *testing.T) {
			if got := e.sub(t, mine.ID).Status; got != store.SubPaused {
				t.Errorf("status %s", got)
			}
		}},
		{"resume", "/alerts/manage/pause", url.Values{"id": {id(mine.ID)}, "paused": {"0"}}, http.StatusSeeOther, func(t *testing.T) {
			if got := e.sub(t, mine.ID).Status; got != store.SubActive {
				t.Errorf("status %s", got)
			}
		}},
		{"pause an unconfirmed one", "/alerts/manage/pause", url.Values{"id": {id(pending.ID)}, "paused": {"1"}}, http.StatusConflict, nil},
		{"pause another's", "/alerts/manage/pause", url.Values{"id": {id(theirs.ID)}, "paused": {"1"}}, http.StatusForbidden, func(t *testing.T) {
			if got := e.sub(t, theirs.ID).Status; got != store.SubActive {
				t.Errorf("their status %s", got)
			}
		}},
		{"pause none", "/alerts/manage/pause", url.Values{"id": {"9999"}, "paused": {"1"}}, http.StatusNotFound, nil},
		{"no id", "/alerts/manage/pause", url.Values{"paused": {"1"}}, http.StatusBadRequest, nil},
		{"edit with a bad HS code", "/alerts/manage/edit", url.Values{"id": {id(mine.ID)}, "label": {"new name"}, "hs": {"9x"}, "keywords": {"toys"}}, http.StatusBadRequest, func(t *testing.T) {
			if got := e.sub(t, mine.ID).Label; got != "EU toys" {
				t.Errorf("a refused edit changed the label to %q", got)
			}
		}},
		{"edit", "/alerts/manage/edit", url.Values{"id": {id(mine.ID)}, "label": {"new name"}, "hs": {"9503"}, "frequency": {"weekly"}, "remind_days": {"0"}, "lang": {"en"}}, http.StatusSeeOther, func(t *testing.T) {
			got := e.sub(t, mine.ID)
			if got.Label != "new name" || got.Frequency != store.Weekly || got.RemindDays != 0 || got.Lang != "en" ||
				!cmp.Equal(got.HS, []string{"9503"}) || got.Keywords != nil || got.Email != "Owner@Example.cn" {
				t.Errorf("after the edit: %+v", got)
			}
		}},
		{"edit another's", "/alerts/manage/edit", url.Values{"id": {id(theirs.ID)}, "keywords": {"x"}}, http.StatusForbidden, func(t *testing.T) {
			if got := e.sub(t, theirs.ID).Keywords; !cmp.Equal(got, []string{"toys"}) {
				t.Errorf("their keywords %v", got)
			}
		}},
		{"not relevant", "/alerts/manage/feedback", url.Values{"id": {id(ds[0].ID)}, "not_relevant": {"1"}}, http.StatusSeeOther, func(t *testing.T) {
			if d, _ := e.f.store.Delivery(ctx, ds[0].ID); !d.NotRelevant {
				t.Error("not recorded")
			}
		}},
		{"relevant after all", "/alerts/manage/feedback", url.Values{"id": {id(ds[0].ID)}, "not_relevant": {"0"}}, http.StatusSeeOther, func(t *testing.T) {
			if d, _ := e.f.store.Delivery(ctx, ds[0].ID); d.NotRelevant {
				t.Error("not withdrawn")
			}
		}},
		{"feedback on another's", "/alerts/manage/feedback", url.Values{"id": {id(theirDs[0].ID)}, "not_relevant": {"1"}}, http.StatusForbidden, func(t *testing.T) {
			if d, _ := e.f.store.Delivery(ctx, theirDs[0].ID); d.NotRelevant {
				t.Error("recorded on another's alert")
			}
		}},
		{"end", "/alerts/manage/end", url.Values{"id": {id(pending.ID)}}, http.StatusSeeOther, func(t *testing.T) {
			if got := e.sub(t, pending.ID).Status; got != store.SubUnsubscribed {
				t.Errorf("status %s", got)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := act(tt.path, tt.form)
			page := body(t, resp)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d; want %d\n%s", resp.StatusCode, tt.status, page)
			}
			if tt.status == http.StatusSeeOther && !strings.HasPrefix(resp.Header.Get("Location"), manage+"#sub-") {
				t.Errorf("redirected to %q", resp.Header.Get("Location"))
			}
			if tt.status == http.StatusBadRequest && strings.Contains(tt.name, "edit") {
				checkHTML(t, page)
				pre := "s" + id(mine.ID) + "-"
				if !strings.Contains(page, `id="`+pre+`hs-err"`) || !strings.Contains(page, `value="9x"`) || !strings.Contains(page, `value="new name"`) {
					t.Error("the edit form came back without its problem or its values")
				}
			}
			if tt.check != nil {
				tt.check(t)
			}
		})
	}
	// Switching language keeps the token: the page is the same, in English.
	resp, _ = c.Get(e.srv.URL + manage + "&lang=en")
	if page := body(t, resp); resp.StatusCode != http.StatusOK || !strings.Contains(page, "Manage alerts") || !strings.Contains(page, "new name") {
		t.Errorf("the English manage page: %d", resp.StatusCode)
	}
}

func TestFeedbackLink(t *testing.T) {
	e := alertSite(t)
	sub := e.active(t, "a@example.cn", "", kb.Subscription{Keywords: []string{"toys"}})
	ds := e.queue(t, sub, store.KindAlert, "G/TBT/N/EU/1123")
	link := local(t, e.desk.Links.NotRelevant(ds[0].ID))
	c := client(t)
	csrf := formToken(t, c, e.srv, link)
	if d, _ := e.f.store.Delivery(t.Context(), ds[0].ID); d.NotRelevant {
		t.Fatal("GET of the link recorded feedback")
	}
	u, _ := url.Parse(link)
	resp := post(t, c, e.srv, "/alerts/feedback", url.Values{"csrf_token": {csrf}, "t": {u.Query().Get("t")}, "not_relevant": {"1"}})
	if page := body(t, resp); resp.StatusCode != http.StatusOK || !strings.Contains(page, "感谢反馈") {
		t.Fatalf("feedback: %d", resp.StatusCode)
	}
	if d, _ := e.f.store.Delivery(t.Context(), ds[0].ID); !d.NotRelevant {
		t.Error("feedback not recorded")
	}
}

// atom is what the test reads of a feed.
type atom struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Entries []struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func TestAlertFeed(t *testing.T) {
	e := alertSite(t)
	ctx := t.Context()
	sub := e.active(t, "a@example.cn", "EU toys", kb.Subscription{Keywords: []string{"toys"}})
	e.queue(t, sub, store.KindAlert, "G/TBT/N/EU/1123", "G/TBT/N/EU/1123/Add.1")
	e.queue(t, sub, store.KindReminder, "G/SPS/N/USA/3500")
	feed := "/alerts/feed/" + sub.FeedToken

	read := func(t *testing.T) atom {
		t.Helper()
		resp, err := http.Get(e.srv.URL + feed)
		if err != nil {
			t.Fatal(err)
		}
		b := body(t, resp)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/atom+xml; charset=utf-8" {
			t.Fatalf("feed: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		var a atom
		if err := xml.Unmarshal([]byte(b), &a); err != nil {
			t.Fatalf("feed does not parse: %v\n%s", err, b)
		}
		return a
	}
	a := read(t)
	if len(a.Entries) != 2 {
		t.Fatalf("%d entries; want the 2 alerts, not the reminder", len(a.Entries))
	}
	first, second := a.Entries[0], a.Entries[1]
	if !strings.HasPrefix(first.Title, "G/TBT/N/EU/1123/Add.1 ") || !strings.HasPrefix(second.Title, "G/TBT/N/EU/1123 ") {
		t.Errorf("entries %q, %q; want the newest first, symbol then title", first.Title, second.Title)
	}
	if want := e.desk.Links.Notification("G/TBT/N/EU/1123/Add.1"); first.Link.Href != want || !strings.HasPrefix(want, e.srv.URL+"/notifications/") {
		t.Errorf("entry link %q; want %q", first.Link.Href, want)
	}
	if !strings.HasPrefix(first.ID, "tag:127.0.0.1,2026-03-01:alert/") || first.ID == second.ID {
		t.Errorf("entry ids %q, %q", first.ID, second.ID)
	}
	if first.Updated != "2026-03-01T08:01:00Z" || a.Updated != first.Updated || !strings.Contains(a.Title, "EU toys") {
		t.Errorf("updated %s (feed %s), title %q", first.Updated, a.Updated, a.Title)
	}

	// At most 50, the newest.
	var keys []string
	for i := range 60 {
		keys = append(keys, "G/TBT/N/XX/"+strconv.Itoa(i+1))
	}
	e.queue(t, sub, store.KindAlert, keys...)
	if a := read(t); len(a.Entries) != 50 || !strings.HasPrefix(a.Entries[0].Title, "G/TBT/N/XX/60") {
		t.Errorf("%d entries, the first %q; want 50, the newest first", len(a.Entries), a.Entries[0].Title)
	}

	// Paused keeps the feed; unsubscribed ends it; unknown never was.
	if _, err := e.desk.SetPaused(ctx, sub.Email, sub.ID, true); err != nil {
		t.Fatal(err)
	}
	read(t)
	if _, err := e.desk.End(ctx, sub.Email, sub.ID); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]int{feed: http.StatusGone, "/alerts/feed/NOSUCHTOKEN": http.StatusNotFound} {
		resp, err := http.Get(e.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != want {
			t.Errorf("%s: %d; want %d", path, resp.StatusCode, want)
		}
	}
}

func TestAlertsAdmin(t *testing.T) {
	e := alertSite(t)
	ctx := t.Context()
	sub := e.active(t, "a@example.cn", "", kb.Subscription{Keywords: []string{"toys"}})
	ds := e.queue(t, sub, store.KindAlert, "G/TBT/N/EU/1123", "G/TBT/N/EU/1123/Add.1")
	dead, sent := ds[0], ds[1] // newest first
	if err := e.f.store.MarkSent(ctx, []int64{sent.ID}, "alert-1-abc", testNow); err != nil {
		t.Fatal(err)
	}
	if err := e.f.store.MarkFailed(ctx, []int64{dead.ID}, "550 mailbox unavailable", time.Time{}, true); err != nil {
		t.Fatal(err)
	}

	anon := client(t)
	if resp, _ := anon.Get(e.srv.URL + "/admin/alerts"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("anonymous: %d; want a redirect to sign in", resp.StatusCode)
	}
	cora := signIn(t, e.srv, "cora")
	if resp, _ := cora.Get(e.srv.URL + "/admin/alerts"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("curator: %d; want 403", resp.StatusCode)
	}
	ada := signIn(t, e.srv, "ada")
	resp, err := ada.Get(e.srv.URL + "/admin/alerts")
	if err != nil {
		t.Fatal(err)
	}
	page := body(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("admin: %d", resp.StatusCode)
	}
	checkHTML(t, page)
	for _, want := range []string{"550 mailbox unavailable", "a@example.cn", "alert-1-abc", `id="delivery-` + strconv.FormatInt(dead.ID, 10) + `"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the admin page lacks %q", want)
		}
	}
	tok := reToken.FindStringSubmatch(page)[1]
	if resp := post(t, cora, e.srv, "/admin/alerts/retry", url.Values{"csrf_token": {formToken(t, cora, e.srv, "/alerts")}, "id": {strconv.FormatInt(dead.ID, 10)}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("curator's retry: %d; want 403", resp.StatusCode)
	}
	resp = post(t, ada, e.srv, "/admin/alerts/retry", url.Values{"csrf_token": {tok}, "id": {strconv.FormatInt(dead.ID, 10)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("retry: %d", resp.StatusCode)
	}
	d, err := e.f.store.Delivery(ctx, dead.ID)
	if err != nil || d.State != store.DeliveryPending || !d.Due.Equal(testNow) {
		t.Errorf("after retry: %+v (%v); want pending, due now", d, err)
	}
	if resp := post(t, ada, e.srv, "/admin/alerts/retry", url.Values{"csrf_token": {tok}, "id": {strconv.FormatInt(dead.ID, 10)}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("retrying a pending entry: %d; want 404", resp.StatusCode)
	}
}

// TestAlertLinks checks that the layout and the notification pages link
// to the alert pages only when the site serves them.
func TestAlertLinks(t *testing.T) {
	e := alertSite(t)
	page := "/notifications/G/TBT/N/EU/1123"
	follow := `href="/alerts?follow=G%2FTBT%2FN%2FEU%2F1123"`
	resp, err := http.Get(e.srv.URL + page)
	if err != nil {
		t.Fatal(err)
	}
	if b := body(t, resp); !strings.Contains(b, follow) || !strings.Contains(b, `href="/alerts"`) {
		t.Error("with alerts, the notification page lacks the follow or the nav link")
	}
	if b := body(t, newFixture(t).get(t, page)); strings.Contains(b, "/alerts") {
		t.Error("without alerts, the notification page links to them")
	}
}
