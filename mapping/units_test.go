package mapping

import (
	"errors"
	"math"
	"testing"

	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/kb"
)

func TestParseLimit(t *testing.T) {
	tests := []struct {
		in      string
		cmp     kb.Comparator
		value   float64
		rest    string
		wantErr bool
	}{
		{in: "0.5", value: 0.5},
		{in: "90", value: 90},
		{in: "0.020", value: 0.02},
		{in: ".5", value: 0.5},
		{in: "≤ 25", cmp: kb.CmpLE, value: 25},
		{in: "≤25", cmp: kb.CmpLE, value: 25},
		{in: "<= 25", cmp: kb.CmpLE, value: 25},
		{in: "< 0.01", cmp: kb.CmpLT, value: 0.01},
		{in: "≥ 20", cmp: kb.CmpGE, value: 20},
		{in: "> 7", cmp: kb.CmpGT, value: 7},
		{in: "= 7", cmp: kb.CmpEQ, value: 7},
		{in: "max. 60", cmp: kb.CmpLE, value: 60},
		{in: "Max 60", cmp: kb.CmpLE, value: 60},
		{in: "maximum 60", cmp: kb.CmpLE, value: 60},
		{in: "min 1.5", cmp: kb.CmpGE, value: 1.5},
		{in: "60 max", cmp: kb.CmpLE, value: 60},
		{in: "60 mg/kg max.", cmp: kb.CmpLE, value: 60, rest: "mg/kg"},
		{in: "不超过 0.2", cmp: kb.CmpLE, value: 0.2},
		{in: "1 000", value: 1000},
		{in: "18 750", value: 18750},
		{in: "1\u00a0000", value: 1000},         // no-break space
		{in: "1\u202f000\u202f000", value: 1e6}, // narrow no-break spaces
		{in: "1'000", value: 1000},
		{in: "1 000,5", value: 1000.5},
		{in: "1,000", value: 1000},
		{in: "12,500,000", value: 12500000},
		{in: "1,000.5", value: 1000.5},
		{in: "0,1", value: 0.1},
		{in: "0,100", value: 0.1},
		{in: "1,5", value: 1.5},
		{in: "1e-3", value: 0.001},
		{in: "2.5E2", value: 250},
		{in: "-20", value: -20},
		{in: "−20", value: -20}, // minus sign
		{in: "０.５", value: 0.5}, // full width
		{in: "≤　25", cmp: kb.CmpLE, value: 25},
		{in: "25 mg/kg", value: 25, rest: "mg/kg"},
		{in: "0.5 µg/cm²/week", value: 0.5, rest: "µg/cm²/week"},
		{in: "ND", cmp: kb.CmpNotDetected},
		{in: "n.d.", cmp: kb.CmpNotDetected},
		{in: "Not detected", cmp: kb.CmpNotDetected},
		{in: "不得检出", cmp: kb.CmpNotDetected},
		{in: "prohibited", cmp: kb.CmpProhibited},
		{in: "禁用", cmp: kb.CmpProhibited},
		{in: "", wantErr: true},
		{in: "   ", wantErr: true},
		{in: "see Annex II", wantErr: true},
		{in: "≤", wantErr: true},
		{in: "-", wantErr: true},
		{in: "1.2.3", wantErr: true},
		{in: "1,00,000", wantErr: true},
		{in: "25 30", wantErr: true},
		{in: "1e999", wantErr: true},
		{in: "NaN", wantErr: true},
		{in: "Inf", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseLimit(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("ParseLimit(%q) = %+v, want an error", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseLimit(%q): %v", tt.in, err)
			}
			if got.Cmp != tt.cmp || !sameValue(got.Value, tt.value) || got.Rest != tt.rest {
				t.Errorf("ParseLimit(%q) = %+v, want cmp %q value %v rest %q", tt.in, got, tt.cmp, tt.value, tt.rest)
			}
		})
	}
}

func TestParseLimitRange(t *testing.T) {
	for _, in := range []string{"0.1-0.5", "0.1 – 0.5", "5~10", "5 to 10", "5至10", "6.5 - 8.5"} {
		if _, err := ParseLimit(in); !errors.Is(err, ErrRange) {
			t.Errorf("ParseLimit(%q): %v, want ErrRange", in, err)
		}
	}
}

