// Package storetest is the behaviour every store.Store must have, as a test
// suite an implementation runs against itself:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) store.Store {
//			s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "kb.db"))
//			...
//			t.Cleanup(func() { s.Close() })
//			return s
//		})
//	}
package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// Opener returns a new, empty store for one test, and arranges (t.Cleanup)
// for it to be closed.
type Opener func(t *testing.T) store.Store

// Run runs the suite, each test on a store of its own.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"ReadBack", testReadBack},
		{"NotFound", testNotFound},
		{"UnknownKind", testUnknownKind},
		{"ApplyTwiceChangesNothing", testApplyTwice},
		{"Update", testUpdate},
		{"NormalizesDefensively", testNormalizes},
		{"SameKeyTwiceInBatch", testSameKeyTwice},
		{"FailingBatchWritesNothing", testFailingBatch},
		{"NotificationTakeover", testTakeover},
		{"NotificationWithoutSymbolKeepsStoredSymbol", testKeepsSymbol},
		{"NotificationOtherSymbolNoTakeover", testOtherSymbol},
		{"NotificationAmbiguousNaturalKey", testAmbiguous},
		{"NotificationsSharingSparseNaturalKey", testSparse},
		{"Inbound", testInbound},
		{"InboundRebuiltOnUpdate", testInboundRebuilt},
		{"Chain", testChain},
		{"EachOrder", testEachOrder},
		{"EachStops", testEachStops},
		{"Mappings", testMappings},
		{"Requirements", testRequirements},
		{"Topics", testTopics},
		{"Notifications", testNotifications},
		{"Stats", testStats},
		{"ChangeLog", testChangeLog},
		{"Cursors", testCursors},
		{"ConcurrentReadersSeeWholeBatches", testConcurrent},
		{"CrawlPages", testCrawlPages},
		{"CrawlCheckpoints", testCrawlCheckpoints},
		{"CrawlRuns", testCrawlRuns},
		{"AccountsUsers", testAccountsUsers},
		{"AccountsSessions", testAccountsSessions},
		{"HistoryKeepsActorAndNote", testHistoryActor},
		{"Alerts", testAlerts},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, open(t))
		})
	}
}

// Fixtures. Records are built fresh for every use, since Apply may
// normalise them in place.

func standards() []kb.Record {
	return []kb.Record{
		&kb.Standard{Number: "GB 6675.4-2014", TitleZh: "玩具安全 第4部分:特定元素的迁移", Status: kb.StatusWithdrawn, Issued: "2014-05-06",
			Adopts: []kb.Adoption{{Number: "ISO 8124-3:2010", Degree: kb.DegreeMOD}}, Replaces: []string{"GB 6675-2003"}, ReplacedBy: []string{"GB 6675.4-2025"}},
		&kb.Standard{Number: "GB 6675.4-2025", Status: kb.StatusCurrent, Issued: "2025-10-05",
			Adopts: []kb.Adoption{{Number: "ISO 8124-3:2020", Degree: kb.DegreeIDT}}, Replaces: []string{"GB 6675.4-2014"}},
		&kb.Standard{Number: "EN 71-3:2019+A1:2021", TitleEn: "Safety of toys — Part 3: Migration of certain elements"},
		&kb.Standard{Number: "ISO 8124-3:2020", TitleEn: "Safety of toys — Part 3: Migration of certain elements"},
		&kb.Standard{Number: "GB/T 19001-2016", TitleZh: "质量管理体系 要求", Adopts: []kb.Adoption{{Number: "ISO 9001:2015", Degree: kb.DegreeIDT}}},
	}
}

func regulations() []kb.Record {
	return []kb.Record{
		&kb.Regulation{ID: "Directive 2009/48/EC", Jurisdiction: "EU", References: []string{"EN 71-3", "EN 71-1:2014+A1:2018"}},
	}
}

func mappings() []kb.Record {
	return []kb.Record{
		&kb.Mapping{Foreign: "EN 71-3:2019+A1:2021", Domestic: "GB 6675.4-2025", Degree: kb.DegreeNEQ},
		&kb.Mapping{Foreign: "ISO 8124-3:2020", Domestic: "GB 6675.4-2025", Degree: kb.DegreeIDT, Status: kb.MappingApproved},
	}
}

func requirements() []kb.Record {
	return []kb.Record{
		&kb.Requirement{Source: "GB 6675.4-2014", Topic: "toy-element-migration", Parameter: "lead", Scope: "category I", Comparator: kb.CmpLE, Limit: "90", Unit: "mg/kg"},
		&kb.Requirement{Source: "EN 71-3:2019+A1:2021", Topic: "toy-element-migration", Parameter: "lead", Scope: "category III (scraped-off)", Comparator: kb.CmpLE, Limit: "2", Unit: "mg/kg"},
		&kb.Requirement{Source: "GB 6675.4-2014", Topic: "toy-element-migration", Parameter: "cadmium", Comparator: kb.CmpLE, Limit: "75", Unit: "mg/kg"},
		&kb.Requirement{Source: "GB 2763-2021", Topic: "pesticide-mrl", Parameter: "imidacloprid", Scope: "apple", Comparator: kb.CmpLE, Limit: "0.5", Unit: "mg/kg"},
	}
}

