package baseline

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/kb"
)

func TestText(t *testing.T) {
	tests := []struct {
		rec         kb.Record
		title, body string
	}{
		{
			rec: &kb.Standard{Number: "GB 6675.4-2014", TitleZh: "玩具安全 第4部分", TitleEn: "Safety of toys — Part 4",
				ICS: []string{"97.200.50", "13.120"}, Scope: "规定了玩具材料中可迁移元素的要求。", Issued: "2014-05-06"},
			title: "玩具安全 第4部分\nSafety of toys — Part 4",
			body:  "GB 6675.4-2014\n规定了玩具材料中可迁移元素的要求。\n97.200.50 13.120",
		},
		{
			rec:   &kb.Standard{Number: "JIS S 1201:2009", TitleOriginal: "おもちゃの安全性"},
			title: "おもちゃの安全性",
			body:  "JIS S 1201:2009",
		},
		{
			rec: &kb.Notification{Symbol: "G/TBT/N/EU/1123/Add.2", Member: "EU", Title: "Toy safety", TitleZh: "玩具安全",
				Description: "Addendum.", Products: "Toys", Keywords: []string{"toys", "chemicals"}, Objectives: []string{"Protection of human health or safety"},
				HS: []string{"9503.00"}, ICS: []string{"97.200.50"}, Agency: "European Commission"},
			title: "玩具安全\nToy safety",
			body:  "G/TBT/N/EU/1123/Add.2\nEU\nAddendum.\nToys\ntoys; chemicals\nProtection of human health or safety\n9503.00\n97.200.50",
		},
		{
			rec:   &kb.Regulation{ID: "Directive 2009/48/EC", TitleEn: "Safety of toys", Summary: "Toys placed on the EU market.", References: []string{"EN 71-3:2019"}},
			title: "Safety of toys",
			body:  "Directive 2009/48/EC\nToys placed on the EU market.",
		},
		{
			rec:   &kb.Mapping{Foreign: "ISO 8124-3:2010", Domestic: "GB 6675.4-2014", Deviations: "- 增加了表2", Provenance: "foreword"},
			title: "ISO 8124-3:2010 → GB 6675.4-2014",
			body:  "- 增加了表2",
		},
		{
			rec:   &kb.Requirement{Source: "GB 6675.4-2014", Topic: "toy-element-migration", Parameter: "lead", ParameterZh: "铅", Scope: "category I", Limit: "90", Unit: "mg/kg"},
			title: "铅\nlead",
			body:  "GB 6675.4-2014\ncategory I",
		},
	}
	for _, tt := range tests {
		title, body := Text(tt.rec)
		if d := cmp.Diff(tt.title, title); d != "" {
			t.Errorf("%s %s: title (-want +got):\n%s", tt.rec.Kind(), tt.rec.Key(), d)
		}
		if d := cmp.Diff(tt.body, body); d != "" {
			t.Errorf("%s %s: body (-want +got):\n%s", tt.rec.Kind(), tt.rec.Key(), d)
		}
	}
}
