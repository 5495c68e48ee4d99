package site

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/stdbridge/stdbridge/alerts"
	"github.com/stdbridge/stdbridge/auth"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

// alertRoutes registers the subscribers' pages. Subscribers have no
// accounts: the signed tokens of e-mailed links say who they are, so every
// page past the subscribe form takes its token from the URL or, on the
// manage page's forms, from a hidden field.
func (s *server) alertRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /alerts", s.alertsPage)
	mux.HandleFunc("POST /alerts", s.subscribe)
	mux.HandleFunc("POST /alerts/link", s.sendManageLink)
	mux.HandleFunc("GET /alerts/confirm", s.confirmPrompt)
	mux.HandleFunc("POST /alerts/confirm", s.confirm)
	mux.HandleFunc("GET /alerts/unsubscribe", s.unsubscribePrompt)
	mux.HandleFunc("POST /alerts/unsubscribe", s.unsubscribe)
	mux.HandleFunc("GET /alerts/manage", s.managePage)
	mux.HandleFunc("POST /alerts/manage/pause", s.managePause)
	mux.HandleFunc("POST /alerts/manage/end", s.manageEnd)
	mux.HandleFunc("POST /alerts/manage/edit", s.manageEdit)
	mux.HandleFunc("POST /alerts/manage/feedback", s.manageFeedback)
	mux.HandleFunc("GET /alerts/feedback", s.feedbackPrompt)
	mux.HandleFunc("POST /alerts/feedback", s.feedback)
	mux.HandleFunc("GET /alerts/feed/{token}", s.alertFeed)
}

// formPaths tells the anti-forgery check about the alert pages: their
// forms are anonymous (a pre-session token), and the two paths that act
// on a token of their own, which mail providers and API clients send with
// no cookie, are exempt.
func (s *server) formPaths() auth.FormPaths {
	if s.desk == nil {
		return auth.FormPaths{}
	}
	return auth.FormPaths{
		Anonymous: []string{"/alerts"},
		Exempt:    []string{"/alerts/unsubscribe", "/api/subscriptions"},
	}
}

// linkAlerts lets the layout and notification pages link to the alert
// pages.
func linkAlerts(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(templates.WithAlerts(r.Context())))
	})
}

// anonToken is the anti-forgery token of an anonymous form; "" when the
// site signs nobody in, and checks no token either.
func (s *server) anonToken(w http.ResponseWriter, r *http.Request) string {
	if s.auth == nil {
		return ""
	}
	return s.auth.AnonymousToken(w, r)
}

func (s *server) alertsPage(w http.ResponseWriter, r *http.Request) {
	t := translator(langFrom(r.Context()))
	f := templates.AlertForm{
		Follow:     strings.TrimSpace(r.URL.Query().Get("follow")),
		Frequency:  string(store.Immediately),
		RemindDays: "7",
		Channel:    string(store.ChannelEmail),
		Lang:       langFrom(r.Context()),
	}
	v := templates.AlertsView{CSRF: s.anonToken(w, r), Form: f}
	s.render(w, r, http.StatusOK, templates.AlertsPage(s.page(r, t("alerts.title"), "alerts"), v))
}

// subscribe stores a pending subscription and e-mails its confirmation
// link; the answer says only that, whoever the address belongs to.
func (s *server) subscribe(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := translator(langFrom(ctx))
	f := alertFormFrom(r)
	req, problems := alertRequest(f, t)
	if len(problems) == 0 {
		_, err := s.desk.Subscribe(ctx, req)
		var ie *alerts.InputError
		switch {
		case errors.As(err, &ie):
			problems = inputProblems(ie, t)
		case err != nil:
			s.serverError(w, r, err)
			return
		default:
			s.notice(w, r, http.StatusOK, templates.AlertNoticeView{
				Heading: t("alerts.checkInbox"),
				Lines:   []string{t("alerts.checkInboxText"), t("alerts.checkInboxSpam")},
			})
			return
		}
	}
	f.Problems = problems
	v := templates.AlertsView{CSRF: s.anonToken(w, r), Form: f}
	s.render(w, r, http.StatusBadRequest, templates.AlertsPage(s.page(r, t("alerts.title"), "alerts"), v))
}

