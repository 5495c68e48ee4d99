package site

import (
	"bytes"
	"errors"
	"net/http"

	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

// errorPage writes an error page in the visitor's language. It never
// fails over to s.render, so a broken template cannot loop.
func (s *server) errorPage(w http.ResponseWriter, r *http.Request, status int, heading, message string) {
	p := s.page(r, heading, "")
	var buf bytes.Buffer
	err := templates.ErrorPage(p, templates.ErrorView{Status: status, Heading: heading, Message: message}).Render(r.Context(), &buf)
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	if err != nil {
		s.log.ErrorContext(r.Context(), "render error page", "err", err)
		h.Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		w.Write([]byte(http.StatusText(status) + "\n"))
		return
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Vary", "Cookie, Accept-Language")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// notFound answers 404, with message when there is something more useful
// to say than the generic text.
func (s *server) notFound(w http.ResponseWriter, r *http.Request, message string) {
	t := translator(langFrom(r.Context()))
	if message == "" {
		message = t("error.notFoundText")
	}
	s.errorPage(w, r, http.StatusNotFound, t("error.notFound"), message)
}

func (s *server) badRequest(w http.ResponseWriter, r *http.Request, message string) {
	t := translator(langFrom(r.Context()))
	s.errorPage(w, r, http.StatusBadRequest, t("error.badRequest"), message)
}

// serverError logs err and answers 500 without showing it: internals
// (SQL, file paths) are for the log, not for visitors.
func (s *server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	t := translator(langFrom(r.Context()))
	s.errorPage(w, r, http.StatusInternalServerError, t("error.server"), t("error.serverText"))
}

// storeError answers a failed lookup: 404 for a missing record, 500 for
// anything else.
func (s *server) storeError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r, "")
		return
	}
	s.serverError(w, r, err)
}

// noRoute answers every path no page matches.
func (s *server) noRoute(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		t := translator(langFrom(r.Context()))
		s.errorPage(w, r, http.StatusMethodNotAllowed, t("error.methodNotAllowed"), t("error.methodNotAllowed"))
		return
	}
	s.notFound(w, r, "")
}
