package alerts

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/kb"
)

// testFolder stands in for search's analyzer: traditional characters are
// simplified by a small table, a small glossary maps Chinese and English
// words to a shared concept term, English plurals are stripped, and other
// Han characters are terms of their own.
type testFolder struct{}

var (
	testT2S      = map[rune]rune{'電': '电', '池': '池', '鋰': '锂', '標': '标', '籤': '签'}
	testGlossary = map[string]string{"玩具": "#toy", "toy": "#toy", "化妆品": "#cosmetic", "cosmetic": "#cosmetic"}
)

func (testFolder) Terms(text string) []string {
	var out []string
	var run []rune
	flushHan := func() {
	next:
		for i := 0; i < len(run); {
			for n := 3; n >= 2; n-- { // longest glossary word first
				if i+n <= len(run) {
					if c, ok := testGlossary[string(run[i:i+n])]; ok {
						out, i = append(out, c), i+n
						continue next
					}
				}
			}
			out, i = append(out, string(run[i])), i+1
		}
		run = run[:0]
	}
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		var word []rune
		flushWord := func() {
			if len(word) == 0 {
				return
			}
			w := strings.ToLower(string(word))
			switch {
			case strings.HasSuffix(w, "ies"):
				w = strings.TrimSuffix(w, "ies") + "y"
			case strings.HasSuffix(w, "s") && len(w) > 3:
				w = strings.TrimSuffix(w, "s")
			}
			if c, ok := testGlossary[w]; ok {
				w = c
			}
			out, word = append(out, w), word[:0]
		}
		for _, r := range f {
			if unicode.Is(unicode.Han, r) {
				flushWord()
				if s, ok := testT2S[r]; ok {
					r = s
				}
				run = append(run, r)
				continue
			}
			flushHan()
			word = append(word, r)
		}
		flushHan()
		flushWord()
	}
	return out
}

func TestTestFolder(t *testing.T) {
	got := testFolder{}.Terms("Toys and 儿童玩具, 鋰電池 batteries; 化妆品")
	want := []string{"#toy", "and", "儿", "童", "#toy", "锂", "电", "池", "battery", "#cosmetic"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("terms (-want +got):\n%s", d)
	}
}

func TestPlainFolder(t *testing.T) {
	got := plainFolder{}.Terms("Lead-free LEAD 2024, 铅含量")
	want := []string{"lead", "free", "lead", "2024", "铅", "含", "量"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("terms (-want +got):\n%s", d)
	}
}

// bruteMatch is the reference semantics, written directly from the
// definition and independently of the Matcher's code. s must be normalised.
func bruteMatch(s kb.Subscription, n *kb.Notification, fold Folder) bool {
	return bruteMatchText(s, n, fold, textTerms(n, fold))
}

// textTerms is the terms of a notification's text, for bruteMatchText.
func textTerms(n *kb.Notification, fold Folder) map[string]bool {
	text := map[string]bool{}
	for _, x := range append(append([]string{n.Title, n.TitleZh, n.Description, n.Products}, n.Keywords...), n.Objectives...) {
		for _, t := range fold.Terms(x) {
			text[t] = true
		}
	}
	return text
}

func bruteMatchText(s kb.Subscription, n *kb.Notification, fold Folder, text map[string]bool) bool {
	occurs := func(phrase string) bool {
		terms := fold.Terms(phrase)
		if len(terms) == 0 {
			return false
		}
		for _, t := range terms {
			if !text[t] {
				return false
			}
		}
		return true
	}
	any := func(vals []string, ok func(string) bool) bool {
		return len(vals) == 0 || slices.ContainsFunc(vals, ok)
	}
	overlaps := func(mine string, theirs []string, canon func(string) (string, error)) bool {
		for _, x := range theirs {
			c, err := canon(x)
			if err == nil && (strings.HasPrefix(c, mine) || strings.HasPrefix(mine, c)) {
				return true
			}
		}
		return false
	}
	hsDigits := func(x string) (string, error) { c, err := kb.ParseHS(x); return c.Digits(), err }
	ics := func(x string) (string, error) { c, err := kb.ParseICS(x); return string(c), err }
	root := func(sym string) string {
		p, err := kb.ParseSymbol(sym)
		if err != nil {
			return ""
		}
		return p.Root().String()
	}
	return any(s.Follow, func(f string) bool { return root(n.Symbol) != "" && root(f) == root(n.Symbol) }) &&
		any(s.Members, func(m string) bool { return m == n.Member }) &&
		(len(s.Areas) == 0 || slices.Contains(s.Areas, n.Area)) &&
		(len(s.Types) == 0 || slices.Contains(s.Types, n.Type)) &&
		any(s.HS, func(h string) bool { return overlaps(h, n.HS, hsDigits) }) &&
		any(s.ICS, func(c string) bool { return overlaps(c, n.ICS, ics) }) &&
		any(s.Objectives, func(o string) bool {
			return slices.ContainsFunc(n.Objectives, func(x string) bool { return strings.EqualFold(strings.Join(strings.Fields(x), " "), o) })
		}) &&
		any(s.Keywords, occurs) &&
		!slices.ContainsFunc(s.Exclude, occurs)
}

