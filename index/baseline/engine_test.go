package baseline

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/kb"
)

func testRecords(t testing.TB) []kb.Record {
	t.Helper()
	return normalized(t,
		&kb.Standard{Number: "GB 6675.4-2014", TitleZh: "玩具安全 第4部分：特定元素的迁移", TitleEn: "Safety of toys—Part 4: Migration of certain elements", ICS: []string{"97.200.50"}},
		&kb.Standard{Number: "GB/T 19001-2016", TitleZh: "质量管理体系 要求", TitleEn: "Quality management systems—Requirements", Scope: "规定了质量管理体系要求。"},
		&kb.Notification{Symbol: "G/SPS/N/JPN/1234", Title: "Revision of maximum residue limits for pesticides", TitleZh: "修订农药最大残留限量", Description: "Japan proposes new maximum residue limits for imidacloprid in fruit.", HS: []string{"0808.10"}},
		&kb.Notification{Symbol: "G/TBT/N/EU/1123/Add.2", Title: "Toy safety regulation", Description: "Addendum on the toy safety proposal.", HS: []string{"9503.00"}},
		&kb.Regulation{ID: "Directive 2009/48/EC", TitleEn: "Safety of toys", TitleZh: "玩具安全指令", Summary: "Essential safety requirements for toys placed on the EU market."},
	)
}

func normalized(t testing.TB, recs ...kb.Record) []kb.Record {
	t.Helper()
	for _, r := range recs {
		if err := r.Normalize(); err != nil {
			t.Fatal(err)
		}
	}
	return recs
}

// engines opens every baseline, empty, the ones on disk in a temporary
// directory.
func engines(t *testing.T) map[string]index.Engine {
	t.Helper()
	dir := t.TempDir()
	cjkMem, err := NewCJKMemory()
	if err != nil {
		t.Fatal(err)
	}
	cjkDisk, err := NewCJK(filepath.Join(dir, "cjk.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	fts, err := NewFTS5(filepath.Join(dir, "fts.db"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]index.Engine{"cjk-memory": cjkMem, "cjk-disk": cjkDisk, "fts5": fts}
	for name, e := range out {
		t.Cleanup(func() {
			if err := e.Close(); err != nil {
				t.Errorf("close %s: %v", name, err)
			}
		})
	}
	return out
}

func keys(res *index.Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Key)
	}
	return out
}

func TestEnginesFind(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		q     string
		kinds []kb.Kind
		first string   // key of the first hit
		all   []string // when set, exactly these keys, in any order
	}{
		{name: "Chinese word", q: "质量管理", first: "GB/T 19001-2016"},
		{name: "two Chinese characters", q: "农药", all: []string{"G/SPS/N/JPN/1234"}},
		{name: "Chinese words", q: "残留限量", all: []string{"G/SPS/N/JPN/1234"}},
		{name: "English word", q: "imidacloprid", all: []string{"G/SPS/N/JPN/1234"}},
		{name: "English words", q: "maximum residue", first: "G/SPS/N/JPN/1234"},
		{name: "standard number", q: "GB/T 19001-2016", first: "GB/T 19001-2016"},
		{name: "standard number without year", q: "6675.4", all: []string{"GB 6675.4-2014"}},
		{name: "symbol", q: "G/TBT/N/EU/1123/Add.2", first: "G/TBT/N/EU/1123/Add.2"},
		{name: "regulation id", q: "2009/48/EC", first: "Directive 2009/48/EC"},
		{name: "kind filter", q: "toy", kinds: []kb.Kind{kb.KindNotification}, all: []string{"G/TBT/N/EU/1123/Add.2"}},
		{name: "nothing", q: "zeolite", all: nil},
		{name: "blank", q: "  ", all: nil},
	}
	for name, e := range engines(t) {
		if err := e.Put(ctx, testRecords(t)...); err != nil {
			t.Fatal(err)
		}
		for _, tt := range tests {
			t.Run(name+"/"+tt.name, func(t *testing.T) {
				res, err := e.Search(ctx, index.Request{Query: tt.q, Kinds: tt.kinds})
				if err != nil {
					t.Fatal(err)
				}
				got := keys(res)
				if tt.first != "" {
					if len(got) == 0 || got[0] != tt.first {
						t.Fatalf("hits %q, want %s first", got, tt.first)
					}
					return
				}
				slices.Sort(got)
				if d := cmp.Diff(tt.all, got); d != "" {
					t.Errorf("hits (-want +got):\n%s", d)
				}
				if res.Total != len(tt.all) {
					t.Errorf("total %d, want %d", res.Total, len(tt.all))
				}
			})
		}
	}
}

