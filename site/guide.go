package site

import (
	"net/http"

	"github.com/stdbridge/stdbridge/templates"
)

func (s *server) guidesPage(w http.ResponseWriter, r *http.Request) {
	lang := langFrom(r.Context())
	p := s.page(r, translator(lang)("guides.title"), "guides")
	s.render(w, r, http.StatusOK, templates.GuidesPage(p, s.guides.All(lang)))
}

func (s *server) guidePage(w http.ResponseWriter, r *http.Request) {
	lang := langFrom(r.Context())
	g, ok := s.guides.Get(r.PathValue("slug"), lang)
	if !ok {
		s.notFound(w, r, "")
		return
	}
	g.HTML = scopeHeaders(g.HTML)
	v := templates.GuideView{G: g, Fallback: g.Lang != lang}
	s.render(w, r, http.StatusOK, templates.GuidePage(s.page(r, g.Title, "guides"), v))
}
