package iso

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/stdbridge/stdbridge/ingest"
)

// MaxLineBytes bounds one line. Real lines are a few kilobytes (the scope
// is the long part); a longer one is not a deliverable and is reported
// rather than buffered.
const MaxLineBytes = 4 << 20

// sniffLines is how many non-blank lines may go by without a single JSON
// object before the input is declared not JSON Lines at all.
const sniffLines = 100

// Catalogue is the whole file: the deliverables that could be read and
// the lines that could not.
type Catalogue struct {
	Deliverables []Deliverable
	Problems     []Problem
	lines        []int // lines[i] is the line Deliverables[i] came from
}

// Problem is a line, or a deliverable, that could not be used as it is.
type Problem struct {
	Line      int    // 1-based line in the file; 0 when unknown
	Reference string // the deliverable's reference, when it could be read
	Reason    string
}

func (p Problem) String() string {
	s := "line " + strconv.Itoa(p.Line)
	if p.Reference != "" {
		s += " (" + p.Reference + ")"
	}
	return s + ": " + p.Reason
}

// ReadCatalogue reads iso_deliverables_metadata.jsonl. Lines that are not
// JSON objects, or lack an id or a reference, or repeat an id, become
// Problems. The error is for input that is not JSON Lines at all (an HTML
// or XML error page, a JSON array, an empty body) and for a download cut
// off mid-line: a last line without a line end that is not complete JSON.
func ReadCatalogue(r io.Reader) (*Catalogue, error) {
	c := &Catalogue{}
	br := bufio.NewReaderSize(r, 64<<10)
	firstLine := map[int]int{} // id → line it was first seen on
	sawObject := false
	nonBlank := 0
	for lineNo := 1; ; lineNo++ {
		line, ended, tooLong, err := ingest.ReadLine(br, MaxLineBytes)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read ISO catalogue line %d: %w", lineNo, err)
		}
		if lineNo == 1 {
			line = bytes.TrimPrefix(line, []byte("\uFEFF"))
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 && !tooLong {
			continue
		}
		nonBlank++
		if nonBlank == 1 && len(line) > 0 && line[0] == '<' {
			return nil, fmt.Errorf("read ISO catalogue: not JSON Lines but markup (an error page?): %s", preview(line))
		}
		if !sawObject && nonBlank > sniffLines {
			return nil, fmt.Errorf("read ISO catalogue: none of the first %d lines is a JSON object: not JSON Lines", sniffLines)
		}
		if tooLong {
			c.Problems = append(c.Problems, Problem{Line: lineNo, Reason: fmt.Sprintf("line longer than %d MiB", MaxLineBytes>>20)})
			continue
		}
		d, isJSON, isObject, err := decodeLine(line)
		if !ended && !isJSON {
			return nil, fmt.Errorf("read ISO catalogue: line %d is cut off (truncated download?): %s", lineNo, preview(line))
		}
		sawObject = sawObject || isObject
		if err != nil {
			c.Problems = append(c.Problems, Problem{Line: lineNo, Reference: d.Reference, Reason: err.Error()})
			continue
		}
		if first, dup := firstLine[d.ID]; dup {
			c.Problems = append(c.Problems, Problem{Line: lineNo, Reference: d.Reference,
				Reason: fmt.Sprintf("id %d already used on line %d", d.ID, first)})
			continue
		}
		firstLine[d.ID] = lineNo
		c.Deliverables = append(c.Deliverables, d)
		c.lines = append(c.lines, lineNo)
	}
	if !sawObject {
		if nonBlank == 0 {
			return nil, errors.New("read ISO catalogue: empty input")
		}
		return nil, errors.New("read ISO catalogue: no line is a JSON object: not JSON Lines")
	}
	return c, nil
}

// decodeLine decodes one non-blank line. isJSON tells whether the line is
// complete JSON and isObject whether it is a JSON object, whatever else is
// wrong with it.
func decodeLine(line []byte) (d Deliverable, isJSON, isObject bool, err error) {
	// Unmarshal checks the whole line is valid JSON before decoding
	// anything, so a syntax error means nothing was decoded.
	err = json.Unmarshal(line, &d)
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		return d, false, false, fmt.Errorf("invalid JSON: %w", err)
	}
	if line[0] != '{' {
		return d, true, false, fmt.Errorf("want a JSON object, got %s", preview(line))
	}
	if err != nil {
		return d, true, true, fmt.Errorf("decode: %w", err)
	}
	switch {
	case d.ID <= 0 && d.Reference == "":
		return d, true, true, errors.New("no id and no reference")
	case d.ID <= 0:
		return d, true, true, errors.New("no id")
	case d.Reference == "":
		return d, true, true, fmt.Errorf("id %d has no reference", d.ID)
	}
	return d, true, true, nil
}
