package kb

import (
	"strings"
	"testing"
)

func TestParseStandardNumber(t *testing.T) {
	tests := []struct {
		in, want, undated, publisher, year string
	}{
		{"GB/T19001-2016", "GB/T 19001-2016", "GB/T 19001", "GB/T", "2016"},
		{"ISO Guide 51:2014", "ISO Guide 51:2014", "ISO Guide 51", "ISO Guide", "2014"},
		{"iso/astm 52900:2021", "ISO/ASTM 52900:2021", "ISO/ASTM 52900", "ISO/ASTM", "2021"},
		{"ISO/IEEE 11073-10101:2019", "ISO/IEEE 11073-10101:2019", "ISO/IEEE 11073-10101", "ISO/IEEE", "2019"},
		{"ISO/CIE 11664-1:2019", "ISO/CIE 11664-1:2019", "ISO/CIE 11664-1", "ISO/CIE", "2019"},
		{"ISO/R 1:1951", "ISO/R 1:1951", "ISO/R 1", "ISO/R", "1951"},
		{"ISO/IEC ISP 10607-1:1995", "ISO/IEC ISP 10607-1:1995", "ISO/IEC ISP 10607-1", "ISO/IEC ISP", "1995"},
		{"ISO 3166-1:2006/Add 1:2007", "ISO 3166-1:2006/Add 1:2007", "ISO 3166-1", "ISO", "2006"},
		{"GB/T 19001—2016", "GB/T 19001-2016", "GB/T 19001", "GB/T", "2016"},
		{"gb/t 19001 2016", "GB/T 19001-2016", "GB/T 19001", "GB/T", "2016"},
		{"ＧＢ／Ｔ　１９００１－２０１６", "GB/T 19001-2016", "GB/T 19001", "GB/T", "2016"},
		{"GBT 19001-2016", "GB/T 19001-2016", "GB/T 19001", "GB/T", "2016"},
		{"GB 6675.4-2014", "GB 6675.4-2014", "GB 6675.4", "GB", "2014"},
		{"GB 6675-86", "GB 6675-1986", "GB 6675", "GB", "1986"},
		{"GB 2763-2021/XG1-2023", "GB 2763-2021/XG1-2023", "GB 2763", "GB", "2021"},
		{"GB/Z 26337.1-2010", "GB/Z 26337.1-2010", "GB/Z 26337.1", "GB/Z", "2010"},
		{"YY/T 0287-2017", "YY/T 0287-2017", "YY/T 0287", "YY/T", "2017"},
		{"GB 4706.1", "GB 4706.1", "GB 4706.1", "GB", ""},
		{"ISO 8124-3:2020+A1:2021", "ISO 8124-3:2020/Amd 1:2021", "ISO 8124-3", "ISO", "2020"},
		{"ISO 8124-3:2020/Amd 1:2021", "ISO 8124-3:2020/Amd 1:2021", "ISO 8124-3", "ISO", "2020"},
		{"iso 8124-3-2010", "ISO 8124-3:2010", "ISO 8124-3", "ISO", "2010"},
		{"ISO 9001 2015", "ISO 9001:2015", "ISO 9001", "ISO", "2015"},
		{"ISO 9001:2015(E)", "ISO 9001:2015", "ISO 9001", "ISO", "2015"},
		{"ISO/IEC 27001:2022", "ISO/IEC 27001:2022", "ISO/IEC 27001", "ISO/IEC", "2022"},
		{"ISO/IEC 17025：2017", "ISO/IEC 17025:2017", "ISO/IEC 17025", "ISO/IEC", "2017"},
		{"ISO/TS 22002-1:2009", "ISO/TS 22002-1:2009", "ISO/TS 22002-1", "ISO/TS", "2009"},
		{"EN 71-3:2019+A1:2021", "EN 71-3:2019+A1:2021", "EN 71-3", "EN", "2019"},
		{"EN 71-3:2019/A1:2021", "EN 71-3:2019+A1:2021", "EN 71-3", "EN", "2019"},
		{"BS EN 71-3:2019+A1:2021", "BS EN 71-3:2019+A1:2021", "BS EN 71-3", "BS EN", "2019"},
		{"EN IEC 62368-1:2020+A11:2020", "EN IEC 62368-1:2020+A11:2020", "EN IEC 62368-1", "EN IEC", "2020"},
		{"EN ISO 14184-1:2011", "EN ISO 14184-1:2011", "EN ISO 14184-1", "EN ISO", "2011"},
		{"IEC 62368-1:2018", "IEC 62368-1:2018", "IEC 62368-1", "IEC", "2018"},
		{"IEC 60335-1:2020+AMD1:2023 CSV", "IEC 60335-1:2020/AMD1:2023", "IEC 60335-1", "IEC", "2020"},
		{"IEC 60335-2-24:2020/AMD1:2022", "IEC 60335-2-24:2020/AMD1:2022", "IEC 60335-2-24", "IEC", "2020"},
		{"IEC 61000-4-2", "IEC 61000-4-2", "IEC 61000-4-2", "IEC", ""},
		{"CISPR 32:2015", "CISPR 32:2015", "CISPR 32", "CISPR", "2015"},
		{"ISO 105-X12:2016", "ISO 105-X12:2016", "ISO 105-X12", "ISO", "2016"},
		{"iso 105-c06-2010", "ISO 105-C06:2010", "ISO 105-C06", "ISO", "2010"},
		{"ASTM F963-23", "ASTM F963-23", "ASTM F963", "ASTM", "2023"},
		{"ASTM F 963-17", "ASTM F963-17", "ASTM F963", "ASTM", "2017"},
		{"astm d4236-94(2021)", "ASTM D4236-94(2021)", "ASTM D4236", "ASTM", "1994"},
		{"ASTM E84-23a", "ASTM E84-23a", "ASTM E84", "ASTM", "2023"},
		{"ASTM F963", "ASTM F963", "ASTM F963", "ASTM", ""},
		{"JIS S1201:2009", "JIS S 1201:2009", "JIS S 1201", "JIS", "2009"},
		{"JIS C 9335-1:2014", "JIS C 9335-1:2014", "JIS C 9335-1", "JIS", "2014"},
		{"Codex Stan 193-1995", "CXS 193-1995", "CXS 193", "CXS", "1995"},
		{"CXS 193-1995", "CXS 193-1995", "CXS 193", "CXS", "1995"},
		{"UL 2054", "UL 2054", "UL 2054", "UL", ""},
		{"AS/NZS 60335.1:2011", "AS/NZS 60335.1:2011", "AS/NZS 60335.1", "AS/NZS", "2011"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, err := ParseStandardNumber(tt.in)
			if err != nil {
				t.Fatalf("ParseStandardNumber(%q): %v", tt.in, err)
			}
			if got := n.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			if got := n.Undated(); got != tt.undated {
				t.Errorf("Undated() = %q, want %q", got, tt.undated)
			}
			if n.Publisher != tt.publisher || n.Year != tt.year {
				t.Errorf("publisher, year = %q, %q; want %q, %q", n.Publisher, n.Year, tt.publisher, tt.year)
			}
			again, err := ParseStandardNumber(n.String())
			if err != nil || again.String() != n.String() {
				t.Errorf("canonical form %q does not parse to itself: %v %q", n.String(), err, again.String())
			}
		})
	}
}

