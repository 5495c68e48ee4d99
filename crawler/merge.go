package crawler

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"

	"github.com/stdbridge/stdbridge/kb"
)

// mergeStored lays a crawled record over the stored one: what the source
// gives replaces what is stored, what it leaves empty keeps its stored
// value, and the sources are the union. Without it a crawl would erase
// what no source carries — a curated Chinese title, an adoption degree
// entered by staff, the verified mark.
func mergeStored(stored, crawled kb.Record) (kb.Record, error) {
	base, err := toMap(stored)
	if err != nil {
		return nil, err
	}
	over, err := toMap(crawled)
	if err != nil {
		return nil, err
	}
	var sources []string
	for _, m := range []map[string]json.RawMessage{base, over} {
		if raw, ok := m["sources"]; ok {
			var s []string
			if err := json.Unmarshal(raw, &s); err != nil {
				return nil, err
			}
			for _, x := range s {
				if !slices.Contains(sources, x) {
					sources = append(sources, x)
				}
			}
		}
	}
	for k, v := range over {
		if k != "verified" { // a crawl does not unverify what staff checked
			base[k] = v
		}
	}
	if len(sources) > 0 {
		if base["sources"], err = json.Marshal(sources); err != nil {
			return nil, err
		}
	}
	data, err := json.Marshal(base)
	if err != nil {
		return nil, err
	}
	out := reflect.New(reflect.TypeOf(crawled).Elem()).Interface().(kb.Record)
	if err := json.Unmarshal(data, out); err != nil {
		return nil, fmt.Errorf("merge %s %s: %w", crawled.Kind(), crawled.Key(), err)
	}
	return out, nil
}

func toMap(r kb.Record) (map[string]json.RawMessage, error) {
	data, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	m := map[string]json.RawMessage{}
	return m, json.Unmarshal(data, &m)
}
