package ingest

import (
	"errors"
	"reflect"

	"github.com/stdbridge/stdbridge/kb"
)

// item is a record with the line it came from.
type item struct {
	line int
	rec  kb.Record
}

// validate normalises every record and rejects two records with the same
// identity, which the store would otherwise silently merge. Problems go to
// c; the records are only fit to write when c stayed empty.
func validate(c *collector, items []item) []kb.Record {
	type seen struct {
		line   int
		symbol bool
	}
	byKey := map[string]int{}
	byNatural := map[string][]seen{}
	out := make([]kb.Record, 0, len(items))
	for _, it := range items {
		if c.full() {
			break
		}
		if isNil(it.rec) {
			c.add(it.line, "", errNilRecord)
			continue
		}
		if err := it.rec.Normalize(); err != nil {
			c.add(it.line, it.rec.Key(), err)
			continue
		}
		key := it.rec.Key()
		id := string(it.rec.Kind()) + "\x00" + key
		if first, ok := byKey[id]; ok {
			if n, ok := it.rec.(*kb.Notification); ok && n.Symbol == "" {
				c.addf(it.line, key, "same member, area, distribution date and title as line %d, and no document symbol to tell them apart: fill in the symbol of either", first)
			} else {
				c.addf(it.line, key, "duplicate %s %q (first on line %d)", it.rec.Kind(), key, first)
			}
			continue
		}
		byKey[id] = it.line
		if n, ok := it.rec.(*kb.Notification); ok && hasNaturalKey(n) {
			// A notification without a symbol is the same as any other with
			// its member, area, date and title; two with symbols are not.
			nk := n.NaturalKey()
			hasSym := n.Symbol != ""
			for _, prev := range byNatural[nk] {
				if (!hasSym || !prev.symbol) && (hasSym || prev.symbol) {
					c.addf(it.line, key, "same notification as line %d (member, area, distributed and title match, and one has no symbol)", prev.line)
					break
				}
			}
			byNatural[nk] = append(byNatural[nk], seen{it.line, hasSym})
		}
		out = append(out, it.rec)
	}
	return out
}

func hasNaturalKey(n *kb.Notification) bool {
	return n.Member != "" && n.Area != "" && n.Distributed != "" && n.Title != ""
}

// positions numbers records not read from a file by their position.
func positions(recs []kb.Record) []item {
	items := make([]item, len(recs))
	for i, r := range recs {
		items[i] = item{line: i + 1, rec: r}
	}
	return items
}

// errNilRecord reports a nil record passed in by a caller.
var errNilRecord = errors.New("nil record")

func isNil(r kb.Record) bool {
	if r == nil {
		return true
	}
	v := reflect.ValueOf(r)
	return v.Kind() == reflect.Pointer && v.IsNil()
}
