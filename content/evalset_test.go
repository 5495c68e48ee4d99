package content

import (
	"bytes"
	"testing"

	"github.com/stdbridge/stdbridge/index/eval"
)

// Every embedded relevance set parses, judges every query, and judges only
// records that exist in the seed.
func TestEvalSetsJudgeSeedRecords(t *testing.T) {
	recs, err := SeedRecords()
	if err != nil {
		t.Fatal(err)
	}
	exists := map[string]bool{}
	for _, r := range recs {
		exists[string(r.Kind())+":"+r.Key()] = true
	}
	for _, name := range EvalSets {
		t.Run(name, func(t *testing.T) {
			qb, rb, err := EvalSet(name)
			if err != nil {
				t.Fatal(err)
			}
			queries, err := eval.ReadQueries(bytes.NewReader(qb))
			if err != nil {
				t.Fatal(err)
			}
			qrels, err := eval.ReadQrels(bytes.NewReader(rb))
			if err != nil {
				t.Fatal(err)
			}
			if err := qrels.Check(queries); err != nil {
				t.Fatal(err)
			}
			for _, q := range queries {
				for doc := range qrels.Grades[q.ID] {
					if !exists[doc] {
						t.Errorf("%s %s judges %s, which is not in the seed", name, q.ID, doc)
					}
				}
			}
		})
	}
	if _, _, err := EvalSet("nope"); err == nil {
		t.Error(`EvalSet("nope") gave no error`)
	}
}