func TestParseUnit(t *testing.T) {
	tests := []struct {
		in        string
		dim       Dimension
		canonical string
		factor    float64
	}{
		{"mg/kg", DimMassFraction, "mg/kg", 1},
		{"MG/KG", DimMassFraction, "mg/kg", 1},
		{"mg kg-1", DimMassFraction, "mg/kg", 1},
		{"mg·kg⁻¹", DimMassFraction, "mg/kg", 1},
		{"mg kg^-1", DimMassFraction, "mg/kg", 1},
		{"ppm", DimMassFraction, "mg/kg", 1},
		{"µg/g", DimMassFraction, "mg/kg", 1},
		{"μg/g", DimMassFraction, "mg/kg", 1}, // Greek mu
		{"ug/g", DimMassFraction, "mg/kg", 1},
		{"mcg/g", DimMassFraction, "mg/kg", 1},
		{"ｍｇ／ｋｇ", DimMassFraction, "mg/kg", 1}, // full width
		{"g/kg", DimMassFraction, "mg/kg", 1000},
		{"µg/kg", DimMassFraction, "mg/kg", 0.001},
		{"ppb", DimMassFraction, "mg/kg", 0.001},
		{"% (w/w)", DimMassFraction, "mg/kg", 10000},
		{"% m/m", DimMassFraction, "mg/kg", 10000},
		{"wt%", DimMassFraction, "mg/kg", 10000},
		{"%", DimPercent, "%", 1},
		{"‰", DimPercent, "%", 0.1},
		{"mg/L", DimConcentration, "mg/L", 1},
		{"mg/l", DimConcentration, "mg/L", 1},
		{"µg/L", DimConcentration, "mg/L", 0.001},
		{"ug/L", DimConcentration, "mg/L", 0.001},
		{"mg/dm3", DimConcentration, "mg/L", 1},
		{"µg/cm²", DimAreaDensity, "µg/cm²", 1},
		{"ug/cm2", DimAreaDensity, "µg/cm²", 1},
		{"µg/cm^2", DimAreaDensity, "µg/cm²", 1},
		{"mg/dm²", DimAreaDensity, "µg/cm²", 10},
		{"mg/dm2", DimAreaDensity, "µg/cm²", 10},
		{"mg/m²", DimAreaDensity, "µg/cm²", 0.1},
		{"µg/cm²/week", DimAreaRate, "µg/cm²/week", 1},
		{"ug/cm2/week", DimAreaRate, "µg/cm²/week", 1},
		{"µg/(cm² · week)", DimAreaRate, "µg/cm²/week", 1},
		{"mg/item", DimOther, "mg/item", 1},
		{"  mg  per   item ", DimOther, "mg per item", 1},
		{"", DimOther, "", 1},
	}
	for _, tt := range tests {
		got := ParseUnit(tt.in)
		if got.Dim != tt.dim || got.Canonical != tt.canonical || got.Factor != tt.factor {
			t.Errorf("ParseUnit(%q) = %+v, want %s %q ×%v", tt.in, got, tt.dim, tt.canonical, tt.factor)
		}
	}
	if !ParseUnit("mg/Item").Same(ParseUnit("MG / item")) {
		t.Error("unknown units differing in case and spaces should be the same")
	}
	if ParseUnit("mg/item").Same(ParseUnit("mg/piece")) {
		t.Error("different unknown units should not be the same")
	}
	if ParseUnit("mg/kg").Same(ParseUnit("mg/L")) {
		t.Error("mg/kg and mg/L should not be the same")
	}
}

