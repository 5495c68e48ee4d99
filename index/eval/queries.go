// Package eval measures search quality against graded relevance
// judgments: it reads a queries file and TREC-style qrels, runs every
// query through a searcher, and reports nDCG@10, MRR and Recall@20 per
// query, overall and per group of queries, for one system or several side
// by side.
package eval

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Query is one query of an evaluation set.
type Query struct {
	ID   string
	Text string
	// Group is the text of the last # comment line before the query, so a
	// file's sections ("# standard numbers", "# 中文产品词") become groups
	// whose means are reported apart.
	Group string
	Line  int
}

// ReadQueries reads a queries file: one query-id<TAB>text per line, blank
// lines ignored, lines starting with # are comments naming the group of
// the queries below them. Every bad line is reported, with its number.
func ReadQueries(r io.Reader) ([]Query, error) {
	var (
		out   []Query
		errs  lineErrors
		group string
		first = map[string]int{} // query id → line it is on
	)
	err := eachLine(r, func(n int, line string) {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			return
		case !utf8.ValidString(line):
			errs.add(n, "not valid UTF-8")
			return
		case strings.HasPrefix(trimmed, "#"):
			if g := strings.TrimSpace(strings.TrimLeft(trimmed, "#")); g != "" {
				group = g
			}
			return
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 2 {
			errs.add(n, "want query-id<TAB>text, found %d tab-separated fields", len(fields))
			return
		}
		id, text := strings.TrimSpace(fields[0]), strings.TrimSpace(fields[1])
		switch {
		case id == "":
			errs.add(n, "empty query id")
		case strings.ContainsFunc(id, unicode.IsSpace):
			// qrels are split on white space: such an id could never be judged.
			errs.add(n, "query id %q contains white space", id)
		case text == "":
			errs.add(n, "query %s has no text", id)
		case first[id] != 0:
			errs.add(n, "duplicate query id %s (first on line %d)", id, first[id])
		default:
			first[id] = n
			out = append(out, Query{ID: id, Text: text, Group: group, Line: n})
		}
	})
	if err != nil {
		return nil, fmt.Errorf("read queries: %w", err)
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, errors.New("no queries")
	}
	return out, nil
}

// maxLine is the longest line the readers accept.
const maxLine = 1 << 20

// eachLine calls fn with every line of r and its number, counting from 1,
// without the line ending or a leading byte order mark.
func eachLine(r io.Reader, fn func(n int, line string)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxLine)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		fn(n, line)
	}
	if errors.Is(sc.Err(), bufio.ErrTooLong) {
		return fmt.Errorf("line %d: longer than %d bytes", n+1, maxLine)
	}
	return sc.Err()
}

// maxErrors is how many bad lines an error lists: a file of the wrong
// kind would otherwise produce one line of error per line of file.
const maxErrors = 20

// lineErrors collects the problems of a file, one per bad line.
type lineErrors struct {
	list []string
	more int
}

// add records the problem of line n; n 0 means no line to point at.
func (e *lineErrors) add(n int, format string, args ...any) {
	if len(e.list) == maxErrors {
		e.more++
		return
	}
	msg := fmt.Sprintf(format, args...)
	if n > 0 {
		msg = fmt.Sprintf("line %d: %s", n, msg)
	}
	e.list = append(e.list, msg)
}

func (e *lineErrors) err() error {
	if len(e.list) == 0 {
		return nil
	}
	msg := strings.Join(e.list, "\n")
	if e.more > 0 {
		msg += fmt.Sprintf("\n... and %d more bad lines", e.more)
	}
	return errors.New(msg)
}
