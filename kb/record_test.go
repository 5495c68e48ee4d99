package kb

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestNormalizeStandard(t *testing.T) {
	s := &Standard{
		Number:   "gb 6675.4—2014",
		TitleZh:  "  玩具安全　第4部分：特定元素的迁移 ",
		ICS:      []string{"9720050", "97.200.50"},
		CCS:      []string{"y57"},
		Status:   "废止",
		Issued:   "2014/5/6",
		Replaces: []string{"GB 6675-2003"},
		Adopts:   []Adoption{{Number: "ISO 8124-3-2010", Degree: "修改采用"}},
	}
	if err := s.Normalize(); err != nil {
		t.Fatal(err)
	}
	want := &Standard{
		Number:   "GB 6675.4-2014",
		TitleZh:  "玩具安全 第4部分：特定元素的迁移",
		ICS:      []string{"97.200.50"},
		CCS:      []string{"Y57"},
		Status:   StatusWithdrawn,
		Issued:   "2014-05-06",
		Replaces: []string{"GB 6675-2003"},
		Adopts:   []Adoption{{Number: "ISO 8124-3:2010", Degree: DegreeMOD}},
	}
	if d := cmp.Diff(want, s); d != "" {
		t.Errorf("normalised (-want +got):\n%s", d)
	}
	again := *s
	if err := again.Normalize(); err != nil || !cmp.Equal(&again, s) {
		t.Errorf("Normalize is not idempotent: %v", cmp.Diff(s, &again))
	}
}

func TestNormalizeErrors(t *testing.T) {
	tests := []struct {
		rec  Record
		want []string // substrings of the error
	}{
		{&Standard{}, []string{"number: required"}},
		{&Standard{Number: "GB/T 1-2020", Status: "alive", Issued: "2020-02-30", ICS: []string{"9.1"}, Adopts: []Adoption{{Number: "ISO 1:2016", Degree: "EQV"}}},
			[]string{"status", "issued", "ics", "adopts"}},
		{&Notification{Title: "x"}, []string{"member: required when there is no symbol", "distributed: required"}},
		{&Notification{Symbol: "G/TBT/N/EU/1", Member: "USA"}, []string{"does not match the symbol"}},
		{&Notification{Symbol: "G/TBT/N/EU/1/Add.1", Type: "corrigendum"}, []string{"the symbol says \"addendum\""}},
		{&Notification{Symbol: "G/TBT/N/EU/1", HS: []string{"95x3"}}, []string{"hs"}},
		{&Notification{Symbol: "G/TBT/N/EU/1", Member: "Atlantis"}, []string{"unknown WTO member"}},
		{&Regulation{}, []string{"id: required"}},
		{&Mapping{Foreign: "GB/T 1-2020", Domestic: "ISO 1:2016"}, []string{"domestic: \"ISO 1:2016\" is not a Chinese standard"}},
		{&Mapping{Foreign: "ISO 1:2016", Domestic: "GB/T 1-2020", Status: "maybe"}, []string{"status"}},
		{&Requirement{Source: "GB 1-2020", Topic: "t", Parameter: "lead", Limit: "abc", Comparator: "<="}, []string{"limit: \"abc\" is not a number"}},
		{&Requirement{Source: "GB 1-2020", Topic: "t", Parameter: "lead", Limit: "5"}, []string{"comparator: required"}},
		{&Requirement{}, []string{"source: required", "topic: required", "parameter: required"}},
	}
	for _, tt := range tests {
		err := tt.rec.Normalize()
		if err == nil {
			t.Errorf("%T %+v: no error", tt.rec, tt.rec)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%T error %q lacks %q", tt.rec, err, w)
			}
		}
	}
}

