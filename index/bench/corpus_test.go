package bench

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/kb"
)

func collect(t testing.TB, n int, seed int64) []kb.Record {
	t.Helper()
	var out []kb.Record
	for r := range Generate(n, seed) {
		out = append(out, r)
	}
	return out
}

func TestGenerateDeterministic(t *testing.T) {
	a, b := collect(t, 3000, 7), collect(t, 3000, 7)
	if d := cmp.Diff(a, b); d != "" {
		t.Fatalf("same seed, different corpus (-first +second):\n%s", d)
	}
	c := collect(t, 3000, 8)
	if cmp.Equal(a, c) {
		t.Fatal("seeds 7 and 8 give the same corpus")
	}
	// A shorter corpus has the keys a longer one of the same seed starts
	// with (dates differ: they spread over the whole length).
	short := collect(t, 500, 7)
	for i := range short {
		if short[i].Key() != a[i].Key() {
			t.Fatalf("record %d: key %s in a 500-record corpus, %s in a 3000-record one", i, short[i].Key(), a[i].Key())
		}
	}
}

func TestGenerateCount(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		if got := len(collect(t, n, 1)); got != n {
			t.Errorf("Generate(%d) gave %d records", n, got)
		}
	}
	// Stopping early stops the generator.
	i := 0
	for range Generate(1000, 1) {
		i++
		if i == 10 {
			break
		}
	}
	if i != 10 {
		t.Errorf("broke after %d records, want 10", i)
	}
}

// TestGenerateValid checks what makes the corpus usable and realistic:
// every record is canonical (normalising again changes nothing and finds
// no error), keys are unique within their kind, the kinds and publishers
// are mixed as documented, and dates stay inside the corpus span.
func TestGenerateValid(t *testing.T) {
	const n = 20000
	recs := collect(t, n, 42)
	keys := map[kb.Kind]map[string]bool{}
	count := map[string]int{}
	for _, r := range recs {
		before, _ := json.Marshal(r)
		if err := r.Normalize(); err != nil {
			t.Fatalf("%s %s: %v", r.Kind(), r.Key(), err)
		}
		if after, _ := json.Marshal(r); string(after) != string(before) {
			t.Fatalf("%s %s is not canonical:\n%s\n%s", r.Kind(), r.Key(), before, after)
		}
		if keys[r.Kind()] == nil {
			keys[r.Kind()] = map[string]bool{}
		}
		if keys[r.Kind()][r.Key()] {
			t.Fatalf("%s %s generated twice", r.Kind(), r.Key())
		}
		keys[r.Kind()][r.Key()] = true
		count[string(r.Kind())]++
		switch v := r.(type) {
		case *kb.Standard:
			n := v.Parsed()
			switch {
			case n.IsNational():
				count["gb"]++
				if v.TitleZh == "" {
					t.Errorf("%s has no Chinese title", v.Number)
				}
			default:
				count["intl"]++
				if v.TitleEn == "" {
					t.Errorf("%s has no English title", v.Number)
				}
			}
			if len(v.Adopts) > 0 {
				count["adopts"]++
			}
			if v.Issued == "" || len(v.ICS) == 0 {
				t.Errorf("%s lacks an issue date or ICS code", v.Number)
			}
		case *kb.Notification:
			sym, ok := v.ParsedSymbol()
			if !ok {
				t.Fatalf("notification %s has no symbol", v.Key())
			}
			count[string(sym.Area)]++
			if v.TitleZh != "" && len(sym.Suffixes) == 0 {
				count["zh"]++
			}
			if len(sym.Suffixes) == 0 {
				count["regular"]++
				if len(v.HS) == 0 || len(v.ICS) == 0 || v.Description == "" {
					t.Errorf("%s lacks HS, ICS or a description", v.Symbol)
				}
			}
			if v.Distributed < "2015-01-01" || v.Distributed > "2026-06-30" {
				t.Errorf("%s distributed %s, outside 2015–2026", v.Symbol, v.Distributed)
			}
		default:
			t.Fatalf("unexpected kind %s", r.Kind())
		}
	}
	between := func(what string, got, lo, hi int) {
		t.Helper()
		if got < lo || got > hi {
			t.Errorf("%s: %d, want %d–%d", what, got, lo, hi)
		}
	}
	between("notifications", count["notification"], n*48/100, n*52/100)
	between("standards", count["standard"], n*48/100, n*52/100)
	between("SPS share of notifications (%)", 100*count["SPS"]/count["notification"], 30, 45)
	between("GB share of standards (%)", 100*count["gb"]/count["standard"], 35, 65)
	between("regular notifications with a Chinese title (%)", 100*count["zh"]/count["regular"], 40, 60)
	if count["adopts"] == 0 {
		t.Error("no standard adopts another")
	}
}

// TestAnchorsBelowCounters guards key uniqueness at any corpus size: the
// numbers allocated once real ones run out start above every real number
// of the same prefix.
func TestAnchorsBelowCounters(t *testing.T) {
	leading := func(s string) int {
		end := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
		if end < 0 {
			end = len(s)
		}
		n, err := strconv.Atoi(s[:end])
		if err != nil {
			t.Fatalf("number %q does not start with digits", s)
		}
		return n
	}
	check := func(prefix, number string) {
		t.Helper()
		start, ok := counterStart[prefix]
		if !ok {
			t.Errorf("no counter for prefix %s", prefix)
			return
		}
		if n := leading(number); n >= start {
			t.Errorf("%s %s is not below the counter start %d", prefix, number, start)
		}
	}
	for _, f := range families {
		if f.gb != "" && f.gbBase != "" {
			check(f.gb, f.gbBase)
		}
		for i, p := range f.intl {
			if len(f.intlBase) > 0 {
				check(p, f.intlBase[i])
			}
			if _, ok := counterStart[p]; !ok {
				t.Errorf("no counter for prefix %s", p)
			}
		}
		for _, it := range f.items {
			if it.gb != "" {
				check(f.gb, it.gb)
			}
			if it.intl != "" {
				p, num := f.intl[0], it.intl
				if i := strings.LastIndexByte(it.intl, ' '); i >= 0 {
					p, num = it.intl[:i], it.intl[i+1:]
				}
				check(p, num)
			}
		}
	}
}