func TestParseQuantity(t *testing.T) {
	tests := []struct {
		limit, unit string
		cmp         kb.Comparator
		value       float64
		canonical   string
		wantErr     bool
	}{
		{limit: "23", unit: "mg/kg", value: 23, canonical: "mg/kg"},
		{limit: "0.0023", unit: "% (w/w)", value: 23, canonical: "mg/kg"},
		{limit: "1,5", unit: "g/kg", value: 1500, canonical: "mg/kg"},
		{limit: "≤ 10", unit: "mg/dm²", cmp: kb.CmpLE, value: 100, canonical: "µg/cm²"},
		{limit: "50", unit: "µg/L", value: 0.05, canonical: "mg/L"},
		{limit: "0.5 µg/cm²/week", unit: "", value: 0.5, canonical: "µg/cm²/week"},
		{limit: "0.5 ug/cm2/week", unit: "µg/cm²/week", value: 0.5, canonical: "µg/cm²/week"},
		{limit: "not detected", unit: "mg/kg", cmp: kb.CmpNotDetected, value: 0, canonical: "mg/kg"},
		{limit: "5", unit: "%", value: 5, canonical: "%"},
		{limit: "25 mg/L", unit: "mg/kg", wantErr: true},
		{limit: "lots", unit: "mg/kg", wantErr: true},
		{limit: "1e306", unit: "g/kg", wantErr: true}, // overflows in mg/kg
	}
	for _, tt := range tests {
		got, err := ParseQuantity(tt.limit, tt.unit)
		if tt.wantErr {
			if err == nil {
				t.Errorf("ParseQuantity(%q, %q) = %+v, want an error", tt.limit, tt.unit, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseQuantity(%q, %q): %v", tt.limit, tt.unit, err)
			continue
		}
		if got.Cmp != tt.cmp || !sameValue(got.Value, tt.value) || got.Unit.Canonical != tt.canonical {
			t.Errorf("ParseQuantity(%q, %q) = %+v, want %q %v %s", tt.limit, tt.unit, got, tt.cmp, tt.value, tt.canonical)
		}
	}
}

func TestFormatValue(t *testing.T) {
	for _, tt := range []struct {
		in   float64
		want string
	}{
		{23, "23"}, {0.0023 * 10000, "23"}, {18750, "18750"}, {0.053, "0.053"}, {1e6, "1000000"},
		{0.1 + 0.2, "0.3"}, {1e-7, "0.0000001"}, {math.Copysign(0, -1), "0"}, {-20, "-20"},
	} {
		if got := FormatValue(tt.in); got != tt.want {
			t.Errorf("FormatValue(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzParseQuantity checks that ParseQuantity never panics and that what
// it accepts is consistent: a finite value in a known canonical unit, zero
// for not detected, and a value that reads back from its own formatting.
func FuzzParseQuantity(f *testing.F) {
	for _, s := range [][2]string{
		{"0.5", "mg/kg"}, {"≤ 25", "ppm"}, {"1 000", "mg/kg"}, {"0,1", "% (w/w)"}, {"ND", "mg/kg"},
		{"not detected", ""}, {"0.1-0.5", "mg/L"}, {"1,000.5", "µg/cm²"}, {"60 max", "mg/kg"},
		{"0.5 µg/cm²/week", ""}, {"1e-3", "g/kg"}, {"−20", "°C"}, {"≥ 7", "mg kg-1"},
	} {
		f.Add(s[0], s[1])
	}
	// The seed's own limits and units.
	recs, err := content.SeedRecords()
	if err != nil {
		f.Fatal(err)
	}
	for _, r := range recs {
		if q, ok := r.(*kb.Requirement); ok {
			f.Add(q.Limit, q.Unit)
		}
	}
	f.Fuzz(func(t *testing.T, limit, unit string) {
		u := ParseUnit(unit)
		if u.Dim == DimOther {
			if unitKey(u.Canonical) != u.key {
				t.Errorf("ParseUnit(%q): key %q, but the shown %q keys to %q", unit, u.key, u.Canonical, unitKey(u.Canonical))
			}
		} else if c := ParseUnit(u.Canonical); c.Dim != u.Dim || c.Factor != 1 {
			t.Errorf("ParseUnit(%q) = %+v, whose canonical unit reads as %+v", unit, u, c)
		}
		q, err := ParseQuantity(limit, unit)
		if err != nil {
			return
		}
		if math.IsNaN(q.Value) || math.IsInf(q.Value, 0) {
			t.Fatalf("ParseQuantity(%q, %q) = %v", limit, unit, q.Value)
		}
		if q.Zero() && q.Value != 0 {
			t.Errorf("ParseQuantity(%q, %q): zero limit with value %v", limit, unit, q.Value)
		}
		if !(q.Unit.Factor > 0) || math.IsInf(q.Unit.Factor, 0) {
			t.Errorf("ParseQuantity(%q, %q): factor %v", limit, unit, q.Unit.Factor)
		}
		if q.Zero() {
			return
		}
		s := FormatValue(q.Value)
		back, err := ParseLimit(s)
		if err != nil {
			t.Fatalf("ParseQuantity(%q, %q) = %v, formatted %q does not read back: %v", limit, unit, q.Value, s, err)
		}
		if d := math.Abs(back.Value - q.Value); d > 1e-5*math.Abs(q.Value) && d > 1e-300 {
			t.Errorf("ParseQuantity(%q, %q) = %v, formatted %q reads back as %v", limit, unit, q.Value, s, back.Value)
		}
	})
}

func BenchmarkParseQuantity(b *testing.B) {
	inputs := [][2]string{{"0.5", "mg/kg"}, {"≤ 1 000", "µg/g"}, {"0,1", "% (w/w)"}, {"ND", "mg/kg"}, {"10", "mg dm-2"}}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		in := inputs[i%len(inputs)]
		if _, err := ParseQuantity(in[0], in[1]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "limits/s")
}
