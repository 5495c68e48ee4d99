package site

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/http"
	"strings"
	"time"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

// The JSON API answers with these shapes; records are encoded with their
// JSON Lines tags (docs/jsonl.md), so what the API returns can be imported.

// apiSearchResult is /api/search's answer; see apiSearch.
type apiSearchResult struct {
	Query   string              `json:"query"`
	Kinds   []kb.Kind           `json:"kinds,omitempty"`
	Filters map[string][]string `json:"filters,omitempty"` // as canonicalised: ?member=eu comes back as EU
	From    kb.Date             `json:"from,omitempty"`    // widened to full dates: from=2025 is 2025-01-01
	To      kb.Date             `json:"to,omitempty"`      // to=2025 is 2025-12-31
	OpenOn  kb.Date             `json:"open_on,omitempty"` // with open=1: the day the comment period must still run on
	Sort    string              `json:"sort"`              // the order used
	Total   int                 `json:"total"`             // records matching every word
	Offset  int                 `json:"offset"`
	Limit   int                 `json:"limit"`
	Relaxed bool                `json:"relaxed"` // hits matching all words but one follow, marked partial
	Open    int                 `json:"open"`    // of the total, notifications open for comment today
	Hits    []apiHit            `json:"hits"`
	Facets  []apiFacet          `json:"facets,omitempty"` // with facets=1
}

type apiHit struct {
	Kind        kb.Kind `json:"kind"`
	Key         string  `json:"key"`
	Title       string  `json:"title,omitempty"`
	Snippet     string  `json:"snippet,omitempty"`      // plain text
	SnippetHTML string  `json:"snippet_html,omitempty"` // escaped, matches in <mark>
	Date        string  `json:"date,omitempty"`
	Facet       string  `json:"facet,omitempty"`
	Score       float64 `json:"score"`
	Partial     bool    `json:"partial"` // matches all words of the query but one
	URL         string  `json:"url"`     // the record's page
}

type apiFacet struct {
	Name   string          `json:"name"`
	Values []apiFacetValue `json:"values"`
}

type apiFacetValue struct {
	Value    string `json:"value"`
	Label    string `json:"label"` // in the answer's language
	Count    int    `json:"count"`
	Selected bool   `json:"selected,omitempty"`
}

type apiLink struct {
	FromKind kb.Kind   `json:"from_kind"`
	FromKey  string    `json:"from_key"`
	Rel      store.Rel `json:"rel"`
	To       string    `json:"to"`
	Degree   kb.Degree `json:"degree,omitempty"`
}

type apiStandard struct {
	Number   string       `json:"number"`
	Standard *kb.Standard `json:"standard"` // null when only links to the number are known
	Inbound  []apiLink    `json:"inbound"`
}

type apiNotification struct {
	Notification *kb.Notification `json:"notification"`
	Chain        []string         `json:"chain"` // keys of the chain, oldest first
}

type apiRegulation struct {
	Regulation *kb.Regulation `json:"regulation"`
}

type apiMappings struct {
	Number   string        `json:"number"`
	Mappings []*kb.Mapping `json:"mappings"`
}

type apiRequirements struct {
	Topic        string            `json:"topic,omitempty"`
	Source       string            `json:"source,omitempty"`
	Requirements []*kb.Requirement `json:"requirements"`
}

type apiStats struct {
	Kinds       map[kb.Kind]int `json:"kinds"`
	Members     map[string]int  `json:"members"`
	Areas       map[kb.Area]int `json:"areas"`
	Publishers  map[string]int  `json:"publishers"`
	LastChange  *time.Time      `json:"last_change,omitempty"`
	ChangeCount int64           `json:"change_count"`
}

type apiErrorBody struct {
	Error string `json:"error"`
}

func isAPI(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/") || r.URL.Path == "/healthz"
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		// Our own types always encode; this would be a programming error.
		writeJSONError(w, http.StatusInternalServerError, "internal error")
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func writeJSONError(w http.ResponseWriter, status int, msg string) {
	b, _ := json.Marshal(apiErrorBody{Error: msg})
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// apiFail answers a failed lookup: 404 with the error's text for a
// missing record, a logged 500 without details for anything else.
func (s *server) apiFail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, store.ErrNotFound) {
		writeJSONError(w, http.StatusNotFound, err.Error())
		return
	}
	s.log.ErrorContext(r.Context(), "api request failed", "path", r.URL.Path, "err", err)
	writeJSONError(w, http.StatusInternalServerError, "internal error")
}