func TestMatchSemantics(t *testing.T) {
	base := kb.Notification{
		Symbol:      "G/TBT/N/USA/9001",
		Title:       "Safety requirements for household electric appliances",
		TitleZh:     "家用电器安全要求",
		Description: "Limits lead and cadmium in lithium-ion batteries of toys; leading manufacturers consulted.",
		Products:    "Electric water heaters; toys",
		HS:          []string{"8516.10", "9503.00"},
		ICS:         []string{"97.200.50", "29.220"},
		Objectives:  []string{"Protection of human health or safety"},
		Keywords:    []string{"Consumer safety"},
	}
	with := func(f func(n *kb.Notification)) kb.Notification {
		n := base
		n.HS, n.ICS = slices.Clone(base.HS), slices.Clone(base.ICS)
		f(&n)
		return n
	}
	sym := func(s string) kb.Notification { return with(func(n *kb.Notification) { n.Symbol = s }) }
	for _, tc := range []struct {
		name string
		sub  kb.Subscription
		n    kb.Notification
		want bool
	}{
		{"member", kb.Subscription{Members: []string{"USA"}}, base, true},
		{"member by name", kb.Subscription{Members: []string{"United States of America"}}, base, true},
		{"other member", kb.Subscription{Members: []string{"EU"}}, base, false},
		{"members are alternatives", kb.Subscription{Members: []string{"EU", "USA"}}, base, true},
		{"area", kb.Subscription{Areas: []kb.Area{"TBT"}}, base, true},
		{"other area", kb.Subscription{Areas: []kb.Area{"SPS"}}, base, false},
		{"type regular", kb.Subscription{Types: []kb.NotificationType{"regular"}}, base, true},
		{"type addendum", kb.Subscription{Types: []kb.NotificationType{"addendum"}}, sym("G/TBT/N/USA/9001/Add.1"), true},
		{"type not addendum", kb.Subscription{Types: []kb.NotificationType{"addendum"}}, base, false},
		{"HS chapter", kb.Subscription{HS: []string{"85"}}, base, true},
		{"HS heading", kb.Subscription{HS: []string{"8516"}}, base, true},
		{"HS subheading", kb.Subscription{HS: []string{"8516.10"}}, base, true},
		{"HS 10 digits under notified subheading", kb.Subscription{HS: []string{"8516.10.00.10"}}, base, true},
		{"HS sibling subheading", kb.Subscription{HS: []string{"851660"}}, base, false},
		{"HS other heading", kb.Subscription{HS: []string{"8517"}}, base, false},
		{"HS notified at chapter level", kb.Subscription{HS: []string{"851660"}}, with(func(n *kb.Notification) { n.HS = []string{"85"} }), true},
		{"HS codes are alternatives", kb.Subscription{HS: []string{"0201", "9503"}}, base, true},
		{"ICS field", kb.Subscription{ICS: []string{"97"}}, base, true},
		{"ICS group", kb.Subscription{ICS: []string{"97.200"}}, base, true},
		{"ICS sub-group", kb.Subscription{ICS: []string{"97.200.50"}}, base, true},
		{"ICS sibling sub-group", kb.Subscription{ICS: []string{"97.200.40"}}, base, false},
		{"ICS sub-group under notified group", kb.Subscription{ICS: []string{"29.220.20"}}, base, true},
		{"ICS other field", kb.Subscription{ICS: []string{"13"}}, base, false},
		{"objective", kb.Subscription{Objectives: []string{"protection of human  health or safety"}}, base, true},
		{"other objective", kb.Subscription{Objectives: []string{"Food safety"}}, base, false},
		{"keyword", kb.Subscription{Keywords: []string{"Lead"}}, base, true},
		{"keyword is a whole word", kb.Subscription{Keywords: []string{"lead"}}, with(func(n *kb.Notification) { n.Description = "Leading makers." }), false},
		{"keyword no substring", kb.Subscription{Keywords: []string{"heat"}}, base, false},
		{"keyword multi-word", kb.Subscription{Keywords: []string{"lithium battery"}}, base, true},
		{"keyword multi-word needs all", kb.Subscription{Keywords: []string{"lithium cell"}}, base, false},
		{"keyword from keywords field", kb.Subscription{Keywords: []string{"consumer"}}, base, true},
		{"keyword from objectives", kb.Subscription{Keywords: []string{"human health"}}, base, true},
		{"keyword Chinese", kb.Subscription{Keywords: []string{"电器"}}, base, true},
		{"keyword traditional Chinese", kb.Subscription{Keywords: []string{"電器"}}, base, true},
		{"keyword traditional folded", kb.Subscription{Keywords: []string{"鋰電池"}}, with(func(n *kb.Notification) { n.TitleZh = "锂电池" }), true},
		{"keyword Chinese for English text", kb.Subscription{Keywords: []string{"玩具"}}, base, true},
		{"keyword English for Chinese text", kb.Subscription{Keywords: []string{"toy"}}, with(func(n *kb.Notification) {
			n.Description, n.Products, n.TitleZh = "", "", "儿童玩具"
		}), true},
		{"keywords are alternatives", kb.Subscription{Keywords: []string{"pesticide", "cadmium"}}, base, true},
		{"keyword without terms never matches", kb.Subscription{Keywords: []string{"!!!"}}, base, false},
		{"exclude vetoes", kb.Subscription{HS: []string{"85"}, Exclude: []string{"toy"}}, base, false},
		{"exclude absent", kb.Subscription{HS: []string{"85"}, Exclude: []string{"cosmetic"}}, base, true},
		{"exclude any", kb.Subscription{HS: []string{"85"}, Exclude: []string{"cosmetic", "water heater"}}, base, false},
		{"exclude multi-word needs all", kb.Subscription{HS: []string{"85"}, Exclude: []string{"water pump"}}, base, true},
		{"AND holds", kb.Subscription{Members: []string{"USA"}, HS: []string{"8516"}, Keywords: []string{"cadmium"}}, base, true},
		{"AND fails on one kind", kb.Subscription{Members: []string{"USA"}, HS: []string{"8517"}, Keywords: []string{"cadmium"}}, base, false},
		{"AND fails on area", kb.Subscription{Areas: []kb.Area{"SPS"}, Keywords: []string{"cadmium"}}, base, false},
		{"follow root", kb.Subscription{Follow: []string{"G/TBT/N/USA/9001"}}, base, true},
		{"follow addendum", kb.Subscription{Follow: []string{"G/TBT/N/USA/9001"}}, sym("G/TBT/N/USA/9001/Add.2"), true},
		{"follow corrigendum", kb.Subscription{Follow: []string{"G/TBT/N/USA/9001"}}, sym("G/TBT/N/USA/9001/Corr.1"), true},
		{"follow revision", kb.Subscription{Follow: []string{"G/TBT/N/USA/9001"}}, sym("G/TBT/N/USA/9001/Rev.1"), true},
		{"follow addendum of revision", kb.Subscription{Follow: []string{"G/TBT/N/USA/9001"}}, sym("G/TBT/N/USA/9001/Rev.1/Add.1"), true},
		{"follow from an addendum", kb.Subscription{Follow: []string{"g/tbt/n/usa/9001/add.3"}}, sym("G/TBT/N/USA/9001/Rev.2"), true},
		{"follow other number", kb.Subscription{Follow: []string{"G/TBT/N/USA/9001"}}, sym("G/TBT/N/USA/9002"), false},
		{"follow other area", kb.Subscription{Follow: []string{"G/SPS/N/USA/9001"}}, base, false},
		{"follow without symbol", kb.Subscription{Follow: []string{"G/TBT/N/USA/9001"}}, with(func(n *kb.Notification) {
			n.Symbol, n.Member, n.Area, n.Distributed = "", "USA", "TBT", "2025-01-02"
		}), false},
		{"follow and keyword", kb.Subscription{Follow: []string{"G/TBT/N/USA/9001"}, Keywords: []string{"pesticide"}}, sym("G/TBT/N/USA/9001/Add.1"), false},
		{"follow and exclude", kb.Subscription{Follow: []string{"G/TBT/N/USA/9001"}, Exclude: []string{"cadmium"}}, sym("G/TBT/N/USA/9001/Add.1"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := tc.n
			if err := n.Normalize(); err != nil {
				t.Fatalf("notification: %v", err)
			}
			sub := tc.sub
			sub.ID = 1
			m := NewMatcher([]kb.Subscription{sub}, testFolder{})
			got := len(m.Match(&n)) == 1
			if got != tc.want {
				t.Errorf("Match = %v, want %v", got, tc.want)
			}
			if err := sub.Normalize(); err != nil {
				t.Fatal(err)
			}
			if ref := bruteMatch(sub, &n, testFolder{}); ref != tc.want {
				t.Errorf("reference = %v, want %v", ref, tc.want)
			}
		})
	}
}

