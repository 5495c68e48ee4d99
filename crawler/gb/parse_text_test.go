package gb

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/stdbridge/stdbridge/kb"
)

func TestRemarkReplacements(t *testing.T) {
	tests := []struct {
		remark               string
		replaces, replacedBy []string
	}{
		{"", nil, nil},
		{"2006-09-01实施", nil, nil},
		{"2005-03-01实施,代替GB/T 5606.1-1996", []string{"GB/T 5606.1-1996"}, nil},
		{"代替GB 1234-2000、GB 5678-2001", []string{"GB 1234-2000", "GB 5678-2001"}, nil},
		{"代替 GB/T 1.1-2009 和 GB/T 1.2-2002。", []string{"GB/T 1.1-2009", "GB/T 1.2-2002"}, nil},
		{"部分代替GB/T 90001—2010", []string{"GB/T 90001—2010"}, nil},
		{"2017-03-01实施。被GB/T 90020-2025代替", nil, []string{"GB/T 90020-2025"}},
		{"代替GB 90003-2012；被GB 90003-2030代替", []string{"GB 90003-2012"}, []string{"GB 90003-2030"}},
		{"代替原有标准", nil, nil},
		{"代替GB 1234-2000的第5章", []string{"GB 1234-2000"}, nil},
		{"自2017年3月23日起，转化为推荐性标准", nil, nil},
	}
	for _, tt := range tests {
		r, rb := remarkReplacements(tt.remark)
		if diff := cmp.Diff(tt.replaces, r); diff != "" {
			t.Errorf("%q replaces (-want +got):\n%s", tt.remark, diff)
		}
		if diff := cmp.Diff(tt.replacedBy, rb); diff != "" {
			t.Errorf("%q replaced by (-want +got):\n%s", tt.remark, diff)
		}
	}
}

func TestSplitDegree(t *testing.T) {
	tests := []struct{ in, number, degree string }{
		{"ISO 8124-3:2010 IDT", "ISO 8124-3:2010", "IDT"},
		{"ISO 8124-3:2010(idt)", "ISO 8124-3:2010", "IDT"},
		{"IEC 62115:2017（MOD）", "IEC 62115:2017", "MOD"},
		{"ISO 8124-3:2010，NEQ", "ISO 8124-3:2010，", "NEQ"},
		{"等同采用ISO 8124-3:2010", "ISO 8124-3:2010", "等同采用"},
		{"ISO 8124-3:2010 修改", "ISO 8124-3:2010", "修改"},
		{"ISO 8124-3:2010", "ISO 8124-3:2010", ""},
		{"IDT", "", "IDT"},
	}
	for _, tt := range tests {
		n, d := splitDegree(tt.in)
		if n != tt.number || d != tt.degree {
			t.Errorf("splitDegree(%q) = %q, %q; want %q, %q", tt.in, n, d, tt.number, tt.degree)
		}
	}
}

func TestPairAdoptions(t *testing.T) {
	tests := []struct {
		name             string
		numbers, degrees []string
		want             []kb.Adoption
		wantErr          bool
	}{
		{"none", nil, nil, nil, false},
		{"one each", []string{"ISO 1:2000"}, []string{"IDT"}, []kb.Adoption{{Number: "ISO 1:2000", Degree: "IDT"}}, false},
		{"one degree for all", []string{"ISO 1:2000", "ISO 2:2001"}, []string{"修改"},
			[]kb.Adoption{{Number: "ISO 1:2000", Degree: "修改"}, {Number: "ISO 2:2001", Degree: "修改"}}, false},
		{"pairwise", []string{"ISO 1:2000", "IEC 2:2001"}, []string{"IDT", "NEQ"},
			[]kb.Adoption{{Number: "ISO 1:2000", Degree: "IDT"}, {Number: "IEC 2:2001", Degree: "NEQ"}}, false},
		{"degree in the number cell", []string{"ISO 1:2000 MOD"}, nil, []kb.Adoption{{Number: "ISO 1:2000", Degree: "MOD"}}, false},
		{"no degree", []string{"ISO 1:2000"}, nil, []kb.Adoption{{Number: "ISO 1:2000"}}, false},
		{"mismatch", []string{"ISO 1:2000", "ISO 2:2000", "ISO 3:2000"}, []string{"IDT", "MOD"}, nil, true},
		{"degree alone", nil, []string{"IDT"}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pairAdoptions(tt.numbers, tt.degrees)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestSplitCodes(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"01.120", []string{"01.120"}},
		{"97.200.50；13.120", []string{"97.200.50", "13.120"}},
		{"97.040.30, 27.010", []string{"97.040.30", "27.010"}},
		{"13.220.01 91.140.90", []string{"13.220.01", "91.140.90"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, splitCodes(tt.in), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("splitCodes(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}
