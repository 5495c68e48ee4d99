package iso

import (
	"bytes"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stdbridge/stdbridge/crawler/fixture"
	"github.com/stdbridge/stdbridge/internal/golden"
)

// serveAndRead serves deliverables from the fixture and reads them back
// over HTTP, as the crawler will.
func serveAndRead(t testing.TB, ds []fixture.ISODeliverable) *Catalogue {
	t.Helper()
	srv := httptest.NewServer(fixture.NewISOFrom(ds))
	defer srv.Close()
	_, body := fetch(t, srv, "")
	cat, err := ReadCatalogue(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func TestRelatonSample(t *testing.T) {
	f, err := os.Open("testdata/relaton_sample.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ds, err := fixture.LoadRelatonISO(f)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "relaton_sample.deliverables.golden", marshal(t, ds))
	cat := serveAndRead(t, ds)
	if len(cat.Problems) > 0 {
		t.Errorf("line problems: %v", cat.Problems)
	}
	recs, skipped, problems := cat.Standards()
	checkNormalize(t, recs)
	res := result{Deliverables: len(cat.Deliverables), Skipped: skipped, Standards: recs}
	for _, p := range problems {
		res.StandardProblems = append(res.StandardProblems, p.String())
	}
	golden.Check(t, "relaton_sample.golden", marshal(t, res))
}

// TestRelatonSharedCatalogue runs the 61,624 real records of the shared
// relaton catalogue through the fixture and the parser. Set
// STDBRIDGE_SHARED (e.g. /work/shared) to run it.
func TestRelatonSharedCatalogue(t *testing.T) {
	dir := os.Getenv("STDBRIDGE_SHARED")
	if dir == "" {
		t.Skip("STDBRIDGE_SHARED not set")
	}
	f, err := os.Open(filepath.Join(dir, "data", "iso-relaton-catalogue", "iso_catalogue_relaton_dedup.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ds, err := fixture.LoadRelatonISO(f)
	if err != nil {
		t.Fatal(err)
	}
	cat := serveAndRead(t, ds)
	if len(cat.Deliverables) != len(ds) || len(cat.Problems) > 0 {
		t.Fatalf("%d of %d deliverables read, problems %v", len(cat.Deliverables), len(ds), cat.Problems[:min(5, len(cat.Problems))])
	}
	recs, skipped, problems := cat.Standards()
	checkNormalize(t, recs)
	byStatus := map[string]int{}
	for _, s := range recs {
		byStatus[string(s.Status)]++
	}
	byReason := map[string]int{}
	examples := map[string][]string{}
	noRecord := 0
	for _, p := range problems {
		r := problemKind(p)
		byReason[r]++
		if len(examples[r]) < 3 {
			examples[r] = append(examples[r], p.Reference)
		}
		if !strings.Contains(r, "dropped") {
			noRecord++
		}
	}
	t.Logf("%d deliverables: %d standards %v, %d drafts skipped, %d without a record", len(ds), len(recs), byStatus, skipped, noRecord)
	var kinds []string
	for k := range byReason {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool { return byReason[kinds[i]] > byReason[kinds[j]] })
	for _, k := range kinds {
		t.Logf("%6d  %s (e.g. %s)", byReason[k], k, strings.Join(examples[k], "; "))
	}
	if len(recs)+skipped+noRecord != len(ds) {
		t.Errorf("%d standards + %d drafts + %d problems != %d deliverables", len(recs), skipped, noRecord, len(ds))
	}
}

var reDigits = regexp.MustCompile(`\d+`)

// problemKind groups problems: a rejected reference by what comes before
// its number (and an addendum, which kb does not know), any other by its
// reason with numbers blanked.
func problemKind(p Problem) string {
	if strings.HasPrefix(p.Reason, "reference:") {
		prefix := p.Reference
		if i := strings.IndexAny(prefix, "0123456789"); i >= 0 {
			prefix = strings.TrimSpace(prefix[:i])
		}
		if strings.Contains(p.Reference, "/Add") {
			prefix += " .../Add"
		}
		return "reference rejected: " + prefix
	}
	if strings.Contains(p.Reason, "already given") {
		return "duplicate number"
	}
	reason, _, _ := strings.Cut(p.Reason, ":")
	return reDigits.ReplaceAllString(reason, "N")
}