// apiSearch answers GET /api/search. It reads the search page's
// parameters (parseSearch): q; kind, repeated or comma-separated; every
// facet of index.FacetNames but kind as a repeatable filter (member=EU&
// member=USA: values of one facet are alternatives, facets all apply);
// from and to (YYYY-MM-DD, YYYY-MM or YYYY); open=1 (open for comment
// today); sort=relevance|date|deadline (default relevance with words,
// date without); and its own offset (0–10000), limit (1–100, 20) and
// facets=1. q is required unless a filter is given. A bad value answers
// 400 {"error": "<parameter>: <what is wrong>"}.
//
// Each hit carries its snippet twice: plain in snippet, and in
// snippet_html escaped with the matched words in <mark> elements. Facets
// come only with facets=1, because a facet with selected values costs one
// more query: its counts leave its own selection out, so that they say
// what choosing another value would add; every other facet counts the
// hits as filtered. A facet value's count is the total the same search
// gets with that value (alone) selected.
func (s *server) apiSearch(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	qv := r.URL.Query()
	p, perr := parseSearch(qv, pagingOffset)
	if perr != nil {
		writeJSONError(w, http.StatusBadRequest, perr.Error())
		return
	}
	if p.empty() {
		writeJSONError(w, http.StatusBadRequest, "q: required unless a filter is given")
		return
	}
	lang := parseLang(qv.Get("lang"))
	if lang == "" {
		lang = langFrom(ctx)
	}
	out, err := s.runSearch(ctx, p, lang, p.facets)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	res := out.res
	ans := apiSearchResult{
		Query:   p.query,
		Kinds:   p.kinds,
		Filters: p.filters,
		From:    p.from,
		To:      p.to,
		Sort:    p.effectiveSort(),
		Total:   res.Total,
		Offset:  p.offset,
		Limit:   p.limit,
		Relaxed: res.Relaxed,
		Open:    out.open,
		Hits:    []apiHit{},
	}
	if p.open {
		ans.OpenOn = kb.Date(s.today().Format(time.DateOnly))
	}
	for _, h := range res.Hits {
		ans.Hits = append(ans.Hits, apiHit{
			Kind:        h.Kind,
			Key:         h.Key,
			Title:       h.Title,
			Snippet:     templates.PlainSnippet(h.Snippet),
			SnippetHTML: snippetHTML(h.Snippet),
			Date:        h.Date,
			Facet:       h.Facet,
			Score:       h.Score,
			Partial:     h.Partial,
			URL:         templates.RecordURL(h.Kind, h.Key),
		})
	}
	page := templates.Page{Lang: lang, T: translator(lang)}
	for _, f := range out.facets {
		af := apiFacet{Name: f.Name, Values: []apiFacetValue{}}
		for _, o := range facetGroup(p, f).Values {
			af.Values = append(af.Values, apiFacetValue{Value: o.Value, Label: templates.FacetValueLabel(page, f.Name, o.Value), Count: o.Count, Selected: o.Selected})
		}
		ans.Facets = append(ans.Facets, af)
	}
	writeJSON(w, http.StatusOK, ans)
}

// snippetHTML is a snippet as HTML: text escaped, matches in <mark>.
func snippetHTML(snippet string) string {
	var b strings.Builder
	for _, seg := range templates.Highlight(snippet) {
		if seg.Mark {
			b.WriteString("<mark>" + html.EscapeString(seg.Text) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(seg.Text))
		}
	}
	return b.String()
}

