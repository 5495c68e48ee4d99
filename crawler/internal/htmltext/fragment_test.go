package htmltext

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFragment(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		text  string
		lines []string
	}{
		{name: "empty", in: "", text: "", lines: nil},
		{name: "plain text", in: "  a\n\n b ", text: "a b", lines: []string{"a b"}},
		{name: "entities only", in: "R&amp;D &lt;x&gt;", text: "R&D <x>", lines: []string{"R&D <x>"}},
		{
			name:  "inline joins",
			in:    `H<sub>2</sub>O and <span class="x">CO</span><sub>2</sub>`,
			text:  "H2O and CO2",
			lines: []string{"H2O and CO2"},
		},
		{
			name:  "blocks break",
			in:    `<p>This document</p><div>specifies</div><div>gives</div>end, <ul><li>not</li><li>lists</li></ul>`,
			text:  "This document specifies gives end, notlists", // blocks has no li
			lines: []string{"This document", "specifies", "gives", "end, notlists"},
		},
		{
			name:  "stray and self-closing tags",
			in:    `a</p>b<br/>c<div/>d`,
			text:  "a b c d",
			lines: []string{"a", "b", "c", "d"},
		},
		{
			name:  "scripts and styles",
			in:    `a<script>alert("b")</script><style>p{}</style>c`,
			text:  "ac",
			lines: []string{"ac"},
		},
		{
			name:  "table cells",
			in:    `<table><tr><td>a</td><td>b</td></tr></table>`,
			text:  "a b",
			lines: []string{"a", "b"},
		},
		{
			name:  "Word comments",
			in:    `<!--[if gte mso 9]><xml>x</xml><![endif]--><p class=MsoNormal>Scope&nbsp;text</p>`,
			text:  "Scope text",
			lines: []string{"Scope text"},
		},
		{
			name:  "truncated tag",
			in:    `a <p>b</p> <span cla`,
			text:  "a b",
			lines: []string{"a", "b"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FragmentText(tt.in, blocks); got != tt.text {
				t.Errorf("FragmentText = %q, want %q", got, tt.text)
			}
			if diff := cmp.Diff(tt.lines, FragmentLines(tt.in, blocks)); diff != "" {
				t.Errorf("FragmentLines (-want +got):\n%s", diff)
			}
		})
	}
}

// The block set is the caller's: without one, blocks join like inline
// elements.
func TestFragmentNoBlocks(t *testing.T) {
	if got := FragmentText("<p>a</p><p>b</p>", nil); got != "ab" {
		t.Errorf("FragmentText without blocks = %q, want %q", got, "ab")
	}
}
