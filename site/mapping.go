package site

import (
	"fmt"
	"net/http"
	"sort"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

func (s *server) mappingsPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var all []*kb.Mapping
	staff := s.isStaff(r)
	err := s.store.Each(ctx, kb.KindMapping, func(rec kb.Record) error {
		if m, ok := rec.(*kb.Mapping); ok && (staff || m.Status == kb.MappingApproved) {
			all = append(all, m)
		}
		return nil
	})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := templates.MappingsView{Total: len(all)}
	byPublisher := map[string]int{}
	for _, m := range all {
		pub := "?"
		if n, err := kb.ParseStandardNumber(m.Foreign); err == nil {
			pub = n.Publisher
		}
		i, ok := byPublisher[pub]
		if !ok {
			i = len(v.Groups)
			byPublisher[pub] = i
			v.Groups = append(v.Groups, templates.MappingGroup{Name: pub})
		}
		v.Groups[i].Mappings = append(v.Groups[i].Mappings, m)
	}
	sort.Slice(v.Groups, func(i, j int) bool { return v.Groups[i].Name < v.Groups[j].Name })
	t := translator(langFrom(ctx))
	s.render(w, r, http.StatusOK, templates.MappingsPage(s.page(r, t("mappings.title"), "mappings"), v))
}

func (s *server) mappingPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := langFrom(ctx)
	t := translator(lang)
	q := r.URL.Query()
	rawF, rawD := q.Get("foreign"), q.Get("domestic")
	if rawF == "" || rawD == "" {
		s.badRequest(w, r, t("mapping.missing"))
		return
	}
	foreign, err := kb.CanonicalStandardNumber(rawF)
	if err != nil {
		s.notFound(w, r, t("std.badNumber", rawF))
		return
	}
	domestic, err := kb.CanonicalStandardNumber(rawD)
	if err != nil {
		s.notFound(w, r, t("std.badNumber", rawD))
		return
	}
	if foreign != rawF || domestic != rawD {
		http.Redirect(w, r, templates.MappingURL(foreign, domestic), http.StatusMovedPermanently)
		return
	}
	m, err := s.store.Mapping(ctx, foreign, domestic)
	if err == nil && m.Status != kb.MappingApproved && !s.isStaff(r) {
		err = fmt.Errorf("mapping %s: %w", m.Key(), store.ErrNotFound) // not public until approved
	}
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	titles, err := s.standardTitles(ctx, lang, []string{foreign, domestic})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := templates.MappingView{
		M:             m,
		Deviations:    renderMarkdown(s.md, m.Deviations),
		ForeignTitle:  titles[foreign],
		DomesticTitle: titles[domestic],
	}
	s.render(w, r, http.StatusOK, templates.MappingPage(s.page(r, t("mapping.title", foreign, domestic), "mappings"), v))
}