// notifications are listed out of date order on purpose.
func notifications() []kb.Record {
	return []kb.Record{
		&kb.Notification{Symbol: "G/TBT/N/EU/1123/Add.2", Distributed: "2025-06-01", Title: "Toy safety"},
		&kb.Notification{Symbol: "G/TBT/N/EU/1123", Distributed: "2025-01-10", CommentDeadline: "2025-03-10", Title: "Toy safety", Agency: "European Commission"},
		&kb.Notification{Symbol: "G/TBT/N/EU/1123/Add.1", Distributed: "2025-06-01", Title: "Toy safety"},
		&kb.Notification{Symbol: "G/TBT/N/EU/1123/Corr.1", Distributed: "2025-02-01", Title: "Toy safety"},
		&kb.Notification{Symbol: "G/TBT/N/USA/2100", Distributed: "2025-03-05", CommentDeadline: "2025-05-05", Title: "Children's products containing lead"},
		&kb.Notification{Symbol: "G/SPS/N/CHN/1301", Distributed: "2024-12-01", CommentDeadline: "2025-02-01", Title: "Maximum residue limits for pesticides"},
		ePing(),
	}
}

// ePing is a notification as ePing exports it: no symbol.
func ePing() *kb.Notification {
	return &kb.Notification{Member: "USA", Area: "TBT", Distributed: "2025-04-01",
		Title: "Juvenile products: lead in paint", Description: "Lowers the lead limit."}
}

func all() []kb.Record {
	var out []kb.Record
	for _, f := range []func() []kb.Record{standards, regulations, notifications, mappings, requirements} {
		out = append(out, f()...)
	}
	return out
}

// normalized returns recs normalised, as Get must return them.
func normalized(t *testing.T, recs ...kb.Record) []kb.Record {
	t.Helper()
	for _, r := range recs {
		if err := r.Normalize(); err != nil {
			t.Fatalf("fixture %s %q: %v", r.Kind(), r.Key(), err)
		}
	}
	return recs
}

func apply(t *testing.T, s store.Store, source string, recs ...kb.Record) store.ApplyResult {
	t.Helper()
	res, err := s.Apply(context.Background(), store.Batch{Source: source, Records: recs})
	if err != nil {
		t.Fatalf("Apply(%s): %v", source, err)
	}
	return res
}

func changes(t *testing.T, s store.Store) []store.Change {
	t.Helper()
	cs, err := s.Changes(context.Background(), 0, 0)
	if err != nil {
		t.Fatalf("Changes: %v", err)
	}
	return cs
}

func keys(t *testing.T, s store.Store, kind kb.Kind) []string {
	t.Helper()
	var out []string
	err := s.Each(context.Background(), kind, func(r kb.Record) error {
		out = append(out, r.Key())
		return nil
	})
	if err != nil {
		t.Fatalf("Each(%s): %v", kind, err)
	}
	return out
}

// dump is everything a reader can see, to compare a store before and after.
func dump(t *testing.T, s store.Store) map[string]any {
	t.Helper()
	d := map[string]any{}
	for _, kind := range kb.Kinds {
		var recs []kb.Record
		err := s.Each(context.Background(), kind, func(r kb.Record) error {
			recs = append(recs, r)
			return nil
		})
		if err != nil {
			t.Fatalf("Each(%s): %v", kind, err)
		}
		d[string(kind)] = recs
	}
	d["changes"] = changes(t, s)
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	d["stats"] = st
	return d
}

func testReadBack(t *testing.T, s store.Store) {
	ctx := context.Background()
	res := apply(t, s, "fixtures", all()...)
	want := normalized(t, all()...)
	if res != (store.ApplyResult{Inserted: len(want)}) {
		t.Errorf("Apply = %+v, want %d inserted", res, len(want))
	}
	for _, w := range want {
		got, err := s.Get(ctx, w.Kind(), w.Key())
		if err != nil {
			t.Errorf("Get(%s, %q): %v", w.Kind(), w.Key(), err)
			continue
		}
		if diff := cmp.Diff(w, got); diff != "" {
			t.Errorf("Get(%s, %q) (-want +got):\n%s", w.Kind(), w.Key(), diff)
		}
	}

	// The typed getters accept any spelling of an identifier.
	typed := []struct {
		name string
		get  func() (kb.Record, error)
		want string
	}{
		{"Standard", func() (kb.Record, error) { return s.Standard(ctx, "gb 6675.4—2014") }, "GB 6675.4-2014"},
		{"Notification", func() (kb.Record, error) { return s.Notification(ctx, "g/tbt/n/eu/1123/add.1") }, "G/TBT/N/EU/1123/Add.1"},
		{"Notification without symbol", func() (kb.Record, error) { return s.Notification(ctx, ePing().Key()) }, ePing().Key()},
		{"Regulation", func() (kb.Record, error) { return s.Regulation(ctx, "Directive 2009/48/EC") }, "Directive 2009/48/EC"},
		{"Mapping", func() (kb.Record, error) { return s.Mapping(ctx, "iso 8124-3 2020", "GB6675.4-2025") }, "ISO 8124-3:2020 ~ GB 6675.4-2025"},
	}
	for _, tt := range typed {
		got, err := tt.get()
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got.Key() != tt.want {
			t.Errorf("%s: key %q, want %q", tt.name, got.Key(), tt.want)
		}
	}
}

