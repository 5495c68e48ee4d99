package htmltext

import (
	"strings"
	"testing"
)

// FuzzText checks that the one-line and the line-by-line readings agree
// and that every line is collapsed and non-empty, for pages and for
// fragments alike.
func FuzzText(f *testing.F) {
	for _, s := range []string{
		"",
		"a  b",
		"<p>a</p>b<br>c",
		"<table><tr><td>a<td>b</table>",
		"<div>x<script>y</script>z<template><p>t</p></template></div>",
		"H<sub>2</sub>O&nbsp;&amp; <span",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkLines(t, "FragmentLines", FragmentLines(s, blocks))
		if got, want := FragmentText(s, blocks), strings.Join(FragmentLines(s, blocks), " "); got != want {
			t.Fatalf("FragmentText(%q) = %q, joined lines %q", s, got, want)
		}
		doc, err := Parse([]byte(s))
		if err != nil {
			t.Skip()
		}
		checkLines(t, "Lines", Lines(doc, blocks, nil))
		if got, want := Text(doc, blocks, nil), strings.Join(Lines(doc, blocks, nil), " "); got != want {
			t.Fatalf("Text(%q) = %q, joined lines %q", s, got, want)
		}
	})
}

func checkLines(t *testing.T, what string, lines []string) {
	t.Helper()
	for _, l := range lines {
		if l == "" || l != Collapse(l) {
			t.Fatalf("%s: line %q is empty or not collapsed", what, l)
		}
	}
}
