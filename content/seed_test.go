package content

import (
	"sort"
	"testing"

	"github.com/stdbridge/stdbridge/kb"
)

// TestSeedIntegrity holds the seed to what the product promises: enough
// real records in every kind, and every reference resolving to a record.
func TestSeedIntegrity(t *testing.T) {
	recs, err := SeedRecords()
	if err != nil {
		t.Fatal(err)
	}
	standards := map[string]*kb.Standard{}
	regulations := map[string]bool{}
	members := map[string]bool{}
	topics := map[string]map[string]bool{}
	counts := map[kb.Kind]int{}
	for _, r := range recs {
		counts[r.Kind()]++
		switch v := r.(type) {
		case *kb.Standard:
			standards[v.Number] = v
		case *kb.Regulation:
			regulations[v.ID] = true
		case *kb.Notification:
			members[v.Member] = true
		case *kb.Requirement:
			if topics[v.Topic] == nil {
				topics[v.Topic] = map[string]bool{}
			}
			topics[v.Topic][v.Source] = true
		}
	}
	comparisons := 0
	for _, sources := range topics {
		if len(sources) >= 2 {
			comparisons++
		}
	}
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"standards", counts[kb.KindStandard], 150},
		{"notifications", counts[kb.KindNotification], 100},
		{"notifying members", len(members), 12},
		{"mappings", counts[kb.KindMapping], 25},
		{"comparisons (topics with two or more sources)", comparisons, 5},
	} {
		if c.got < c.want {
			t.Errorf("seed has %d %s, want at least %d", c.got, c.what, c.want)
		}
	}

	var missing []string
	need := func(number, from string) {
		if _, ok := standards[number]; !ok {
			missing = append(missing, number+" (from "+from+")")
		}
	}
	for _, r := range recs {
		switch v := r.(type) {
		case *kb.Standard:
			for _, a := range v.Adopts {
				need(a.Number, v.Number+" adopts")
			}
		case *kb.Mapping:
			need(v.Foreign, "mapping")
			need(v.Domestic, "mapping")
		case *kb.Requirement:
			if _, ok := standards[v.Source]; !ok && !regulations[v.Source] {
				missing = append(missing, v.Source+" (requirement source)")
			}
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("seed refers to a record it does not have: %s", m)
	}
}
