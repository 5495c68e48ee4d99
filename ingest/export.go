package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// WriteJSONL writes records as JSON Lines: one compact object per line,
// "kind" first, then the record's fields in struct order, empty fields
// left out. Reading the output back gives the same records, and writing
// those gives the same bytes.
func WriteJSONL(w io.Writer, recs ...kb.Record) error {
	bw := bufio.NewWriter(w)
	enc := newLineEncoder(bw)
	for _, r := range recs {
		if err := enc.write(r); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// Export writes every record of the store as JSON Lines, kind by kind in
// the order of kb.Kinds and by key within a kind, so two exports of the
// same data are byte for byte equal.
func Export(ctx context.Context, r store.Reader, w io.Writer) error {
	bw := bufio.NewWriter(w)
	enc := newLineEncoder(bw)
	for _, kind := range kb.Kinds {
		if err := r.Each(ctx, kind, enc.write); err != nil {
			return fmt.Errorf("export %s records: %w", kind, err)
		}
	}
	return bw.Flush()
}

// ExportFile writes the export to path through a temporary file in the
// same directory, so path holds either the old file or the whole new one.
func ExportFile(ctx context.Context, r store.Reader, path string) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("export to %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := Export(ctx, r, tmp); err != nil {
		return fmt.Errorf("export to %s: %w", path, err)
	}
	// CreateTemp makes the file private; an export is an ordinary file.
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("export to %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("export to %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export to %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("export to %s: %w", path, err)
	}
	return nil
}

// lineEncoder writes one record per line, reusing its buffer.
type lineEncoder struct {
	w   io.Writer
	buf bytes.Buffer
	enc *json.Encoder
}

func newLineEncoder(w io.Writer) *lineEncoder {
	e := &lineEncoder{w: w}
	e.enc = json.NewEncoder(&e.buf)
	// Comparators (<=) and URLs (&) stay readable in a file people edit.
	e.enc.SetEscapeHTML(false)
	return e
}

func (e *lineEncoder) write(r kb.Record) error {
	if isNil(r) {
		return errNilRecord
	}
	e.buf.Reset()
	if err := e.enc.Encode(r); err != nil {
		return fmt.Errorf("encode %s %q: %w", r.Kind(), r.Key(), err)
	}
	body := e.buf.Bytes() // {...}\n
	kind, _ := json.Marshal(string(r.Kind()))
	line := make([]byte, 0, len(body)+len(kind)+10)
	line = append(line, `{"kind":`...)
	line = append(line, kind...)
	if !bytes.HasPrefix(body, []byte("{}")) {
		line = append(line, ',')
	}
	line = append(line, body[1:]...)
	_, err := e.w.Write(line)
	return err
}