func TestEnginesHit(t *testing.T) {
	ctx := context.Background()
	for name, e := range engines(t) {
		t.Run(name, func(t *testing.T) {
			if err := e.Put(ctx, testRecords(t)...); err != nil {
				t.Fatal(err)
			}
			res, err := e.Search(ctx, index.Request{Query: "GB 6675.4-2014"})
			if err != nil || len(res.Hits) == 0 {
				t.Fatalf("search: %v, %+v", err, res)
			}
			h := res.Hits[0]
			h.Score = 0
			want := index.Hit{Kind: kb.KindStandard, Key: "GB 6675.4-2014", Title: "玩具安全 第4部分：特定元素的迁移"}
			if d := cmp.Diff(want, h); d != "" {
				t.Errorf("hit (-want +got):\n%s", d)
			}
		})
	}
}

func TestEnginesPage(t *testing.T) {
	ctx := context.Background()
	for name, e := range engines(t) {
		t.Run(name, func(t *testing.T) {
			if err := e.Put(ctx, testRecords(t)...); err != nil {
				t.Fatal(err)
			}
			all, err := e.Search(ctx, index.Request{Query: "safety toys toy"})
			if err != nil {
				t.Fatal(err)
			}
			if len(all.Hits) < 3 {
				t.Fatalf("hits %q, want at least 3", keys(all))
			}
			page, err := e.Search(ctx, index.Request{Query: "safety toys toy", Offset: 1, Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(keys(all)[1:2], keys(page)); d != "" {
				t.Errorf("second page of one (-want +got):\n%s", d)
			}
			if page.Total != all.Total {
				t.Errorf("total of a page %d, of all %d", page.Total, all.Total)
			}
		})
	}
}

func TestEnginesPutReplaces(t *testing.T) {
	ctx := context.Background()
	for name, e := range engines(t) {
		t.Run(name, func(t *testing.T) {
			old := normalized(t, &kb.Standard{Number: "GB 4806.7-2016", TitleZh: "食品接触用塑料材料及制品", TitleEn: "Food contact plastics"})
			repl := normalized(t, &kb.Standard{Number: "GB 4806.7-2016", TitleZh: "食品接触用塑料材料及制品", TitleEn: "Plastic materials for food contact"})
			if err := e.Put(ctx, old...); err != nil {
				t.Fatal(err)
			}
			if err := e.Put(ctx, repl...); err != nil {
				t.Fatal(err)
			}
			for q, want := range map[string][]string{
				"Food contact plastics": {"GB 4806.7-2016"}, // "plastics" gone, "food" still there: one hit, not two
				"materials":             {"GB 4806.7-2016"},
				"plastics":              nil,
			} {
				res, err := e.Search(ctx, index.Request{Query: q})
				if err != nil {
					t.Fatal(err)
				}
				if d := cmp.Diff(want, keys(res)); d != "" {
					t.Errorf("%q (-want +got):\n%s", q, d)
				}
			}
		})
	}
}

// A reopened index has what was put before closing.
func TestEnginesReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	open := map[string]func() (index.Engine, error){
		"cjk":  func() (index.Engine, error) { return NewCJK(filepath.Join(dir, "cjk.bleve")) },
		"fts5": func() (index.Engine, error) { return NewFTS5(filepath.Join(dir, "fts?#.db")) },
	}
	for name, open := range open {
		t.Run(name, func(t *testing.T) {
			e, err := open()
			if err != nil {
				t.Fatal(err)
			}
			if err := e.Put(ctx, testRecords(t)...); err != nil {
				t.Fatal(err)
			}
			if err := e.Close(); err != nil {
				t.Fatal(err)
			}
			e, err = open()
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			res, err := e.Search(ctx, index.Request{Query: "imidacloprid"})
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff([]string{"G/SPS/N/JPN/1234"}, keys(res)); d != "" {
				t.Errorf("after reopening (-want +got):\n%s", d)
			}
		})
	}
}

// genRecords makes n standards with distinct numbers and shared words.
func genRecords(tb testing.TB, n int) []kb.Record {
	words := []string{"玩具", "安全", "食品", "接触", "材料", "电气", "家用", "toys", "safety", "food", "contact", "electrical"}
	var recs []kb.Record
	for i := range n {
		recs = append(recs, &kb.Standard{
			Number:  fmt.Sprintf("GB/T %d-2020", 30000+i),
			TitleZh: words[i%7] + words[(i+3)%7] + fmt.Sprintf(" 第%d部分", i%9+1),
			TitleEn: words[7+i%5] + " " + words[7+(i+2)%5],
			Scope:   "本文件规定了" + words[i%7] + "的要求和试验方法。",
		})
	}
	return normalized(tb, recs...)
}