func TestParseStandardNumberErrors(t *testing.T) {
	for _, in := range []string{"", "   ", "19001-2016", "GB/T", "GB/T abc", "ISO 8124-3:2020+B1", "ASTM 963", "JIS 1201", "ISO 8124-3:2020+A:2021"} {
		if n, err := ParseStandardNumber(in); err == nil {
			t.Errorf("ParseStandardNumber(%q) = %q, want an error", in, n.String())
		}
	}
}

func TestStdNumberDomestic(t *testing.T) {
	for in, want := range map[string]bool{"GB 6675.4-2014": true, "GB/T 19001-2016": true, "YY/T 0287-2017": true, "CXS 193-1995": false, "ISO 9001:2015": false} {
		n, err := ParseStandardNumber(in)
		if err != nil {
			t.Fatal(err)
		}
		if n.IsChinese() != want {
			t.Errorf("%s IsChinese = %v, want %v", in, n.IsChinese(), want)
		}
	}
}

func FuzzParseStandardNumber(f *testing.F) {
	for _, s := range []string{"GB/T 19001-2016", "ISO 8124-3:2020+A1:2021", "EN 71-3:2019+A1:2021", "ASTM F963-23", "JIS S 1201:2009", "GB 2763-2021/XG1-2023", "UL 2054", "iso 8124-3-2010"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseStandardNumber(s)
		if err != nil {
			return
		}
		canon := n.String()
		again, err := ParseStandardNumber(canon)
		if err != nil {
			t.Fatalf("canonical %q of %q does not parse: %v", canon, s, err)
		}
		if again.String() != canon {
			t.Fatalf("canonical form unstable: %q → %q → %q", s, canon, again.String())
		}
		if strings.TrimSpace(canon) != canon {
			t.Fatalf("canonical %q has outer space", canon)
		}
	})
}
