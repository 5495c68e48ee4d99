package site

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/stdbridge/stdbridge/internal/browser"
	"github.com/stdbridge/stdbridge/store"
)

// TestBrowserAlerts is a visitor's way through the alerts in a real
// Chromium, Chinese first: fill in the subscribe form, follow the
// confirmation link from the e-mail, confirm, reach the manage page,
// pause the subscription there and read the page in English.
func TestBrowserAlerts(t *testing.T) {
	e := alertSite(t)
	b := browser.Start(t)

	if got := b.Navigate(t, e.srv.URL+"/notifications/G/TBT/N/EU/1123"); got != http.StatusOK {
		t.Fatalf("notification page: status %d", got)
	}
	if got := b.Click(t, "p.follow a"); got != http.StatusOK {
		t.Fatalf("follow link: status %d", got)
	}
	if got := b.Text(t, "main h1"); got != "通报订阅提醒" {
		t.Errorf("h1 %q; want the Chinese subscribe page", got)
	}
	if got, _ := b.Attr(t, "#a-follow", "value"); got != "G/TBT/N/EU/1123" {
		t.Errorf("followed symbol %q; want it filled in from the link", got)
	}
	b.SetValue(t, "#a-email", "buyer@example.cn")
	b.SetValue(t, "#a-label", "欧盟玩具")
	b.SetValue(t, "#a-members", "欧盟")
	b.Run(t, chromedp.Click(chromedp.CSS("#a-area-TBT")))
	b.SetValue(t, "#a-keywords", "玩具, toys")
	b.Run(t, chromedp.Click(chromedp.CSS("#a-freq-daily")))
	if got := b.Submit(t, "#a-email"); got != http.StatusOK {
		t.Fatalf("subscribe: status %d (%s)", got, b.Text(t, "main"))
	}
	if got := b.Text(t, "main h1"); got != "请查收确认邮件" {
		t.Fatalf("after subscribing: %q", got)
	}

	mails := e.box.all()
	if len(mails) != 1 {
		t.Fatalf("%d mails; want the confirmation", len(mails))
	}
	link := reConfirmLink.FindString(mails[0].Text)
	if got := b.Navigate(t, link); got != http.StatusOK {
		t.Fatalf("confirmation link: status %d", got)
	}
	if got := b.Text(t, "main h1"); got != "确认订阅" {
		t.Errorf("the link shows %q; want the confirm button's page", got)
	}
	if got := b.Click(t, "main form button"); got != http.StatusOK {
		t.Fatalf("confirm: status %d", got)
	}
	if got := b.Text(t, "main h1"); got != "订阅已确认" {
		t.Fatalf("after confirming: %q", got)
	}
	subs, err := e.f.store.SubscriptionsByEmail(t.Context(), "buyer@example.cn")
	if err != nil || len(subs) != 1 || subs[0].Status != store.SubActive || subs[0].Frequency != store.Daily || len(subs[0].Follow) != 1 {
		t.Fatalf("stored %+v (%v); want one active daily subscription following a symbol", subs, err)
	}
	if got := b.Text(t, "code.feed-url"); got != e.desk.Links.Feed(subs[0].FeedToken) {
		t.Errorf("feed URL %q", got)
	}

	// The manage page, then the same in English.
	if got := b.Click(t, "ul.notice-links a"); got != http.StatusOK {
		t.Fatalf("manage link: status %d", got)
	}
	if got := b.Text(t, "section.subscription h2"); got != "欧盟玩具" {
		t.Errorf("subscription heading %q", got)
	}
	if got := b.Text(t, ".sub-status"); got != "生效中" {
		t.Errorf("status %q; want 生效中", got)
	}
	if got := b.Click(t, `input[name="paused"][value="1"] ~ button`); got != http.StatusOK {
		t.Fatalf("pause: status %d", got)
	}
	if got := b.Text(t, ".sub-status"); got != "已暂停" {
		t.Errorf("after pausing, status %q; want 已暂停", got)
	}
	if got := b.Click(t, "a.lang-switch"); got != http.StatusOK {
		t.Fatalf("language switch: status %d", got)
	}
	if got, _ := b.Attr(t, "html", "lang"); got != "en" {
		t.Errorf(`<html lang=%q>; want "en"`, got)
	}
	if got := b.Text(t, "main h1"); got != "Manage alerts" {
		t.Errorf("h1 %q; want Manage alerts", got)
	}
	if got := b.Text(t, ".sub-status"); got != "Paused" {
		t.Errorf("status %q; want Paused", got)
	}
	if got := b.Text(t, "main"); !strings.Contains(got, "European Union") || !strings.Contains(got, "Daily digest") {
		t.Errorf("the English page lacks the member or the frequency in English:\n%s", got)
	}
}