func TestFill(t *testing.T) {
	v := vars{p: "toys", s: "lead", a: "CPSC", m: "the United States", std: "ISO 8124-3", n: "6"}
	tests := []struct{ tmpl, want string }{
		{"Restriction of {s} in {p}", "Restriction of lead in toys"},
		{"{a} aligns with {std} in {n} months ({m})", "CPSC aligns with ISO 8124-3 in 6 months (the United States)"},
		{"no placeholders", "no placeholders"},
		{"unknown {x} and open {p", "unknown {x} and open {p"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := fill(tt.tmpl, v); got != tt.want {
			t.Errorf("fill(%q) = %q, want %q", tt.tmpl, got, tt.want)
		}
	}
}

func TestQueries(t *testing.T) {
	a, b := Queries(300, 3), Queries(300, 3)
	if d := cmp.Diff(a, b); d != "" {
		t.Fatalf("same seed, different queries:\n%s", d)
	}
	if len(a) != 300 {
		t.Fatalf("%d queries, want 300", len(a))
	}
	var han, ids, pairs, codes int
	for _, q := range a {
		switch {
		case strings.ContainsFunc(q, func(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }):
			han++
		case isIdentifier(q):
			ids++
		case isCode(q):
			codes++
		case strings.Contains(q, " "):
			pairs++
		}
	}
	for _, c := range []struct {
		what string
		n    int
	}{{"Chinese", han}, {"identifier", ids}, {"two-word", pairs}, {"code", codes}} {
		if c.n < 300/10 {
			t.Errorf("%d %s queries of 300, want at least 30", c.n, c.what)
		}
	}
	// More queries than the vocabulary has repeat rather than run short.
	if got := len(Queries(5000, 1)); got != 5000 {
		t.Errorf("Queries(5000) gave %d", got)
	}
}

func isIdentifier(q string) bool {
	_, errStd := kb.ParseStandardNumber(q)
	_, errSym := kb.ParseSymbol(q)
	return errStd == nil || errSym == nil
}

func isCode(q string) bool {
	_, errHS := kb.ParseHS(q)
	_, errICS := kb.ParseICS(q)
	return errHS == nil || errICS == nil
}

// TestQueriesFind checks that the generated queries fit the generated
// corpus: every identifier query names a record in a corpus of a few
// thousand (what the doc comment promises).
func TestQueriesFind(t *testing.T) {
	recs := collect(t, 20000, 1)
	undated := map[string]bool{}
	for _, r := range recs {
		undated[strings.ToUpper(strings.ReplaceAll(r.Key(), " ", ""))] = true
		if s, ok := r.(*kb.Standard); ok {
			n := s.Parsed()
			undated[strings.ToUpper(strings.ReplaceAll(n.Undated(), " ", ""))] = true
			undated[strings.ToUpper(n.Publisher+n.Number)] = true
		}
	}
	var missing []string
	for _, q := range Queries(400, 1) {
		if isIdentifier(q) && !strings.HasPrefix(strings.ToUpper(q), "G/") && !isCode(q) {
			n, _ := kb.ParseStandardNumber(q)
			if !undated[strings.ToUpper(strings.ReplaceAll(n.Undated(), " ", ""))] {
				missing = append(missing, q)
			}
		}
	}
	slices.Sort(missing)
	missing = slices.Compact(missing)
	// A few anchors belong to families drawn rarely; most must be there.
	if len(missing) > 5 {
		t.Errorf("identifier queries with no record in a 20k corpus: %v", missing)
	}
}

func TestSampleQueries(t *testing.T) {
	docs := Source(Generate(2000, 5))
	a, err := SampleQueries(docs, 100, 9)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := SampleQueries(docs, 100, 9)
	if d := cmp.Diff(a, b); d != "" {
		t.Fatalf("same seed, different sample:\n%s", d)
	}
	if len(a) != 100 {
		t.Fatalf("%d queries, want 100", len(a))
	}
	for _, q := range a {
		if strings.TrimSpace(q) == "" {
			t.Fatalf("empty query in %q", a)
		}
	}
	// Fewer records than asked for: one query each.
	few, _ := SampleQueries(Source(Generate(10, 5)), 100, 9)
	if len(few) != 10 {
		t.Errorf("%d queries from 10 records", len(few))
	}
}

func TestZhSegmentAndTitleWords(t *testing.T) {
	rng := newGenerator(0, 1).rng
	for range 20 {
		got := zhSegment("玩具安全 第4部分：特定元素的迁移", rng)
		if got != "玩具安全" && got != "特定元素" {
			t.Fatalf("zhSegment gave %q", got)
		}
	}
	if got := zhSegment("Safety of toys", rng); got != "" {
		t.Errorf("zhSegment of an English title = %q", got)
	}
	got := titleWords("Safety of toys — Part 3: Migration of certain elements")
	if d := cmp.Diff([]string{"safety", "toys", "migration", "certain", "elements"}, got); d != "" {
		t.Errorf("titleWords (-want +got):\n%s", d)
	}
}
