package mapping

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/stdbridge/stdbridge/kb"
)

// Pair is one true correspondence: a GB standard that adopts a foreign one.
type Pair struct {
	Foreign, Domestic string
	Degree            kb.Degree
}

// ReadPairs reads foreign-id<TAB>gb-id<TAB>degree lines; blank lines and
// lines starting with # are skipped. Every problem is reported with its
// line number.
func ReadPairs(r io.Reader) ([]Pair, error) {
	var out []Pair
	var errs []string
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != 3 {
			errs = append(errs, fmt.Sprintf("line %d: want foreign-id<TAB>gb-id<TAB>degree, got %d fields", line, len(f)))
			continue
		}
		fn, err1 := kb.ParseStandardNumber(f[0])
		dn, err2 := kb.ParseStandardNumber(f[1])
		deg, err3 := kb.ParseDegree(f[2])
		switch {
		case err1 != nil:
			errs = append(errs, fmt.Sprintf("line %d: %v", line, err1))
		case err2 != nil:
			errs = append(errs, fmt.Sprintf("line %d: %v", line, err2))
		case err3 != nil:
			errs = append(errs, fmt.Sprintf("line %d: %v", line, err3))
		case fn.IsChinese() || !dn.IsChinese():
			errs = append(errs, fmt.Sprintf("line %d: want a foreign standard, then a Chinese one", line))
		default:
			out = append(out, Pair{Foreign: fn.String(), Domestic: dn.String(), Degree: deg})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read pairs: %w", err)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("read pairs: %s", strings.Join(errs, "; "))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("read pairs: no pairs")
	}
	return out, nil
}

// Split picks the standards and mappings out of a knowledge base's
// records, the two kinds suggestions are drawn from.
func Split(recs []kb.Record) ([]*kb.Standard, []*kb.Mapping) {
	var stds []*kb.Standard
	var maps []*kb.Mapping
	for _, r := range recs {
		switch v := r.(type) {
		case *kb.Standard:
			stds = append(stds, v)
		case *kb.Mapping:
			maps = append(maps, v)
		}
	}
	return stds, maps
}

// Result is how well suggestions find the true pairs.
type Result struct {
	Pairs   int
	Top1    float64 // share of pairs whose GB standard is ranked first
	Recall5 float64 // share ranked in the first five
	Misses  []Miss  // pairs not ranked first
}

// Miss is a pair the suggestions did not rank first.
type Miss struct {
	Pair
	Rank int    // 1-based; 0 when not suggested at all
	Top  string // what was ranked first instead
}

// Evaluate hides what would give each pair away — the GB standard's
// adoption record and any mapping between the two — and checks where the
// suggestions for the foreign standard rank the GB one.
func Evaluate(standards []*kb.Standard, mappings []*kb.Mapping, g *Glossary, pairs []Pair) (Result, error) {
	hidden := map[string]bool{}
	for _, p := range pairs {
		hidden[p.Domestic] = true
	}
	stds := make([]*kb.Standard, 0, len(standards))
	for _, s := range standards {
		if n, err := kb.CanonicalStandardNumber(s.Number); err == nil && hidden[n] {
			c := *s
			c.Adopts = nil
			s = &c
		}
		stds = append(stds, s)
	}
	var maps []*kb.Mapping
	for _, m := range mappings {
		d, err := kb.CanonicalStandardNumber(m.Domestic)
		if err == nil && hidden[d] {
			continue
		}
		maps = append(maps, m)
	}
	c := NewCorpus(stds, maps, g)
	res := Result{Pairs: len(pairs)}
	var top1, in5 int
	for _, p := range pairs {
		if c.entries[p.Domestic] == nil {
			return Result{}, fmt.Errorf("evaluate: %s is not in the knowledge base", p.Domestic)
		}
		sugs, err := c.Suggest(p.Foreign, 0)
		if err != nil {
			return Result{}, fmt.Errorf("evaluate %s: %w", p.Foreign, err)
		}
		rank := 0
		for i, s := range sugs {
			if n, _ := kb.CanonicalStandardNumber(s.Number); n == p.Domestic {
				rank = i + 1
				break
			}
		}
		if rank == 1 {
			top1++
		} else {
			m := Miss{Pair: p, Rank: rank}
			if len(sugs) > 0 {
				m.Top = sugs[0].Number
			}
			res.Misses = append(res.Misses, m)
		}
		if rank >= 1 && rank <= 5 {
			in5++
		}
	}
	res.Top1 = float64(top1) / float64(len(pairs))
	res.Recall5 = float64(in5) / float64(len(pairs))
	return res, nil
}
