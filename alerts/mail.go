package alerts

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"slices"
	"strings"
	"sync"
	texttemplate "text/template"
	"time"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

// Mail is one composed e-mail, ready for a transport.
type Mail struct {
	To, Subject string
	Text, HTML  string // the same facts, as plain text and as HTML
	// MessageID is the Message-ID without angle brackets; a transport adds
	// "@" and the sender's domain when it has none, and makes one up when
	// it is empty.
	MessageID string
	// Unsubscribe is the one-click (RFC 8058) unsubscribe URL; empty for
	// mails that belong to no subscription yet.
	Unsubscribe string
	Lang        string // "zh" or "en"
}

// MailTransport hands a mail to whatever carries it on.
type MailTransport interface {
	Deliver(ctx context.Context, m Mail) error
}

// EmailSender is the e-mail Sender.
type EmailSender struct {
	Transport MailTransport
}

// Send composes the message and delivers it. A message that cannot be
// composed is a Permanent error: it would fail the same way again.
func (s EmailSender) Send(ctx context.Context, m Message) error {
	mail, err := ComposeAlert(m)
	if err != nil {
		return &Permanent{Err: fmt.Errorf("compose alert %s: %w", m.ID, err)}
	}
	if err := s.Transport.Deliver(ctx, mail); err != nil {
		return fmt.Errorf("send alert %s to subscription %d: %w", m.ID, m.Subscription.ID, err)
	}
	return nil
}

const subjectPrefix = "[stdbridge] "

// ComposeAlert writes one e-mail telling all of a message's items: new
// notifications first, then comment-deadline reminders, in the
// subscription's language.
func ComposeAlert(m Message) (Mail, error) {
	sub := m.Subscription
	switch {
	case sub.Email == "":
		return Mail{}, fmt.Errorf("subscription %d has no e-mail address", sub.ID)
	case len(m.Items) == 0:
		return Mail{}, fmt.Errorf("message for subscription %d has no items", sub.ID)
	case m.Links.Tokens == nil:
		return Mail{}, errors.New("links have no tokens to sign with")
	}
	lang := mailLang(sub.Lang)
	w := wordsFor(lang)

	var alerts, reminders []itemView
	var members []string
	for i, it := range m.Items {
		n := it.Notification
		if n == nil {
			return Mail{}, fmt.Errorf("item %d (delivery %d, %s) has no notification", i, it.Delivery.ID, it.Delivery.Notification)
		}
		v := composeItem(it, w, lang, m.Now, m.Links)
		if it.Delivery.Kind == store.KindReminder {
			reminders = append(reminders, v)
		} else {
			alerts = append(alerts, v)
		}
		if name := kb.LookupMember(n.Member).Name(lang); n.Member != "" && !slices.Contains(members, name) {
			members = append(members, name)
		}
	}
	counts := w.counts(len(alerts), len(reminders))
	var title, intro string
	if label := oneLine(sub.Label); label != "" {
		title = clip(label, 40) + w.colon + counts
		intro = w.introLabel(label, counts)
	} else {
		title = w.membersShort(members) + w.colon + counts
		intro = w.intro(counts)
	}
	v := mailView{Lang: htmlLang(lang), Subject: subjectPrefix + title, Intro: intro, Colon: w.colon}
	if len(alerts) > 0 {
		v.Sections = append(v.Sections, sectionView{Heading: w.sectionAlerts, Items: alerts})
	}
	if len(reminders) > 0 {
		v.Sections = append(v.Sections, sectionView{Heading: w.sectionReminders, Items: reminders})
	}
	v.Reason = w.reason(subName(sub, w, lang), w.schedule(sub))
	v.Footer = append(v.Footer, linkView{w.manage, m.Links.Manage(sub.Email)})
	if sub.FeedToken != "" {
		v.Footer = append(v.Footer, linkView{w.feed, m.Links.Feed(sub.FeedToken)})
	}
	unsub := m.Links.Unsubscribe(sub.ID)
	v.Footer = append(v.Footer, linkView{w.unsubscribe, unsub})

	mail := Mail{To: sub.Email, Subject: v.Subject, MessageID: m.ID, Unsubscribe: unsub, Lang: lang}
	var err error
	if mail.Text, mail.HTML, err = render("alert", v); err != nil {
		return Mail{}, fmt.Errorf("compose alert for subscription %d: %w", sub.ID, err)
	}
	return mail, nil
}

