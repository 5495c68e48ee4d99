package alerts

import (
	"context"
	"errors"
	"html"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/internal/golden"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

// mailNow is 09:30 on 13 November 2026 in China.
var mailNow = time.Date(2026, 11, 13, 1, 30, 0, 0, time.UTC)

func mailLinks(t testing.TB) Links {
	t.Helper()
	tok, err := NewTokens([]byte("a fixed secret for mail tests, 32+ bytes"))
	if err != nil {
		t.Fatal(err)
	}
	return Links{Base: "https://stdbridge.example.cn", Tokens: tok}
}

func mailEUToys(lang string) store.Subscription {
	return store.Subscription{
		Subscription: kb.Subscription{ID: 12, Members: []string{"EU"}, Keywords: []string{"toys", "玩具"}, Exclude: []string{"cosmetics"}},
		Email:        "buyer@example.com",
		Lang:         lang,
		Label:        "EU 玩具",
		Frequency:    store.Daily,
		RemindDays:   7,
		FeedToken:    "f33dt0ken",
	}
}

func mailUSHeaters(lang string) store.Subscription {
	return store.Subscription{
		Subscription: kb.Subscription{ID: 13, Members: []string{"USA"}, HS: []string{"8516"}, Types: []kb.NotificationType{kb.TypeRegular, kb.TypeAddendum}},
		Email:        "sales@example.com",
		Lang:         lang,
		Frequency:    store.Immediately,
	}
}

var (
	mailToyRegulation = kb.Notification{
		Symbol: "G/TBT/N/EU/1234", Member: "EU", Area: kb.AreaTBT, Type: kb.TypeRegular,
		Distributed: "2026-11-02", CommentDeadline: "2026-11-23",
		Title:    "Draft Commission Regulation on the safety of toys",
		TitleZh:  "关于玩具安全的委员会条例草案",
		Products: "Toys & games for children <14 years>;\n  electric toys",
		HS:       []string{"9503", "9504.50"},
	}
	mailToyAddendum = kb.Notification{
		Symbol: "G/TBT/N/EU/1234/Add.1", Member: "EU", Area: kb.AreaTBT, Type: kb.TypeAddendum,
		Distributed: "2026-11-10",
		Title:       "Toys: extension of the comment period",
	}
	mailToyLabelling = kb.Notification{
		Symbol: "G/TBT/N/EU/1180", Member: "EU", Area: kb.AreaTBT, Type: kb.TypeRegular,
		Distributed: "2026-09-20", CommentDeadline: "2026-11-20",
		Title: "Labelling of toys containing magnets", TitleZh: "含磁体玩具的标签",
		Products: "Magnetic toys",
	}
	mailHeaterRule = kb.Notification{
		Symbol: "G/TBT/N/USA/2222", Member: "USA", Area: kb.AreaTBT, Type: kb.TypeRegular,
		Distributed: "2026-11-12", CommentDeadline: "2027-01",
		Title:    "Energy conservation standards for portable electric heaters",
		TitleZh:  "便携式电暖器节能标准",
		Products: "Portable electric heaters",
		HS:       []string{"8516.29"},
	}
)

func mailItem(id int64, kind store.AlertKind, n kb.Notification) Item {
	return Item{Delivery: store.Delivery{ID: id, Notification: n.Key(), Kind: kind}, Notification: &n}
}

func mailDigest(t testing.TB, lang string) Message {
	return Message{
		Subscription: mailEUToys(lang),
		Items: []Item{
			mailItem(103, store.KindReminder, mailToyLabelling),
			mailItem(101, store.KindAlert, mailToyRegulation),
			mailItem(102, store.KindAlert, mailToyAddendum),
		},
		ID: "alert-12-0123456789abcdef", Now: mailNow, Links: mailLinks(t),
	}
}

func mailSingle(t testing.TB, lang string) Message {
	return Message{
		Subscription: mailUSHeaters(lang),
		Items:        []Item{mailItem(201, store.KindAlert, mailHeaterRule)},
		ID:           "alert-13-fedcba9876543210", Now: mailNow, Links: mailLinks(t),
	}
}

// goldenMail writes what a mail shows: its fields and text in one file,
// its HTML in another (which a browser opens for review).
func goldenMail(t *testing.T, name string, m Mail) {
	t.Helper()
	var b strings.Builder
	for _, f := range [][2]string{{"To", m.To}, {"Subject", m.Subject}, {"Message-ID", m.MessageID}, {"Unsubscribe", m.Unsubscribe}, {"Lang", m.Lang}} {
		b.WriteString(f[0] + ": " + f[1] + "\n")
	}
	b.WriteString("\n" + m.Text)
	golden.Check(t, "mail/"+name+".txt", []byte(b.String()))
	golden.Check(t, "mail/"+name+".html", []byte(m.HTML))
}

func TestComposeAlertGolden(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		t.Run("digest_"+lang, func(t *testing.T) {
			m, err := ComposeAlert(mailDigest(t, lang))
			if err != nil {
				t.Fatal(err)
			}
			goldenMail(t, "digest_"+lang, m)
		})
		t.Run("single_"+lang, func(t *testing.T) {
			m, err := ComposeAlert(mailSingle(t, lang))
			if err != nil {
				t.Fatal(err)
			}
			goldenMail(t, "single_"+lang, m)
		})
	}
}

