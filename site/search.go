package site

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/templates"
)

const (
	pageSize    = 20    // hits per search page
	maxLimit    = 100   // largest page the API serves
	maxOffset   = 10000 // deeper paging costs the index more than it helps anyone
	maxQueryLen = 200   // characters
)

// searchParams are the validated parameters of a search, shared by the
// page and the API.
type searchParams struct {
	query  string
	kinds  []kb.Kind
	offset int
	limit  int
}

// parseQuery checks the search text.
func parseQuery(q string) (string, error) {
	q = strings.TrimSpace(q)
	if utf8.RuneCountInString(q) > maxQueryLen {
		return "", fmt.Errorf("q is too long: at most %d characters", maxQueryLen)
	}
	return q, nil
}

// parseKinds accepts one kind or several separated by commas; empty means
// all kinds.
func parseKinds(s string) ([]kb.Kind, error) {
	var kinds []kb.Kind
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		k, err := kb.ParseKind(f)
		if err != nil {
			return nil, err
		}
		kinds = append(kinds, k)
	}
	return kinds, nil
}

func (s *server) searchPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := langFrom(ctx)
	t := translator(lang)
	qv := r.URL.Query()
	q, err := parseQuery(qv.Get("q"))
	if err != nil {
		s.badRequest(w, r, t("error.queryTooLong", maxQueryLen))
		return
	}
	kind := strings.TrimSpace(qv.Get("kind"))
	kinds, err := parseKinds(kind)
	if err != nil || len(kinds) > 1 {
		s.badRequest(w, r, t("error.kind", kind))
		return
	}
	page := 1
	if ps := qv.Get("page"); ps != "" {
		page, err = strconv.Atoi(ps)
		if err != nil || page < 1 || (page-1)*pageSize > maxOffset {
			s.badRequest(w, r, t("error.page", ps))
			return
		}
	}
	v := templates.SearchView{Query: q, Kind: kind, Kinds: kb.Kinds, Page: page}
	title := t("search.title")
	if q != "" {
		offset := (page - 1) * pageSize
		res, err := s.search.Search(ctx, index.Request{Query: q, Kinds: kinds, Lang: lang, Offset: offset, Limit: pageSize})
		if err != nil {
			s.serverError(w, r, fmt.Errorf("search %q: %w", q, err))
			return
		}
		v.Result = res
		v.Pages = (res.Total + pageSize - 1) / pageSize
		if len(res.Hits) > 0 {
			v.From, v.To = offset+1, offset+len(res.Hits)
		}
		if page > 1 {
			v.PrevURL = templates.SearchURL(q, kind, min(page-1, max(v.Pages, 1)))
		}
		if page < v.Pages && page*pageSize <= maxOffset {
			v.NextURL = templates.SearchURL(q, kind, page+1)
		}
		title = t("search.titleQ", q)
	}
	s.render(w, r, http.StatusOK, templates.SearchPage(s.page(r, title, "search"), v))
}