func TestMatchSortedDistinctIDs(t *testing.T) {
	n := kb.Notification{Symbol: "G/TBT/N/EU/9005/Add.1", Title: "Toys", HS: []string{"9503.00", "9503.00.10"}}
	if err := n.Normalize(); err != nil {
		t.Fatal(err)
	}
	subs := []kb.Subscription{
		{ID: 30, HS: []string{"9503", "950300"}}, // posted twice, matched by both codes
		{ID: 10, Follow: []string{"G/TBT/N/EU/9005"}},
		{ID: 20, Members: []string{"EU"}, Exclude: []string{"toys"}},
		{ID: 5, Areas: []kb.Area{"TBT"}},
		{ID: 10, Keywords: []string{"toys"}}, // a second subscription with ID 10
		{ID: 40},                             // invalid: left out
		{ID: 50, Follow: []string{"G/TBT/N/EU/9006"}, Members: []string{"EU"}},
	}
	orig := slices.Clone(subs[0].HS)
	got := NewMatcher(subs, nil).Match(&n)
	if d := cmp.Diff([]int64{5, 10, 30}, got); d != "" {
		t.Errorf("Match (-want +got):\n%s", d)
	}
	if !slices.Equal(orig, subs[0].HS) {
		t.Errorf("NewMatcher changed its input: %v", subs[0].HS)
	}
}