func TestNotificationIdentity(t *testing.T) {
	n := &Notification{Member: "European Union", Area: "tbt", Distributed: "2025-06-10", Title: "Draft  Regulation on toys."}
	if err := n.Normalize(); err != nil {
		t.Fatal(err)
	}
	if n.Member != "EU" || n.Area != AreaTBT {
		t.Errorf("member, area = %q, %q", n.Member, n.Area)
	}
	if !strings.HasPrefix(n.Key(), "ePing-") {
		t.Errorf("key without symbol = %q", n.Key())
	}
	m := &Notification{Symbol: "G/TBT/N/EU/1123", Distributed: "2025-06-10", Title: "draft regulation on toys"}
	if err := m.Normalize(); err != nil {
		t.Fatal(err)
	}
	if m.NaturalKey() != n.NaturalKey() {
		t.Errorf("natural keys differ: %q vs %q", m.NaturalKey(), n.NaturalKey())
	}
	if m.Key() != "G/TBT/N/EU/1123" || m.Type != TypeRegular {
		t.Errorf("key, type = %q, %q", m.Key(), m.Type)
	}
}

func TestNaturalKeyTellsAddendaApartByDocumentNumber(t *testing.T) {
	a := &Notification{Member: "THA", Area: AreaSPS, Distributed: "2025-06-05", Title: "DLD order on poultry", Documents: []string{"https://members.wto.org/crnattachments/2025/SPS/THA/25_03705_00_e.pdf"}}
	b := &Notification{Member: "THA", Area: AreaSPS, Distributed: "2025-06-05", Title: "DLD order on poultry", Documents: []string{"https://members.wto.org/crnattachments/2025/SPS/THA/25_03711_00_e.pdf"}}
	if a.DocumentNumber() != "25-3705" {
		t.Errorf("DocumentNumber = %q, want 25-3705", a.DocumentNumber())
	}
	if a.NaturalKey() == b.NaturalKey() {
		t.Errorf("two documents share the natural key %q", a.NaturalKey())
	}
}

func TestOpenForComment(t *testing.T) {
	day := time.Date(2026, 11, 23, 15, 0, 0, 0, time.UTC)
	for deadline, want := range map[Date]bool{"2026-11-23": true, "2026-11-24": true, "2026-11-22": false, "": false, "2026-12": false} {
		n := &Notification{CommentDeadline: deadline}
		if got := n.OpenForComment(day); got != want {
			t.Errorf("deadline %q: open = %v, want %v", deadline, got, want)
		}
	}
}

func TestMemberCode(t *testing.T) {
	for in, want := range map[string]string{"European Union": "EU", "Chinese Taipei": "TPKM", "korea, republic of": "KOR", "美国": "USA", "Viet Nam": "VNM", "USA": "USA", "XYZ": "XYZ"} {
		got, err := MemberCode(in)
		if err != nil || got != want {
			t.Errorf("MemberCode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := MemberCode("Narnia"); err == nil {
		t.Error("MemberCode(Narnia): no error")
	}
}

func TestMappingIndicators(t *testing.T) {
	m := &Mapping{Foreign: "EN 71-3:2019", Domestic: "GB 6675.4-2014", Indicators: []Indicator{
		{Topic: "Toy-Element-Migration", Parameter: "lead", Scope: "toy material", Unit: "mg/kg", Foreign: "≤ 23", Domestic: "90"},
		{Topic: "toy-element-migration", Parameter: "chromium(VI)", Unit: "mg/kg", Foreign: "<= 0.2"},
	}}
	if err := m.Normalize(); err != nil {
		t.Fatal(err)
	}
	rows, err := m.Indicators[0].Requirements(m.Foreign, m.Domestic)
	if err != nil || len(rows) != 2 || rows[0].Source != "EN 71-3:2019" || rows[0].Comparator != CmpLE || rows[0].Limit != "23" ||
		rows[1].Limit != "90" || rows[1].Comparator != CmpLE || rows[0].Topic != "toy-element-migration" {
		t.Errorf("rows = %+v, %v", rows, err)
	}
	if rows, _ := m.Indicators[1].Requirements(m.Foreign, m.Domestic); len(rows) != 1 {
		t.Errorf("a side without a limit makes a row: %+v", rows)
	}
	bad := &Mapping{Foreign: "EN 71-3:2019", Domestic: "GB 6675.4-2014", Indicators: []Indicator{{Topic: "t", Parameter: "lead", Foreign: "about twenty"}}}
	if err := bad.Normalize(); err == nil || !strings.Contains(err.Error(), "indicators: row 1") {
		t.Errorf("Normalize of a bad limit = %v", err)
	}
}