func testNotFound(t *testing.T, s store.Store) {
	ctx := context.Background()
	apply(t, s, "fixtures", standards()...)
	lookups := []struct {
		name string
		get  func() error
	}{
		{"Get", func() error { _, err := s.Get(ctx, kb.KindRegulation, "Regulation (EC) No 1907/2006"); return err }},
		{"Get other kind", func() error { _, err := s.Get(ctx, kb.KindMapping, "GB 6675.4-2014"); return err }},
		{"Standard", func() error { _, err := s.Standard(ctx, "ISO 9999:2020"); return err }},
		{"Notification", func() error { _, err := s.Notification(ctx, "G/TBT/N/EU/1"); return err }},
		{"Regulation", func() error { _, err := s.Regulation(ctx, "Directive 2001/95/EC"); return err }},
		{"Mapping", func() error { _, err := s.Mapping(ctx, "ISO 8124-3:2020", "GB 6675.4-2014"); return err }},
	}
	for _, l := range lookups {
		if err := l.get(); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s: error %v, want ErrNotFound", l.name, err)
		}
	}
}

func testUnknownKind(t *testing.T, s store.Store) {
	ctx := context.Background()
	if _, err := s.Get(ctx, "widget", "x"); err == nil || errors.Is(err, store.ErrNotFound) {
		t.Errorf("Get(widget): error %v, want an error other than ErrNotFound", err)
	}
	if err := s.Each(ctx, "widget", func(kb.Record) error { return nil }); err == nil {
		t.Error("Each(widget): no error")
	}
}

func testApplyTwice(t *testing.T, s store.Store) {
	first := apply(t, s, "a.jsonl", all()...)
	before := dump(t, s)
	second := apply(t, s, "a.jsonl", all()...)
	if want := (store.ApplyResult{Unchanged: first.Inserted}); second != want {
		t.Errorf("second Apply = %+v, want %+v", second, want)
	}
	if diff := cmp.Diff(before, dump(t, s)); diff != "" {
		t.Errorf("second Apply changed the store (-before +after):\n%s", diff)
	}
}

func testUpdate(t *testing.T, s store.Store) {
	ctx := context.Background()
	apply(t, s, "a.jsonl", standards()...)
	n := len(changes(t, s))

	changed := &kb.Standard{Number: "ISO 8124-3:2020", TitleEn: "Safety of toys — Part 3: Migration of certain elements", Status: "current"}
	res := apply(t, s, "b.jsonl", append(standards()[:3], changed)...)
	if want := (store.ApplyResult{Updated: 1, Unchanged: 3}); res != want {
		t.Errorf("Apply = %+v, want %+v", res, want)
	}
	got, err := s.Standard(ctx, "ISO 8124-3:2020")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != kb.StatusCurrent {
		t.Errorf("status after update = %q, want current", got.Status)
	}
	cs := changes(t, s)
	if len(cs) != n+1 {
		t.Fatalf("%d changes after update, want %d", len(cs), n+1)
	}
	last := cs[len(cs)-1]
	want := store.Change{Seq: last.Seq, Kind: kb.KindStandard, Key: "ISO 8124-3:2020", Op: store.OpUpdate, At: last.At, Source: "b.jsonl"}
	if diff := cmp.Diff(want, last); diff != "" {
		t.Errorf("last change (-want +got):\n%s", diff)
	}
	if last.Seq <= cs[len(cs)-2].Seq || last.At.IsZero() {
		t.Errorf("last change %+v: seq not increasing or no time", last)
	}

	// A record replaces the stored one whole: a field left out is gone.
	apply(t, s, "c.jsonl", &kb.Standard{Number: "ISO 8124-3:2020"})
	got, err = s.Standard(ctx, "ISO 8124-3:2020")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&kb.Standard{Number: "ISO 8124-3:2020"}, got); diff != "" {
		t.Errorf("after whole replacement (-want +got):\n%s", diff)
	}
}

func testNormalizes(t *testing.T, s store.Store) {
	ctx := context.Background()
	res := apply(t, s, "a", &kb.Standard{Number: "gb/t 19001 2016", Status: "现行"})
	if res.Inserted != 1 {
		t.Fatalf("Apply = %+v", res)
	}
	got, err := s.Get(ctx, kb.KindStandard, "GB/T 19001-2016")
	if err != nil {
		t.Fatal(err)
	}
	if got.(*kb.Standard).Status != kb.StatusCurrent {
		t.Errorf("status %q, want current", got.(*kb.Standard).Status)
	}
	// The same record spelt another way is the same record.
	if res := apply(t, s, "b", &kb.Standard{Number: "GB/T19001—2016", Status: "current"}); res.Unchanged != 1 {
		t.Errorf("Apply of another spelling = %+v, want unchanged", res)
	}
}

func testSameKeyTwice(t *testing.T, s store.Store) {
	ctx := context.Background()
	res := apply(t, s, "a",
		&kb.Standard{Number: "ISO 9001:2015", TitleEn: "first"},
		&kb.Standard{Number: "ISO 9001:2015", TitleEn: "second"})
	if want := (store.ApplyResult{Inserted: 1, Updated: 1}); res != want {
		t.Errorf("Apply = %+v, want %+v", res, want)
	}
	got, err := s.Standard(ctx, "ISO 9001:2015")
	if err != nil {
		t.Fatal(err)
	}
	if got.TitleEn != "second" {
		t.Errorf("title %q, want the later record's", got.TitleEn)
	}
}

