package eval

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stdbridge/stdbridge/kb"
)

// MaxGrade is the highest relevance grade: 0 not relevant, 1 somewhat,
// 2 relevant, 3 exactly what was asked for.
const MaxGrade = 3

// Qrels are graded relevance judgments.
type Qrels struct {
	// Grades maps query id → doc id → grade. A doc id is kind:key
	// ("standard:GB/T 19001-2016"), see DocID.
	Grades map[string]map[string]int
	// lines maps a query id to the line it is first judged on, for errors.
	lines map[string]int
}

// ReadQrels reads judgments in TREC format, one per line:
//
//	query-id 0 doc-id grade
//
// separated by white space. The doc id may itself hold spaces (standard
// numbers do); it is everything between the second field and the grade,
// its spaces collapsed to one. Blank lines and lines starting with # are
// ignored. Doc ids must name a kind and, for standards, notifications and
// mappings, use the canonical identifier, as hits do: a misspelt id would
// otherwise never match and silently count as a miss.
func ReadQrels(r io.Reader) (Qrels, error) {
	q := Qrels{Grades: map[string]map[string]int{}, lines: map[string]int{}}
	var errs lineErrors
	first := map[[2]string]int{} // query id, doc id → line
	err := eachLine(r, func(n int, line string) {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
			return
		case !utf8.ValidString(line):
			errs.add(n, "not valid UTF-8")
			return
		}
		f := strings.Fields(line)
		if len(f) < 4 {
			errs.add(n, "want query-id 0 doc-id grade, found %d fields", len(f))
			return
		}
		qid, iter, doc, grade := f[0], f[1], strings.Join(f[2:len(f)-1], " "), f[len(f)-1]
		if _, err := strconv.ParseUint(iter, 10, 32); err != nil {
			errs.add(n, "second field %q: want 0 (the TREC iteration)", iter)
			return
		}
		g, err := strconv.Atoi(grade)
		if err != nil || g < 0 || g > MaxGrade {
			errs.add(n, "grade %q: want 0, 1, 2 or 3", grade)
			return
		}
		if err := checkDocID(doc); err != nil {
			errs.add(n, "doc id %q: %v", doc, err)
			return
		}
		k := [2]string{qid, doc}
		if l := first[k]; l != 0 {
			errs.add(n, "duplicate judgment of %s for query %s (first on line %d)", doc, qid, l)
			return
		}
		first[k] = n
		if q.Grades[qid] == nil {
			q.Grades[qid] = map[string]int{}
			q.lines[qid] = n
		}
		q.Grades[qid][doc] = g
	})
	if err != nil {
		return Qrels{}, fmt.Errorf("read qrels: %w", err)
	}
	if err := errs.err(); err != nil {
		return Qrels{}, err
	}
	if len(q.Grades) == 0 {
		return Qrels{}, errors.New("no judgments")
	}
	return q, nil
}

// checkDocID checks that a doc id is kind:key with the key as the kind's
// records spell it.
func checkDocID(doc string) error {
	kind, key, ok := strings.Cut(doc, ":")
	if !ok || key == "" {
		return errors.New("want kind:key")
	}
	k, err := kb.ParseKind(kind)
	if err != nil {
		return err
	}
	canon := kb.CanonicalStandardNumber
	want := key
	switch k {
	case kb.KindStandard:
		if want, err = canon(key); err != nil {
			return err
		}
	case kb.KindNotification:
		if strings.HasPrefix(key, "ePing-") {
			break
		}
		s, err := kb.ParseSymbol(key)
		if err != nil {
			return err
		}
		want = s.String()
	case kb.KindMapping:
		foreign, domestic, ok := strings.Cut(key, " ~ ")
		if !ok {
			return errors.New(`a mapping's key is "foreign ~ domestic"`)
		}
		if foreign, err = canon(foreign); err != nil {
			return err
		}
		if domestic, err = canon(domestic); err != nil {
			return err
		}
		want = foreign + " ~ " + domestic
	}
	if want != key {
		return fmt.Errorf("write %s:%s, as the record's key is spelt", kind, want)
	}
	return nil
}

// Check reports, by line, judgments of queries that are not in queries:
// they would be silently left out of every mean.
func (q Qrels) Check(queries []Query) error {
	known := map[string]bool{}
	for _, qu := range queries {
		known[qu.ID] = true
	}
	var unknown []string
	for id := range q.Grades {
		if !known[id] {
			unknown = append(unknown, id)
		}
	}
	slices.SortFunc(unknown, func(a, b string) int {
		return cmp.Or(cmp.Compare(q.lines[a], q.lines[b]), cmp.Compare(a, b))
	})
	var errs lineErrors
	for _, id := range unknown {
		errs.add(q.lines[id], "query %s is judged but not in the queries file", id)
	}
	if err := errs.err(); err != nil {
		return fmt.Errorf("qrels: %w", err)
	}
	return nil
}
