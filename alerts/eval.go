package alerts

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/stdbridge/stdbridge/kb"
)

// Judged is a subscription of an evaluation set with the notifications a
// person judged it should match: by its need, what the subscriber wants,
// not by its conditions, which real users write imperfectly.
type Judged struct {
	Name         string          `json:"name"`
	Need         string          `json:"need"`
	Subscription kb.Subscription `json:"subscription"`
	Expected     []string        `json:"expected,omitempty"` // notification keys (symbols)
}

// ReadJudged reads an evaluation set's subscriptions, one JSON object a
// line; blank lines and lines starting with "//" or "#" are skipped.
// Subscription fields are spelt as kb.Subscription's, in any case
// ("keywords", "hs"); unknown fields are errors, as a misspelt condition
// would silently widen the subscription. Names must be unique.
func ReadJudged(r io.Reader) ([]Judged, error) {
	var out []Judged
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || bytes.HasPrefix(line, []byte("//")) || line[0] == '#' {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		var j Judged
		if err := dec.Decode(&j); err != nil {
			return nil, fmt.Errorf("judged subscriptions:%d: %w", n, err)
		}
		if j.Name == "" {
			return nil, fmt.Errorf("judged subscriptions:%d: no name", n)
		}
		if prev, dup := seen[j.Name]; dup {
			return nil, fmt.Errorf("judged subscriptions:%d: %q is already on line %d", n, j.Name, prev)
		}
		seen[j.Name] = n
		out = append(out, j)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("judged subscriptions: %w", err)
	}
	return out, nil
}

// ReadExpected adds to js the expected matches listed as
// name<TAB>symbol[<TAB>why] lines; blank lines and lines starting with "#"
// are skipped. A subscription without lines expects nothing.
func ReadExpected(r io.Reader, js []Judged) error {
	byName := map[string]*Judged{}
	for i := range js {
		byName[js[i].Name] = &js[i]
	}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 2 {
			return fmt.Errorf("expected matches:%d: want name<TAB>symbol", n)
		}
		j, ok := byName[cols[0]]
		if !ok {
			return fmt.Errorf("expected matches:%d: no subscription %q", n, cols[0])
		}
		key := strings.TrimSpace(cols[1])
		if sym, err := kb.ParseSymbol(key); err == nil {
			key = sym.String()
		}
		if slices.Contains(j.Expected, key) {
			return fmt.Errorf("expected matches:%d: %s is listed twice for %q", n, key, j.Name)
		}
		j.Expected = append(j.Expected, key)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("expected matches: %w", err)
	}
	return nil
}

// Report is how a matcher's alerts compare with the judgments.
type Report struct {
	Subscriptions []Result
	// Micro counts every alert alike; Macro averages the subscriptions'
	// scores, so a subscription with few expected matches weighs as much
	// as one with many.
	Micro, Macro Score
}

// Result is one judged subscription's outcome.
type Result struct {
	Name       string
	TP, FP, FN int
	Score
	// FalsePositives and FalseNegatives are notification keys, sorted.
	FalsePositives, FalseNegatives []string
	// Invalid is why the subscription failed Normalize: the matcher leaves
	// it out, so it matches nothing.
	Invalid error
}

// Score is a precision and a recall. Precision is 1 when nothing was
// matched (no alert was wrong), recall is 1 when nothing was expected.
type Score struct {
	Precision, Recall float64
}

func score(tp, fp, fn int) Score {
	s := Score{Precision: 1, Recall: 1}
	if tp+fp > 0 {
		s.Precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		s.Recall = float64(tp) / float64(tp+fn)
	}
	return s
}

// Evaluate matches the notifications against the judged subscriptions with
// fold (nil: the plain folder, as NewMatcher) and scores the alerts
// against the expected ones, by notification key.
func Evaluate(js []Judged, ns []*kb.Notification, fold Folder) Report {
	subs := make([]kb.Subscription, len(js))
	for i, j := range js {
		subs[i] = j.Subscription
		subs[i].ID = int64(i + 1) // the set's own IDs, if any, do not matter
	}
	matched := make([][]string, len(js))
	for i, ids := range NewMatcher(subs, fold).MatchAll(ns) {
		for _, id := range ids {
			matched[id-1] = append(matched[id-1], ns[i].Key())
		}
	}
	var r Report
	var tp, fp, fn int
	for i, j := range js {
		s := clone(subs[i])
		res := Result{Name: j.Name, Invalid: s.Normalize()}
		got, want := distinct(matched[i]), distinct(j.Expected)
		for _, k := range got {
			if _, ok := slices.BinarySearch(want, k); ok {
				res.TP++
			} else {
				res.FalsePositives = append(res.FalsePositives, k)
			}
		}
		for _, k := range want {
			if _, ok := slices.BinarySearch(got, k); !ok {
				res.FalseNegatives = append(res.FalseNegatives, k)
			}
		}
		res.FP, res.FN = len(res.FalsePositives), len(res.FalseNegatives)
		res.Score = score(res.TP, res.FP, res.FN)
		tp, fp, fn = tp+res.TP, fp+res.FP, fn+res.FN
		r.Macro.Precision += res.Precision
		r.Macro.Recall += res.Recall
		r.Subscriptions = append(r.Subscriptions, res)
	}
	r.Micro = score(tp, fp, fn)
	if n := float64(len(js)); n > 0 {
		r.Macro.Precision /= n
		r.Macro.Recall /= n
	} else {
		r.Macro = score(0, 0, 0)
	}
	return r
}

func distinct(keys []string) []string {
	out := slices.Clone(keys)
	slices.Sort(out)
	return slices.Compact(out)
}

// String lays the report out for a person: a line per subscription, its
// false positives and negatives under it, and the averages.
func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-28s %4s %4s %4s %9s %6s\n", "subscription", "TP", "FP", "FN", "precision", "recall")
	for _, s := range r.Subscriptions {
		fmt.Fprintf(&b, "%-28s %4d %4d %4d %9.2f %6.2f\n", s.Name, s.TP, s.FP, s.FN, s.Precision, s.Recall)
		if s.Invalid != nil {
			fmt.Fprintf(&b, "    invalid: %v\n", s.Invalid)
		}
		if len(s.FalsePositives) > 0 {
			fmt.Fprintf(&b, "    false positives: %s\n", strings.Join(s.FalsePositives, " "))
		}
		if len(s.FalseNegatives) > 0 {
			fmt.Fprintf(&b, "    false negatives: %s\n", strings.Join(s.FalseNegatives, " "))
		}
	}
	fmt.Fprintf(&b, "%-43s %9.3f %6.3f\n", "micro average", r.Micro.Precision, r.Micro.Recall)
	fmt.Fprintf(&b, "%-43s %9.3f %6.3f\n", "macro average", r.Macro.Precision, r.Macro.Recall)
	return b.String()
}
