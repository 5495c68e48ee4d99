package site

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

// redirectCanonical sends a request for a non-canonical spelling of a key,
// or for the canonical key escaped differently, to the one URL of the
// record, keeping the query.
func redirectCanonical(w http.ResponseWriter, r *http.Request, canonical string) {
	if r.URL.RawQuery != "" {
		canonical += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, canonical, http.StatusMovedPermanently)
}

// standardData is what a standard's page and API answer show.
type standardData struct {
	std     *kb.Standard // nil when only other records know the number
	inbound []store.Link
}

// loadStandard fetches a standard and the links to it. A number with no
// record but with links is found: the links are worth showing (adopted
// ISO standards are rarely imported themselves).
func (s *server) loadStandard(ctx context.Context, number string) (standardData, error) {
	st, err := s.store.Standard(ctx, number)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return standardData{}, fmt.Errorf("get standard %s: %w", number, err)
	}
	inbound, err := s.store.Inbound(ctx, number)
	if err != nil {
		return standardData{}, fmt.Errorf("inbound links of %s: %w", number, err)
	}
	if st == nil && len(inbound) == 0 {
		return standardData{}, fmt.Errorf("standard %s: %w", number, store.ErrNotFound)
	}
	return standardData{std: st, inbound: inbound}, nil
}

func (s *server) standardPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := langFrom(ctx)
	raw := r.PathValue("number")
	number, err := kb.CanonicalStandardNumber(raw)
	if err != nil {
		s.notFound(w, r, translator(lang)("std.badNumber", raw))
		return
	}
	if u := templates.StandardURL(number); r.URL.EscapedPath() != u {
		redirectCanonical(w, r, u)
		return
	}
	d, err := s.loadStandard(ctx, number)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	v, err := s.standardView(ctx, lang, number, d, s.isStaff(r))
	if err == nil {
		v.Suggested, err = s.standardSuggestions(ctx, lang, number)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	title := number
	if d.std != nil {
		if t := d.std.Title(lang); t != "" {
			title += " " + t
		}
	}
	s.render(w, r, http.StatusOK, templates.StandardPage(s.page(r, title, ""), v))
}

func (s *server) standardView(ctx context.Context, lang, number string, d standardData, staff bool) (templates.StandardView, error) {
	v := templates.StandardView{Number: number, S: d.std}
	v.Parsed, _ = kb.ParseStandardNumber(number)
	var replaces, replacedBy []string
	if d.std != nil {
		replaces = append(replaces, d.std.Replaces...)
		replacedBy = append(replacedBy, d.std.ReplacedBy...)
	}
	mappingKeys := map[string]bool{}
	var regIDs []string
	for _, l := range d.inbound {
		if l.FromKey == number {
			continue
		}
		switch l.Rel {
		case store.RelAdopts:
			v.AdoptedBy = append(v.AdoptedBy, kb.Adoption{Number: l.FromKey, Degree: l.Degree})
		case store.RelReplaces: // the other standard replaces this one
			replacedBy = append(replacedBy, l.FromKey)
		case store.RelReplacedBy: // the other standard is replaced by this one
			replaces = append(replaces, l.FromKey)
		case store.RelReferences:
			regIDs = append(regIDs, l.FromKey)
		case store.RelMapping:
			mappingKeys[l.FromKey] = true
		}
	}
	v.Replaces, v.ReplacedBy = dedupe(replaces), dedupe(replacedBy)

	mappings, err := s.store.Mappings(ctx, number)
	if err != nil {
		return v, fmt.Errorf("mappings of %s: %w", number, err)
	}
	for _, m := range mappings {
		delete(mappingKeys, m.Key())
	}
	// Links to the undated or dated form of the number find mappings that
	// Mappings, which matches the number as given, does not.
	for _, key := range slices.Sorted(maps.Keys(mappingKeys)) {
		f, dom, ok := strings.Cut(key, " ~ ")
		if !ok {
			continue
		}
		m, err := s.store.Mapping(ctx, f, dom)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return v, fmt.Errorf("mapping %s: %w", key, err)
		}
		mappings = append(mappings, m)
	}
	for _, m := range mappings {
		if staff || m.Status == kb.MappingApproved {
			v.Mappings = append(v.Mappings, m)
		}
	}

	for _, id := range dedupe(regIDs) {
		ref := templates.RegulationRef{ID: id}
		reg, err := s.store.Regulation(ctx, id)
		switch {
		case err == nil:
			ref.Title = reg.Title(lang)
		case !errors.Is(err, store.ErrNotFound):
			return v, fmt.Errorf("regulation %s: %w", id, err)
		}
		v.Regulations = append(v.Regulations, ref)
	}

	linked := append(append([]string{}, v.Replaces...), v.ReplacedBy...)
	for _, a := range v.AdoptedBy {
		linked = append(linked, a.Number)
	}
	if d.std != nil {
		for _, a := range d.std.Adopts {
			linked = append(linked, a.Number)
		}
	}
	if v.Titles, err = s.standardTitles(ctx, lang, linked); err != nil {
		return v, err
	}
	if v.Requirements, err = s.requirementGroups(ctx, number); err != nil {
		return v, err
	}
	return v, nil
}

// standardTitles looks up the titles of standards shown in a list;
// numbers without a record have no title.
func (s *server) standardTitles(ctx context.Context, lang string, numbers []string) (map[string]string, error) {
	titles := map[string]string{}
	for _, n := range dedupe(numbers) {
		st, err := s.store.Standard(ctx, n)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("get standard %s: %w", n, err)
		}
		titles[n] = st.Title(lang)
	}
	return titles, nil
}

// requirementGroups lists a source's requirement rows by topic.
func (s *server) requirementGroups(ctx context.Context, source string) ([]templates.RequirementGroup, error) {
	rows, err := s.store.Requirements(ctx, store.RequirementFilter{Source: source})
	if err != nil {
		return nil, fmt.Errorf("requirements of %s: %w", source, err)
	}
	var groups []templates.RequirementGroup
	for _, r := range rows {
		if n := len(groups); n == 0 || groups[n-1].Topic != r.Topic {
			groups = append(groups, templates.RequirementGroup{Topic: r.Topic})
		}
		g := &groups[len(groups)-1]
		g.Rows = append(g.Rows, r)
	}
	return groups, nil
}

// dedupe drops repeated strings, keeping the first of each.
func dedupe(list []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
