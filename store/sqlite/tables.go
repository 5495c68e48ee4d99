package sqlite

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// table describes how one kind is kept: its table, and the columns copied
// out of the record so readers can filter and sort without decoding JSON.
type table struct {
	kind      kb.Kind
	name      string
	cols      []string
	values    func(kb.Record) []any // one per col
	newRecord func() kb.Record

	selectByKey, insert, update string
}

func newTables() map[kb.Kind]*table {
	ts := []*table{{
		kind: kb.KindStandard, name: "standards",
		cols: []string{"publisher", "status", "issued"},
		values: func(r kb.Record) []any {
			s := r.(*kb.Standard)
			return []any{s.Parsed().Publisher, string(s.Status), string(s.Issued)}
		},
		newRecord: func() kb.Record { return new(kb.Standard) },
	}, {
		kind: kb.KindNotification, name: "notifications",
		cols: []string{"symbol", "natural_key", "member", "area", "type", "distributed", "comment_deadline", "root"},
		values: func(r kb.Record) []any {
			n := r.(*kb.Notification)
			var symbol, root any // NULL without a symbol
			if sym, ok := n.ParsedSymbol(); ok {
				symbol, root = n.Symbol, sym.Root().String()
			}
			return []any{symbol, n.NaturalKey(), n.Member, string(n.Area), string(n.Type),
				string(n.Distributed), string(n.CommentDeadline), root}
		},
		newRecord: func() kb.Record { return new(kb.Notification) },
	}, {
		kind: kb.KindRegulation, name: "regulations",
		cols: []string{"jurisdiction"},
		values: func(r kb.Record) []any {
			return []any{r.(*kb.Regulation).Jurisdiction}
		},
		newRecord: func() kb.Record { return new(kb.Regulation) },
	}, {
		kind: kb.KindMapping, name: "mappings",
		cols: []string{"foreign_number", "domestic_number", "status", "degree"},
		values: func(r kb.Record) []any {
			m := r.(*kb.Mapping)
			return []any{m.Foreign, m.Domestic, string(m.Status), string(m.Degree)}
		},
		newRecord: func() kb.Record { return new(kb.Mapping) },
	}, {
		kind: kb.KindRequirement, name: "requirements",
		cols: []string{"source", "topic", "parameter", "scope"},
		values: func(r kb.Record) []any {
			q := r.(*kb.Requirement)
			return []any{q.Source, q.Topic, q.Parameter, q.Scope}
		},
		newRecord: func() kb.Record { return new(kb.Requirement) },
	}}
	m := make(map[kb.Kind]*table, len(ts))
	for _, t := range ts {
		cols := strings.Join(t.cols, ", ")
		t.selectByKey = "SELECT id, key, json, version FROM " + t.name + " WHERE key = ?"
		t.insert = fmt.Sprintf("INSERT INTO %s (key, json, version, updated_at, %s) VALUES (?, ?, ?, ?%s)",
			t.name, cols, strings.Repeat(", ?", len(t.cols)))
		t.update = fmt.Sprintf("UPDATE %s SET key = ?, json = ?, version = ?, updated_at = ?, %s = ? WHERE id = ?",
			t.name, strings.Join(t.cols, " = ?, "))
		m[t.kind] = t
	}
	return m
}

// tableOf returns the table of kind.
func (s *Store) tableOf(kind kb.Kind) (*table, error) {
	t, ok := s.tables[kind]
	if !ok {
		return nil, fmt.Errorf("unknown kind %q", kind)
	}
	return t, nil
}

// tableFor returns the table a record goes to, refusing records that are
// not one of kb's types (or are nil pointers to one).
func (s *Store) tableFor(rec kb.Record) (*table, error) {
	if rec == nil {
		return nil, fmt.Errorf("nil record")
	}
	if v := reflect.ValueOf(rec); v.Kind() == reflect.Pointer && v.IsNil() {
		return nil, fmt.Errorf("nil %T", rec)
	}
	t, err := s.tableOf(rec.Kind())
	if err != nil {
		return nil, err
	}
	if want := reflect.TypeOf(t.newRecord()); reflect.TypeOf(rec) != want {
		return nil, fmt.Errorf("record of type %T for kind %s (want %v)", rec, t.kind, want)
	}
	return t, nil
}

// encode is the canonical JSON of a normalised record: what is stored, and
// what two versions are compared by.
func encode(rec kb.Record) ([]byte, error) {
	b, err := json.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("encode %s %q: %w", rec.Kind(), rec.Key(), err)
	}
	return b, nil
}

func (t *table) decode(data []byte) (kb.Record, error) {
	r := t.newRecord()
	if err := json.Unmarshal(data, r); err != nil {
		return nil, fmt.Errorf("decode stored %s: %w", t.kind, err)
	}
	return r, nil
}

// link is one edge a record makes to a standard number.
type link struct {
	rel    store.Rel
	to     string
	degree kb.Degree
}

// linksOf lists the edges of a record, in the order the record writes them.
func linksOf(rec kb.Record) []link {
	var out []link
	switch r := rec.(type) {
	case *kb.Standard:
		for _, a := range r.Adopts {
			out = append(out, link{store.RelAdopts, a.Number, a.Degree})
		}
		for _, n := range r.Replaces {
			out = append(out, link{store.RelReplaces, n, ""})
		}
		for _, n := range r.ReplacedBy {
			out = append(out, link{store.RelReplacedBy, n, ""})
		}
	case *kb.Regulation:
		for _, n := range r.References {
			out = append(out, link{store.RelReferences, n, ""})
		}
	case *kb.Mapping:
		out = append(out,
			link{store.RelMapping, r.Foreign, r.Degree},
			link{store.RelMapping, r.Domestic, r.Degree})
	}
	return out
}

// undated is the number without year and amendments, or the number itself
// when it does not parse (stored numbers always should).
func undated(number string) string {
	n, err := kb.ParseStandardNumber(number)
	if err != nil {
		return number
	}
	return n.Undated()
}
