// Package site is stdbridge's web site and JSON API: the HTTP handlers
// that read the knowledge base through store.Reader and index.Searcher and
// render pages with the templ components of package templates, in Chinese
// first and in English.
package site

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/a-h/templ"
	"github.com/yuin/goldmark"

	"github.com/stdbridge/stdbridge/alerts"
	"github.com/stdbridge/stdbridge/auth"
	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/mapping"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

// Config is everything the site depends on.
type Config struct {
	Store  store.Reader
	Search index.Searcher
	Guides *content.Guides // nil means no guides
	// Crawls gives the crawler's latest runs for the sources page; nil
	// shows none.
	Crawls CrawlRuns
	// Mappings gives the corpus suggestions are drawn from; nil shows
	// none.
	Mappings *mapping.Cache
	// Auth signs staff in; with it and Writer the curation pages are
	// served. Nil serves the public site only.
	Auth   *auth.Manager
	Writer store.Writer
	// History reads records' versions for the curators' history view.
	History store.Histories
	// Alerts keeps alert subscriptions and their outbox, for the feeds
	// and the admins' page; nil takes Desk's store.
	Alerts store.Alerts
	// Desk serves subscribers: with it the alert pages, feeds and
	// /api/subscriptions are served; nil serves none of them.
	Desk *alerts.Desk
	// Secure marks the site's own cookies Secure, as auth.Options.Secure
	// does the sign-in ones: set it when the site is served over HTTPS
	// behind a proxy (direct TLS makes them Secure anyway).
	Secure bool
	Logger *slog.Logger // nil discards the logs
	Now    func() time.Time
	// Ready reports whether the site can serve (the store is open, the
	// index built); /healthz answers 503 while it returns an error. Nil
	// means always ready.
	Ready func(ctx context.Context) error
}

// CrawlRuns is what the sources page reads of the crawler's state.
type CrawlRuns interface {
	LastRuns(ctx context.Context) ([]store.CrawlRun, error)
}

type server struct {
	store    store.Reader
	search   index.Searcher
	guides   *content.Guides
	crawls   CrawlRuns
	mappings *mapping.Cache
	auth     *auth.Manager
	writer   store.Writer
	history  store.Histories
	alerts   store.Alerts
	desk     *alerts.Desk
	hs       *content.HSTable // the HS headings product names resolve to
	secure   bool
	changed  *changedCache // the home page's recently changed standards
	log      *slog.Logger
	now      func() time.Time
	ready    func(ctx context.Context) error
	md       goldmark.Markdown
	static   *staticFiles
}

