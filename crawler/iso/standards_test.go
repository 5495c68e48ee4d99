package iso

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stdbridge/stdbridge/kb"
)

func TestStageStatus(t *testing.T) {
	for _, tc := range []struct {
		stage   int
		want    kb.Status
		wantErr string
	}{
		{0, "", "no currentStage"},
		{4060, "", "draft"},
		{6000, kb.StatusUpcoming, ""},
		{6060, kb.StatusCurrent, ""},
		{9020, kb.StatusCurrent, ""},
		{9092, kb.StatusCurrent, ""},
		{9093, kb.StatusCurrent, ""},
		{9099, kb.StatusCurrent, ""},
		{9520, kb.StatusCurrent, ""},
		{9592, kb.StatusCurrent, ""},
		{9599, kb.StatusWithdrawn, ""},
		{9600, "", "not a harmonized stage code"},
	} {
		got, err := stageStatus(tc.stage)
		if got != tc.want || (err == nil) != (tc.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tc.wantErr)) {
			t.Errorf("stageStatus(%d) = %q, %v; want %q, error containing %q", tc.stage, got, err, tc.want, tc.wantErr)
		}
	}
}

func TestStandardsResolvesRelations(t *testing.T) {
	cat := &Catalogue{Deliverables: []Deliverable{
		{ID: 1, Reference: "ISO 90010:2008", CurrentStage: 9599, ReplacedBy: []int{3, 404}},
		{ID: 2, Reference: "ISO 90010:2008/Amd 1:2011", SupplementType: "Amd", CurrentStage: 9599, ReplacedBy: []int{3}},
		{ID: 3, Reference: "ISO 90010:2020", CurrentStage: 9093, Replaces: []int{1, 2, 1, 3}, ReplacedBy: []int{4}},
		{ID: 4, Reference: "ISO/DIS 90010", CurrentStage: 4020, Replaces: []int{3}},
		{ID: 5, Reference: "ISO 90105-A:2009", CurrentStage: 9093}, // part letters are not read
		{ID: 6, Reference: "ISO 90011:2001", CurrentStage: 9599, ReplacedBy: []int{5}},
	}}
	recs, skipped, problems := cat.Standards()
	if skipped != 1 {
		t.Errorf("skipped = %d, want 1", skipped)
	}
	wantProblems := []Problem{{Reference: "ISO 90105-A:2009", Reason: `reference: standard number "ISO 90105-A:2009": cannot read "-A:2009" after the number`}}
	if diff := cmp.Diff(wantProblems, problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	type rel struct {
		Number, Status       string
		Replaces, ReplacedBy []string
	}
	var got []rel
	for _, s := range recs {
		got = append(got, rel{s.Number, string(s.Status), s.Replaces, s.ReplacedBy})
	}
	want := []rel{
		{"ISO 90010:2008", "withdrawn", nil, []string{"ISO 90010:2020"}},
		{"ISO 90010:2008/Amd 1:2011", "withdrawn", nil, []string{"ISO 90010:2020"}},
		{"ISO 90010:2020", "current", []string{"ISO 90010:2008", "ISO 90010:2008/Amd 1:2011"}, nil},
		{"ISO 90011:2001", "withdrawn", nil, nil},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	checkNormalize(t, recs)
}
