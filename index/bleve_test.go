package index

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/kb"
)

func testRecords(t testing.TB) []kb.Record {
	t.Helper()
	recs := []kb.Record{
		&kb.Standard{Number: "GB 6675.4-2014", TitleZh: "玩具安全 第4部分：特定元素的迁移", TitleEn: "Safety of toys—Part 4: Migration of certain elements", ICS: []string{"97.200.50"}, Adopts: []kb.Adoption{{Number: "ISO 8124-3:2010", Degree: "MOD"}}},
		&kb.Standard{Number: "ISO 8124-3:2020", TitleEn: "Safety of toys — Part 3: Migration of certain elements", ICS: []string{"97.200.50"}},
		&kb.Standard{Number: "GB/T 19001-2016", TitleZh: "质量管理体系 要求", TitleEn: "Quality management systems—Requirements"},
		&kb.Notification{Symbol: "G/SPS/N/JPN/1234", Title: "Revision of maximum residue limits for pesticides", TitleZh: "修订农药最大残留限量", Description: "Japan proposes new maximum residue limits for imidacloprid in fruit.", HS: []string{"0808.10"}, Distributed: "2024-05-01"},
		&kb.Notification{Symbol: "G/TBT/N/EU/1123/Add.2", Title: "Toy safety regulation", Description: "Addendum on the toy safety proposal.", HS: []string{"9503.00"}},
	}
	for _, r := range recs {
		if err := r.Normalize(); err != nil {
			t.Fatal(err)
		}
	}
	return recs
}

// testIndex is an in-memory index of recs, closed when the test ends.
func testIndex(t testing.TB, recs []kb.Record) *Index {
	t.Helper()
	ix, err := NewMemory(Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Put(context.Background(), recs...); err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	ix := testIndex(t, testRecords(t))
	tests := []struct {
		q     string
		kinds []kb.Kind
		first string // key of the first hit
		keys  []string
	}{
		{q: "gb/t19001—2016", first: "GB/T 19001-2016"},
		{q: "GB 6675.4", first: "GB 6675.4-2014"},
		{q: "ISO 8124", keys: []string{"GB 6675.4-2014", "ISO 8124-3:2020"}},
		{q: "g/tbt/n/eu/1123/add.2", first: "G/TBT/N/EU/1123/Add.2"},
		{q: "玩具安全", keys: []string{"GB 6675.4-2014"}},
		{q: "残留限量", keys: []string{"G/SPS/N/JPN/1234"}},
		{q: "migration elements", keys: []string{"GB 6675.4-2014", "ISO 8124-3:2020"}},
		{q: "toys", kinds: []kb.Kind{kb.KindNotification}, keys: []string{"G/TBT/N/EU/1123/Add.2"}},
		{q: "9503", keys: []string{"G/TBT/N/EU/1123/Add.2"}},
		// No record has all three words: those with two follow, marked partial.
		{q: "toy safety quality", keys: []string{"G/TBT/N/EU/1123/Add.2", "GB 6675.4-2014", "ISO 8124-3:2020"}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res, err := ix.Search(ctx, Request{Query: tt.q, Kinds: tt.kinds})
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			for _, h := range res.Hits {
				keys = append(keys, h.Key)
			}
			if tt.first != "" {
				if len(keys) == 0 || keys[0] != tt.first {
					t.Fatalf("first hit = %v, want %s", keys, tt.first)
				}
				return
			}
			sortStrings(keys)
			if d := cmp.Diff(tt.keys, keys); d != "" {
				t.Errorf("hits (-want +got):\n%s", d)
			}
		})
	}
}

