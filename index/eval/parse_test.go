package eval

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestReadQueries(t *testing.T) {
	in := "\uFEFF# stdbridge development queries\r\n" +
		"# standard numbers\n" +
		"n1\tGB/T 19001-2016\n" +
		"n2\t  gb 6675.4  \r\n" +
		"\n" +
		"#\n" + // an empty comment keeps the group
		"n3\tISO 8124-3\n" +
		"  # 中文产品词\n" +
		"z1\t玩具 铅 限量\n"
	got, err := ReadQueries(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Query{
		{ID: "n1", Text: "GB/T 19001-2016", Group: "standard numbers", Line: 3},
		{ID: "n2", Text: "gb 6675.4", Group: "standard numbers", Line: 4},
		{ID: "n3", Text: "ISO 8124-3", Group: "standard numbers", Line: 7},
		{ID: "z1", Text: "玩具 铅 限量", Group: "中文产品词", Line: 9},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("queries (-want +got):\n%s", d)
	}
}

func TestReadQueriesErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "no queries"},
		{"comments only", "# group\n\n", "no queries"},
		{"no tab", "q1 toys\n", "line 1: want query-id<TAB>text, found 1 tab-separated fields"},
		{"extra column", "q1\ttoys\tnote\n", "line 1: want query-id<TAB>text, found 3 tab-separated fields"},
		{"empty id", "\ttoys\n", "line 1: empty query id"},
		{"space in id", "q 1\ttoys\n", `line 1: query id "q 1" contains white space`},
		{"no text", "q1\t \n", "line 1: query q1 has no text"},
		{"duplicate", "q1\ttoys\nq2\tlead\nq1\tfood\n", "line 3: duplicate query id q1 (first on line 1)"},
		{"bad UTF-8", "q1\ttoys \xff\n", "line 1: not valid UTF-8"},
		{"every bad line", "q1\ttoys\nq1\tx\nbad\nq2\t\n", "line 2: duplicate query id q1 (first on line 1)\nline 3: want query-id<TAB>text, found 1 tab-separated fields\nline 4: query q2 has no text"},
		{"too long", "q1\t" + strings.Repeat("x", maxLine) + "\n", fmt.Sprintf("read queries: line 1: longer than %d bytes", maxLine)},
		{"many bad lines", strings.Repeat("bad\n", 25), strings.Repeat("line N: want query-id<TAB>text, found 1 tab-separated fields\n", 20) + "... and 5 more bad lines"},
	}
	for _, tt := range tests {
		_, err := ReadQueries(strings.NewReader(tt.in))
		if err == nil {
			t.Errorf("%s: no error, want %q", tt.name, tt.want)
			continue
		}
		got := err.Error()
		if strings.Contains(tt.want, "line N:") {
			got = lineNumbers.ReplaceAllString(got, "line N:")
		}
		if d := cmp.Diff(tt.want, got); d != "" {
			t.Errorf("%s: error (-want +got):\n%s", tt.name, d)
		}
	}
}

func TestReadQrels(t *testing.T) {
	in := "# judged by hand\n" +
		"n1 0 standard:GB/T 19001-2016 3\n" +
		"n1\t0\tstandard:GB/T 19001-2008   1\r\n" +
		"n1 0 mapping:ISO 9001:2015 ~ GB/T 19001-2016 2\n" +
		"\n" +
		"z1 0 notification:G/TBT/N/EU/1123/Add.2 0\n" +
		"z1 0 regulation:Directive 2009/48/EC 2\n" +
		"z1 0 requirement:GB 6675.4-2014 | toy-element-migration | lead | category I 1\n" +
		"z1 0 notification:ePing-0123456789ab 1\n"
	got, err := ReadQrels(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]int{
		"n1": {"standard:GB/T 19001-2016": 3, "standard:GB/T 19001-2008": 1, "mapping:ISO 9001:2015 ~ GB/T 19001-2016": 2},
		"z1": {
			"notification:G/TBT/N/EU/1123/Add.2": 0, "regulation:Directive 2009/48/EC": 2,
			"requirement:GB 6675.4-2014 | toy-element-migration | lead | category I": 1,
			"notification:ePing-0123456789ab":                                        1,
		},
	}
	if d := cmp.Diff(want, got.Grades); d != "" {
		t.Errorf("grades (-want +got):\n%s", d)
	}
}

func TestReadQrelsErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "no judgments"},
		{"too few fields", "q1 0 standard:ISO\n", "line 1: want query-id 0 doc-id grade, found 3 fields"},
		{"no grade", "q1 0 standard:GB 6675.4-2014\n", `line 1: grade "6675.4-2014": want 0, 1, 2 or 3`},
		{"no iteration", "q1 standard:GB/T 19001-2016 3\n", `line 1: second field "standard:GB/T": want 0 (the TREC iteration)`},
		{"grade too high", "q1 0 standard:GB 6675.4-2014 4\n", `line 1: grade "4": want 0, 1, 2 or 3`},
		{"negative grade", "q1 0 standard:GB 6675.4-2014 -1\n", `line 1: grade "-1": want 0, 1, 2 or 3`},
		{"grade not a number", "q1 0 standard:GB 6675.4-2014 high\n", `line 1: grade "high": want 0, 1, 2 or 3`},
		{"no kind", "q1 0 GB/T 19001-2016 3\n", `line 1: doc id "GB/T 19001-2016": want kind:key`},
		{"unknown kind", "q1 0 standards:GB/T 19001-2016 3\n", `line 1: doc id "standards:GB/T 19001-2016": unknown kind "standards" (want standard, notification, regulation, mapping or requirement)`},
		{"empty key", "q1 0 standard: 3\n", `line 1: doc id "standard:": want kind:key`},
		{"number not canonical", "q1 0 standard:gb/t19001-2016 3\n", `line 1: doc id "standard:gb/t19001-2016": write standard:GB/T 19001-2016, as the record's key is spelt`},
		{"symbol not canonical", "q1 0 notification:g/tbt/n/eu/1123/add.2 3\n", `line 1: doc id "notification:g/tbt/n/eu/1123/add.2": write notification:G/TBT/N/EU/1123/Add.2, as the record's key is spelt`},
		{"mapping without ~", "q1 0 mapping:ISO 9001:2015 GB/T 19001-2016 3\n", `line 1: doc id "mapping:ISO 9001:2015 GB/T 19001-2016": a mapping's key is "foreign ~ domestic"`},
		{"duplicate", "q1 0 standard:GB 6675.4-2014 3\nq2 0 standard:GB 6675.4-2014 3\nq1 0 standard:GB  6675.4-2014 1\n", "line 3: duplicate judgment of standard:GB 6675.4-2014 for query q1 (first on line 1)"},
		{"bad UTF-8", "q1 0 regulation:\xff 1\n", "line 1: not valid UTF-8"},
		{"every bad line", "q1 0 standard:GB 6675.4-2014 5\nq1 0 standard:GB 6675.4-2014 1\nq1\n", "line 1: grade \"5\": want 0, 1, 2 or 3\nline 3: want query-id 0 doc-id grade, found 1 fields"},
	}
	for _, tt := range tests {
		_, err := ReadQrels(strings.NewReader(tt.in))
		if err == nil {
			t.Errorf("%s: no error, want %q", tt.name, tt.want)
			continue
		}
		if d := cmp.Diff(tt.want, err.Error()); d != "" {
			t.Errorf("%s: error (-want +got):\n%s", tt.name, d)
		}
	}
}