func (s *server) apiStandard(w http.ResponseWriter, r *http.Request) {
	number, err := kb.CanonicalStandardNumber(r.PathValue("number"))
	if err != nil {
		writeJSONError(w, http.StatusBadRequest, err.Error())
		return
	}
	d, err := s.loadStandard(r.Context(), number)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiStandard{Number: number, Standard: d.std, Inbound: []apiLink{}}
	for _, l := range d.inbound {
		out.Inbound = append(out.Inbound, apiLink{FromKind: l.FromKind, FromKey: l.FromKey, Rel: l.Rel, To: l.To, Degree: l.Degree})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *server) apiNotification(w http.ResponseWriter, r *http.Request) {
	raw := r.PathValue("key")
	key, ok := canonicalNotificationKey(raw)
	if !ok {
		writeJSONError(w, http.StatusBadRequest, fmt.Sprintf("%q is not a WTO symbol (G/TBT/N/EU/1123) or a derived key (ePing-…)", raw))
		return
	}
	n, chain, err := s.loadNotification(r.Context(), key)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiNotification{Notification: n, Chain: []string{}}
	for _, c := range chain {
		out.Chain = append(out.Chain, c.Key())
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *server) apiRegulation(w http.ResponseWriter, r *http.Request) {
	id, ok := canonicalRegulationID(r.PathValue("id"))
	if !ok {
		writeJSONError(w, http.StatusBadRequest, "id: not a regulation citation")
		return
	}
	reg, err := s.store.Regulation(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, fmt.Errorf("regulation %s: %w", id, err))
		return
	}
	writeJSON(w, http.StatusOK, apiRegulation{Regulation: reg})
}

func (s *server) apiMappings(w http.ResponseWriter, r *http.Request) {
	raw := r.URL.Query().Get("number")
	if raw == "" {
		writeJSONError(w, http.StatusBadRequest, "number: required")
		return
	}
	number, err := kb.CanonicalStandardNumber(raw)
	if err != nil {
		writeJSONError(w, http.StatusBadRequest, "number: "+err.Error())
		return
	}
	list, err := s.store.Mappings(r.Context(), number)
	if err != nil {
		s.apiFail(w, r, fmt.Errorf("mappings of %s: %w", number, err))
		return
	}
	public := []*kb.Mapping{}
	staff := s.isStaff(r)
	for _, m := range list {
		if staff || m.Status == kb.MappingApproved {
			public = append(public, m)
		}
	}
	writeJSON(w, http.StatusOK, apiMappings{Number: number, Mappings: public})
}

func (s *server) apiRequirements(w http.ResponseWriter, r *http.Request) {
	qv := r.URL.Query()
	f := store.RequirementFilter{Topic: normTopic(qv.Get("topic")), Source: strings.TrimSpace(qv.Get("source"))}
	if f.Topic == "" && f.Source == "" {
		writeJSONError(w, http.StatusBadRequest, "topic or source: one is required")
		return
	}
	if f.Source != "" {
		// A standard number is matched in its canonical spelling; a
		// regulation id as given.
		if c, err := kb.CanonicalStandardNumber(f.Source); err == nil {
			f.Source = c
		}
	}
	rows, err := s.store.Requirements(r.Context(), f)
	if err != nil {
		s.apiFail(w, r, fmt.Errorf("requirements: %w", err))
		return
	}
	if len(rows) == 0 {
		writeJSONError(w, http.StatusNotFound, "no requirements match")
		return
	}
	writeJSON(w, http.StatusOK, apiRequirements{Topic: f.Topic, Source: f.Source, Requirements: rows})
}

func (s *server) apiStats(w http.ResponseWriter, r *http.Request) {
	st, err := s.store.Stats(r.Context())
	if err != nil {
		s.apiFail(w, r, fmt.Errorf("stats: %w", err))
		return
	}
	out := apiStats{Kinds: st.Kinds, Members: st.Members, Areas: st.Areas, Publishers: st.Publishers, ChangeCount: st.ChangeCount}
	if !st.LastChange.IsZero() {
		t := st.LastChange.UTC()
		out.LastChange = &t
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *server) healthz(w http.ResponseWriter, r *http.Request) {
	if err := s.ready(r.Context()); err != nil {
		s.log.WarnContext(r.Context(), "not ready", "err", err)
		writeJSONError(w, http.StatusServiceUnavailable, "not ready")
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// apiNoRoute answers unknown /api/ paths in JSON.
func (s *server) apiNoRoute(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeJSONError(w, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	writeJSONError(w, http.StatusNotFound, "no such API endpoint")
}