func TestAllWordsBeforePartialMatches(t *testing.T) {
	ctx := context.Background()
	ix := testIndex(t, testRecords(t))
	res, err := ix.Search(ctx, Request{Query: "toy safety quality"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 0 || !res.Relaxed {
		t.Errorf("total %d, relaxed %v; want 0 full matches and relaxed hits", res.Total, res.Relaxed)
	}
	for _, h := range res.Hits {
		if !h.Partial {
			t.Errorf("%s not marked partial", h.Key)
		}
	}
	res, err = ix.Search(ctx, Request{Query: "toy safety"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Relaxed || res.Total == 0 {
		t.Errorf("toy safety: total %d, relaxed %v; want full matches only", res.Total, res.Relaxed)
	}
}

func TestSnippetMarksMatches(t *testing.T) {
	ctx := context.Background()
	ix := testIndex(t, testRecords(t))
	res, err := ix.Search(ctx, Request{Query: "imidacloprid"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("search: %v %+v", err, res)
	}
	if got := res.Hits[0].Snippet; !strings.Contains(got, MarkStart+"imidacloprid"+MarkEnd) {
		t.Errorf("snippet %q does not mark the match", got)
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func TestTraditionalGlossaryIdentifiers(t *testing.T) {
	ctx := context.Background()
	ix, err := NewMemory(Options{Glossary: []Concept{
		{Zh: []string{"禽流感"}, En: []string{"avian influenza", "HPAI"}},
		{Zh: []string{"进口"}, En: []string{"import", "imports"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	recs := append(testRecords(t), &kb.Notification{Symbol: "G/SPS/N/PHL/600", Title: "Temporary ban on the import of poultry due to avian influenza", Distributed: "2024-02-01"})
	recs[len(recs)-1].Normalize()
	if err := ix.Put(ctx, recs...); err != nil {
		t.Fatal(err)
	}
	keys := func(q string) []string {
		res, err := ix.Search(ctx, Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.Key)
		}
		return out
	}
	if d := cmp.Diff(keys("残留限量"), keys("殘留限量")); d != "" || len(keys("残留限量")) == 0 {
		t.Errorf("simplified and traditional differ (-simplified +traditional):\n%s", d)
	}
	if got := keys("禽流感 进口"); len(got) == 0 || got[0] != "G/SPS/N/PHL/600" {
		t.Errorf("禽流感 进口 = %v, want the English notification first", got)
	}
	for _, q := range []string{"GB6675.4-2014", "gb 6675.4—2014", "ＧＢ　６６７５．４－２０１４"} {
		if got := keys(q); len(got) == 0 || got[0] != "GB 6675.4-2014" {
			t.Errorf("%q = %v, want GB 6675.4-2014 first", q, got)
		}
	}
}

// An English-only standard is found in Chinese through the domestic
// standard that adopts it identically or modified, whichever of the two is
// indexed first; an NEQ adoption does not lend its title.
func TestSearchFindsForeignStandardThroughItsAdoption(t *testing.T) {
	ctx := context.Background()
	gb := &kb.Standard{Number: "GB/T 27025-2019", TitleZh: "检测和校准实验室能力的通用要求", Adopts: []kb.Adoption{{Number: "ISO/IEC 17025:2017", Degree: "IDT"}}}
	iso := &kb.Standard{Number: "ISO/IEC 17025:2017", TitleEn: "General requirements for the competence of testing and calibration laboratories"}
	neq := &kb.Standard{Number: "GB/T 1-2020", TitleZh: "标准化工作导则 实验室", Adopts: []kb.Adoption{{Number: "ISO 9999:2022", Degree: "NEQ"}}}
	other := &kb.Standard{Number: "ISO 9999:2022", TitleEn: "Assistive products"}
	for _, tt := range []struct {
		name    string
		batches [][]kb.Record
	}{
		{"one batch", [][]kb.Record{{iso, gb, neq, other}}},
		{"adoption indexed first", [][]kb.Record{{gb, neq}, {iso, other}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ix, err := NewMemory(Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			for _, b := range tt.batches {
				if err := ix.Put(ctx, b...); err != nil {
					t.Fatal(err)
				}
			}
			res, err := ix.Search(ctx, Request{Query: "校准实验室", Kinds: []kb.Kind{kb.KindStandard}})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.Key)
			}
			if diff := cmp.Diff([]string{"GB/T 27025-2019", "ISO/IEC 17025:2017"}, got); diff != "" {
				t.Errorf("hits (-want +got):\n%s", diff)
			}
			res, err = ix.Search(ctx, Request{Query: "标准化工作导则"})
			if err != nil || res.Total != 1 || res.Hits[0].Key != "GB/T 1-2020" {
				t.Errorf("the NEQ adoption's title reached the standard it adopts: %+v, %v", res, err)
			}
		})
	}
}

// Paging through full and partial matches shows every record once, in the
// order of one long page.
func TestSearchPagesThroughPartialMatches(t *testing.T) {
	ctx := context.Background()
	ix := testIndex(t, testRecords(t))
	keys := func(res *Result) []string {
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.Key)
		}
		return out
	}
	const q = "toy safety migration"
	all, err := ix.Search(ctx, Request{Query: q, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total == 0 || len(all.Hits) <= all.Total {
		t.Fatalf("want full and partial matches, got total %d and %d hits", all.Total, len(all.Hits))
	}
	var paged []string
	for off := 0; off < len(all.Hits); off++ {
		res, err := ix.Search(ctx, Request{Query: q, Offset: off, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		paged = append(paged, keys(res)...)
	}
	if diff := cmp.Diff(keys(all), paged); diff != "" {
		t.Errorf("pages of one (-one page +pages):\n%s", diff)
	}
}

// An index knows the schema and analysis it was built with.
func TestOutdated(t *testing.T) {
	path := t.TempDir() + "/ix.bleve"
	ix, err := Create(path, Options{Analysis: "dict-1"})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	for _, tt := range []struct {
		analysis string
		want     bool
	}{{"dict-1", false}, {"dict-2", true}} {
		ix, err := Open(path, Options{Analysis: tt.analysis})
		if err != nil {
			t.Fatal(err)
		}
		got, err := ix.Outdated()
		ix.Close()
		if err != nil || got != tt.want {
			t.Errorf("opened with %q: Outdated = %v, %v; want %v", tt.analysis, got, err, tt.want)
		}
	}
}