// sendManageLink e-mails the manage link to an address with subscriptions,
// and answers the same whether it has any, and whether the e-mail went:
// a different answer would tell who subscribes.
func (s *server) sendManageLink(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := translator(langFrom(ctx))
	var ie *alerts.InputError
	if err := s.desk.SendManageLink(ctx, r.PostFormValue("email"), langFrom(ctx)); err != nil && !errors.As(err, &ie) {
		s.log.ErrorContext(ctx, "send manage link", "err", err)
	}
	s.notice(w, r, http.StatusOK, templates.AlertNoticeView{
		Heading: t("alerts.linkSentTitle"),
		Lines:   []string{t("alerts.linkSentText")},
		Links:   []templates.AlertLink{{Text: t("alerts.back"), URL: "/alerts"}},
	})
}

// confirmPrompt shows a button rather than confirming: mail scanners
// fetch links, and must not confirm a subscription nobody asked for.
func (s *server) confirmPrompt(w http.ResponseWriter, r *http.Request) {
	t := translator(langFrom(r.Context()))
	token := r.URL.Query().Get("t")
	if _, err := s.desk.Links.Tokens.Verify(alerts.PurposeConfirm, token); err != nil {
		s.badLink(w, r)
		return
	}
	s.notice(w, r, http.StatusOK, templates.AlertNoticeView{
		Heading: t("alerts.confirmTitle"),
		Lines:   []string{t("alerts.confirmText")},
		Button: &templates.AlertButton{Action: "/alerts/confirm", CSRF: s.anonToken(w, r), Label: t("alerts.confirmButton"),
			Fields: []templates.AlertField{{Name: "t", Value: token}}},
	})
}

func (s *server) confirm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := translator(langFrom(ctx))
	sub, err := s.desk.Confirm(ctx, r.PostFormValue("t"))
	if err != nil {
		s.alertError(w, r, err)
		return
	}
	if sub.Status == store.SubUnsubscribed {
		s.notice(w, r, http.StatusOK, templates.AlertNoticeView{
			Heading: t("alerts.endedTitle"),
			Lines:   []string{t("alerts.endedText")},
			Links:   []templates.AlertLink{{Text: t("alerts.subscribeAgain"), URL: "/alerts"}},
		})
		return
	}
	s.notice(w, r, http.StatusOK, templates.AlertNoticeView{
		Heading: t("alerts.confirmedTitle"),
		Lines:   []string{t("alerts.confirmedText")},
		Feed:    s.desk.Links.Feed(sub.FeedToken),
		Links:   []templates.AlertLink{{Text: t("alerts.manageLink"), URL: s.manageURL(sub.Email)}},
	})
}

// manageURL is the manage page of an address, as a path on this site:
// the signed link is the one e-mails carry, less Links.Base.
func (s *server) manageURL(email string) string {
	u, err := url.Parse(s.desk.Links.Manage(email))
	if err != nil {
		return "/alerts"
	}
	return u.RequestURI()
}

func (s *server) unsubscribePrompt(w http.ResponseWriter, r *http.Request) {
	t := translator(langFrom(r.Context()))
	token := r.URL.Query().Get("t")
	if _, err := s.desk.Links.Tokens.Verify(alerts.PurposeUnsubscribe, token); err != nil {
		s.badLink(w, r)
		return
	}
	// The token stays in the URL: the same address answers RFC 8058
	// one-click POSTs, which carry nothing else.
	s.notice(w, r, http.StatusOK, templates.AlertNoticeView{
		Heading: t("alerts.unsubscribeTitle"),
		Lines:   []string{t("alerts.unsubscribeText")},
		Button: &templates.AlertButton{Action: "/alerts/unsubscribe?" + url.Values{"t": {token}}.Encode(),
			CSRF: s.anonToken(w, r), Label: t("alerts.unsubscribe")},
	})
}

