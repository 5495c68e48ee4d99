package site

import (
	"fmt"
	"net/http"
	"time"

	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

// sourceErrorsShown bounds the skipped pages listed per source.
const sourceErrorsShown = 20

func (s *server) lastRuns(r *http.Request) ([]store.CrawlRun, error) {
	if s.crawls == nil {
		return nil, nil
	}
	return s.crawls.LastRuns(r.Context())
}

func (s *server) sourcesPage(w http.ResponseWriter, r *http.Request) {
	runs, err := s.lastRuns(r)
	if err != nil {
		s.serverError(w, r, fmt.Errorf("sources: %w", err))
		return
	}
	t := translator(langFrom(r.Context()))
	views := make([]templates.SourceRunView, 0, len(runs))
	for _, run := range runs {
		v := templates.SourceRunView{
			Name: run.Source, Label: sourceLabel(t, run.Source), Status: string(run.Status),
			Started: formatterFor(langFrom(r.Context())).Time(run.Started),
			Fetched: run.Fetched, NotModified: run.NotModified, New: run.New, Updated: run.Updated, Failed: run.Failed,
		}
		if !run.Finished.IsZero() {
			v.Took = run.Finished.Sub(run.Started).Round(time.Second).String()
		}
		for i, e := range run.Errors {
			if i == sourceErrorsShown {
				v.MoreErrors = len(run.Errors) - i
				break
			}
			v.Errors = append(v.Errors, templates.SourceErrorView{URL: e.URL, Reason: e.Reason})
		}
		views = append(views, v)
	}
	s.render(w, r, http.StatusOK, templates.SourcesPage(s.page(r, t("sources.title"), "sources"), views))
}

func sourceLabel(t func(string, ...any) string, name string) string {
	switch name {
	case "eping":
		return t("source.eping")
	case "gb":
		return t("source.gb")
	case "iso":
		return t("source.iso")
	case "tris":
		return t("source.tris")
	case "feed":
		return t("source.feed")
	}
	return name
}

// apiRun is a crawl run in the JSON API.
type apiRun struct {
	Source      string             `json:"source"`
	Status      store.RunStatus    `json:"status"`
	Started     time.Time          `json:"started"`
	Finished    *time.Time         `json:"finished,omitempty"`
	Fetched     int                `json:"fetched"`
	NotModified int                `json:"not_modified"`
	New         int                `json:"new"`
	Updated     int                `json:"updated"`
	Failed      int                `json:"failed"`
	HighWater   string             `json:"high_water,omitempty"`
	Errors      []store.CrawlError `json:"errors"`
}

func (s *server) apiSources(w http.ResponseWriter, r *http.Request) {
	runs, err := s.lastRuns(r)
	if err != nil {
		s.apiFail(w, r, fmt.Errorf("sources: %w", err))
		return
	}
	out := make([]apiRun, 0, len(runs))
	for _, run := range runs {
		a := apiRun{Source: run.Source, Status: run.Status, Started: run.Started.UTC(), Fetched: run.Fetched, NotModified: run.NotModified,
			New: run.New, Updated: run.Updated, Failed: run.Failed, HighWater: run.HighWater, Errors: run.Errors}
		if a.Errors == nil {
			a.Errors = []store.CrawlError{}
		}
		if !run.Finished.IsZero() {
			t := run.Finished.UTC()
			a.Finished = &t
		}
		out = append(out, a)
	}
	writeJSON(w, http.StatusOK, map[string]any{"sources": out})
}
