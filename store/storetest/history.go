package storetest

import (
	"testing"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

func testHistoryActor(t *testing.T, s store.Store) {
	ctx := t.Context()
	m := func(deg kb.Degree) *kb.Mapping {
		return &kb.Mapping{Foreign: "ISO 9001:2015", Domestic: "GB/T 19001-2016", Degree: deg, Status: kb.MappingProposed}
	}
	if _, err := s.Apply(ctx, store.Batch{Source: "site", Actor: "alice", Note: "from the foreword", Records: []kb.Record{m(kb.DegreeMOD)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, store.Batch{Source: "import.jsonl", Records: []kb.Record{m(kb.DegreeIDT)}}); err != nil {
		t.Fatal(err)
	}
	hist, err := s.History(ctx, kb.KindMapping, "ISO 9001:2015 ~ GB/T 19001-2016")
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || hist[0].Actor != "alice" || hist[0].Note != "from the foreword" || hist[0].Source != "site" ||
		hist[1].Actor != "" || hist[1].Record.(*kb.Mapping).Degree != kb.DegreeIDT || hist[0].Version != 1 || hist[1].Version != 2 {
		t.Errorf("history = %+v", hist)
	}
}