// TestMatchAgreesWithBruteForce compares the index with the reference on
// random subscriptions and notifications drawn from small pools, so that
// every kind of condition often matches and often fails.
func TestMatchAgreesWithBruteForce(t *testing.T) {
	for _, fold := range []Folder{nil, testFolder{}} {
		for seed := range uint64(3) {
			g := newGenerator(seed, genConfig{words: 60, chapters: 4, fields: 3, roots: 4, members: 4})
			subs := make([]kb.Subscription, 400)
			for i := range subs {
				subs[i] = g.subscription(int64(i))
			}
			m := NewMatcher(subs, fold)
			ref := fold
			if ref == nil {
				ref = plainFolder{}
			}
			norm := slices.Clone(subs)
			for i := range norm {
				norm[i] = clone(norm[i])
				if err := norm[i].Normalize(); err != nil {
					t.Fatalf("generated subscription: %v", err)
				}
			}
			total := 0
			for range 200 {
				n := g.notification()
				if err := n.Normalize(); err != nil {
					t.Fatalf("generated notification: %v", err)
				}
				var want []int64
				text := textTerms(&n, ref)
				for _, s := range norm {
					if bruteMatchText(s, &n, ref, text) {
						want = append(want, s.ID)
					}
				}
				got := m.Match(&n)
				if d := cmp.Diff(want, got); d != "" {
					t.Fatalf("seed %d, %s: Match disagrees with brute force (-want +got):\n%s", seed, n.Symbol, d)
				}
				total += len(got)
			}
			if total < 700 {
				t.Errorf("seed %d: only %d matches in all: the test data is too sparse to test much", seed, total)
			}
		}
	}
}

func TestMatchConcurrent(t *testing.T) {
	g := newGenerator(9, genConfig{words: 60, chapters: 4, fields: 3, roots: 4, members: 4})
	subs := make([]kb.Subscription, 300)
	for i := range subs {
		subs[i] = g.subscription(int64(i))
	}
	m := NewMatcher(subs, testFolder{})
	ns := make([]kb.Notification, 100)
	want := make([][]int64, len(ns))
	for i := range ns {
		ns[i] = g.notification()
		if err := ns[i].Normalize(); err != nil {
			t.Fatal(err)
		}
		want[i] = m.Match(&ns[i])
	}
	ptrs := make([]*kb.Notification, len(ns))
	for i := range ns {
		ptrs[i] = &ns[i]
	}
	if d := cmp.Diff(want, m.MatchAll(ptrs)); d != "" {
		t.Errorf("MatchAll (-want +got):\n%s", d)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i := range ns {
				if got := m.Match(&ns[i]); !slices.Equal(got, want[i]) {
					t.Errorf("concurrent Match of %s = %v, want %v", ns[i].Symbol, got, want[i])
				}
			}
		})
	}
	wg.Wait()
}

// With more than 64 distinct members the hot member mask cannot hold
// every member number: those subscriptions are checked in full, and
// still match exactly the notifications of their member.
func TestMatchManyMembers(t *testing.T) {
	all := kb.Members()
	if len(all) < 70 {
		t.Fatalf("only %d members known", len(all))
	}
	var subs []kb.Subscription
	for i, mb := range all[:70] {
		// A keyword too: the subscription is indexed by it, so the
		// member condition is left to the check.
		subs = append(subs, kb.Subscription{ID: int64(i + 1), Members: []string{mb.Code}, Keywords: []string{"toys"}})
	}
	m := NewMatcher(subs, nil)
	for i, mb := range all[:70] {
		n := &kb.Notification{Member: mb.Code, Area: kb.AreaTBT, Title: "Toys"}
		if got := m.Match(n); !slices.Equal(got, []int64{int64(i + 1)}) {
			t.Errorf("member %s (number %d): matched %v, want [%d]", mb.Code, i, got, i+1)
		}
	}
}
