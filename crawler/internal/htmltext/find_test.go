package htmltext

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

const findPage = `<html><head><link id="l" rel="canonical" href="/x"></head><body>
<div id="a" class="box  wide"><div id="b" class="box"><p id="c">x</p></div></div>
<template id="t"><p id="d">hidden</p></template>
<p id="e" class="wide">y</p> text <span id="f"></span>
</body></html>`

func TestAttr(t *testing.T) {
	doc := mustParse(t, findPage)
	link := First(doc, IsTag(atom.Link), nil)
	tests := []struct{ key, want string }{
		{"rel", "canonical"},
		{"href", "/x"},
		{"title", ""},
	}
	for _, tt := range tests {
		if got := Attr(link, tt.key); got != tt.want {
			t.Errorf("Attr(link, %q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

func TestHasClass(t *testing.T) {
	doc := mustParse(t, findPage)
	a := First(doc, func(n *html.Node) bool { return Attr(n, "id") == "a" }, nil)
	tests := []struct {
		name  string
		n     *html.Node
		class string
		want  bool
	}{
		{"first of two", a, "box", true},
		{"after double space", a, "wide", true},
		{"prefix only", a, "bo", false},
		{"whole attribute", a, "box  wide", false},
		{"text node", a.NextSibling, "box", false},
	}
	for _, tt := range tests {
		if got := HasClass(tt.n, tt.class); got != tt.want {
			t.Errorf("%s: HasClass(%q) = %v, want %v", tt.name, tt.class, got, tt.want)
		}
	}
}

func TestFind(t *testing.T) {
	doc := mustParse(t, findPage)
	isTemplate := IsTag(atom.Template)
	tests := []struct {
		name      string
		match     func(*html.Node) bool
		prune     func(*html.Node) bool
		first     string
		all       []string
		outermost []string
	}{
		{
			name:      "nested matches",
			match:     IsTag(atom.Div),
			first:     "a",
			all:       []string{"a", "b"},
			outermost: []string{"a"},
		},
		{
			name:      "tag and class",
			match:     TagClass(atom.P, "wide"),
			first:     "e",
			all:       []string{"e"},
			outermost: []string{"e"},
		},
		{
			name:      "into templates",
			match:     IsTag(atom.P),
			first:     "c",
			all:       []string{"c", "d", "e"},
			outermost: []string{"c", "d", "e"},
		},
		{
			name:      "pruned templates",
			match:     IsTag(atom.P),
			prune:     isTemplate,
			first:     "c",
			all:       []string{"c", "e"},
			outermost: []string{"c", "d", "e"}, // Outermost does not prune
		},
		{
			name:      "pruned element is not matched",
			match:     isTemplate,
			prune:     isTemplate,
			all:       []string{},
			outermost: []string{"t"},
		},
		{
			name:      "no match",
			match:     IsTag(atom.Table),
			all:       []string{},
			outermost: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first := ""
			if f := First(doc, tt.match, tt.prune); f != nil {
				first = Attr(f, "id")
			}
			if first != tt.first {
				t.Errorf("First = %q, want %q", first, tt.first)
			}
			if diff := cmp.Diff(tt.all, ids(All(doc, tt.match, tt.prune))); diff != "" {
				t.Errorf("All (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.outermost, ids(Outermost(doc, tt.match))); diff != "" {
				t.Errorf("Outermost (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFindIncludesStart(t *testing.T) {
	doc := mustParse(t, findPage)
	b := First(doc, func(n *html.Node) bool { return Attr(n, "id") == "b" }, nil)
	isDiv := IsTag(atom.Div)
	if got := First(b, isDiv, nil); got != b {
		t.Errorf("First(b, div) = %v, want b itself", got)
	}
	if got := ids(All(b, isDiv, nil)); !cmp.Equal(got, []string{"b"}) {
		t.Errorf("All(b, div) = %q, want [b]", got)
	}
	if got := ids(Outermost(b, isDiv)); !cmp.Equal(got, []string{"b"}) {
		t.Errorf("Outermost(b, div) = %q, want [b]", got)
	}
}

func TestNextElement(t *testing.T) {
	doc := mustParse(t, findPage)
	byID := func(id string) *html.Node {
		return First(doc, func(n *html.Node) bool { return Attr(n, "id") == id }, nil)
	}
	tests := []struct{ from, want string }{
		{"e", "f"}, // past the text between them
		{"b", ""},  // last child
		{"c", ""},  // only child
	}
	for _, tt := range tests {
		got := ""
		if n := NextElement(byID(tt.from)); n != nil {
			got = Attr(n, "id")
		}
		if got != tt.want {
			t.Errorf("NextElement(%s) = %q, want %q", tt.from, got, tt.want)
		}
	}
}
