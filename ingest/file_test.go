package ingest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDetectFormat(t *testing.T) {
	const epingHead = "Notifying Member,Distribution date,Document symbol,Title\r\nChina,2025-06-10,,Toys\r\n"
	tests := []struct {
		name, head string
		want       Format
		err        string
	}{
		{"a.jsonl", `{"kind":"standard"}`, FormatJSONL, ""},
		{"a.ndjson", "", FormatJSONL, ""},
		{"a.json", "garbage", FormatJSONL, ""}, // the reader reports the garbage
		{"seed", "// curated facts\n{}", FormatJSONL, ""},
		{"seed.txt", "\uFEFF\n\n  {\"kind\":\"mapping\"}", FormatJSONL, ""},
		{"export.csv", epingHead, FormatEpingCSV, ""},
		{"export", "\uFEFF" + epingHead, FormatEpingCSV, ""},
		{"export.txt", `"Notifying Member","Title"` + "\n", FormatEpingCSV, ""},
		{"other.csv", "number,title\n", FormatEpingCSV, ""}, // the reader names the missing columns
		{"export.xlsx", "PK\x03\x04rest", FormatEpingXLSX, ""},
		{"export.csv", "PK\x03\x04rest", FormatEpingXLSX, ""},
		{"export.xlsx", epingHead, "", "export.xlsx: not an XLSX workbook (no zip signature); export from ePing again or save as .xlsx"},
		{"export.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "", "export.xls: an old Excel .xls workbook; save it as .xlsx"},
		{"notes.txt", "hello", "", "notes.txt: unknown format: want JSON Lines (.jsonl) or an ePing export (.csv, .xlsx)"},
	}
	for _, tt := range tests {
		got, err := DetectFormat(tt.name, []byte(tt.head))
		if got != tt.want || errString(err) != tt.err {
			t.Errorf("DetectFormat(%q, %q) = %q, %v; want %q, %q", tt.name, tt.head, got, err, tt.want, tt.err)
		}
	}
}

func TestReadFileMissing(t *testing.T) {
	_, err := ReadFile(filepath.Join(t.TempDir(), "nope.jsonl"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile(missing) = %v, want fs.ErrNotExist", err)
	}
}
