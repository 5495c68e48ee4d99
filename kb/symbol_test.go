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