func testFailingBatch(t *testing.T, s store.Store) {
	apply(t, s, "seed", all()...)
	before := dump(t, s)
	bad := []struct {
		name   string
		rec    kb.Record
		inErr  string
		atLine string
	}{
		{"bad number", &kb.Standard{Number: "not a number"}, "not a number", "record 3"},
		{"bad date", &kb.Notification{Symbol: "G/TBT/N/EU/2000", Distributed: "2025-13-45"}, "G/TBT/N/EU/2000", "record 3"},
		{"nil", nil, "nil", "record 3"},
		{"typed nil", (*kb.Mapping)(nil), "nil", "record 3"},
	}
	for _, b := range bad {
		t.Run(b.name, func(t *testing.T) {
			recs := []kb.Record{
				&kb.Standard{Number: "ISO 9001:2015"},                        // new
				&kb.Standard{Number: "ISO 8124-3:2020", Status: "withdrawn"}, // update
				b.rec,
				&kb.Mapping{Foreign: "ISO 9001:2015", Domestic: "GB/T 19001-2016"},
			}
			res, err := s.Apply(context.Background(), store.Batch{Source: "bad.jsonl", Records: recs})
			if err == nil {
				t.Fatalf("Apply = %+v, want an error", res)
			}
			if msg := err.Error(); !strings.Contains(msg, b.inErr) || !strings.Contains(msg, b.atLine) {
				t.Errorf("error %q does not name %q and %q", msg, b.inErr, b.atLine)
			}
			if res != (store.ApplyResult{}) {
				t.Errorf("failed Apply reported %+v", res)
			}
			if diff := cmp.Diff(before, dump(t, s)); diff != "" {
				t.Errorf("failed Apply changed the store (-before +after):\n%s", diff)
			}
		})
	}
}

func testTakeover(t *testing.T, s store.Store) {
	ctx := context.Background()
	apply(t, s, "eping.xlsx", ePing())
	oldKey := ePing().Key()
	if !strings.HasPrefix(oldKey, "ePing-") {
		t.Fatalf("key without symbol %q", oldKey)
	}
	withSymbol := ePing()
	withSymbol.Symbol = "G/TBT/N/USA/2200"
	withSymbol.CommentDeadline = "2025-06-01"
	res := apply(t, s, "crawl:wto", withSymbol)
	if want := (store.ApplyResult{Updated: 1}); res != want {
		t.Errorf("Apply with symbol = %+v, want %+v", res, want)
	}
	got, err := s.Notification(ctx, "G/TBT/N/USA/2200")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(normalized(t, withSymbol)[0], got); diff != "" {
		t.Errorf("taken-over record (-want +got):\n%s", diff)
	}
	if _, err := s.Notification(ctx, oldKey); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("old key %s: error %v, want ErrNotFound", oldKey, err)
	}
	if ks := keys(t, s, kb.KindNotification); !cmp.Equal(ks, []string{"G/TBT/N/USA/2200"}) {
		t.Errorf("notifications %q, want only the symbol", ks)
	}
	cs := changes(t, s)
	last := cs[len(cs)-1]
	want := store.Change{Seq: last.Seq, Kind: kb.KindNotification, Key: "G/TBT/N/USA/2200", OldKey: oldKey, Op: store.OpUpdate, At: last.At, Source: "crawl:wto"}
	if diff := cmp.Diff(want, last); diff != "" {
		t.Errorf("takeover change (-want +got):\n%s", diff)
	}
	if cs[0].OldKey != "" {
		t.Errorf("insert change has OldKey %q", cs[0].OldKey)
	}
	if res := apply(t, s, "crawl:wto", withSymbol); res.Unchanged != 1 {
		t.Errorf("Apply again = %+v, want unchanged", res)
	}
}

func testKeepsSymbol(t *testing.T, s store.Store) {
	ctx := context.Background()
	withSymbol := ePing()
	withSymbol.Symbol = "G/TBT/N/USA/2200"
	withSymbol.Link = "https://docs.wto.org/imrd/directdoc.asp?DDFDocuments/t/G/TBT/NUSA2200.DOCX"
	apply(t, s, "crawl:wto", withSymbol)

	// An ePing export re-imported after the symbol is known updates the
	// record with the symbol rather than adding a second one.
	// (Without a document link the description is part of the natural
	// key, so the re-export differs in another field.)
	later := ePing()
	later.CommentDeadline = "2025-06-30"
	res := apply(t, s, "eping.xlsx", later)
	if want := (store.ApplyResult{Updated: 1}); res != want {
		t.Errorf("Apply without symbol = %+v, want %+v", res, want)
	}
	if ks := keys(t, s, kb.KindNotification); !cmp.Equal(ks, []string{"G/TBT/N/USA/2200"}) {
		t.Errorf("notifications %q, want only the symbol", ks)
	}
	got, err := s.Notification(ctx, "G/TBT/N/USA/2200")
	if err != nil {
		t.Fatal(err)
	}
	if got.CommentDeadline != later.CommentDeadline || got.Symbol != "G/TBT/N/USA/2200" || got.Link != withSymbol.Link {
		t.Errorf("got %+v, want the new deadline under the symbol, and the link kept", got)
	}
	if res := apply(t, s, "eping.xlsx", later); res.Unchanged != 1 {
		t.Errorf("Apply again = %+v, want unchanged", res)
	}
}

