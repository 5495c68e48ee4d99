package content

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func codes(hs []HSHeading) []string {
	out := []string{}
	for _, h := range hs {
		out = append(out, string(h.Code))
	}
	return out
}

func TestHSResolve(t *testing.T) {
	table, err := LoadHSTable()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		q        string
		code     string   // Product.Code
		headings []string // the lines found
		byName   bool
		err      bool
	}{
		{"heading", "9503", "9503", []string{"9503"}, false, false},
		{"subheading with dots", "9503.00", "9503.00", []string{"9503"}, false, false},
		{"tariff line", "9503 00 21 00", "9503.00.21.00", []string{"9503"}, false, false},
		{"full-width digits", "９５０３", "9503", []string{"9503"}, false, false},
		{"chapter listed", "61", "61", []string{"61"}, false, false},
		{"heading not listed: its chapter", "6105", "6105", []string{"61"}, false, false},
		{"chapter not listed: its headings", "95", "95", []string{"9503", "9505"}, false, false},
		{"code the table lacks", "8471", "8471", []string{}, false, false},
		{"odd digits", "950", "", nil, false, true},
		{"no such chapter", "9999", "", nil, false, true},
		{"zh name", "玩具", "9503", []string{"9503"}, true, false},
		{"zh name holding a word", "玩具类", "9503", []string{"9503"}, true, false},
		{"zh name inside the heading's text", "踏板车", "9503", []string{"9503"}, true, false},
		{"en name", "toys", "9503", []string{"9503"}, true, false},
		{"en name, capitals and spaces", "  Toys ", "9503", []string{"9503"}, true, false},
		{"en singular", "toy", "9503", []string{"9503"}, true, false},
		{"traditional characters", "化妝品", "3304", []string{"3304"}, true, false},
		{"traditional, ambiguous", "電池", "", []string{"8506", "8507"}, true, false},
		{"ambiguous en", "batteries", "", []string{"8506", "8507"}, true, false},
		{"ambiguous: household appliances", "家用电器", "", []string{"8509", "8516"}, true, false},
		{"ambiguous: clothing", "clothing", "", []string{"61", "62"}, true, false},
		{"one Chinese character, exact", "鞋", "64", []string{"64"}, true, false},
		{"one Chinese character is not looked for inside", "米饭", "", []string{}, true, false},
		{"English on word boundaries", "steam", "", []string{}, true, false},
		{"nonsense", "xyzzy", "", []string{}, true, false},
		{"empty", "", "", []string{}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := table.Resolve(tt.q)
			if (err != nil) != tt.err {
				t.Fatalf("Resolve(%q) error %v, want error %v", tt.q, err, tt.err)
			}
			if tt.err {
				return
			}
			if string(p.Code) != tt.code || p.ByName != tt.byName {
				t.Errorf("Resolve(%q) = code %q by name %v, want %q, %v", tt.q, p.Code, p.ByName, tt.code, tt.byName)
			}
			if diff := cmp.Diff(tt.headings, codes(p.Headings)); diff != "" {
				t.Errorf("Resolve(%q) headings (-want +got):\n%s", tt.q, diff)
			}
		})
	}
}

func TestHSWordIn(t *testing.T) {
	table, err := LoadHSTable()
	if err != nil {
		t.Fatal(err)
	}
	toys := table.ForCode("9503")[0]
	tests := []struct{ text, lang, want string }{
		{"Toys intended for children under 36 months", "en", "toys"},
		{"Toys intended for children under 36 months", "zh", "toys"},
		{"修订玩具安全指令2009/48/EC", "en", "玩具"},
		{"電動玩具", "zh", "玩具"},
		{"Toy safety | 玩具安全", "zh", "玩具"},
		{"Toy safety | 玩具安全", "en", "toy"},
		{"Tomatoes, fresh", "en", ""},
		{"Toyota vehicles", "en", ""},
	}
	for _, tt := range tests {
		if got := toys.WordIn(Fold(tt.text), tt.lang); got != tt.want {
			t.Errorf("WordIn(%q, %s) = %q, want %q", tt.text, tt.lang, got, tt.want)
		}
	}
}

// TestHSTable holds the embedded table to its format: codes in order,
// every line resolvable by each of its own words.
func TestHSTable(t *testing.T) {
	table, err := LoadHSTable()
	if err != nil {
		t.Fatal(err)
	}
	all := table.All()
	if n := len(all); n < 60 || n > 120 {
		t.Errorf("%d lines, want 60–120", n)
	}
	for i, h := range all {
		if i > 0 && h.Code.Digits() <= all[i-1].Code.Digits() {
			t.Errorf("%s comes after %s", h.Code, all[i-1].Code)
		}
		for _, w := range h.Words {
			p, err := table.Resolve(w)
			if err != nil {
				t.Errorf("%s: word %q: %v", h.Code, w, err)
				continue
			}
			if !strings.Contains(strings.Join(codes(p.Headings), " "), string(h.Code)) {
				t.Errorf("%s: word %q resolves to %v", h.Code, w, codes(p.Headings))
			}
		}
	}
}

func TestReadHSTableErrors(t *testing.T) {
	const head = "code\tzh\ten\tsector\twords\n"
	tests := []struct{ name, src, want string }{
		{"no header", "9503\t玩具\tToys\ttoys\t玩具\n", "header"},
		{"columns", head + "9503\t玩具\tToys\ttoys\n", "5 columns"},
		{"subheading", head + "9503.00\t玩具\tToys\ttoys\t玩具\n", "chapter"},
		{"bad code", head + "95x3\t玩具\tToys\ttoys\t玩具\n", "unexpected"},
		{"sector", head + "9503\t玩具\tToys\tfun\t玩具\n", "sector"},
		{"name", head + "9503\t\tToys\ttoys\t玩具\n", "names"},
		{"no words", head + "9503\t玩具\tToys\ttoys\t | \n", "no words"},
		{"duplicate word", head + "9503\t玩具\tToys\ttoys\tToys|toys\n", "twice"},
		{"duplicate code", head + "9503\t玩具\tToys\ttoys\t玩具\n9503\t玩具\tToys\ttoys\t玩具\n", "already"},
	}
	for _, tt := range tests {
		_, err := ReadHSTable(strings.NewReader(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one saying %q", tt.name, err, tt.want)
		}
	}
}
