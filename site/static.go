package site

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
)

//go:embed static
var staticFS embed.FS

// staticFiles serves the embedded style sheet and icon. Pages link them
// with a content hash in the query, so they can be cached for a year.
type staticFiles struct {
	files map[string]staticFile
}

type staticFile struct {
	body  []byte
	hash  string
	ctype string
}

func newStaticFiles() *staticFiles {
	sf := &staticFiles{files: map[string]staticFile{}}
	entries, err := fs.ReadDir(staticFS, "static")
	if err != nil {
		panic(err) // embedded at build time
	}
	for _, e := range entries {
		body, err := fs.ReadFile(staticFS, "static/"+e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(body)
		ctype := mime.TypeByExtension(path.Ext(e.Name()))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		sf.files[e.Name()] = staticFile{body: body, hash: hex.EncodeToString(sum[:])[:12], ctype: ctype}
	}
	return sf
}

// url is the versioned address of a static file.
func (sf *staticFiles) url(name string) string {
	return "/static/" + name + "?v=" + sf.files[name].hash
}

func (s *server) staticFile(w http.ResponseWriter, r *http.Request) {
	f, ok := s.static.files[r.PathValue("file")]
	if !ok {
		s.notFound(w, r, "")
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	etag := `"` + f.hash + `"`
	h.Set("ETag", etag)
	if r.URL.Query().Get("v") == f.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(f.body)
}
