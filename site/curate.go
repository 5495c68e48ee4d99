package site

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/stdbridge/stdbridge/auth"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

// curationRoutes registers sign-in and the curators' pages. Every form
// is checked for its anti-forgery token by auth.Manager.CheckCSRF, which
// wraps the whole site.
func (s *server) curationRoutes(mux *http.ServeMux) {
	req := func(min store.Role, h http.HandlerFunc) http.Handler { return s.auth.Require(min, h) }
	mux.HandleFunc("GET /login", s.loginPage)
	mux.HandleFunc("POST /login", s.login)
	mux.HandleFunc("POST /logout", s.logout)
	mux.Handle("GET /curate", req(store.RoleCurator, s.curatePage))
	mux.Handle("GET /curate/mapping", req(store.RoleCurator, s.mappingForm))
	mux.Handle("POST /curate/mapping", req(store.RoleCurator, s.saveMapping))
	mux.Handle("GET /curate/history", req(store.RoleCurator, s.historyPage))
	mux.Handle("POST /curate/review", req(store.RoleReviewer, s.reviewMapping))
}

// user is the signed-in user, or nil.
func (s *server) user(r *http.Request) *store.User {
	if s.auth == nil {
		return nil
	}
	u, _, err := s.auth.Current(r)
	if err != nil {
		s.log.WarnContext(r.Context(), "session", "err", err)
		return nil
	}
	return u
}

func (s *server) loginPage(w http.ResponseWriter, r *http.Request) {
	t := translator(langFrom(r.Context()))
	v := templates.LoginView{CSRF: s.auth.LoginToken(w, r), Next: auth.SafeNext(r.URL.Query().Get("next"))}
	s.render(w, r, http.StatusOK, templates.LoginPage(s.page(r, t("login.title"), ""), v))
}

func (s *server) login(w http.ResponseWriter, r *http.Request) {
	t := translator(langFrom(r.Context()))
	name, next := r.PostFormValue("name"), auth.SafeNext(r.PostFormValue("next"))
	_, err := s.auth.Login(r.Context(), w, name, r.PostFormValue("password"))
	switch {
	case err == nil:
		if next == "/" {
			next = "/curate"
		}
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	case errors.Is(err, auth.ErrBadLogin), errors.Is(err, auth.ErrDisabled):
		v := templates.LoginView{CSRF: s.auth.LoginToken(w, r), Next: next, Name: name, Error: t("login.bad")}
		if errors.Is(err, auth.ErrDisabled) {
			v.Error = t("login.disabled")
		}
		s.render(w, r, http.StatusUnauthorized, templates.LoginPage(s.page(r, t("login.title"), ""), v))
	default:
		s.serverError(w, r, err)
	}
}

func (s *server) logout(w http.ResponseWriter, r *http.Request) {
	if err := s.auth.Logout(r.Context(), w, r); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *server) curatePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := translator(langFrom(ctx))
	u := s.user(r)
	if u == nil {
		s.errorPage(w, r, http.StatusUnauthorized, t("error.unauthorized"), "")
		return
	}
	v := templates.CurateView{User: u.Name, Role: string(u.Role), CSRF: s.auth.Token(r), Reviewer: u.Role.AtLeast(store.RoleReviewer)}
	err := s.store.Each(ctx, kb.KindMapping, func(rec kb.Record) error {
		if m := rec.(*kb.Mapping); m.Status == kb.MappingProposed {
			v.Proposed = append(v.Proposed, m)
		}
		return nil
	})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, templates.CuratePage(s.page(r, t("curate.title"), ""), v))
}

// mappingForm shows the form for a new mapping, or for the one named by
// the query.
func (s *server) mappingForm(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := translator(langFrom(ctx))
	q := r.URL.Query()
	v := templates.MappingFormView{CSRF: s.auth.Token(r), New: true}
	if q.Get("foreign") != "" || q.Get("domestic") != "" {
		m, err := s.store.Mapping(ctx, q.Get("foreign"), q.Get("domestic"))
		if err != nil {
			s.storeError(w, r, err)
			return
		}
		v.M, v.New = *m, false
		v.Topic, v.Indicators = indicatorsText(m.Indicators)
	}
	s.render(w, r, http.StatusOK, templates.MappingFormPage(s.page(r, t("curate.new"), ""), v))
}

// saveMapping stores a proposed or edited mapping as a new version,
// proposed again: an edit needs a review like a new mapping does.
func (s *server) saveMapping(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := translator(langFrom(ctx))
	u := s.user(r)
	m := &kb.Mapping{
		Foreign: r.PostFormValue("foreign"), Domestic: r.PostFormValue("domestic"),
		Degree: kb.Degree(r.PostFormValue("degree")), Deviations: strings.ReplaceAll(r.PostFormValue("deviations"), "\r\n", "\n"),
		Provenance: r.PostFormValue("provenance"), Status: kb.MappingProposed,
	}
	note := strings.TrimSpace(r.PostFormValue("note"))
	topic, rows := r.PostFormValue("topic"), r.PostFormValue("indicators")
	var problems []string
	var err error
	if m.Indicators, err = parseIndicators(topic, rows); err != nil {
		problems = append(problems, err.Error())
	} else if err := m.Normalize(); err != nil {
		problems = append(problems, strings.Split(err.Error(), "; ")...)
	}
	if note == "" {
		problems = append(problems, t("curate.noteRequired"))
	}
	if len(problems) > 0 {
		_, err := s.store.Mapping(ctx, m.Foreign, m.Domestic)
		v := templates.MappingFormView{CSRF: s.auth.Token(r), M: *m, New: err != nil, Note: note, Errors: problems, Topic: topic, Indicators: rows}
		s.render(w, r, http.StatusBadRequest, templates.MappingFormPage(s.page(r, t("curate.new"), ""), v))
		return
	}
	if old, err := s.store.Mapping(ctx, m.Foreign, m.Domestic); err == nil {
		// Fields the form does not show are kept.
		m.Sources, m.Verified = old.Sources, old.Verified
	} else if !errors.Is(err, store.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	if err := s.writeMapping(r, m, u.Name, note); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, templates.CurateHistoryURL(m.Foreign, m.Domestic), http.StatusSeeOther)
}

