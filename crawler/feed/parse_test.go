package feed

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stdbridge/stdbridge/internal/golden"
	"github.com/stdbridge/stdbridge/kb"
)

// result is what a golden file holds: the feed as read and its entries.
type result struct {
	Feed    *Feed
	Records []taggedRecord
	Skipped []Skip
}

type taggedRecord struct {
	Kind   kb.Kind
	Record kb.Record
}

func results(f *Feed) result {
	e := f.Records()
	r := result{Feed: f, Skipped: e.Skipped}
	for _, rec := range e.Records {
		r.Records = append(r.Records, taggedRecord{rec.Kind(), rec})
	}
	return r
}

func TestParseFeedGolden(t *testing.T) {
	for _, name := range []string{"rss", "atom", "cp1252"} {
		t.Run(name, func(t *testing.T) {
			f, err := ParseFeed(golden.Read(t, name+".xml"))
			if err != nil {
				t.Fatal(err)
			}
			r := results(f)
			for _, rec := range r.Records {
				if err := rec.Record.Normalize(); err != nil {
					t.Errorf("%s does not normalise: %v", rec.Record.Key(), err)
				}
			}
			r = results(f) // unnormalised, as Records returns them
			b, err := json.MarshalIndent(r, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, name+".golden", append(b, '\n'))
		})
	}
}