func composeItem(it Item, w words, lang string, now time.Time, links Links) itemView {
	n := it.Notification
	v := itemView{
		Symbol:      n.Symbol,
		Title:       n.Title,
		Link:        linkView{w.details, links.Notification(n.Key())},
		NotRelevant: linkView{w.notRelevant, links.NotRelevant(it.Delivery.ID)},
	}
	if v.Symbol == "" {
		v.Symbol = w.noSymbol
	}
	var meta []string
	if n.Member != "" {
		meta = append(meta, kb.LookupMember(n.Member).Name(lang))
	}
	if kind := strings.TrimSpace(string(n.Area) + " " + w.types[n.Type]); kind != "" {
		meta = append(meta, kind)
	}
	v.Meta = strings.Join(meta, " · ")
	if lang == "zh" && n.TitleZh != "" {
		v.Title = n.TitleZh
	}
	if p := clip(oneLine(n.Products), 200); p != "" {
		v.Fields = append(v.Fields, fieldView{w.products, p})
	}
	if len(n.HS) > 0 {
		v.Fields = append(v.Fields, fieldView{"HS", strings.Join(n.HS, w.listSep)})
	}
	if n.Distributed != "" {
		v.Fields = append(v.Fields, fieldView{w.distributed, templates.FormatDate(n.Distributed, lang)})
	}
	if n.CommentDeadline != "" {
		d := templates.FormatDate(n.CommentDeadline, lang)
		// A month or a year is no deadline to count down to.
		if strings.Count(string(n.CommentDeadline), "-") == 2 {
			days := DefaultSchedule().DaysLeft(n.CommentDeadline, now)
			d += w.paren(w.daysLeft(days))
		}
		v.Fields = append(v.Fields, fieldView{w.deadline, d})
	}
	return v
}

// ComposeConfirm writes the double opt-in e-mail of a new subscription.
func ComposeConfirm(sub store.Subscription, links Links) Mail {
	lang := mailLang(sub.Lang)
	w := wordsFor(lang)
	v := mailView{
		Lang:    htmlLang(lang),
		Subject: subjectPrefix + w.confirmSubject,
		Intro:   w.confirmIntro,
		Colon:   w.colon,
		Fields:  append(conditionFields(sub, w, lang), fieldView{w.frequency, w.schedule(sub)}),
		Action:  linkView{w.confirmAction, links.Confirm(sub.ID)},
		Note:    w.confirmIgnore,
	}
	if label := oneLine(sub.Label); label != "" {
		v.Subject += w.colon + clip(label, 40)
		v.Fields = append([]fieldView{{w.label, sub.Label}}, v.Fields...)
	}
	return composeNotice(sub.Email, lang, v)
}

// ComposeManage writes the e-mail carrying the link that manages every
// subscription of an address, sent when someone asks for it on the site.
func ComposeManage(email, lang string, links Links) Mail {
	lang = mailLang(lang)
	w := wordsFor(lang)
	v := mailView{
		Lang:    htmlLang(lang),
		Subject: subjectPrefix + w.manageSubject,
		Intro:   w.manageIntro(email),
		Colon:   w.colon,
		Action:  linkView{w.manageAction, links.Manage(email)},
		Note:    w.manageIgnore,
	}
	return composeNotice(email, lang, v)
}

// composeNotice renders a one-action mail. Its templates are embedded and
// tested, so rendering can only fail on a programming error.
func composeNotice(to, lang string, v mailView) Mail {
	text, html, err := render("notice", v)
	if err != nil {
		panic(err)
	}
	// No Message-ID of our own: a second confirmation asked for must not
	// look like a copy of the first to the receiver.
	return Mail{To: to, Subject: v.Subject, Text: text, HTML: html, Lang: lang}
}