func TestComposeNoticeGolden(t *testing.T) {
	links := mailLinks(t)
	for _, lang := range []string{"zh", "en"} {
		goldenMail(t, "confirm_"+lang, ComposeConfirm(mailEUToys(lang), links))
		goldenMail(t, "confirm_nolabel_"+lang, ComposeConfirm(mailUSHeaters(lang), links))
		goldenMail(t, "manage_"+lang, ComposeManage("Buyer@Example.com", lang, links))
	}
}

func TestComposeAlertSubject(t *testing.T) {
	tests := []struct {
		name string
		msg  func(testing.TB, string) Message
		lang string
		want string
	}{
		{"digest zh", mailDigest, "zh", "[stdbridge] EU 玩具：2 项新通报，1 项评议截止提醒"},
		{"digest en", mailDigest, "en", "[stdbridge] EU 玩具: 2 new notifications, 1 comment-deadline reminder"},
		{"no label zh", mailSingle, "zh", "[stdbridge] 美国：1 项新通报"},
		{"no label en", mailSingle, "en", "[stdbridge] United States of America: 1 new notification"},
		{"unknown lang is zh", mailSingle, "fr", "[stdbridge] 美国：1 项新通报"},
		{"label on one line", func(t testing.TB, lang string) Message {
			m := mailDigest(t, lang)
			m.Subscription.Label = "EU\r\nBcc: x@example.com"
			return m
		}, "zh", "[stdbridge] EU Bcc: x@example.com：2 项新通报，1 项评议截止提醒"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ComposeAlert(tt.msg(t, tt.lang))
			if err != nil {
				t.Fatal(err)
			}
			if m.Subject != tt.want {
				t.Errorf("subject %q, want %q", m.Subject, tt.want)
			}
		})
	}
}

// TestComposeAlertLinks checks the signed links open what they should.
func TestComposeAlertLinks(t *testing.T) {
	msg := mailDigest(t, "zh")
	m, err := ComposeAlert(msg)
	if err != nil {
		t.Fatal(err)
	}
	tok := msg.Links.Tokens
	var feedback []string
	for _, u := range mailURLs(m.Text) {
		pu, err := url.Parse(u)
		if err != nil {
			t.Fatal(err)
		}
		switch pu.Path {
		case "/alerts/feedback":
			v, err := tok.Verify(PurposeFeedback, pu.Query().Get("t"))
			if err != nil {
				t.Errorf("%s: %v", u, err)
			}
			feedback = append(feedback, v)
		case "/alerts/unsubscribe":
			if v, err := tok.Verify(PurposeUnsubscribe, pu.Query().Get("t")); err != nil || v != "12" {
				t.Errorf("unsubscribe link %s opens %q, %v; want subscription 12", u, v, err)
			}
			if u != m.Unsubscribe {
				t.Errorf("unsubscribe link %s in the text, %s in the header", u, m.Unsubscribe)
			}
		case "/alerts/manage":
			if v, err := tok.Verify(PurposeManage, pu.Query().Get("t")); err != nil || v != "buyer@example.com" {
				t.Errorf("manage link %s opens %q, %v", u, v, err)
			}
		}
	}
	// New alerts first, then reminders, each "not relevant" link for its own entry.
	if want := []string{"101", "102", "103"}; !cmp.Equal(feedback, want) {
		t.Errorf("feedback links for deliveries %v, want %v", feedback, want)
	}
}

var (
	mailURLRe  = regexp.MustCompile(`https://\S+`)
	mailHrefRe = regexp.MustCompile(`href="([^"]*)"`)
)

func mailURLs(text string) []string { return mailURLRe.FindAllString(text, -1) }