func TestParseFeedErrors(t *testing.T) {
	rss, atom := golden.Read(t, "rss.xml"), golden.Read(t, "atom.xml")
	tests := []struct {
		name string
		body []byte
	}{
		{"empty", nil},
		{"rss truncated", rss[:len(rss)/2]},
		{"rss cut in a tag", rss[:len(rss)-10]},
		{"atom truncated", atom[:len(atom)*3/4]},
		{"html page", golden.Read(t, "page.html")},
		{"rss 1.0", golden.Read(t, "rdf.xml")},
		{"json", []byte(`{"items": []}`)},
		{"text", []byte("Service Unavailable")},
		{"other root", []byte(`<?xml version="1.0"?><opml version="2.0"><body/></opml>`)},
		{"rss without channel", []byte(`<rss version="2.0"></rss>`)},
		{"two roots", []byte(`<rss version="2.0"><channel/></rss><rss/>`)},
		{"charset", []byte(`<?xml version="1.0" encoding="koi8-r"?><rss><channel/></rss>`)},
		{"mismatched tags", []byte(`<rss><channel><title>a</link></channel></rss>`)},
	}
	var got strings.Builder
	for _, tt := range tests {
		_, err := ParseFeed(tt.body)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		got.WriteString(tt.name + ": " + err.Error() + "\n")
	}
	golden.Check(t, "errors.golden", []byte(got.String()))
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Tue, 04 Mar 2025 09:30:00 -0500", "2025-03-04"},
		{"Mon, 3 Mar 2025 23:10:00 GMT", "2025-03-03"},
		{"Sat, 01 Mar 25 10:00:00 Z", "2025-03-01"},
		{"Thu, 27 Feb 2025 16:45 +0100", "2025-02-27"},
		{"27 Feb 2025 16:45:00 UT", "2025-02-27"},
		{"Friday, 28 February 2025 12:00:00 +0100", "2025-02-28"},
		{"2025-03-02T00:30:00+08:00", "2025-03-02"}, // the publisher's date, not UTC's
		{"2025-03-02T00:30:00.123Z", "2025-03-02"},
		{"2025-03-02T10:00:00", "2025-03-02"},
		{"2025-03-02", "2025-03-02"},
		{"  Wed,  05 Mar 2025  10:00:00   +0100 ", "2025-03-05"},
		{"sometime last week", ""},
		{"", ""},
		{"2025-02-30", ""},
		{"Mon, 01 Jan 0001 00:00:00 +0000", ""},
	}
	for _, tt := range tests {
		d, ok := parseDate(tt.in)
		got := ""
		if ok {
			got = d.Format("2006-01-02")
		}
		if got != tt.want {
			t.Errorf("parseDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFindAct(t *testing.T) {
	tests := []struct{ in, id, typ string }{
		{"Regulation (EU) 2023/1230 on machinery", "Regulation (EU) 2023/1230", "regulation"},
		{"Regulation (EU) No. 2023/1230 of 14 June 2023", "Regulation (EU) 2023/1230", "regulation"},
		{"regulation EU 2023/1230", "Regulation (EU) 2023/1230", "regulation"},
		{"COMMISSION IMPLEMENTING REGULATION (EU) 2025/1929", "Commission Implementing Regulation (EU) 2025/1929", "regulation"},
		{"Commission Delegated Regulation (EU) 2099/9001", "Commission Delegated Regulation (EU) 2099/9001", "regulation"},
		{"Regulation (EC) No 1907/2006 (REACH)", "Regulation (EC) No 1907/2006", "regulation"},
		{"Regulation (EC) 1907/2006", "Regulation (EC) No 1907/2006", "regulation"},
		{"Commission Regulation (EU) No. 10/2011", "Commission Regulation (EU) No 10/2011", "regulation"},
		{"Council Regulation (EEC) No 2092/91", "Council Regulation (EEC) No 2092/91", "regulation"},
		{"Directive 2014/35/EU", "Directive 2014/35/EU", "directive"},
		{"Directive 98/34/EC", "Directive 98/34/EC", "directive"},
		{"Directive (EU) 2015/1535", "Directive (EU) 2015/1535", "directive"},
		{"Directive 2015/1535/EU", "Directive (EU) 2015/1535", "directive"},
		{"Council Directive 2013/59/Euratom", "Council Directive 2013/59/Euratom", "directive"},
		{"Decision No 768/2008/EC", "Decision No 768/2008/EC", "decision"},
		{"Commission Implementing Decision (EU) 2019/1326", "Commission Implementing Decision (EU) 2019/1326", "decision"},
		{"Commission Decision 2011/278/EU", "Commission Decision 2011/278/EU", "decision"},
		{"the EU Deforestation Regulation", "", ""},
		{"Regulation (EU) 0/2011", "", ""},
		{"Directive 2014/35", "", ""},
	}
	for _, tt := range tests {
		a, ok := findAct(tt.in)
		if a.ID != tt.id || a.Type != tt.typ || ok != (tt.id != "") {
			t.Errorf("findAct(%q) = %+v, %v; want %q, %q", tt.in, a, ok, tt.id, tt.typ)
		}
	}
}

func TestWithout(t *testing.T) {
	tests := []struct{ title, want string }{
		{"G/TBT/N/USA/9101 - Energy conservation program", "Energy conservation program"},
		{"New WTO notification G/SPS/N/CHN/9002: maximum residue limits", "maximum residue limits"},
		{"Korea notifies draft standards for kettles (G/TBT/N/KOR/9102/Add.1)", "Korea notifies draft standards for kettles"},
		{"Toys – G/TBT/N/EU/9005", "Toys"},
		{"Notification 2025/9105/DE: Ordinance on chargers", "Ordinance on chargers"},
		{"G/TBT/N/USA/9101", ""},
	}
	for _, tt := range tests {
		sp := span{}
		if _, s, ok := findSymbol(tt.title); ok {
			sp = s
		} else if _, s, ok := findTRIS(tt.title); ok {
			sp = s
		} else {
			t.Fatalf("no reference in %q", tt.title)
		}
		if got := without(tt.title, sp); got != tt.want {
			t.Errorf("without(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestFindTRIS(t *testing.T) {
	for in, want := range map[string]string{
		"Notification 2025/9105/DE":             "2025/9105/DE",
		"TRIS 2025/905/EL":                      "2025/0905/EL",
		"Directive 2014/35/EU":                  "",
		"2025/9105/XX is not a state":           "",
		"dated 2025/03/14":                      "",
		"Decision 2011/278/EU and 2025/9106/FR": "2025/9106/FR",
	} {
		n, _, ok := findTRIS(in)
		got := ""
		if ok {
			got = n.String()
		}
		if got != want {
			t.Errorf("findTRIS(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlain(t *testing.T) {
	for in, want := range map[string]string{
		"plain  text\n here":                                 "plain text here",
		"<p>One &amp; two</p><p>three</p>":                   "One & two\nthree",
		"a<br>b<script>alert(1)</script><style>x{}</style>c": "a\nbc",
		"pH < 7 and 5 > 3":                                   "pH < 7 and 5 > 3",
	} {
		if got := plain(in); got != want {
			t.Errorf("plain(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestParseFeedLenient: what feeds get wrong without being cut short is
// read as written.
func TestParseFeedLenient(t *testing.T) {
	f, err := ParseFeed([]byte(`<rss version="2.0"><channel><title>a &bogus; b&nbsp;c</title>` +
		`<item><title>x</title><link>https://x.example/?a=1&b=2</link></item></channel></rss>`))
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "a &bogus; b c" || f.Items[0].Link != "https://x.example/?a=1&b=2" {
		t.Errorf("title %q, link %q", f.Title, f.Items[0].Link)
	}
}