// unsubscribe answers both the page's button and RFC 8058 one-click
// POSTs (List-Unsubscribe=One-Click, from the mail provider's servers):
// the signed token in the URL is the only authority either carries.
func (s *server) unsubscribe(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := translator(langFrom(ctx))
	token := r.URL.Query().Get("t")
	if token == "" {
		token = r.PostFormValue("t")
	}
	sub, err := s.desk.Unsubscribe(ctx, token)
	if err != nil {
		s.alertError(w, r, err)
		return
	}
	s.forgetIfEnded(w, r, sub.Email)
	s.notice(w, r, http.StatusOK, templates.AlertNoticeView{
		Heading: t("alerts.unsubscribedTitle"),
		Lines:   []string{t("alerts.unsubscribedText")},
		Links: []templates.AlertLink{
			{Text: t("alerts.manageLink"), URL: s.manageURL(sub.Email)},
			{Text: t("alerts.subscribeAgain"), URL: "/alerts"},
		},
	})
}

func (s *server) feedbackPrompt(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := translator(langFrom(ctx))
	token := r.URL.Query().Get("t")
	v, err := s.desk.Links.Tokens.Verify(alerts.PurposeFeedback, token)
	id, perr := strconv.ParseInt(v, 10, 64)
	if err != nil || perr != nil {
		s.badLink(w, r)
		return
	}
	d, err := s.alerts.Delivery(ctx, id)
	if err != nil {
		s.alertError(w, r, err)
		return
	}
	s.notice(w, r, http.StatusOK, templates.AlertNoticeView{
		Heading: t("alerts.feedbackTitle"),
		Lines:   []string{t("alerts.feedbackText", d.Notification)},
		Links:   []templates.AlertLink{{Text: d.Notification, URL: templates.NotificationURL(d.Notification)}},
		Button:  s.feedbackButton(w, r, token, true),
	})
}

func (s *server) feedbackButton(w http.ResponseWriter, r *http.Request, token string, notRelevant bool) *templates.AlertButton {
	t := translator(langFrom(r.Context()))
	b := &templates.AlertButton{Action: "/alerts/feedback", CSRF: s.anonToken(w, r), Label: t("alerts.notRelevant"),
		Fields: []templates.AlertField{{Name: "t", Value: token}, {Name: "not_relevant", Value: "1"}}}
	if !notRelevant {
		b.Label, b.Fields[1].Value = t("alerts.undoNotRelevant"), "0"
	}
	return b
}

func (s *server) feedback(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := translator(langFrom(ctx))
	token := r.PostFormValue("t")
	notRelevant := r.PostFormValue("not_relevant") != "0"
	if _, err := s.desk.Feedback(ctx, token, notRelevant); err != nil {
		s.alertError(w, r, err)
		return
	}
	v := templates.AlertNoticeView{Heading: t("alerts.thanksTitle"), Lines: []string{t("alerts.thanksText")}, Button: s.feedbackButton(w, r, token, false)}
	if !notRelevant {
		v.Lines, v.Button = []string{t("alerts.withdrawnText")}, s.feedbackButton(w, r, token, true)
	}
	s.notice(w, r, http.StatusOK, v)
}

// notice renders one of the short pages. Pages reached by signed links are
// not to be kept by caches: their URLs are the subscriber's keys.
func (s *server) notice(w http.ResponseWriter, r *http.Request, status int, v templates.AlertNoticeView) {
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, templates.AlertNoticePage(s.page(r, v.Heading, "alerts"), v))
}

func (s *server) badLink(w http.ResponseWriter, r *http.Request) {
	t := translator(langFrom(r.Context()))
	s.badRequest(w, r, t("alerts.badLink"))
}

// alertError answers a failed desk call on a page.
func (s *server) alertError(w http.ResponseWriter, r *http.Request, err error) {
	t := translator(langFrom(r.Context()))
	switch {
	case errors.Is(err, alerts.ErrBadToken):
		s.badLink(w, r)
	case errors.Is(err, alerts.ErrNotYours):
		s.errorPage(w, r, http.StatusForbidden, t("error.forbidden"), t("alerts.notYours"))
	case errors.Is(err, store.ErrNotFound):
		s.notFound(w, r, t("alerts.gone"))
	default:
		s.serverError(w, r, err)
	}
}

