package baseline

import (
	"context"
	"testing"

	"github.com/stdbridge/stdbridge/index"
)

// A query that bleve's query string syntax rejects finds nothing and is
// not an error, so that one such query does not end an evaluation run.
func TestCJKSyntaxErrorFindsNothing(t *testing.T) {
	ctx := context.Background()
	c, err := NewCJKMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Put(ctx, testRecords(t)...); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"title:(", `"toy safety`, "/[/", "body:>", "toy^x"} {
		res, err := c.Search(ctx, index.Request{Query: q})
		if err != nil {
			t.Errorf("%q: %v", q, err)
			continue
		}
		if res.Total != 0 || len(res.Hits) != 0 {
			t.Errorf("%q: %d hits %q, want none", q, res.Total, keys(res))
		}
	}
	// The same words without the broken syntax do find something, so the
	// empty results above come from the syntax.
	res, err := c.Search(ctx, index.Request{Query: "title:toy"})
	if err != nil || len(res.Hits) == 0 {
		t.Errorf("title:toy: %v, %+v, want hits", err, res)
	}
}

// The query string syntax is bleve's: OR by default, + and - require and
// exclude.
func TestCJKQueryString(t *testing.T) {
	ctx := context.Background()
	c, err := NewCJKMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Put(ctx, testRecords(t)...); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]int{
		"imidacloprid addendum":   2,
		"+imidacloprid addendum":  1,
		"safety -addendum":        2,
		`"residue limits"`:        1,
		"imidacloprid -residue":   0,
		"imidacloprid zeolite":    1,
		"+imidacloprid +zeolite":  0,
		"title:imidacloprid":      0,
		"body:imidacloprid":       1,
		"质量管理体系":                  1,
		"GB/T 19001-2016 9503.00": 3, // every GB/T and the EU notification
	} {
		res, err := c.Search(ctx, index.Request{Query: q})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if res.Total != want {
			t.Errorf("%q: %d hits %q, want %d", q, res.Total, keys(res), want)
		}
	}
}

func FuzzCJKSearch(f *testing.F) {
	ctx := context.Background()
	c, err := NewCJKMemory()
	if err != nil {
		f.Fatal(err)
	}
	defer c.Close()
	if err := c.Put(ctx, testRecords(f)...); err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"toy", "title:(", `"a`, "+x -y", "玩具安全", "a~2", "/re.*/", "x:>=3", "\x00", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := c.Search(ctx, index.Request{Query: q, Limit: 5}); err != nil {
			t.Fatalf("%q: %v", q, err)
		}
	})
}