// The views are what the templates show, already in the mail's language,
// so the text and HTML templates carry the same facts by construction.
type (
	mailView struct {
		Lang     string // the HTML lang attribute
		Subject  string
		Intro    string
		Colon    string // between a label and its value
		Sections []sectionView
		Fields   []fieldView // notices: what the mail is about
		Action   linkView    // notices: the one thing to do
		Note     string
		Reason   string // alerts: why the subscriber gets the mail
		Footer   []linkView
	}
	sectionView struct {
		Heading string
		Items   []itemView
	}
	itemView struct {
		Symbol            string
		Meta              string // member · area and type
		Title             string
		Fields            []fieldView
		Link, NotRelevant linkView
	}
	fieldView struct{ Label, Value string }
	linkView  struct{ Text, URL string }
)

//go:embed mail_templates
var mailTemplateFS embed.FS

type mailTemplates struct {
	text *texttemplate.Template
	html *htmltemplate.Template
}

// parsedTemplates parses the embedded templates once; they never change
// after that, and templates may execute concurrently.
var parsedTemplates = sync.OnceValues(func() (mailTemplates, error) {
	funcs := map[string]any{"inc": func(i int) int { return i + 1 }, "trim": strings.TrimSpace}
	text, err := texttemplate.New("").Funcs(funcs).ParseFS(mailTemplateFS, "mail_templates/*.txt.tmpl")
	if err != nil {
		return mailTemplates{}, fmt.Errorf("parse mail text templates: %w", err)
	}
	html, err := htmltemplate.New("").Funcs(funcs).ParseFS(mailTemplateFS, "mail_templates/*.html.tmpl")
	if err != nil {
		return mailTemplates{}, fmt.Errorf("parse mail HTML templates: %w", err)
	}
	return mailTemplates{text: text, html: html}, nil
})

// render executes the text and HTML templates named name.
func render(name string, v mailView) (text, html string, err error) {
	t, err := parsedTemplates()
	if err != nil {
		return "", "", err
	}
	var tb, hb bytes.Buffer
	if err := t.text.ExecuteTemplate(&tb, name+".txt.tmpl", v); err != nil {
		return "", "", fmt.Errorf("render %s text: %w", name, err)
	}
	if err := t.html.ExecuteTemplate(&hb, name+".html.tmpl", v); err != nil {
		return "", "", fmt.Errorf("render %s HTML: %w", name, err)
	}
	return tb.String(), hb.String(), nil
}

// mailLang is the language of a subscriber's mails: Chinese unless they
// chose English.
func mailLang(lang string) string {
	if lang == "en" {
		return "en"
	}
	return "zh"
}

func htmlLang(lang string) string {
	if lang == "en" {
		return "en"
	}
	return "zh-CN"
}

// subName names a subscription in a sentence: its label, or else what it
// asks for.
func subName(sub store.Subscription, w words, lang string) string {
	if label := oneLine(sub.Label); label != "" {
		return label
	}
	var parts []string
	for _, f := range conditionFields(sub, w, lang) {
		parts = append(parts, f.Label+w.colon+f.Value)
	}
	return clip(strings.Join(parts, w.condSep), 120)
}

// conditionFields lists a subscription's conditions, one field per kind.
func conditionFields(sub store.Subscription, w words, lang string) []fieldView {
	var out []fieldView
	add := func(label string, vs []string) {
		if len(vs) > 0 {
			out = append(out, fieldView{label, strings.Join(vs, w.listSep)})
		}
	}
	s := sub.Subscription
	members := make([]string, len(s.Members))
	for i, c := range s.Members {
		members[i] = kb.LookupMember(c).Name(lang)
	}
	add(w.condMembers, members)
	areas := make([]string, len(s.Areas))
	for i, a := range s.Areas {
		areas[i] = string(a)
	}
	add(w.condAreas, areas)
	types := make([]string, len(s.Types))
	for i, t := range s.Types {
		if types[i] = w.types[t]; types[i] == "" {
			types[i] = w.regular
		}
	}
	add(w.condTypes, types)
	add("HS", s.HS)
	add("ICS", s.ICS)
	add(w.condObjectives, s.Objectives)
	add(w.condKeywords, s.Keywords)
	add(w.condExclude, s.Exclude)
	add(w.condFollow, s.Follow)
	return out
}