func (s *server) writeMapping(r *http.Request, m *kb.Mapping, actor, note string) error {
	return s.writeRecords(r, []kb.Record{m}, actor, note)
}

// writeRecords applies records changed on the site as one batch that
// says who changed them and why.
func (s *server) writeRecords(r *http.Request, recs []kb.Record, actor, note string) error {
	if s.writer == nil {
		return errors.New("the site has no store to write to")
	}
	_, err := s.writer.Apply(r.Context(), store.Batch{Source: "site", Actor: actor, Note: note, Records: recs})
	return err
}

// parseIndicators reads the form's indicator rows: one a line,
// "parameter | scope | unit | foreign limit | domestic limit | method".
func parseIndicators(topic, text string) ([]kb.Indicator, error) {
	var out []kb.Indicator
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) < 5 || len(f) > 6 {
			return nil, fmt.Errorf("indicator line %d: want parameter | scope | unit | foreign limit | domestic limit | method", i+1)
		}
		for j := range f {
			f[j] = strings.TrimSpace(f[j])
		}
		if strings.TrimSpace(topic) == "" {
			return nil, fmt.Errorf("indicator line %d: give the rows a topic", i+1)
		}
		in := kb.Indicator{Topic: topic, Parameter: f[0], Scope: f[1], Unit: f[2], Foreign: f[3], Domestic: f[4]}
		if len(f) == 6 {
			in.Method = f[5]
		}
		out = append(out, in)
	}
	return out, nil
}

// indicatorsText writes indicator rows back as the form shows them.
func indicatorsText(ins []kb.Indicator) (topic, text string) {
	var b strings.Builder
	for _, in := range ins {
		topic = in.Topic
		fmt.Fprintf(&b, "%s | %s | %s | %s | %s | %s\n", in.Parameter, in.Scope, in.Unit, in.Foreign, in.Domestic, in.Method)
	}
	return topic, b.String()
}

// reviewMapping approves or rejects a proposed mapping. A reviewer does
// not review their own change: four eyes see every mapping made public.
func (s *server) reviewMapping(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := translator(langFrom(ctx))
	u := s.user(r)
	m, err := s.store.Mapping(ctx, r.PostFormValue("foreign"), r.PostFormValue("domestic"))
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	comment := strings.TrimSpace(r.PostFormValue("comment"))
	switch r.PostFormValue("decision") {
	case "approve":
		m.Status = kb.MappingApproved
	case "reject":
		if comment == "" {
			s.badRequest(w, r, t("curate.rejectWhy"))
			return
		}
		m.Status = kb.MappingRejected
	default:
		s.badRequest(w, r, t("curate.badDecision"))
		return
	}
	hist, err := s.history.History(ctx, kb.KindMapping, m.Key())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(hist) > 0 && hist[len(hist)-1].Actor == u.Name {
		s.errorPage(w, r, http.StatusForbidden, t("error.forbidden"), t("curate.ownChange"))
		return
	}
	if comment == "" {
		comment = t("curate.approved")
	}
	recs := []kb.Record{m}
	if m.Status == kb.MappingApproved {
		// Approved indicator rows become requirement rows, which the
		// comparison pages set side by side with other standards'.
		for _, in := range m.Indicators {
			rows, err := in.Requirements(m.Foreign, m.Domestic)
			if err != nil {
				s.badRequest(w, r, err.Error())
				return
			}
			for _, row := range rows {
				recs = append(recs, row)
			}
		}
	}
	if err := s.writeRecords(r, recs, u.Name, comment); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, templates.CurateHistoryURL(m.Foreign, m.Domestic), http.StatusSeeOther)
}

func (s *server) historyPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	m, err := s.store.Mapping(ctx, q.Get("foreign"), q.Get("domestic"))
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	hist, err := s.history.History(ctx, kb.KindMapping, m.Key())
	if err != nil {
		s.serverError(w, r, fmt.Errorf("history of %s: %w", m.Key(), err))
		return
	}
	u := s.user(r)
	v := templates.HistoryView{M: m, CSRF: s.auth.Token(r), Reviewer: u != nil && u.Role.AtLeast(store.RoleReviewer)}
	var prev *kb.Mapping
	for _, h := range hist {
		cur := h.Record.(*kb.Mapping)
		actor := h.Actor
		if actor == "" {
			actor = h.Source
		}
		v.Versions = append([]templates.VersionView{{N: h.Version, At: formatterFor(langFrom(r.Context())).Time(h.At), Actor: actor, Note: h.Note,
			Source: h.Source, Changes: mappingDiff(prev, cur)}}, v.Versions...)
		prev = cur
	}
	s.render(w, r, http.StatusOK, templates.HistoryPage(s.page(r, m.Key(), ""), v))
}
