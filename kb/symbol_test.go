package kb

import "testing"

func TestParseSymbol(t *testing.T) {
	tests := []struct {
		in, want, root, parent string
		typ                    NotificationType
	}{
		{"G/TBT/N/EU/1123/Add.2", "G/TBT/N/EU/1123/Add.2", "G/TBT/N/EU/1123", "G/TBT/N/EU/1123", TypeAddendum},
		{"g/tbt/n/eu/1123/add. 2", "G/TBT/N/EU/1123/Add.2", "G/TBT/N/EU/1123", "G/TBT/N/EU/1123", TypeAddendum},
		{"G/TBT/N/EU/1123 Add.2", "G/TBT/N/EU/1123/Add.2", "G/TBT/N/EU/1123", "G/TBT/N/EU/1123", TypeAddendum},
		{"G/SPS/N/CHN/1301", "G/SPS/N/CHN/1301", "G/SPS/N/CHN/1301", "G/SPS/N/CHN/1301", TypeRegular},
		{"Ｇ／ＳＰＳ／Ｎ／ＪＰＮ／１２３４", "G/SPS/N/JPN/1234", "G/SPS/N/JPN/1234", "G/SPS/N/JPN/1234", TypeRegular},
		{"G/TBT/N/USA/1977/Corr.1", "G/TBT/N/USA/1977/Corr.1", "G/TBT/N/USA/1977", "G/TBT/N/USA/1977", TypeCorrigendum},
		{"G/SPS/N/EU/700/Rev.1/Add.1", "G/SPS/N/EU/700/Rev.1/Add.1", "G/SPS/N/EU/700", "G/SPS/N/EU/700/Rev.1", TypeAddendum},
		{"G/TBT/N/TPKM/512/Rev.2", "G/TBT/N/TPKM/512/Rev.2", "G/TBT/N/TPKM/512", "G/TBT/N/TPKM/512", TypeRevision},
		{"G/TBT/N/KOR/1100/Suppl.1", "G/TBT/N/KOR/1100/Suppl.1", "G/TBT/N/KOR/1100", "G/TBT/N/KOR/1100", TypeSupplement},
	}
	for _, tt := range tests {
		s, err := ParseSymbol(tt.in)
		if err != nil {
			t.Errorf("ParseSymbol(%q): %v", tt.in, err)
			continue
		}
		if got := s.String(); got != tt.want {
			t.Errorf("ParseSymbol(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := s.Root().String(); got != tt.root {
			t.Errorf("%q root = %q, want %q", tt.in, got, tt.root)
		}
		if got := s.Parent().String(); got != tt.parent {
			t.Errorf("%q parent = %q, want %q", tt.in, got, tt.parent)
		}
		if got := s.Type(); got != tt.typ {
			t.Errorf("%q type = %q, want %q", tt.in, got, tt.typ)
		}
	}
	for _, bad := range []string{"", "G/TBT/EU/1123", "G/XYZ/N/EU/1", "G/TBT/N/EU/0", "G/TBT/N/EU/12/Add", "TBT/N/EU/1", "G/TBT/N/EU/1123/Foo.1"} {
		if s, err := ParseSymbol(bad); err == nil {
			t.Errorf("ParseSymbol(%q) = %q, want an error", bad, s)
		}
	}
}

func FuzzParseSymbol(f *testing.F) {
	for _, s := range []string{"G/TBT/N/EU/1123/Add.2", "G/SPS/N/CHN/1301", "g/sps/n/eu/700/rev.1/add.1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, err := ParseSymbol(in)
		if err != nil {
			return
		}
		again, err := ParseSymbol(s.String())
		if err != nil || again.String() != s.String() {
			t.Fatalf("canonical %q of %q unstable: %v", s, in, err)
		}
	})
}

func TestParseTRISNumber(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"2024/0123/DE", "2024/0123/DE"},
		{"TRIS 2024/123/de", "2024/0123/DE"},
		{" 2025 / 7 / EL ", "2025/0007/EL"},
		{"２０２４/0123/FR", "2024/0123/FR"},
	} {
		got, err := ParseTRISNumber(tt.in)
		if err != nil || got.String() != tt.want {
			t.Errorf("ParseTRISNumber(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "2024/0123", "2024/0000/DE", "1900/0001/DE", "2024/12345/DE", "G/TBT/N/EU/1", "2024/0123/DEU"} {
		if got, err := ParseTRISNumber(bad); err == nil {
			t.Errorf("ParseTRISNumber(%q) = %v; want an error", bad, got)
		}
	}
}

func TestNormalizeTRISNotification(t *testing.T) {
	n := &Notification{Symbol: "2024/123/de", Title: "Draft decree on labelling", Distributed: "2024-03-01", CommentDeadline: "2024-06-03"}
	if err := n.Normalize(); err != nil {
		t.Fatal(err)
	}
	if n.Symbol != "2024/0123/DE" || n.Area != AreaTRIS || n.Member != "EU" || n.Type != TypeRegular || n.Key() != "2024/0123/DE" {
		t.Errorf("normalised TRIS notification = symbol %q area %q member %q type %q key %q", n.Symbol, n.Area, n.Member, n.Type, n.Key())
	}
	if _, ok := n.ParsedSymbol(); ok {
		t.Error("a TRIS number parsed as a WTO symbol")
	}
	for _, bad := range []*Notification{
		{Symbol: "2024/0123/DE", Area: AreaTBT},  // a TRIS number is not a WTO symbol
		{Symbol: "G/TBT/N/EU/1", Area: AreaTRIS}, // nor the other way round
		{Symbol: "2024/0123/DE", Member: "USA"},
	} {
		if err := bad.Normalize(); err == nil {
			t.Errorf("Normalize(%+v) succeeded; want an error", bad)
		}
	}
}

func FuzzParseTRISNumber(f *testing.F) {
	for _, s := range []string{"2024/0123/DE", "TRIS 2025/7/el", "２０２４/0123/FR"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		n, err := ParseTRISNumber(in)
		if err != nil {
			return
		}
		again, err := ParseTRISNumber(n.String())
		if err != nil || again != n {
			t.Fatalf("canonical %q of %q unstable: %v", n, in, err)
		}
		if _, err := ParseSymbol(n.String()); err == nil {
			t.Fatalf("TRIS number %q also parses as a WTO symbol", n)
		}
	})
}
