package index_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/app"
	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/index/eval"
	"github.com/stdbridge/stdbridge/index/zh"
)

// On the seed with the shipped glossary, the traditional-Chinese twins of
// the development set's simplified queries (q018–q025 are q001–q008 in
// traditional characters) return exactly the same records in the same
// order.
func TestSeedTraditionalAndSimplifiedSearchAlike(t *testing.T) {
	ctx := context.Background()
	recs, err := content.SeedRecords()
	if err != nil {
		t.Fatal(err)
	}
	g, err := content.LoadGlossary()
	if err != nil {
		t.Fatal(err)
	}
	concepts, words := app.Concepts(g)
	if _, err := zh.Load(words); err != nil {
		t.Fatal(err)
	}
	ix, err := index.NewMemory(index.Options{Glossary: concepts})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Put(ctx, recs...); err != nil {
		t.Fatal(err)
	}
	qb, _, err := content.EvalSet("dev")
	if err != nil {
		t.Fatal(err)
	}
	queries, err := eval.ReadQueries(bytes.NewReader(qb))
	if err != nil {
		t.Fatal(err)
	}
	text := map[string]string{}
	for _, q := range queries {
		text[q.ID] = q.Text
	}
	search := func(q string) []string {
		res, err := ix.Search(ctx, index.Request{Query: q, Limit: 30})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range res.Hits {
			out = append(out, eval.DocID(h))
		}
		return out
	}
	twins := [][2]string{{"q001", "q018"}, {"q002", "q019"}, {"q003", "q020"}, {"q004", "q021"}, {"q005", "q022"}, {"q006", "q023"}, {"q007", "q024"}, {"q008", "q025"}}
	for _, tw := range twins {
		simplified, traditional := text[tw[0]], text[tw[1]]
		if simplified == "" || traditional == "" || simplified == traditional {
			t.Fatalf("twins %v are not a simplified/traditional pair: %q, %q", tw, simplified, traditional)
		}
		s, tr := search(simplified), search(traditional)
		if len(s) == 0 {
			t.Errorf("%q finds nothing", simplified)
		}
		if d := cmp.Diff(s, tr); d != "" {
			t.Errorf("%q and %q differ (-simplified +traditional):\n%s", simplified, traditional, d)
		}
	}
}