func testOtherSymbol(t *testing.T, s store.Store) {
	a := &kb.Notification{Symbol: "G/TBT/N/EU/10", Distributed: "2025-01-01", Title: "Same title"}
	b := &kb.Notification{Symbol: "G/TBT/N/EU/11", Distributed: "2025-01-01", Title: "Same title"}
	apply(t, s, "a", a)
	if res := apply(t, s, "b", b); res.Inserted != 1 {
		t.Errorf("Apply = %+v: a record with a symbol took over one with another symbol", res)
	}
	if ks := keys(t, s, kb.KindNotification); !cmp.Equal(ks, []string{"G/TBT/N/EU/10", "G/TBT/N/EU/11"}) {
		t.Errorf("notifications %q", ks)
	}
}

func testAmbiguous(t *testing.T, s store.Store) {
	apply(t, s, "crawl",
		&kb.Notification{Symbol: "G/TBT/N/EU/10", Distributed: "2025-01-01", Title: "Same title"},
		&kb.Notification{Symbol: "G/TBT/N/EU/11", Distributed: "2025-01-01", Title: "Same title"})
	before := dump(t, s)
	_, err := s.Apply(context.Background(), store.Batch{Source: "eping", Records: []kb.Record{
		&kb.Notification{Member: "EU", Area: "TBT", Distributed: "2025-01-01", Title: "Same title"},
	}})
	if err == nil || !strings.Contains(err.Error(), "G/TBT/N/EU/10") || !strings.Contains(err.Error(), "G/TBT/N/EU/11") {
		t.Errorf("Apply: error %v, want one naming both candidates", err)
	}
	if diff := cmp.Diff(before, dump(t, s)); diff != "" {
		t.Errorf("failed Apply changed the store (-before +after):\n%s", diff)
	}
}

func testSparse(t *testing.T, s store.Store) {
	// Known only by their symbols, both have the natural key "EU|TBT||".
	res := apply(t, s, "a", &kb.Notification{Symbol: "G/TBT/N/EU/1"}, &kb.Notification{Symbol: "G/TBT/N/EU/2"})
	if res.Inserted != 2 {
		t.Errorf("Apply = %+v, want 2 inserted", res)
	}
}

