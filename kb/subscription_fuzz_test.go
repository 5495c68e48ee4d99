package kb

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzSubscriptionNormalize feeds subscription conditions as a subscriber
// types them (one form field per kind, values separated by commas):
// Normalize must never panic, and what it accepts must be canonical —
// normalising it again changes nothing.
func FuzzSubscriptionNormalize(f *testing.F) {
	f.Add("USA, eu", "TBT", "regular", "8516.60,95", "97.200.50", "Food safety", "玩具, lithium battery", "cosmetics", "G/TBT/N/USA/9001/Add.1")
	f.Add("", "", "", "", "", "", "", "x", "")
	f.Add("中国", "sps", "Addendum", "0201.10.00.10", "13", " ", "鋰電池", "", "g/sps/n/chn/1301/rev.1")
	f.Fuzz(func(t *testing.T, members, areas, types, hs, ics, objectives, keywords, exclude, follow string) {
		split := func(s string) []string {
			if s == "" {
				return nil
			}
			return strings.Split(s, ",")
		}
		s := Subscription{
			Members: split(members), HS: split(hs), ICS: split(ics),
			Objectives: split(objectives), Keywords: split(keywords), Exclude: split(exclude), Follow: split(follow),
		}
		for _, a := range split(areas) {
			s.Areas = append(s.Areas, Area(a))
		}
		for _, ty := range split(types) {
			s.Types = append(s.Types, NotificationType(ty))
		}
		if err := s.Normalize(); err != nil {
			return
		}
		again := s
		if err := again.Normalize(); err != nil {
			t.Fatalf("normalised subscription fails Normalize: %v\n%+v", err, s)
		}
		if !reflect.DeepEqual(again, s) {
			t.Fatalf("Normalize is not idempotent:\n%+v\n%+v", s, again)
		}
	})
}
