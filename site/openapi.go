package site

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"net/http"
)

// openAPIJSON is the OpenAPI 3.1 description of the JSON API, written by
// hand and checked against the handlers by openapi_test.go.
//
//go:embed openapi.json
var openAPIJSON []byte

// apiDescription serves openapi.json, cached as the static files are: by
// ETag, and for a year when asked for by its version.
type apiDescription struct {
	body []byte
	hash string
}

func newAPIDescription() *apiDescription {
	sum := sha256.Sum256(openAPIJSON)
	return &apiDescription{body: openAPIJSON, hash: hex.EncodeToString(sum[:])[:12]}
}

func (d *apiDescription) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	etag := `"` + d.hash + `"`
	h.Set("ETag", etag)
	if r.URL.Query().Get("v") == d.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", "application/json; charset=utf-8")
	w.Write(d.body)
}
