package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/stdbridge/stdbridge/kb"
)

// Format is a kind of file ReadFile understands.
type Format string

const (
	FormatJSONL     Format = "jsonl"      // docs/jsonl.md
	FormatEpingCSV  Format = "eping-csv"  // ePing "Export search results", CSV
	FormatEpingXLSX Format = "eping-xlsx" // the same as an Excel workbook
)

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") // .xls of Excel 97-2003
)

// sniffBytes is how much of a file DetectFormat looks at: enough for an
// ePing CSV header.
const sniffBytes = 8 << 10

// DetectFormat tells the format from the file name and its first bytes.
// The content wins over the extension where it is unambiguous: a zip is a
// workbook, a CSV header naming "Notifying Member" is an ePing export.
func DetectFormat(name string, head []byte) (Format, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(head, zipMagic):
		return FormatEpingXLSX, nil
	case bytes.HasPrefix(head, oleMagic):
		return "", fmt.Errorf("%s: an old Excel .xls workbook; save it as .xlsx", name)
	case ext == ".xlsx":
		return "", fmt.Errorf("%s: %w", name, errNotXLSX)
	case isEpingCSVHeader(head):
		return FormatEpingCSV, nil
	case ext == ".csv":
		return FormatEpingCSV, nil // the reader says which columns are missing
	case ext == ".jsonl" || ext == ".ndjson" || ext == ".json" || looksLikeJSONL(head):
		return FormatJSONL, nil
	}
	return "", fmt.Errorf("%s: unknown format: want JSON Lines (.jsonl) or an ePing export (.csv, .xlsx)", name)
}

func isEpingCSVHeader(head []byte) bool {
	head = bytes.TrimPrefix(head, utf8BOM)
	line, _, _ := bytes.Cut(head, []byte("\n"))
	cr := csv.NewReader(bytes.NewReader(line))
	cr.LazyQuotes = true
	cells, err := cr.Read()
	return err == nil && isEpingHeader(cells)
}

// looksLikeJSONL is true when the first non-blank line is an object or a
// comment.
func looksLikeJSONL(head []byte) bool {
	head = bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	return bytes.HasPrefix(head, []byte("{")) || bytes.HasPrefix(head, []byte("//"))
}

// ReadFile reads a file of any supported format, telling which from its
// name and content. Errors name the file by path.
func ReadFile(path string) ([]kb.Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err // *PathError already names the path
	}
	defer f.Close()
	return Read(f, path)
}

// Read reads r in the format DetectFormat finds for name and its content.
func Read(r io.Reader, name string) ([]kb.Record, error) {
	br := bufio.NewReaderSize(r, sniffBytes)
	head, err := br.Peek(sniffBytes)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	format, err := DetectFormat(name, head)
	if err != nil {
		return nil, err
	}
	return ReadFormat(br, name, format)
}

// ReadFormat reads r in a known format.
func ReadFormat(r io.Reader, name string, format Format) ([]kb.Record, error) {
	switch format {
	case FormatJSONL:
		return ReadJSONL(r, name)
	case FormatEpingCSV:
		return ReadEpingCSV(r, name)
	case FormatEpingXLSX:
		return ReadEpingXLSX(r, name)
	}
	return nil, fmt.Errorf("%s: unknown format %q", name, format)
}