// oneLine collapses white space, line breaks included: what the
// subscriber typed, or a long product text, is shown on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// clip cuts s to at most n characters, marking the cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// words are a language's phrases of the mails.
type words struct {
	colon, listSep, condSep                   string
	paren                                     func(string) string
	counts                                    func(alerts, reminders int) string
	membersShort                              func(names []string) string
	intro                                     func(counts string) string
	introLabel                                func(label, counts string) string
	sectionAlerts, sectionReminders           string
	noSymbol, regular                         string
	types                                     map[kb.NotificationType]string
	products, distributed, deadline           string
	daysLeft                                  func(days int) string
	details, notRelevant                      string
	reason                                    func(name, schedule string) string
	schedule                                  func(sub store.Subscription) string
	manage, feed, unsubscribe                 string
	label, frequency                          string
	condMembers, condAreas, condTypes         string
	condObjectives, condKeywords, condExclude string
	condFollow                                string
	confirmSubject, confirmIntro              string
	confirmAction, confirmIgnore              string
	manageSubject, manageAction, manageIgnore string
	manageIntro                               func(email string) string
}

func wordsFor(lang string) words {
	if lang == "en" {
		return wordsEn()
	}
	return wordsZh()
}

func wordsZh() words {
	freq := map[store.Frequency]string{store.Immediately: "即时提醒", store.Daily: "每日汇总", store.Weekly: "每周汇总"}
	return words{
		colon: "：", listSep: "、", condSep: "；",
		paren: func(s string) string { return "（" + s + "）" },
		counts: func(a, r int) string {
			var parts []string
			if a > 0 {
				parts = append(parts, fmt.Sprintf("%d 项新通报", a))
			}
			if r > 0 {
				parts = append(parts, fmt.Sprintf("%d 项评议截止提醒", r))
			}
			return strings.Join(parts, "，")
		},
		membersShort: func(names []string) string {
			if len(names) > 3 {
				return strings.Join(names[:3], "、") + "等"
			}
			return strings.Join(names, "、")
		},
		intro:            func(counts string) string { return "您订阅的通报提醒有 " + counts + "。" },
		introLabel:       func(label, counts string) string { return "您订阅的“" + label + "”有 " + counts + "。" },
		sectionAlerts:    "新通报",
		sectionReminders: "评议截止提醒",
		noSymbol:         "（无文号）",
		regular:          "常规",
		types: map[kb.NotificationType]string{
			kb.TypeAddendum: "补遗", kb.TypeCorrigendum: "勘误", kb.TypeRevision: "修订",
			kb.TypeSupplement: "补充", kb.TypeEmergency: "紧急",
		},
		products: "产品", distributed: "分发日期", deadline: "评议截止",
		daysLeft: func(d int) string {
			switch {
			case d < 0:
				return "已截止"
			case d == 0:
				return "今天截止"
			}
			return fmt.Sprintf("还剩 %d 天", d)
		},
		details: "详情", notRelevant: "不相关",
		reason: func(name, schedule string) string {
			return "您收到此邮件，是因为您在 stdbridge 订阅了“" + name + "”（" + schedule + "）。"
		},
		schedule: func(sub store.Subscription) string {
			s := freq[sub.Frequency]
			if s == "" {
				s = string(sub.Frequency)
			}
			if sub.RemindDays > 0 {
				s += fmt.Sprintf("，评议截止前 %d 天提醒", sub.RemindDays)
			}
			return s
		},
		manage: "管理订阅", feed: "订阅源（Atom）", unsubscribe: "退订",
		label: "名称", frequency: "发送方式",
		condMembers: "成员", condAreas: "领域", condTypes: "类型", condObjectives: "目标",
		condKeywords: "关键词", condExclude: "排除", condFollow: "跟踪",
		confirmSubject: "请确认您的通报提醒订阅",
		confirmIntro:   "有人（希望是您）用这个邮箱地址在 stdbridge 订阅了 WTO 通报提醒：",
		confirmAction:  "确认订阅",
		confirmIgnore:  "如果不是您本人操作，请忽略此邮件：不确认，就不会收到任何提醒。",
		manageSubject:  "管理您的通报提醒",
		manageIntro: func(email string) string {
			return "打开下面的链接，即可查看和管理 " + email + " 的全部通报提醒订阅（修改、暂停或退订）："
		},
		manageAction: "管理订阅",
		manageIgnore: "如果您没有请求此邮件，请忽略它，您的订阅不会有任何变化。",
	}
}

