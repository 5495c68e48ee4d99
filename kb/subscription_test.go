package kb

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSubscriptionNormalize(t *testing.T) {
	in := Subscription{
		ID:         7,
		Members:    []string{"usa", "USA", "EU"},
		Areas:      []Area{"tbt", " SPS "},
		Types:      []NotificationType{"Addendum", "regular"},
		HS:         []string{"8516.60", "85", "851660"},
		ICS:        []string{"97.200.50", "9720050", "13"},
		Objectives: []string{"  Food   safety "},
		Keywords:   []string{" lithium  battery ", "玩具"},
		Exclude:    []string{"cosmetics"},
		Follow:     []string{"g/tbt/n/usa/9001/add.1"},
	}
	want := Subscription{
		ID:         7,
		Members:    []string{"EU", "USA"},
		Areas:      []Area{"SPS", "TBT"},
		Types:      []NotificationType{"addendum", "regular"},
		HS:         []string{"85", "851660"},
		ICS:        []string{"13", "97.200.50"},
		Objectives: []string{"Food safety"},
		Keywords:   []string{"lithium battery", "玩具"},
		Exclude:    []string{"cosmetics"},
		Follow:     []string{"G/TBT/N/USA/9001/Add.1"},
	}
	if err := in.Normalize(); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, in); d != "" {
		t.Errorf("normalised (-want +got):\n%s", d)
	}
}

func TestSubscriptionNormalizeErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		sub  Subscription
		want string // in the error
	}{
		{"nothing", Subscription{}, "no condition"},
		{"exclude only", Subscription{Exclude: []string{"toy"}}, "no condition"},
		{"odd HS", Subscription{HS: []string{"851"}}, "HS code"},
		{"HS too long", Subscription{HS: []string{"851660001122"}}, "HS code"},
		{"HS chapter", Subscription{HS: []string{"99"}}, "chapter"},
		{"ICS level", Subscription{ICS: []string{"97.2"}}, "ICS code"},
		{"member", Subscription{Members: []string{"Atlantis"}}, "member"},
		{"area", Subscription{Areas: []Area{"GATT"}}, "area"},
		{"type", Subscription{Types: []NotificationType{"memo"}}, "type"},
		{"empty type", Subscription{Types: []NotificationType{" "}}, "type"},
		{"symbol", Subscription{Follow: []string{"G/TBT/9001"}}, "followed symbol"},
		{"empty keyword", Subscription{Keywords: []string{"  "}}, "keyword"},
		{"empty objective", Subscription{HS: []string{"85"}, Objectives: []string{""}}, "objective"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.sub.Normalize()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Normalize() = %v, want an error about %q", err, tc.want)
			}
		})
	}
}