// alertFormFrom reads the subscription form as typed.
func alertFormFrom(r *http.Request) templates.AlertForm {
	r.ParseForm() // a body that cannot be read leaves the fields empty, which the checks report
	v := func(name string) string { return strings.TrimSpace(r.PostForm.Get(name)) }
	return templates.AlertForm{
		Email: v("email"), Label: v("label"),
		Members: v("members"), HS: v("hs"), ICS: v("ics"), Objectives: v("objectives"),
		Keywords: v("keywords"), Exclude: v("exclude"), Follow: v("follow"),
		Areas: r.PostForm["areas"], Types: r.PostForm["types"],
		Frequency: v("frequency"), RemindDays: v("remind_days"), Channel: v("channel"),
		WebhookURL: v("webhook_url"), Lang: v("lang"),
	}
}

// alertRequest turns a form into the desk's request; what cannot even be
// read (a reminder of "abc" days) comes back as problems.
func alertRequest(f templates.AlertForm, t templates.Translator) (alerts.Request, map[string][]templates.AlertProblem) {
	req := alerts.Request{
		Email: f.Email, Lang: f.Lang, Label: f.Label,
		Frequency: store.Frequency(f.Frequency), Channel: store.Channel(f.Channel), WebhookURL: f.WebhookURL,
		RemindDays: 7,
		Conditions: kb.Subscription{
			Members:    splitMembers(f.Members),
			HS:         splitList(f.HS, true),
			ICS:        splitList(f.ICS, true),
			Objectives: splitList(f.Objectives, false),
			Keywords:   splitList(f.Keywords, false),
			Exclude:    splitList(f.Exclude, false),
			Follow:     splitList(f.Follow, true),
		},
	}
	for _, a := range f.Areas {
		req.Conditions.Areas = append(req.Conditions.Areas, kb.Area(a))
	}
	for _, ty := range f.Types {
		req.Conditions.Types = append(req.Conditions.Types, kb.NotificationType(ty))
	}
	if req.Channel == store.ChannelEmail {
		req.WebhookURL = "" // typed, then e-mail chosen after all
	}
	if f.RemindDays != "" {
		n, err := strconv.Atoi(f.RemindDays)
		if err != nil {
			return req, map[string][]templates.AlertProblem{"remind_days": {{Lead: t("alerts.err.remind")}}}
		}
		req.RemindDays = n
	}
	return req, nil
}

// splitList splits a typed list at commas (ASCII or Chinese), enumeration
// commas, semicolons and line breaks, and at spaces too when the values
// cannot hold any (codes, symbols).
func splitList(s string, atSpaces bool) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case ',', '，', '、', ';', '；', '\n', '\r':
			return true
		}
		return atSpaces && unicode.IsSpace(r)
	})
}

// splitMembers splits a list of members, which are codes ("EU USA") or
// names, some of them of several words ("United States, 日本"): a piece
// that is not a member as a whole is taken as several at its spaces.
func splitMembers(s string) []string {
	var out []string
	for _, piece := range splitList(s, false) {
		piece = strings.TrimSpace(piece)
		if _, err := kb.MemberCode(piece); err != nil && strings.ContainsFunc(piece, unicode.IsSpace) {
			out = append(out, strings.Fields(piece)...)
			continue
		}
		if piece != "" {
			out = append(out, piece)
		}
	}
	return out
}

// conditionFields routes kb.Subscription.Normalize's complaints, one a
// line, to the form field of the condition each is about.
var conditionFields = []struct{ prefix, field string }{
	{"member ", "members"},
	{"area ", "areas"},
	{"type ", "types"},
	{"HS code ", "hs"},
	{"ICS code ", "ics"},
	{"objective ", "objectives"},
	{"keyword ", "keywords"},
	{"excluded keyword ", "exclude"},
	{"followed symbol ", "follow"},
}

// problem is one complaint of the desk, routed to a form field.
type problem struct{ field, detail string }

