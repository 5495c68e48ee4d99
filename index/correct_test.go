package index

import "testing"

func TestCorrect(t *testing.T) {
	e := newExpander([]Concept{
		{Zh: []string{"邻苯二甲酸酯"}, En: []string{"phthalates"}},
		{Zh: []string{"禽流感"}, En: []string{"avian influenza"}},
		{Zh: []string{"电池"}, En: []string{"battery", "batteries"}},
	}, nil, nil)
	tests := []struct {
		q       string
		unknown map[int]bool
		want    string
	}{
		{"phtalates in toys", map[int]bool{0: true}, "phthalates in toys"},
		{"avain influenza ban", map[int]bool{0: true}, "avian influenza ban"},
		{"lithum batery", map[int]bool{0: true, 1: true}, "lithum battery"}, // nothing near "lithum"
		{"phtalates", nil, "phtalates"},                                     // known words stay
		{`"avain" flu`, map[int]bool{0: true}, `"avain" flu`},               // quoted means as typed
		{"toi", map[int]bool{0: true}, "toi"},                               // too short to guess
	}
	for _, tt := range tests {
		got, changed := e.correct(tt.q, tt.unknown)
		if got != tt.want || changed != (tt.want != tt.q) {
			t.Errorf("correct(%q) = %q, %v; want %q", tt.q, got, changed, tt.want)
		}
	}
}
