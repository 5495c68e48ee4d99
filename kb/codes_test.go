package kb

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseHS(t *testing.T) {
	tests := []struct {
		in, want string
		prefixes []HSCode
	}{
		{"9503.00", "9503.00", []HSCode{"95", "9503", "9503.00"}},
		{"950300", "9503.00", []HSCode{"95", "9503", "9503.00"}},
		{"9503.00.21", "9503.00.21", []HSCode{"95", "9503", "9503.00", "9503.00.21"}},
		{"9503 00 21 00", "9503.00.21.00", []HSCode{"95", "9503", "9503.00", "9503.00.21", "9503.00.21.00"}},
		{"０２０７", "0207", []HSCode{"02", "0207"}},
		{"61", "61", []HSCode{"61"}},
	}
	for _, tt := range tests {
		c, err := ParseHS(tt.in)
		if err != nil {
			t.Errorf("ParseHS(%q): %v", tt.in, err)
			continue
		}
		if string(c) != tt.want {
			t.Errorf("ParseHS(%q) = %q, want %q", tt.in, c, tt.want)
		}
		if d := cmp.Diff(tt.prefixes, c.Prefixes()); d != "" {
			t.Errorf("%q prefixes (-want +got):\n%s", tt.in, d)
		}
	}
	for _, bad := range []string{"", "9", "95030", "9503.0", "abc", "9903", "0001", "95030012345", "9503/00"} {
		if c, err := ParseHS(bad); err == nil {
			t.Errorf("ParseHS(%q) = %q, want an error", bad, c)
		}
	}
}

func TestParseICS(t *testing.T) {
	tests := []struct{ in, want string }{
		{"97.200.50", "97.200.50"},
		{"97 200 50", "97.200.50"},
		{"9720050", "97.200.50"},
		{"13.020", "13.020"},
		{"67", "67"},
	}
	for _, tt := range tests {
		c, err := ParseICS(tt.in)
		if err != nil || string(c) != tt.want {
			t.Errorf("ParseICS(%q) = %q, %v; want %q", tt.in, c, err, tt.want)
		}
	}
	c, _ := ParseICS("97.200.50")
	if d := cmp.Diff([]ICSCode{"97", "97.200", "97.200.50"}, c.Prefixes()); d != "" {
		t.Errorf("prefixes (-want +got):\n%s", d)
	}
	for _, bad := range []string{"", "9", "97.20.50", "97.200.5", "972", "97.200.50.10", "x7.200"} {
		if c, err := ParseICS(bad); err == nil {
			t.Errorf("ParseICS(%q) = %q, want an error", bad, c)
		}
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]Date{
		"2016-03-01": "2016-03-01", "2016/3/1": "2016-03-01", "2016.03.01": "2016-03-01",
		"2016年3月1日": "2016-03-01", "2016-03": "2016-03", "2016": "2016", "": "",
	} {
		got, err := ParseDate(in)
		if err != nil || got != want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"2016-02-30", "16-03-01", "March 2016", "2016-13", "1800-01-01", "2016-03-01-02"} {
		if d, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) = %q, want an error", bad, d)
		}
	}
}

func FuzzParseHS(f *testing.F) {
	for _, s := range []string{"9503.00", "950300", "9503.00.21", "61"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		c, err := ParseHS(in)
		if err != nil {
			return
		}
		again, err := ParseHS(string(c))
		if err != nil || again != c {
			t.Fatalf("canonical %q of %q unstable: %v", c, in, err)
		}
	})
}

func FuzzParseICS(f *testing.F) {
	for _, s := range []string{"97.200.50", "9720050", "13.020"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		c, err := ParseICS(in)
		if err != nil {
			return
		}
		again, err := ParseICS(string(c))
		if err != nil || again != c {
			t.Fatalf("canonical %q of %q unstable: %v", c, in, err)
		}
	})
}