func wordsEn() words {
	freq := map[store.Frequency]string{store.Immediately: "as they come", store.Daily: "daily digest", store.Weekly: "weekly digest"}
	plural := func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", n, many)
	}
	return words{
		colon: ": ", listSep: ", ", condSep: "; ",
		paren: func(s string) string { return " (" + s + ")" },
		counts: func(a, r int) string {
			var parts []string
			if a > 0 {
				parts = append(parts, plural(a, "new notification", "new notifications"))
			}
			if r > 0 {
				parts = append(parts, plural(r, "comment-deadline reminder", "comment-deadline reminders"))
			}
			return strings.Join(parts, ", ")
		},
		membersShort: func(names []string) string {
			if len(names) > 3 {
				return strings.Join(names[:3], ", ") + " and others"
			}
			return strings.Join(names, ", ")
		},
		intro:            func(counts string) string { return "Your notification alert: " + counts + "." },
		introLabel:       func(label, counts string) string { return "Your alert “" + label + "”: " + counts + "." },
		sectionAlerts:    "New notifications",
		sectionReminders: "Comment deadlines",
		noSymbol:         "(no symbol)",
		regular:          "regular",
		types: map[kb.NotificationType]string{
			kb.TypeAddendum: "addendum", kb.TypeCorrigendum: "corrigendum", kb.TypeRevision: "revision",
			kb.TypeSupplement: "supplement", kb.TypeEmergency: "emergency",
		},
		products: "Products", distributed: "Distributed", deadline: "Comment deadline",
		daysLeft: func(d int) string {
			switch {
			case d < 0:
				return "closed"
			case d == 0:
				return "closes today"
			}
			return plural(d, "day left", "days left")
		},
		details: "Details", notRelevant: "Not relevant",
		reason: func(name, schedule string) string {
			return "You receive this e-mail because you subscribed to “" + name + "” on stdbridge (" + schedule + ")."
		},
		schedule: func(sub store.Subscription) string {
			s := freq[sub.Frequency]
			if s == "" {
				s = string(sub.Frequency)
			}
			if sub.RemindDays > 0 {
				s += "; reminders " + plural(sub.RemindDays, "day", "days") + " before comment deadlines"
			}
			return s
		},
		manage: "Manage alerts", feed: "Atom feed", unsubscribe: "Unsubscribe",
		label: "Name", frequency: "Delivery",
		condMembers: "Members", condAreas: "Areas", condTypes: "Types", condObjectives: "Objectives",
		condKeywords: "Keywords", condExclude: "Excluding", condFollow: "Following",
		confirmSubject: "Please confirm your notification alert",
		confirmIntro:   "Someone (we hope you) subscribed this address to WTO notification alerts on stdbridge:",
		confirmAction:  "Confirm the subscription",
		confirmIgnore:  "If this was not you, ignore this e-mail: without confirmation no alerts are sent.",
		manageSubject:  "Manage your notification alerts",
		manageIntro: func(email string) string {
			return "Open the link below to see and manage every notification alert of " + email + " (change, pause or unsubscribe):"
		},
		manageAction: "Manage alerts",
		manageIgnore: "If you did not ask for this e-mail, ignore it; your subscriptions stay as they are.",
	}
}
