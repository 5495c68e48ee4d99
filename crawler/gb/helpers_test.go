package gb

import (
	"bytes"
	"encoding/json"
	"testing"
)

// toJSON renders v for golden files, keeping Chinese and <> readable.
func toJSON(t testing.TB, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// cut returns the first half of body, as a transfer cut short leaves it.
func cut(body []byte, frac float64) []byte {
	return body[:int(float64(len(body))*frac)]
}
