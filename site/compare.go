package site

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

// normTopic folds a topic the way kb.Requirement.Normalize stores it.
func normTopic(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

func (s *server) comparePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := translator(langFrom(ctx))
	topics, err := s.store.Topics(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	topic := normTopic(r.URL.Query().Get("topic"))
	if topic == "" {
		v := templates.CompareView{Topics: topics}
		s.render(w, r, http.StatusOK, templates.ComparePage(s.page(r, t("compare.title"), "compare"), v))
		return
	}
	rows, err := s.store.Requirements(ctx, store.RequirementFilter{Topic: topic})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(rows) == 0 {
		s.notFound(w, r, "")
		return
	}
	var order []string
	for _, tp := range topics {
		if tp.Name == topic {
			order = tp.Sources
		}
	}
	v, err := s.compareView(ctx, topic, order, rows)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, templates.ComparePage(s.page(r, topic, "compare"), v))
}

// compareView lays out requirement rows as a table: a row per parameter
// and scope, a column per source. It only places the values side by side;
// judging which limit is stricter is not done here.
func (s *server) compareView(ctx context.Context, topic string, order []string, rows []*kb.Requirement) (templates.CompareView, error) {
	v := templates.CompareView{Topic: topic}
	var cols []string
	col := map[string]int{}
	add := func(src string) {
		if _, ok := col[src]; !ok {
			col[src] = len(cols)
			cols = append(cols, src)
		}
	}
	for _, src := range order {
		add(src)
	}
	for _, r := range rows {
		add(r.Source)
	}
	for _, src := range cols {
		u, err := s.sourceURL(ctx, src)
		if err != nil {
			return v, err
		}
		v.Sources = append(v.Sources, templates.CompareSource{Name: src, URL: u})
	}
	type rowKey struct{ param, scope string }
	rowAt := map[rowKey]int{}
	for _, r := range rows {
		k := rowKey{r.Parameter, r.Scope}
		i, ok := rowAt[k]
		if !ok {
			i = len(v.Rows)
			rowAt[k] = i
			v.Rows = append(v.Rows, templates.CompareRow{Parameter: r.Parameter, Scope: r.Scope, Cells: make([]*kb.Requirement, len(cols))})
		}
		row := &v.Rows[i]
		if row.ParameterZh == "" {
			row.ParameterZh = r.ParameterZh
		}
		row.Cells[col[r.Source]] = r
	}
	return v, nil
}

// sourceURL links a requirement's source: a regulation when one has that
// id, else a standard.
func (s *server) sourceURL(ctx context.Context, source string) (string, error) {
	_, err := s.store.Regulation(ctx, source)
	switch {
	case err == nil:
		return templates.RegulationURL(source), nil
	case !errors.Is(err, store.ErrNotFound):
		return "", fmt.Errorf("regulation %s: %w", source, err)
	}
	return templates.StandardURL(source), nil
}