func testInbound(t *testing.T, s store.Store) {
	apply(t, s, "fixtures", all()...)
	const (
		gb2014  = "GB 6675.4-2014"
		gb2025  = "GB 6675.4-2025"
		dir     = "Directive 2009/48/EC"
		enMap   = "EN 71-3:2019+A1:2021 ~ GB 6675.4-2025"
		isoMap  = "ISO 8124-3:2020 ~ GB 6675.4-2025"
		std     = kb.KindStandard
		reg     = kb.KindRegulation
		mapping = kb.KindMapping
	)
	tests := []struct {
		number string
		want   []store.Link
	}{
		{"ISO 8124-3:2020", []store.Link{
			lk(std, gb2025, store.RelAdopts, "ISO 8124-3:2020", kb.DegreeIDT),
			lk(mapping, isoMap, store.RelMapping, "ISO 8124-3:2020", kb.DegreeIDT),
		}},
		{"iso 8124-3 2020", []store.Link{ // any spelling
			lk(std, gb2025, store.RelAdopts, "ISO 8124-3:2020", kb.DegreeIDT),
			lk(mapping, isoMap, store.RelMapping, "ISO 8124-3:2020", kb.DegreeIDT),
		}},
		{"ISO 8124-3", []store.Link{ // undated: every edition
			lk(std, gb2014, store.RelAdopts, "ISO 8124-3:2010", kb.DegreeMOD),
			lk(std, gb2025, store.RelAdopts, "ISO 8124-3:2020", kb.DegreeIDT),
			lk(mapping, isoMap, store.RelMapping, "ISO 8124-3:2020", kb.DegreeIDT),
		}},
		{"EN 71-3:2019+A1:2021", []store.Link{ // dated: itself and the undated reference
			lk(reg, dir, store.RelReferences, "EN 71-3", ""),
			lk(mapping, enMap, store.RelMapping, "EN 71-3:2019+A1:2021", kb.DegreeNEQ),
		}},
		{"EN 71-3:2013", []store.Link{ // another edition: only the undated reference
			lk(reg, dir, store.RelReferences, "EN 71-3", ""),
		}},
		{"EN 71-1:2014+A1:2018", []store.Link{
			lk(reg, dir, store.RelReferences, "EN 71-1:2014+A1:2018", ""),
		}},
		{gb2014, []store.Link{
			lk(std, gb2025, store.RelReplaces, gb2014, ""),
		}},
		{gb2025, []store.Link{
			lk(std, gb2014, store.RelReplacedBy, gb2025, ""),
			lk(mapping, enMap, store.RelMapping, gb2025, kb.DegreeNEQ),
			lk(mapping, isoMap, store.RelMapping, gb2025, kb.DegreeIDT),
		}},
		{"GB 6675.4", []store.Link{
			lk(std, gb2014, store.RelReplacedBy, gb2025, ""),
			lk(std, gb2025, store.RelReplaces, gb2014, ""),
			lk(mapping, enMap, store.RelMapping, gb2025, kb.DegreeNEQ),
			lk(mapping, isoMap, store.RelMapping, gb2025, kb.DegreeIDT),
		}},
		{"ISO 9999:2020", nil},
		{"not a standard", nil},
	}
	for _, tt := range tests {
		got, err := s.Inbound(context.Background(), tt.number)
		if err != nil {
			t.Errorf("Inbound(%q): %v", tt.number, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got, sortLinks, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Inbound(%q) (-want +got):\n%s", tt.number, diff)
		}
	}
}

func lk(kind kb.Kind, from string, rel store.Rel, to string, d kb.Degree) store.Link {
	return store.Link{FromKind: kind, FromKey: from, Rel: rel, To: to, Degree: d}
}

// The order of Inbound's links is not part of the contract.
var sortLinks = cmpopts.SortSlices(func(a, b store.Link) bool {
	return fmt.Sprint(a) < fmt.Sprint(b)
})

func testInboundRebuilt(t *testing.T, s store.Store) {
	ctx := context.Background()
	apply(t, s, "a", &kb.Standard{Number: "GB 6675.4-2025", Adopts: []kb.Adoption{{Number: "ISO 8124-3:2020", Degree: "IDT"}}})
	apply(t, s, "b", &kb.Standard{Number: "GB 6675.4-2025", Adopts: []kb.Adoption{{Number: "ISO 8124-3:2020", Degree: "MOD"}}, Replaces: []string{"GB 6675.4-2014"}})
	got, err := s.Inbound(ctx, "ISO 8124-3:2020")
	if err != nil {
		t.Fatal(err)
	}
	want := []store.Link{lk(kb.KindStandard, "GB 6675.4-2025", store.RelAdopts, "ISO 8124-3:2020", kb.DegreeMOD)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Inbound after update (-want +got):\n%s", diff)
	}
	apply(t, s, "c", &kb.Standard{Number: "GB 6675.4-2025"})
	for _, n := range []string{"ISO 8124-3:2020", "GB 6675.4-2014"} {
		if got, err := s.Inbound(ctx, n); err != nil || len(got) != 0 {
			t.Errorf("Inbound(%s) after the links were removed = %v, %v", n, got, err)
		}
	}
}

func testChain(t *testing.T, s store.Store) {
	apply(t, s, "fixtures", notifications()...)
	want := []string{"G/TBT/N/EU/1123", "G/TBT/N/EU/1123/Corr.1", "G/TBT/N/EU/1123/Add.1", "G/TBT/N/EU/1123/Add.2"}
	for _, root := range []string{"G/TBT/N/EU/1123", "g/tbt/n/eu/1123/add.2"} {
		chain, err := s.Chain(context.Background(), root)
		if err != nil {
			t.Fatalf("Chain(%s): %v", root, err)
		}
		var got []string
		for _, n := range chain {
			got = append(got, n.Symbol)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Chain(%s) (-want +got):\n%s", root, diff)
		}
	}
	if chain, err := s.Chain(context.Background(), "G/TBT/N/EU/9"); err != nil || len(chain) != 0 {
		t.Errorf("Chain of an unknown root = %v, %v; want none", chain, err)
	}
}

func testEachOrder(t *testing.T, s store.Store) {
	apply(t, s, "fixtures", all()...)
	want := map[kb.Kind][]string{
		kb.KindStandard:     {"EN 71-3:2019+A1:2021", "GB 6675.4-2014", "GB 6675.4-2025", "GB/T 19001-2016", "ISO 8124-3:2020"},
		kb.KindRegulation:   {"Directive 2009/48/EC"},
		kb.KindNotification: {"G/SPS/N/CHN/1301", "G/TBT/N/EU/1123", "G/TBT/N/EU/1123/Add.1", "G/TBT/N/EU/1123/Add.2", "G/TBT/N/EU/1123/Corr.1", "G/TBT/N/USA/2100", ePing().Key()},
		kb.KindMapping:      {"EN 71-3:2019+A1:2021 ~ GB 6675.4-2025", "ISO 8124-3:2020 ~ GB 6675.4-2025"},
		kb.KindRequirement: {
			"EN 71-3:2019+A1:2021 | toy-element-migration | lead | category III (scraped-off)",
			"GB 2763-2021 | pesticide-mrl | imidacloprid | apple",
			"GB 6675.4-2014 | toy-element-migration | cadmium | ",
			"GB 6675.4-2014 | toy-element-migration | lead | category I",
		},
	}
	for _, kind := range kb.Kinds {
		if diff := cmp.Diff(want[kind], keys(t, s, kind)); diff != "" {
			t.Errorf("Each(%s) keys (-want +got):\n%s", kind, diff)
		}
	}
}

func testEachStops(t *testing.T, s store.Store) {
	apply(t, s, "fixtures", standards()...)
	stop := errors.New("stop")
	calls := 0
	err := s.Each(context.Background(), kb.KindStandard, func(kb.Record) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("Each = %v after %d calls, want fn's error after 1", err, calls)
	}
}

func testMappings(t *testing.T, s store.Store) {
	apply(t, s, "fixtures", all()...)
	tests := []struct {
		number string
		want   []string
	}{
		{"GB 6675.4-2025", []string{"EN 71-3:2019+A1:2021 ~ GB 6675.4-2025", "ISO 8124-3:2020 ~ GB 6675.4-2025"}},
		{"iso 8124-3:2020", []string{"ISO 8124-3:2020 ~ GB 6675.4-2025"}},
		{"ISO 8124-3", nil}, // exact numbers only
		{"GB 6675.4-2014", nil},
	}
	for _, tt := range tests {
		ms, err := s.Mappings(context.Background(), tt.number)
		if err != nil {
			t.Errorf("Mappings(%s): %v", tt.number, err)
			continue
		}
		var got []string
		for _, m := range ms {
			got = append(got, m.Key())
		}
		if diff := cmp.Diff(tt.want, got, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
			t.Errorf("Mappings(%s) (-want +got):\n%s", tt.number, diff)
		}
	}
}

func testRequirements(t *testing.T, s store.Store) {
	apply(t, s, "fixtures", all()...)
	tests := []struct {
		f    store.RequirementFilter
		want []string
	}{
		{store.RequirementFilter{}, []string{
			"GB 2763-2021 | pesticide-mrl | imidacloprid | apple",
			"GB 6675.4-2014 | toy-element-migration | cadmium | ",
			"GB 6675.4-2014 | toy-element-migration | lead | category I",
			"EN 71-3:2019+A1:2021 | toy-element-migration | lead | category III (scraped-off)",
		}},
		{store.RequirementFilter{Topic: "toy-element-migration"}, []string{
			"GB 6675.4-2014 | toy-element-migration | cadmium | ",
			"GB 6675.4-2014 | toy-element-migration | lead | category I",
			"EN 71-3:2019+A1:2021 | toy-element-migration | lead | category III (scraped-off)",
		}},
		{store.RequirementFilter{Source: "GB 6675.4-2014"}, []string{
			"GB 6675.4-2014 | toy-element-migration | cadmium | ",
			"GB 6675.4-2014 | toy-element-migration | lead | category I",
		}},
		{store.RequirementFilter{Topic: "toy-element-migration", Source: "EN 71-3:2019+A1:2021"}, []string{
			"EN 71-3:2019+A1:2021 | toy-element-migration | lead | category III (scraped-off)",
		}},
		{store.RequirementFilter{Topic: "pesticide-mrl", Source: "GB 6675.4-2014"}, nil},
	}
	for _, tt := range tests {
		rs, err := s.Requirements(context.Background(), tt.f)
		if err != nil {
			t.Errorf("Requirements(%+v): %v", tt.f, err)
			continue
		}
		var got []string
		for _, r := range rs {
			got = append(got, r.Key())
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Requirements(%+v) (-want +got):\n%s", tt.f, diff)
		}
	}
}

func testTopics(t *testing.T, s store.Store) {
	apply(t, s, "fixtures", all()...)
	got, err := s.Topics(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []store.Topic{
		{Name: "pesticide-mrl", Sources: []string{"GB 2763-2021"}, Rows: 1},
		{Name: "toy-element-migration", Sources: []string{"EN 71-3:2019+A1:2021", "GB 6675.4-2014"}, Rows: 3},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Topics (-want +got):\n%s", diff)
	}
}

func testNotifications(t *testing.T, s store.Store) {
	apply(t, s, "fixtures", all()...)
	tests := []struct {
		f    store.NotificationFilter
		want []string
	}{
		{store.NotificationFilter{}, []string{
			"G/TBT/N/EU/1123/Add.1", "G/TBT/N/EU/1123/Add.2", ePing().Key(), "G/TBT/N/USA/2100",
			"G/TBT/N/EU/1123/Corr.1", "G/TBT/N/EU/1123", "G/SPS/N/CHN/1301",
		}},
		{store.NotificationFilter{Limit: 2}, []string{"G/TBT/N/EU/1123/Add.1", "G/TBT/N/EU/1123/Add.2"}},
		{store.NotificationFilter{Member: "USA"}, []string{ePing().Key(), "G/TBT/N/USA/2100"}},
		{store.NotificationFilter{Area: kb.AreaSPS}, []string{"G/SPS/N/CHN/1301"}},
		{store.NotificationFilter{DeadlineFrom: "2025-03-10"}, []string{"G/TBT/N/USA/2100", "G/TBT/N/EU/1123"}},
		{store.NotificationFilter{DistributedFrom: "2025-03-05", Member: "EU"}, []string{"G/TBT/N/EU/1123/Add.1", "G/TBT/N/EU/1123/Add.2"}},
		{store.NotificationFilter{Member: "JPN"}, nil},
	}
	for _, tt := range tests {
		ns, err := s.Notifications(context.Background(), tt.f)
		if err != nil {
			t.Errorf("Notifications(%+v): %v", tt.f, err)
			continue
		}
		var got []string
		for _, n := range ns {
			got = append(got, n.Key())
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Notifications(%+v) (-want +got):\n%s", tt.f, diff)
		}
	}
}

func testStats(t *testing.T, s store.Store) {
	empty, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if empty.ChangeCount != 0 || !empty.LastChange.IsZero() {
		t.Errorf("empty store: %+v", empty)
	}
	apply(t, s, "fixtures", all()...)
	apply(t, s, "update", &kb.Standard{Number: "ISO 8124-3:2020"})
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	wantKinds := map[kb.Kind]int{kb.KindStandard: 5, kb.KindRegulation: 1, kb.KindNotification: 7, kb.KindMapping: 2, kb.KindRequirement: 4}
	for _, kind := range kb.Kinds {
		if st.Kinds[kind] != wantKinds[kind] {
			t.Errorf("Kinds[%s] = %d, want %d", kind, st.Kinds[kind], wantKinds[kind])
		}
	}
	if diff := cmp.Diff(map[string]int{"EU": 4, "USA": 2, "CHN": 1}, st.Members); diff != "" {
		t.Errorf("Members (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[kb.Area]int{"TBT": 6, "SPS": 1}, st.Areas); diff != "" {
		t.Errorf("Areas (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]int{"GB": 2, "GB/T": 1, "EN": 1, "ISO": 1}, st.Publishers); diff != "" {
		t.Errorf("Publishers (-want +got):\n%s", diff)
	}
	cs := changes(t, s)
	if st.ChangeCount != int64(len(cs)) || st.ChangeCount != 20 {
		t.Errorf("ChangeCount = %d, want %d (and 20)", st.ChangeCount, len(cs))
	}
	if !st.LastChange.Equal(cs[len(cs)-1].At) {
		t.Errorf("LastChange = %v, want the last change's %v", st.LastChange, cs[len(cs)-1].At)
	}
}

func testChangeLog(t *testing.T, s store.Store) {
	ctx := context.Background()
	apply(t, s, "fixtures", all()...)
	recs := normalized(t, all()...)
	cs := changes(t, s)
	if len(cs) != len(recs) {
		t.Fatalf("%d changes, want %d", len(cs), len(recs))
	}
	for i, c := range cs {
		if c.Op != store.OpInsert || c.Source != "fixtures" || c.Kind != recs[i].Kind() || c.Key != recs[i].Key() {
			t.Errorf("change %d = %+v, want insert of %s %q from fixtures", i, c, recs[i].Kind(), recs[i].Key())
		}
		if c.At.IsZero() || c.At.Location() != time.UTC {
			t.Errorf("change %d: time %v, want a UTC time", i, c.At)
		}
		if i > 0 && c.Seq <= cs[i-1].Seq {
			t.Errorf("change %d: seq %d after %d", i, c.Seq, cs[i-1].Seq)
		}
	}
	page, err := s.Changes(ctx, 0, 3)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(cs[:3], page); diff != "" {
		t.Errorf("first page (-want +got):\n%s", diff)
	}
	rest, err := s.Changes(ctx, page[2].Seq, 100)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(cs[3:], rest); diff != "" {
		t.Errorf("rest (-want +got):\n%s", diff)
	}
	if none, err := s.Changes(ctx, cs[len(cs)-1].Seq, 10); err != nil || len(none) != 0 {
		t.Errorf("Changes after the last = %v, %v", none, err)
	}
}

func testCursors(t *testing.T, s store.Store) {
	ctx := context.Background()
	if seq, err := s.Cursor(ctx, "index"); err != nil || seq != 0 {
		t.Errorf("new cursor = %d, %v; want 0", seq, err)
	}
	for _, step := range []struct {
		consumer string
		seq      int64
	}{{"index", 5}, {"alerts", 2}, {"index", 9}, {"index", 0}} {
		if err := s.SetCursor(ctx, step.consumer, step.seq); err != nil {
			t.Fatalf("SetCursor(%s, %d): %v", step.consumer, step.seq, err)
		}
		if seq, err := s.Cursor(ctx, step.consumer); err != nil || seq != step.seq {
			t.Errorf("Cursor(%s) = %d, %v; want %d", step.consumer, seq, err, step.seq)
		}
	}
	if seq, _ := s.Cursor(ctx, "alerts"); seq != 2 {
		t.Errorf("Cursor(alerts) = %d, want 2: consumers share a cursor", seq)
	}
	if err := s.SetCursor(ctx, "index", -1); err == nil {
		t.Error("SetCursor(-1): no error")
	}
}

// testConcurrent applies batches of two standards while readers count
// them: every count they see must be even, or a reader saw half a batch.
// Writing goes on until the readers have read a while (or a cap).
func testConcurrent(t *testing.T, s store.Store) {
	ctx := context.Background()
	const readers, minReads, maxBatches = 4, 40, 2000
	var wg sync.WaitGroup
	var reads atomic.Int64
	done := make(chan struct{})
	errs := make(chan error, readers)
	for range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				n := 0
				if err := s.Each(ctx, kb.KindStandard, func(kb.Record) error { n++; return nil }); err != nil {
					errs <- err
					return
				}
				st, err := s.Stats(ctx)
				if err != nil {
					errs <- err
					return
				}
				if n%2 != 0 || st.Kinds[kb.KindStandard]%2 != 0 || st.ChangeCount%2 != 0 {
					errs <- fmt.Errorf("reader saw half a batch: Each %d, Stats %+v", n, st)
					return
				}
				reads.Add(1)
			}
		}()
	}
	batches := 0
	for ; batches < 10 || reads.Load() < minReads && batches < maxBatches; batches++ {
		_, err := s.Apply(ctx, store.Batch{Source: "concurrent", Records: []kb.Record{
			&kb.Standard{Number: fmt.Sprintf("ISO %d:2020", 10000+batches)},
			&kb.Standard{Number: fmt.Sprintf("GB/T %d-2020", 10000+batches), Adopts: []kb.Adoption{{Number: fmt.Sprintf("ISO %d:2020", 10000+batches), Degree: "IDT"}}},
		}})
		if err != nil {
			t.Errorf("Apply %d: %v", batches, err)
			break
		}
	}
	close(done)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if ks := keys(t, s, kb.KindStandard); len(ks) != 2*batches {
		t.Errorf("%d standards, want %d", len(ks), 2*batches)
	}
}
