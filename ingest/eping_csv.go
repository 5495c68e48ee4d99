package ingest

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/stdbridge/stdbridge/kb"
)

// MaxExportBytes bounds an ePing CSV or XLSX file. A real export of a
// year of notifications is a few megabytes.
const MaxExportBytes = 256 << 20

// ReadEpingCSV reads the CSV form of ePing's "Export search results" into
// notifications, one per row, normalised. Problems of the whole file come
// back together as a *FileError whose lines are the CSV's line numbers.
func ReadEpingCSV(r io.Reader, name string) ([]kb.Record, error) {
	c := newCollector(name)
	cr := csv.NewReader(&limitReader{r: r, n: MaxExportBytes})
	cr.FieldsPerRecord = -1 // rows are matched to the header below
	cr.ReuseRecord = true

	var h header
	haveHeader, headerLen := false, 0
	var items []item
	for !c.full() {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			c.addf(pe.Line, "", "malformed CSV at byte %d of the line: %v", pe.Column, pe.Err)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		if !haveHeader {
			if len(row) > 0 {
				row[0] = strings.TrimPrefix(row[0], "\uFEFF") // Excel's "CSV UTF-8"
			}
			if h, err = parseHeader(row); err != nil {
				c.add(line, "", err)
				return nil, c.err()
			}
			haveHeader, headerLen = true, len(row)
			continue
		}
		if blankRow(row) {
			continue
		}
		if err := checkRow(row, headerLen); err != nil {
			c.add(line, "", err)
			continue
		}
		cells := h.cells(row)
		n, err := notificationFromRow(&cells)
		if err != nil {
			c.add(line, "", err)
			continue
		}
		items = append(items, item{line: line, rec: n})
	}
	if !haveHeader && len(c.fe.Lines) == 0 {
		c.add(0, "", errors.New("empty file: want an ePing export with a header row"))
	}
	recs := validate(c, items)
	if err := c.err(); err != nil {
		return nil, err
	}
	return recs, nil
}

func blankRow(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// checkRow rejects what would otherwise go wrong silently: text that is
// not UTF-8 (a file saved as "CSV" rather than "CSV UTF-8") and filled
// cells past the header's, which mean the row's columns have shifted.
func checkRow(row []string, headerLen int) error {
	for i, cell := range row {
		if !utf8.ValidString(cell) {
			return fmt.Errorf("column %d: invalid UTF-8 (save the file as CSV UTF-8)", i+1)
		}
		if i >= headerLen && strings.TrimSpace(cell) != "" {
			return fmt.Errorf("%d cells, but the header has %d: a quote or comma out of place?", len(row), headerLen)
		}
	}
	return nil
}

// limitReader fails, rather than stops quietly, past n bytes.
type limitReader struct {
	r io.Reader
	n int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		// At the limit: fine if the file ends here.
		var b [1]byte
		n, err := l.r.Read(b[:])
		if n == 0 {
			return 0, err
		}
		return 0, fmt.Errorf("file larger than %d MiB", MaxExportBytes>>20)
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}
