package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stdbridge/stdbridge/internal/spell"
	"github.com/stdbridge/stdbridge/kb"
)

// MaxLineBytes bounds one JSON Lines line. The largest real record is a few
// kilobytes; a longer line is a mistake (a binary file, a file without line
// ends) and is reported rather than buffered.
const MaxLineBytes = 4 << 20

var utf8BOM = []byte("\uFEFF")

// ReadJSONL reads a JSON Lines file in the format of docs/jsonl.md:
// one object per line with a "kind", blank lines and lines starting with
// "//" skipped. Every record is normalised. Problems of the whole file are
// collected and returned together as a *FileError; name is what the
// messages call the file.
func ReadJSONL(r io.Reader, name string) ([]kb.Record, error) {
	c := newCollector(name)
	var items []item
	br := bufio.NewReaderSize(r, 64<<10)
	for lineNo := 1; !c.full(); lineNo++ {
		line, _, tooLong, err := ReadLine(br, MaxLineBytes)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		if tooLong {
			c.addf(lineNo, "", "line longer than %d MiB", MaxLineBytes>>20)
			continue
		}
		if lineNo == 1 {
			line = bytes.TrimPrefix(line, utf8BOM)
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 || bytes.HasPrefix(line, []byte("//")) {
			continue
		}
		rec, err := decodeLine(line)
		if err != nil {
			c.add(lineNo, "", err)
			continue
		}
		items = append(items, item{line: lineNo, rec: rec})
	}
	recs := validate(c, items)
	if err := c.err(); err != nil {
		return nil, err
	}
	return recs, nil
}

// decodeLine turns one line into a record of the kind it names, strictly:
// a field the kind does not have is an error, not silently dropped.
func decodeLine(line []byte) (kb.Record, error) {
	if !utf8.Valid(line) {
		return nil, fmt.Errorf("invalid UTF-8 at byte %d", invalidUTF8At(line)+1)
	}
	if line[0] != '{' {
		return nil, fmt.Errorf("want a JSON object, got %s", preview(line))
	}
	var head struct {
		Kind *string `json:"kind"`
	}
	hd := json.NewDecoder(bytes.NewReader(line))
	if err := hd.Decode(&head); err != nil {
		return nil, jsonError(err, nil)
	}
	if rest := bytes.TrimSpace(line[hd.InputOffset():]); len(rest) > 0 {
		return nil, fmt.Errorf("unexpected %s after the object (one object per line)", preview(rest))
	}
	if head.Kind == nil {
		return nil, errors.New(`missing "kind"`)
	}
	kind, err := kb.ParseKind(*head.Kind)
	if err != nil {
		return nil, err
	}
	rec, target := newRecord(kind)
	if rec == nil {
		return nil, fmt.Errorf("kind %q cannot be imported yet", kind)
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(target); err != nil {
		return nil, jsonError(err, rec)
	}
	return rec, nil
}

// The wrappers let a line carry "kind" beside the record's own fields while
// the decoder still rejects fields the record does not have.
type (
	standardLine struct {
		Kind string `json:"kind"`
		*kb.Standard
	}
	notificationLine struct {
		Kind string `json:"kind"`
		*kb.Notification
	}
	regulationLine struct {
		Kind string `json:"kind"`
		*kb.Regulation
	}
	mappingLine struct {
		Kind string `json:"kind"`
		*kb.Mapping
	}
	requirementLine struct {
		Kind string `json:"kind"`
		*kb.Requirement
	}
)

// newRecord returns an empty record of kind and the value to decode into.
func newRecord(kind kb.Kind) (kb.Record, any) {
	switch kind {
	case kb.KindStandard:
		r := new(kb.Standard)
		return r, &standardLine{Standard: r}
	case kb.KindNotification:
		r := new(kb.Notification)
		return r, &notificationLine{Notification: r}
	case kb.KindRegulation:
		r := new(kb.Regulation)
		return r, &regulationLine{Regulation: r}
	case kb.KindMapping:
		r := new(kb.Mapping)
		return r, &mappingLine{Mapping: r}
	case kb.KindRequirement:
		r := new(kb.Requirement)
		return r, &requirementLine{Requirement: r}
	}
	return nil, nil // a kind added to kb.Kinds without a case here
}

// jsonError rewords encoding/json's errors for a person editing the file.
func jsonError(err error, rec kb.Record) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("invalid JSON at byte %d: %s", syn.Offset, strings.TrimPrefix(syn.Error(), "json: "))
	case errors.As(err, &typ):
		// The wrapper's embedded record shows as "Standard.ics".
		field := typ.Field
		if first, rest, ok := strings.Cut(field, "."); ok && first != "" && unicode.IsUpper(rune(first[0])) {
			field = rest
		}
		if field == "" {
			return fmt.Errorf("want %s, got %s", jsonType(typ.Type), typ.Value)
		}
		return fmt.Errorf("%s: want %s, got %s", field, jsonType(typ.Type), typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return errors.New("invalid JSON: the object is not closed")
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if f, ok := strings.CutPrefix(msg, "unknown field "); ok && rec != nil {
		return unknownField(strings.Trim(f, `"`), rec)
	}
	return errors.New(msg)
}

// unknownField names the field and, for a likely typo, the one meant.
func unknownField(field string, rec kb.Record) error {
	best, bestDist := "", 3
	for _, f := range jsonFields(reflect.TypeOf(rec).Elem()) {
		if d := spell.Distance(strings.ToLower(field), f, bestDist); d < bestDist {
			best, bestDist = f, d
		}
	}
	if best != "" {
		return fmt.Errorf("unknown field %q (did you mean %q?)", field, best)
	}
	return fmt.Errorf("unknown field %q for a %s", field, rec.Kind())
}

func jsonFields(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			out = append(out, name)
		}
	}
	return out
}

func jsonType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Int, reflect.Int64, reflect.Float64:
		return "a number"
	}
	return t.String()
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// preview quotes the start of b for an error message.
func preview(b []byte) string {
	const n = 20
	if len(b) > n {
		cut := n
		for cut > 0 && !utf8.RuneStart(b[cut]) {
			cut--
		}
		return fmt.Sprintf("%q...", b[:cut])
	}
	return fmt.Sprintf("%q", b)
}
