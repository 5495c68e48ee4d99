package spell

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"phthalates", "phthalates", 0},
		{"phtalates", "phthalates", 1}, // a letter left out
		{"avain", "avian", 1},          // two letters swapped
		{"formaldehide", "formaldehyde", 1},
		{"batery", "battery", 1},
		{"kitten", "sitting", 3},
		{"", "abc", 3},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b, 10); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.a, tt.b, 1); tt.want >= 1 && got < 1 {
			t.Errorf("Distance(%q, %q, bound 1) = %d, want ≥ 1", tt.a, tt.b, got)
		}
	}
}