// problemsOf splits an InputError into one problem per complaint, each
// under the form field (or API field) it is about.
func problemsOf(ie *alerts.InputError) []problem {
	var out []problem
	for _, p := range ie.Problems {
		if p.Field != "conditions" {
			out = append(out, problem{p.Field, p.Err.Error()})
			continue
		}
		for _, line := range strings.Split(p.Err.Error(), "\n") {
			field := "conditions"
			for _, c := range conditionFields {
				if strings.HasPrefix(line, c.prefix) {
					field = c.field
					break
				}
			}
			out = append(out, problem{field, line})
		}
	}
	return out
}

// inputProblems is an InputError as the form shows it: beside each field,
// what to do in the page's language and the check's own words.
func inputProblems(ie *alerts.InputError, t templates.Translator) map[string][]templates.AlertProblem {
	out := map[string][]templates.AlertProblem{}
	for _, p := range problemsOf(ie) {
		pr := templates.AlertProblem{Detail: p.detail}
		switch p.field {
		case "email":
			pr.Lead = t("alerts.err.email")
		case "label":
			pr.Lead = t("alerts.err.label")
		case "remind_days":
			pr.Lead = t("alerts.err.remind")
		case "webhook_url":
			pr.Lead = t("alerts.err.webhook")
		case "members":
			pr.Lead = t("alerts.err.members")
		case "hs":
			pr.Lead = t("alerts.err.hs")
		case "ics":
			pr.Lead = t("alerts.err.ics")
		case "follow":
			pr.Lead = t("alerts.err.follow")
		case "frequency", "channel", "lang", "areas", "types":
			pr.Lead = t("alerts.err.choice")
		case "conditions":
			pr.Lead = t("alerts.err.conditions")
			if strings.HasPrefix(p.detail, "no condition") {
				pr = templates.AlertProblem{Lead: t("alerts.err.noCondition")}
			}
		default:
			pr.Lead = t("alerts.err.value")
		}
		out[p.field] = append(out[p.field], pr)
	}
	return out
}

// manageDeliveries is how many of each subscription's latest outbox
// entries the manage page lists.
const manageDeliveries = 20

// managePage lists an address's subscriptions, with what was sent for
// each, to change, pause or end them.
func (s *server) managePage(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("t")
	email, err := s.desk.Owner(token)
	if err != nil {
		s.badLink(w, r)
		return
	}
	s.rememberManage(w, r, token)
	v, err := s.manageView(r.Context(), email, token, s.anonToken(w, r))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderManage(w, r, http.StatusOK, v)
}

func (s *server) renderManage(w http.ResponseWriter, r *http.Request, status int, v templates.AlertsManageView) {
	t := translator(langFrom(r.Context()))
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, templates.AlertsManagePage(s.page(r, t("alerts.manageTitle"), "alerts"), v))
}

func (s *server) manageView(ctx context.Context, email, token, csrf string) (templates.AlertsManageView, error) {
	subs, err := s.desk.Mine(ctx, email)
	if err != nil {
		return templates.AlertsManageView{}, err
	}
	v := templates.AlertsManageView{Email: email, Token: token, CSRF: csrf}
	for _, sub := range subs {
		ds, err := s.alerts.Deliveries(ctx, store.DeliveryFilter{SubscriptionID: sub.ID, Limit: manageDeliveries})
		if err != nil {
			return v, err
		}
		v.Subs = append(v.Subs, templates.ManagedSub{Sub: sub, FeedURL: s.desk.Links.Feed(sub.FeedToken), Deliveries: ds, Form: formOf(sub)})
	}
	return v, nil
}

