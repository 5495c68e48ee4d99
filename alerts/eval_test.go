package alerts

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/internal/golden"
	"github.com/stdbridge/stdbridge/kb"
)

const tinySet = `// a tiny hand-made set
{"name": "toys", "need": "玩具企业：各国玩具要求", "subscription": {"keywords": ["toys"]}}
{"name": "follow-eu-1", "need": "跟踪 G/TBT/N/EU/1", "subscription": {"follow": ["G/TBT/N/EU/1"]}}

# a subscription for which nothing is expected, nor matched
{"name": "furniture", "need": "家具", "subscription": {"keywords": ["furniture"], "members": ["EU"]}}
{"name": "bad-hs", "need": "HS 写错了", "subscription": {"hs": ["toys"]}}
`

const tinyExpected = `# name	symbol	why
toys	G/TBT/N/EU/1	toy safety
toys	g/tbt/n/usa/2	children's products, toys not named
follow-eu-1	G/TBT/N/EU/1	followed
follow-eu-1	G/TBT/N/EU/1/Add.1	its addendum
bad-hs	G/TBT/N/EU/1	what the user wanted
`

func tinyNotifications() []*kb.Notification {
	return []*kb.Notification{
		{Symbol: "G/TBT/N/EU/1", Member: "EU", Area: kb.AreaTBT, Title: "Safety of toys: lead"},
		{Symbol: "G/TBT/N/EU/1/Add.1", Member: "EU", Area: kb.AreaTBT, Title: "Adoption"},
		{Symbol: "G/TBT/N/USA/2", Member: "USA", Area: kb.AreaTBT, Title: "Children's products"},
		{Symbol: "G/TBT/N/USA/3", Member: "USA", Area: kb.AreaTBT, Title: "Magnets, toys excluded"},
		{Symbol: "G/SPS/N/JPN/4", Member: "JPN", Area: kb.AreaSPS, Title: "Pesticide MRLs"},
	}
}

func readTiny(t *testing.T) []Judged {
	t.Helper()
	js, err := ReadJudged(strings.NewReader(tinySet))
	if err != nil {
		t.Fatal(err)
	}
	if err := ReadExpected(strings.NewReader(tinyExpected), js); err != nil {
		t.Fatal(err)
	}
	return js
}

func TestReadJudged(t *testing.T) {
	js := readTiny(t)
	want := []Judged{
		{Name: "toys", Need: "玩具企业：各国玩具要求", Subscription: kb.Subscription{Keywords: []string{"toys"}},
			Expected: []string{"G/TBT/N/EU/1", "G/TBT/N/USA/2"}},
		{Name: "follow-eu-1", Need: "跟踪 G/TBT/N/EU/1", Subscription: kb.Subscription{Follow: []string{"G/TBT/N/EU/1"}},
			Expected: []string{"G/TBT/N/EU/1", "G/TBT/N/EU/1/Add.1"}},
		{Name: "furniture", Need: "家具", Subscription: kb.Subscription{Keywords: []string{"furniture"}, Members: []string{"EU"}}},
		{Name: "bad-hs", Need: "HS 写错了", Subscription: kb.Subscription{HS: []string{"toys"}}, Expected: []string{"G/TBT/N/EU/1"}},
	}
	if diff := cmp.Diff(want, js); diff != "" {
		t.Errorf("judged set (-want +got):\n%s", diff)
	}
}

func TestReadJudgedErrors(t *testing.T) {
	for _, c := range []struct{ name, set, expected, want string }{
		{"misspelt condition", `{"name": "a", "subscription": {"keyword": ["x"]}}`, "", `unknown field "keyword"`},
		{"no name", `{"need": "x", "subscription": {"keywords": ["x"]}}`, "", "no name"},
		{"same name twice", "{\"name\": \"a\"}\n{\"name\": \"a\"}", "", `"a" is already on line 1`},
		{"not JSON", `{"name": "a",`, "", "judged subscriptions:1"},
		{"unknown subscription", `{"name": "a"}`, "b\tG/TBT/N/EU/1", `no subscription "b"`},
		{"no symbol", `{"name": "a"}`, "a", "want name<TAB>symbol"},
		{"listed twice", `{"name": "a"}`, "a\tG/TBT/N/EU/1\na\tg/tbt/n/eu/1", "listed twice"},
	} {
		t.Run(c.name, func(t *testing.T) {
			js, err := ReadJudged(strings.NewReader(c.set))
			if err == nil {
				err = ReadExpected(strings.NewReader(c.expected), js)
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}

func TestEvaluate(t *testing.T) {
	r := Evaluate(readTiny(t), tinyNotifications(), nil)
	for _, s := range r.Subscriptions {
		if got, want := s.Invalid != nil, s.Name == "bad-hs"; got != want {
			t.Errorf("%s: invalid %v, want %v", s.Name, s.Invalid, want)
		}
	}
	var invalid error
	for i := range r.Subscriptions {
		invalid = errors.Join(invalid, r.Subscriptions[i].Invalid)
		r.Subscriptions[i].Invalid = nil
	}
	want := Report{
		Subscriptions: []Result{
			{Name: "toys", TP: 1, FP: 1, FN: 1, Score: Score{0.5, 0.5},
				FalsePositives: []string{"G/TBT/N/USA/3"}, FalseNegatives: []string{"G/TBT/N/USA/2"}},
			{Name: "follow-eu-1", TP: 2, Score: Score{1, 1}},
			{Name: "furniture", Score: Score{1, 1}},
			{Name: "bad-hs", FN: 1, Score: Score{1, 0}, FalseNegatives: []string{"G/TBT/N/EU/1"}},
		},
		Micro: Score{Precision: 3.0 / 4, Recall: 3.0 / 5},
		Macro: Score{Precision: (0.5 + 1 + 1 + 1) / 4, Recall: (0.5 + 1 + 1 + 0) / 4},
	}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
	if !strings.Contains(invalid.Error(), `HS code "toys"`) {
		t.Errorf("bad-hs is invalid for %v, want its HS code", invalid)
	}
}

// The report a person reads: its layout is kept in testdata (go test
// -update rewrites it).
func TestReportString(t *testing.T) {
	golden.Check(t, "eval/report.txt", []byte(Evaluate(readTiny(t), tinyNotifications(), nil).String()))
}

func TestEvaluateEmpty(t *testing.T) {
	r := Evaluate(nil, tinyNotifications(), nil)
	if want := (Score{1, 1}); r.Micro != want || r.Macro != want {
		t.Errorf("empty set: micro %v, macro %v, want %v", r.Micro, r.Macro, want)
	}
}