func TestQrelsCheck(t *testing.T) {
	qrels, err := ReadQrels(strings.NewReader("q1 0 standard:GB 6675.4-2014 3\nq9 0 standard:GB 6675.4-2014 1\nq1 0 regulation:Directive 2009/48/EC 1\nq7 0 regulation:Directive 2009/48/EC 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	queries := []Query{{ID: "q1", Text: "toys"}, {ID: "q2", Text: "lead"}}
	want := "qrels: line 2: query q9 is judged but not in the queries file\nline 4: query q7 is judged but not in the queries file"
	if err := qrels.Check(queries); err == nil || err.Error() != want {
		t.Errorf("Check: %v, want %q", err, want)
	}
	if err := qrels.Check(append(queries, Query{ID: "q7"}, Query{ID: "q9"})); err != nil {
		t.Errorf("Check with every query: %v", err)
	}
	// Qrels made in code have no lines to point at.
	made := Qrels{Grades: map[string]map[string]int{"q3": {"standard:GB 6675.4-2014": 1}}}
	if err := made.Check(queries); err == nil || err.Error() != "qrels: query q3 is judged but not in the queries file" {
		t.Errorf("Check: %v", err)
	}
}

func FuzzReadQueries(f *testing.F) {
	for _, s := range []string{
		"q1\ttoys\n", "# g\nq1\tGB/T 19001-2016\nq2\t玩具\n", "\uFEFFq1\tx\r\n", "q1\tx\nq1\ty\n", "q 1\tx", "\t\t", "#\n#a\n\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		qs, err := ReadQueries(strings.NewReader(in))
		if err != nil {
			return
		}
		seen := map[string]bool{}
		var b strings.Builder
		group := ""
		for _, q := range qs {
			if q.ID == "" || strings.ContainsFunc(q.ID, unicode.IsSpace) || seen[q.ID] || q.Text == "" || q.Text != strings.TrimSpace(q.Text) {
				t.Fatalf("bad query %+v from %q", q, in)
			}
			seen[q.ID] = true
			if q.Group != group {
				fmt.Fprintf(&b, "# %s\n", q.Group)
				group = q.Group
			}
			fmt.Fprintf(&b, "%s\t%s\n", q.ID, q.Text)
		}
		// What was read, written back, reads the same.
		again, err := ReadQueries(strings.NewReader(b.String()))
		if err != nil {
			t.Fatalf("rereading %q: %v", b.String(), err)
		}
		if d := cmp.Diff(qs, again, cmpopts.IgnoreFields(Query{}, "Line")); d != "" {
			t.Fatalf("reread (-first +again):\n%s", d)
		}
	})
}

func FuzzReadQrels(f *testing.F) {
	for _, s := range []string{
		"q1 0 standard:GB/T 19001-2016 3\n", "q1 0 notification:G/SPS/N/CHN/1301 1\nq2 0 regulation:16 CFR Part 1303 0\n",
		"q1 0 mapping:ISO 9001:2015 ~ GB/T 19001-2016 2", "q1 0 standard:x 9", "# c\n\nq1 0 requirement:a | b | c | 1\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		qrels, err := ReadQrels(strings.NewReader(in))
		if err != nil {
			return
		}
		var b strings.Builder
		for _, q := range slices.Sorted(maps.Keys(qrels.Grades)) {
			for _, doc := range slices.Sorted(maps.Keys(qrels.Grades[q])) {
				g := qrels.Grades[q][doc]
				if g < 0 || g > MaxGrade {
					t.Fatalf("grade %d from %q", g, in)
				}
				if err := checkDocID(doc); err != nil {
					t.Fatalf("doc id %q from %q: %v", doc, in, err)
				}
				fmt.Fprintf(&b, "%s 0 %s %d\n", q, doc, g)
			}
		}
		again, err := ReadQrels(strings.NewReader(b.String()))
		if err != nil {
			t.Fatalf("rereading %q: %v", b.String(), err)
		}
		if d := cmp.Diff(qrels.Grades, again.Grades); d != "" {
			t.Fatalf("reread (-first +again):\n%s", d)
		}
	})
}

var lineNumbers = regexp.MustCompile(`line \d+:`)