// New returns the site's handler. Store and Search are required.
func New(cfg Config) http.Handler {
	if cfg.Store == nil || cfg.Search == nil {
		panic("site.New: Config.Store and Config.Search are required")
	}
	s := &server{
		store:    cfg.Store,
		search:   cfg.Search,
		guides:   cfg.Guides,
		crawls:   cfg.Crawls,
		mappings: cfg.Mappings,
		auth:     cfg.Auth,
		writer:   cfg.Writer,
		history:  cfg.History,
		alerts:   cfg.Alerts,
		desk:     cfg.Desk,
		hs:       newHSTable(),
		secure:   cfg.Secure,
		changed:  &changedCache{},
		log:      cfg.Logger,
		now:      cfg.Now,
		ready:    cfg.Ready,
		md:       newMarkdown(),
		static:   newStaticFiles(),
	}
	if s.guides == nil {
		s.guides = &content.Guides{}
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.ready == nil {
		s.ready = func(context.Context) error { return nil }
	}
	if s.alerts == nil && s.desk != nil {
		s.alerts = s.desk.Store
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.homePage)
	mux.HandleFunc("GET /search", s.searchPage)
	mux.HandleFunc("GET /standards/{number...}", s.standardPage)
	mux.HandleFunc("GET /notifications/{key...}", s.notificationPage)
	mux.HandleFunc("GET /regulations/{id...}", s.regulationPage)
	mux.HandleFunc("GET /mappings", s.mappingsPage)
	mux.HandleFunc("GET /mapping", s.mappingPage)
	mux.HandleFunc("GET /compare", s.comparePage)
	mux.HandleFunc("GET /compare.csv", s.compareCSV)
	mux.HandleFunc("GET /compare.xlsx", s.compareXLSX)
	mux.HandleFunc("GET /market", s.marketPage)
	mux.HandleFunc("GET /market.csv", s.marketCSV)
	mux.HandleFunc("GET /market.xlsx", s.marketXLSX)
	mux.HandleFunc("GET /guides", s.guidesPage)
	mux.HandleFunc("GET /guides/{slug}", s.guidePage)
	mux.HandleFunc("GET /sources", s.sourcesPage)
	mux.HandleFunc("GET /static/{file}", s.staticFile)

	mux.HandleFunc("GET /api/search", s.apiSearch)
	mux.HandleFunc("GET /api/standards/{number...}", s.apiStandard)
	mux.HandleFunc("GET /api/notifications/{key...}", s.apiNotification)
	mux.HandleFunc("GET /api/regulations/{id...}", s.apiRegulation)
	mux.HandleFunc("GET /api/mappings", s.apiMappings)
	mux.HandleFunc("GET /api/requirements", s.apiRequirements)
	mux.HandleFunc("GET /api/stats", s.apiStats)
	mux.HandleFunc("GET /api/sources", s.apiSources)
	mux.Handle("GET /api/openapi.json", newAPIDescription())
	mux.HandleFunc("GET /healthz", s.healthz)
	if s.auth != nil {
		s.curationRoutes(mux)
	}
	if s.desk != nil {
		s.alertRoutes(mux)
		s.alertAPIRoutes(mux)
		mux.HandleFunc("POST "+templates.ForgetPath, s.forgetVisitor)
	}
	if s.auth != nil && s.alerts != nil {
		s.alertAdminRoutes(mux)
	}
	mux.HandleFunc("/api/", s.apiNoRoute)
	mux.HandleFunc("/", s.noRoute)

	// Outermost first: log every request, set the security headers and
	// the language (which the panic page needs), then recover.
	var h http.Handler = mux
	if s.auth != nil {
		h = s.auth.CheckCSRFWith(h, s.formPaths())
	}
	if s.desk != nil {
		h = linkAlerts(h)
	}
	h = s.recoverPanics(h)
	h = withLang(h)
	h = securityHeaders(h)
	h = s.logRequests(h)
	return h
}

// page fills what the layout needs for a request.
func (s *server) page(r *http.Request, title, nav string) templates.Page {
	lang := langFrom(r.Context())
	return templates.Page{
		Lang:      lang,
		T:         translator(lang),
		Title:     title,
		Nav:       nav,
		SwitchURL: switchURL(r.URL, otherLang(lang)),
		CSSURL:    s.static.url("style.css"),
		IconURL:   s.static.url("icon.svg"),
		Fmt:       formatterFor(lang),
	}
}

func otherLang(lang string) string {
	if lang == langEn {
		return langZh
	}
	return langEn
}

// switchURL is the current URL with lang set: the same page in the other
// language.
func switchURL(u *url.URL, lang string) string {
	q := u.Query()
	q.Set("lang", lang)
	v := url.URL{Path: u.Path, RawPath: u.RawPath, RawQuery: q.Encode()}
	return v.RequestURI()
}

// render writes a page with a status. It renders into a buffer first so
// that a failure half way gives a clean error page, not half a page.
func (s *server) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	var buf bytes.Buffer
	if err := c.Render(r.Context(), &buf); err != nil {
		s.serverError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Vary", "Cookie, Accept-Language")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// today is the current date in UTC, the day comment deadlines count in.
func (s *server) today() time.Time {
	return s.now().UTC().Truncate(24 * time.Hour)
}