// formOf is a subscription as its edit form shows it.
func formOf(sub store.Subscription) templates.AlertForm {
	c := sub.Subscription
	f := templates.AlertForm{
		Email: sub.Email, Label: sub.Label,
		Members: strings.Join(c.Members, ", "), HS: strings.Join(c.HS, ", "), ICS: strings.Join(c.ICS, ", "),
		Objectives: strings.Join(c.Objectives, ", "), Keywords: strings.Join(c.Keywords, ", "),
		Exclude: strings.Join(c.Exclude, ", "), Follow: strings.Join(c.Follow, ", "),
		Frequency: string(sub.Frequency), RemindDays: strconv.Itoa(sub.RemindDays), Channel: string(sub.Channel),
		WebhookURL: sub.WebhookURL, Lang: sub.Lang,
	}
	for _, a := range c.Areas {
		f.Areas = append(f.Areas, string(a))
	}
	for _, ty := range c.Types {
		f.Types = append(f.Types, string(ty))
	}
	return f
}

// managed reads what every manage form posts: the manage token, proving
// the address, and the id of the subscription (or alert) acted on.
func (s *server) managed(w http.ResponseWriter, r *http.Request) (email string, id int64, ok bool) {
	email, err := s.desk.Owner(r.PostFormValue("t"))
	if err != nil {
		s.badLink(w, r)
		return "", 0, false
	}
	id, err = strconv.ParseInt(r.PostFormValue("id"), 10, 64)
	if err != nil {
		t := translator(langFrom(r.Context()))
		s.badRequest(w, r, t("alerts.badID"))
		return "", 0, false
	}
	return email, id, true
}

// backToManage shows the manage page again after a change, at the
// subscription changed.
func (s *server) backToManage(w http.ResponseWriter, r *http.Request, subID int64) {
	http.Redirect(w, r, templates.AlertsManageURL(r.PostFormValue("t"))+"#sub-"+strconv.FormatInt(subID, 10), http.StatusSeeOther)
}

func (s *server) managePause(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	email, id, ok := s.managed(w, r)
	if !ok {
		return
	}
	sub, err := s.desk.Own(ctx, email, id)
	if err != nil {
		s.alertError(w, r, err)
		return
	}
	if sub.Status != store.SubActive && sub.Status != store.SubPaused {
		t := translator(langFrom(ctx))
		s.errorPage(w, r, http.StatusConflict, t("error.badRequest"), t("alerts.notPausable"))
		return
	}
	if _, err := s.desk.SetPaused(ctx, email, id, r.PostFormValue("paused") == "1"); err != nil {
		s.alertError(w, r, err)
		return
	}
	s.backToManage(w, r, id)
}

func (s *server) manageEnd(w http.ResponseWriter, r *http.Request) {
	email, id, ok := s.managed(w, r)
	if !ok {
		return
	}
	if _, err := s.desk.End(r.Context(), email, id); err != nil {
		s.alertError(w, r, err)
		return
	}
	s.forgetIfEnded(w, r, email)
	s.backToManage(w, r, id)
}

// manageEdit changes a subscription's conditions and settings; a form
// with problems comes back open, as typed, beside the others.
func (s *server) manageEdit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := translator(langFrom(ctx))
	email, id, ok := s.managed(w, r)
	if !ok {
		return
	}
	f := alertFormFrom(r)
	req, problems := alertRequest(f, t)
	if len(problems) == 0 {
		_, err := s.desk.Update(ctx, email, id, req)
		var ie *alerts.InputError
		switch {
		case errors.As(err, &ie):
			problems = inputProblems(ie, t)
		case err != nil:
			s.alertError(w, r, err)
			return
		default:
			s.backToManage(w, r, id)
			return
		}
	}
	v, err := s.manageView(ctx, email, r.PostFormValue("t"), s.anonToken(w, r))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for i := range v.Subs {
		if v.Subs[i].Sub.ID == id {
			f.Email, f.Problems = email, problems
			v.Subs[i].Form, v.Subs[i].Editing = f, true
		}
	}
	s.renderManage(w, r, http.StatusBadRequest, v)
}

func (s *server) manageFeedback(w http.ResponseWriter, r *http.Request) {
	email, id, ok := s.managed(w, r)
	if !ok {
		return
	}
	d, err := s.desk.FeedbackOwn(r.Context(), email, id, r.PostFormValue("not_relevant") != "0")
	if err != nil {
		s.alertError(w, r, err)
		return
	}
	s.backToManage(w, r, d.SubscriptionID)
}