// TestTextAndHTMLAgree checks that both parts carry the same links and
// facts, and that the HTML escapes what it shows and loads nothing.
func TestTextAndHTMLAgree(t *testing.T) {
	links := mailLinks(t)
	mails := map[string]func() (Mail, error){
		"digest":  func() (Mail, error) { return ComposeAlert(mailDigest(t, "zh")) },
		"single":  func() (Mail, error) { return ComposeAlert(mailSingle(t, "en")) },
		"confirm": func() (Mail, error) { return ComposeConfirm(mailEUToys("zh"), links), nil },
		"manage":  func() (Mail, error) { return ComposeManage("a@example.com", "en", links), nil },
	}
	for name, compose := range mails {
		t.Run(name, func(t *testing.T) {
			m, err := compose()
			if err != nil {
				t.Fatal(err)
			}
			var hrefs []string
			for _, h := range mailHrefRe.FindAllStringSubmatch(m.HTML, -1) {
				hrefs = append(hrefs, html.UnescapeString(h[1]))
			}
			slices.Sort(hrefs)
			hrefs = slices.Compact(hrefs)
			urls := mailURLs(m.Text)
			slices.Sort(urls)
			urls = slices.Compact(urls)
			if diff := cmp.Diff(urls, hrefs); diff != "" {
				t.Errorf("links of the text (-) and of the HTML (+):\n%s", diff)
			}
			// Every fact of the text shows in the HTML: a label and its
			// value, or the text of a link (whose URL is an href above).
			plain := html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(m.HTML, ""))
			for _, line := range strings.Split(m.Text, "\n") {
				line = strings.TrimLeft(strings.TrimSpace(line), "0123456789. ")
				if i := strings.Index(line, "https://"); i >= 0 {
					line = line[:i]
				}
				line = strings.TrimRight(line, ":： ")
				if line == "" || line == "--" || strings.HasPrefix(line, "==") {
					continue
				}
				for _, fact := range regexp.MustCompile(`：|: `).Split(line, 2) {
					if !strings.Contains(plain, fact) {
						t.Errorf("text has %q, the HTML does not", fact)
					}
				}
			}
			for _, bad := range []string{"<img", "src=", "url(", "<script", "<link", "<14 years>"} {
				if strings.Contains(m.HTML, bad) {
					t.Errorf("HTML contains %q", bad)
				}
			}
		})
	}
}

func TestMailDaysLeft(t *testing.T) {
	tests := []struct {
		now      time.Time
		deadline kb.Date
		want     string
	}{
		{mailNow, "2026-11-23", "还剩 10 天"},
		// 17:00 UTC is 01:00 the next day in China.
		{time.Date(2026, 11, 13, 17, 0, 0, 0, time.UTC), "2026-11-23", "还剩 9 天"},
		{time.Date(2026, 11, 13, 15, 59, 0, 0, time.UTC), "2026-11-23", "还剩 10 天"},
		{mailNow, "2026-11-14", "还剩 1 天"},
		{mailNow, "2026-11-13", "今天截止"},
		{mailNow, "2026-11-12", "已截止"},
		{mailNow, "2026-11", ""},
	}
	w := wordsZh()
	for _, tt := range tests {
		got := ""
		if strings.Count(string(tt.deadline), "-") == 2 {
			got = w.daysLeft(DefaultSchedule().DaysLeft(tt.deadline, tt.now))
		}
		if got != tt.want {
			t.Errorf("deadline %s at %v: %q, want %q", tt.deadline, tt.now, got, tt.want)
		}
	}
}

func TestMailFormatDate(t *testing.T) {
	tests := []struct {
		d      kb.Date
		zh, en string
	}{
		{"2026-11-23", "2026年11月23日", "23 Nov 2026"},
		{"2026-01-05", "2026年1月5日", "5 Jan 2026"},
		{"2027-01", "2027年1月", "Jan 2027"},
		{"2027", "2027年", "2027"},
	}
	for _, tt := range tests {
		if got := templates.FormatDate(tt.d, "zh"); got != tt.zh {
			t.Errorf("FormatDate(%s, zh) = %q, want %q", tt.d, got, tt.zh)
		}
		if got := templates.FormatDate(tt.d, "en"); got != tt.en {
			t.Errorf("FormatDate(%s, en) = %q, want %q", tt.d, got, tt.en)
		}
	}
}

func TestComposeAlertErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Message)
		want   string
	}{
		{"no items", func(m *Message) { m.Items = nil }, "no items"},
		{"no notification", func(m *Message) { m.Items[1].Notification = nil }, "delivery 101"},
		{"no address", func(m *Message) { m.Subscription.Email = "" }, "no e-mail address"},
		{"no tokens", func(m *Message) { m.Links.Tokens = nil }, "no tokens"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mailDigest(t, "zh")
			tt.change(&m)
			_, err := ComposeAlert(m)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one with %q", err, tt.want)
			}
			// The sender gives up on a message it cannot compose.
			err = EmailSender{Transport: unreachableTransport{}}.Send(context.Background(), m)
			var perm *Permanent
			if !errors.As(err, &perm) {
				t.Errorf("Send: %v, want a *Permanent error", err)
			}
		})
	}
}

// unreachableTransport is a transport that must not be reached.
type unreachableTransport struct{}

func (unreachableTransport) Deliver(context.Context, Mail) error {
	return errors.New("deliver called")
}

func TestMailClip(t *testing.T) {
	for _, tt := range []struct {
		s    string
		n    int
		want string
	}{
		{"EU 玩具", 40, "EU 玩具"},
		{"欧盟玩具安全", 4, "欧盟玩…"},
		{"abc def", 5, "abc…"},
	} {
		if got := clip(tt.s, tt.n); got != tt.want {
			t.Errorf("clip(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}
