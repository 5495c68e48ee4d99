package index

import (
	"context"
	"testing"
)

// Whatever is typed in the search box, a search answers without error and
// its hits are records of the index.
func FuzzSearchQuery(f *testing.F) {
	for _, s := range []string{
		"玩具 重金属", `"toy safety" 2009/48/EC`, "gb/t19001—2016", "HS 9503", "ICS 97.200.50",
		"phtalates in toys", `"unclosed`, "G/TBT/N/EU/1123/Add.2", "16cfr1250", "殘留限量", " ", "\"\"",
	} {
		f.Add(s)
	}
	ix := testIndex(f, testRecords(f))
	f.Fuzz(func(t *testing.T, q string) {
		if len(q) > 600 {
			q = q[:600] // the site caps queries at 200 characters
		}
		res, err := ix.Search(context.Background(), Request{Query: q, Limit: 5})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		for _, h := range res.Hits {
			if h.Key == "" || h.Kind == "" {
				t.Fatalf("search %q: a hit without identity: %+v", q, h)
			}
		}
	})
}
