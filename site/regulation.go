package site

import (
	"net/http"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/templates"
)

// canonicalRegulationID folds a citation the way the knowledge base
// stores it (white space, full-width characters).
func canonicalRegulationID(raw string) (string, bool) {
	reg := kb.Regulation{ID: raw}
	if err := reg.Normalize(); err != nil {
		return "", false
	}
	return reg.ID, true
}

func (s *server) regulationPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := langFrom(ctx)
	raw := r.PathValue("id")
	id, ok := canonicalRegulationID(raw)
	if !ok {
		s.notFound(w, r, "")
		return
	}
	if u := templates.RegulationURL(id); r.URL.EscapedPath() != u {
		redirectCanonical(w, r, u)
		return
	}
	reg, err := s.store.Regulation(ctx, id)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	v := templates.RegulationView{R: reg}
	if v.Titles, err = s.standardTitles(ctx, lang, reg.References); err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Requirements, err = s.requirementGroups(ctx, id); err != nil {
		s.serverError(w, r, err)
		return
	}
	title := reg.ID
	if t := reg.Title(lang); t != "" {
		title += " " + t
	}
	s.render(w, r, http.StatusOK, templates.RegulationPage(s.page(r, title, ""), v))
}
