package eping

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/kb"
)

// decoded is a JSON text as the item decoder sees it.
func decoded(t *testing.T, text string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	return v
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  plain  text ", "plain text"},
		{"<p>One</p><p>Two</p>", "One\nTwo"},
		{`<p style="margin:2px">Rice &ndash; Specification</p>`, "Rice – Specification"},
		{"a&nbsp;b&#160;c\u00a0d", "a b c d"},
		{"<ul><li>first</li><li>second</li></ul>", "first\nsecond"},
		{"line<br/>break<BR>again", "line\nbreak\nagain"},
		{"<b>bold</b> and <i>italic</i>", "bold and italic"},
		{"pH < 7 and x<5", "pH < 7 and x<5"},
		{"3 &lt; 5 &amp;&amp; 5 &gt; 3", "3 < 5 && 5 > 3"},
		{"unclosed <tag and more", "unclosed <tag and more"},
		{"<!-- comment -->text", "text"},
		{"a\r\n\r\n  b", "a\nb"},
	}
	for _, tt := range tests {
		if got := plainText(tt.in); got != tt.want {
			t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := oneLine("<p>One</p><p>Two</p>"); got != "One Two" {
		t.Errorf("oneLine = %q", got)
	}
}

func TestTextOfAndListOf(t *testing.T) {
	tests := []struct {
		json string
		text string
		list []string
	}{
		{`"Toys; Chemicals"`, "Toys; Chemicals", []string{"Toys", "Chemicals"}},
		{`["Toys", "Chemicals"]`, "Toys; Chemicals", []string{"Toys", "Chemicals"}},
		{`[{"id":1,"name":"Toys"},{"id":2,"name":" "},{"Name":"Chemicals"}]`, "Toys; Chemicals", []string{"Toys", "Chemicals"}},
		{`{"code":"C156","name":"China"}`, "China", []string{"China"}},
		{`{"id":1}`, "", nil},
		{`12`, "12", []string{"12"}},
		{`null`, "", nil},
		{`true`, "", nil},
		{`"Korea, Republic of\nJapan"`, "Korea, Republic of\nJapan", []string{"Korea, Republic of", "Japan"}},
	}
	for _, tt := range tests {
		v := decoded(t, tt.json)
		if got := textOf(v); got != tt.text {
			t.Errorf("textOf(%s) = %q, want %q", tt.json, got, tt.text)
		}
		if got := listOf(v, splitItems); !cmp.Equal(got, tt.list) {
			t.Errorf("listOf(%s) = %q, want %q", tt.json, got, tt.list)
		}
	}
}

func TestCodes(t *testing.T) {
	tests := []struct {
		json    string
		hs, ics []string
	}{
		{`[{"id":44595,"code":"030617","name":"030617 - Frozen shrimps and prawns"}]`, []string{"030617"}, nil},
		{`"9503 - Tricycles, scooters; dolls; other toys; 8504.40 - Static converters"`, []string{"9503", "8504.40"}, nil},
		// Bare digits read as ICS too (34.011); the fields never mix.
		{`"34011 - - Soap in bars"`, []string{"3401"}, []string{"34011"}},
		{`[30617, 9503, "85"]`, []string{"030617", "9503", "85"}, []string{"85"}},
		{`["not a code", "2 wheels", "", "9", "0000"]`, nil, nil},
		{`"97.200.50 - Toys; 13.120 - Domestic safety"`, nil, []string{"97.200.50", "13.120"}},
		{`"13.120; 97.190"`, nil, []string{"13.120", "97.190"}},
		{`[{"code":"97.200.50","name":"Toys"}, "67.250: Food contact"]`, nil, []string{"97.200.50", "67.250"}},
		{`"1.2.3 - nonsense"`, nil, nil},
	}
	for _, tt := range tests {
		v := decoded(t, tt.json)
		if got := hsCodes(v); !cmp.Equal(got, tt.hs) {
			t.Errorf("hsCodes(%s) = %q, want %q", tt.json, got, tt.hs)
		}
		if got := icsCodes(v); !cmp.Equal(got, tt.ics) {
			t.Errorf("icsCodes(%s) = %q, want %q", tt.json, got, tt.ics)
		}
	}
}

func TestLinks(t *testing.T) {
	a := "https://members.wto.org/crnattachments/2025/TBT/USA/25_09001_00_e.pdf"
	b := "https://members.wto.org/crnattachments/2025/TBT/USA/25_09001_01_e.pdf"
	tests := []struct {
		json string
		want []string
	}{
		{`"` + a + `"`, []string{a}},
		{`"` + a + `\r\n` + b + `"`, []string{a, b}},
		{`"` + a + `, ` + b + `"`, []string{a, b}},
		{`["` + a + `", {"url":"` + b + `"}]`, []string{a, b}},
		{`"see the annex"`, nil},
		{`null`, nil},
	}
	for _, tt := range tests {
		if got := links(decoded(t, tt.json)); !cmp.Equal(got, tt.want) {
			t.Errorf("links(%s) = %q, want %q", tt.json, got, tt.want)
		}
	}
	if got := link("/en/Search?viewData=1"); got != "https://eping.wto.org/en/Search?viewData=1" {
		t.Errorf("relative link = %q", got)
	}
	if got := link("not a link"); got != "" {
		t.Errorf("non-link = %q", got)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		json    string
		want    kb.Date
		wantErr bool
	}{
		{`"2025-06-03T00:00:00"`, "2025-06-03", false},
		{`"2025-06-03T00:00:00+00:00"`, "2025-06-03", false},
		{`"2025-06-03T23:59:59.997Z"`, "2025-06-03", false},
		{`"2025-06-03 00:00:00"`, "2025-06-03", false},
		{`"2025-06-03"`, "2025-06-03", false},
		{`null`, "", false},
		{`""`, "", false},
		{`"2025-02-30T00:00:00"`, "", true},
		{`"next Tuesday"`, "", true},
		{`20250603`, "", true},
	}
	for _, tt := range tests {
		got, err := parseDate(decoded(t, tt.json))
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("parseDate(%s) = %q, %v; want %q, error %v", tt.json, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestPickSymbol(t *testing.T) {
	joint := "G/TBT/N/BDI/9700, G/TBT/N/KEN/9900;G/TBT/N/UGA/9300"
	tests := []struct {
		in, member, want string
		wantErr          bool
	}{
		{" G/TBT/N/USA/9001 ", "USA", "G/TBT/N/USA/9001", false},
		{"", "USA", "", false},
		{joint, "KEN", "G/TBT/N/KEN/9900", false},
		{joint, "UGA", "G/TBT/N/UGA/9300", false},
		{joint, "CHN", "", true},
		{joint, "", "", true},
	}
	for _, tt := range tests {
		got, err := pickSymbol(tt.in, tt.member)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("pickSymbol(%q, %q) = %q, %v", tt.in, tt.member, got, err)
		}
	}
}

func TestArea(t *testing.T) {
	for in, want := range map[string]kb.Area{
		"TBT": kb.AreaTBT, " sps ": kb.AreaSPS, "1": kb.AreaTBT, "2": kb.AreaSPS,
		"Technical Barriers to Trade": kb.AreaTBT, "Sanitary and Phytosanitary Measures": kb.AreaSPS,
		"": "", "TRIPS": "TRIPS",
	} {
		if got := area(in); got != want {
			t.Errorf("area(%q) = %q, want %q", in, got, want)
		}
	}
}

// An item whose symbol says one thing and its type label another keeps
// the symbol's word; an unreadable label gives way too.
func TestTypeGivesWayToSymbol(t *testing.T) {
	tests := []struct {
		symbol, label string
		want          kb.NotificationType
	}{
		{"G/SPS/N/USA/9001", "Emergency notifications (SPS)", "Emergency notifications (SPS)"},
		{"G/SPS/N/USA/9001/Add.1", "Addendum to Emergency Notification (SPS)", "Addendum to Emergency Notification (SPS)"},
		{"G/SPS/N/USA/9001/Add.1", "Emergency notifications (SPS)", ""},
		{"G/SPS/N/USA/9001", "Notification of a new measure", ""},
		{"G/TBT/N/USA/9001/Corr.1", "Corrigendum", "Corrigendum"},
	}
	for _, tt := range tests {
		it := &rawItem{DocumentSymbol: tt.symbol, NotificationType: tt.label, NotifyingMember: "United States of America",
			Area: tt.symbol[2:5], DistributionDate: "2025-06-03T00:00:00", Title: "t"}
		n, err := it.notification()
		if err != nil {
			t.Fatalf("%s %q: %v", tt.symbol, tt.label, err)
		}
		if n.Type != tt.want {
			t.Errorf("%s %q: type %q, want %q", tt.symbol, tt.label, n.Type, tt.want)
		}
	}
}
