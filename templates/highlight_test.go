package templates

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHighlight(t *testing.T) {
	tests := []struct {
		in   string
		want []Segment
	}{
		{"", nil},
		{"plain", []Segment{{"plain", false}}},
		{"a \x02lead\x03 b", []Segment{{"a ", false}, {"lead", true}, {" b", false}}},
		{"\x02x\x03\x02y\x03", []Segment{{"xy", true}}},
		{"<b>\x02<i>\x03</b>", []Segment{{"<b>", false}, {"<i>", true}, {"</b>", false}}},
		// An unclosed match is not marked; stray markers are dropped.
		{"a \x02open", []Segment{{"a open", false}}},
		{"a\x03b", []Segment{{"ab", false}}},
		{"\x02a\x02b\x03c", []Segment{{"ab", true}, {"c", false}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Highlight(tt.in)); diff != "" {
			t.Errorf("Highlight(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func FuzzHighlight(f *testing.F) {
	for _, s := range []string{"a \x02lead\x03 b", "\x02\x02\x03\x03", "<script>\x02&\x03"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b strings.Builder
		for i, seg := range Highlight(s) {
			if seg.Text == "" || strings.ContainsAny(seg.Text, "\x02\x03") {
				t.Errorf("segment %d: %q", i, seg.Text)
			}
			b.WriteString(seg.Text)
		}
		if want := PlainSnippet(s); b.String() != want {
			t.Errorf("segments join to %q, want %q", b.String(), want)
		}
	})
}
