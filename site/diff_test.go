package site

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/templates"
)

func TestLineDiff(t *testing.T) {
	got := lineDiff("a\nb\nc\n", "a\nc\nd")
	want := []templates.DiffLine{{Op: " ", Text: "a"}, {Op: "-", Text: "b"}, {Op: " ", Text: "c"}, {Op: "+", Text: "d"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lineDiff (-want +got):\n%s", diff)
	}
	if got := lineDiff("", "x"); len(got) != 1 || got[0].Op != "+" {
		t.Errorf("lineDiff from nothing = %v", got)
	}
}

func TestMappingDiff(t *testing.T) {
	a := &kb.Mapping{Degree: kb.DegreeMOD, Status: kb.MappingProposed, Deviations: "- limits differ"}
	b := &kb.Mapping{Degree: kb.DegreeMOD, Status: kb.MappingApproved, Deviations: "- limits differ\n- scope narrower"}
	got := mappingDiff(a, b)
	if len(got) != 2 || got[0].Field != "status" || got[0].Old != "proposed" || got[0].New != "approved" ||
		got[1].Field != "deviations" || len(got[1].Lines) != 2 || got[1].Lines[1].Op != "+" {
		t.Errorf("mappingDiff = %+v", got)
	}
}
