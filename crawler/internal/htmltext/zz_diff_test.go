package htmltext

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ---- old gb
func gbBlock(a atom.Atom) bool {
	switch a {
	case atom.Br, atom.Div, atom.P, atom.Li, atom.Ul, atom.Ol, atom.Table, atom.Tbody, atom.Tr,
		atom.Td, atom.Th, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Option, atom.Select,
		atom.Button, atom.Input, atom.Img, atom.Hr:
		return true
	}
	return false
}
func oldCollapse(s string) string { return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ") }
func gbText(n *html.Node, skip func(*html.Node) bool) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if n.DataAtom == atom.Script || n.DataAtom == atom.Style {
				return
			}
			if skip != nil && skip(n) {
				return
			}
			if gbBlock(n.DataAtom) {
				b.WriteByte(' ')
				defer b.WriteByte(' ')
			}
		case html.CommentNode:
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return oldCollapse(b.String())
}
func gbFind(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode && match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := gbFind(c, match); f != nil {
			return f
		}
	}
	return nil
}

// ---- old tris
func trisBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Br, atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.Tr, atom.Td, atom.Th, atom.Table, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5,
		atom.H6, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Main, atom.Nav,
		atom.Aside, atom.Blockquote, atom.Pre, atom.Hr, atom.Form, atom.Body:
		return true
	}
	return false
}
func trisSkipped(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head:
		return true
	}
	return false
}
func trisLines(n *html.Node) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if s := strings.Join(strings.FieldsFunc(cur.String(), unicode.IsSpace), " "); s != "" {
			out = append(out, s)
		}
		cur.Reset()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if trisSkipped(n) {
				return
			}
		}
		block := n.Type == html.ElementNode && trisBlock(n.DataAtom)
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(n)
	flush()
	return out
}
func trisFind(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if trisSkipped(n) && n.DataAtom != atom.Head {
				return
			}
			if match(n) {
				out = append(out, n)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// ---- old feed / iso
func feedBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Br, atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.Tr, atom.Table, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Section, atom.Article, atom.Blockquote, atom.Pre, atom.Hr:
		return true
	}
	return false
}
func isoBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Br, atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.Table, atom.Tr, atom.Td, atom.Th, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5,
		atom.H6, atom.Blockquote, atom.Pre, atom.Hr, atom.Section:
		return true
	}
	return false
}
func feedPlain(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return oldCollapse(s)
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var out []string
	var cur strings.Builder
	flush := func() {
		if l := oldCollapse(cur.String()); l != "" {
			out = append(out, l)
		}
		cur.Reset()
	}
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return strings.Join(out, "\n")
		case html.TextToken:
			if skip == 0 {
				cur.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch a := atom.Lookup(name); {
			case a == atom.Script || a == atom.Style:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case feedBlock(a):
				flush()
			}
		}
	}
}
func isoText(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return strings.Join(strings.FieldsFunc(b.String(), unicode.IsSpace), " ")
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch a := atom.Lookup(name); {
			case a == atom.Script || a == atom.Style:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case isoBlock(a):
				b.WriteByte(' ')
			}
		}
	}
}

func same(a, b []*html.Node) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func FuzzDiff(f *testing.F) {
	for _, s := range []string{"", "a b", "<p>a</p>b", "<table><tr><td>a<td>b</table>", "<div>x<script>y</script>z<template><p>t</p></template><noscript>n</noscript></div>", "a\r\nb&amp;c\x00d", "<select><option>a<option>b</select>", "<head><link rel=canonical href=x><title>t</title></head><body class='a b'><nav class=pagination><a href=1>1</a></nav></body>"} {
		f.Add(s)
	}
	files, _ := filepath.Glob("../../*/testdata/*")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := strings.Join(FragmentLines(s, feedBlock), "\n"), feedPlain(s); got != want {
			t.Fatalf("feed %q: %q != %q", s, got, want)
		}
		if got, want := FragmentText(s, isoBlock), isoText(s); got != want {
			t.Fatalf("iso %q: %q != %q", s, got, want)
		}
		doc, err := Parse([]byte(s))
		if err != nil {
			return
		}
		var all []*html.Node
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			all = append(all, n)
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		lbl := func(n *html.Node) bool { return HasClass(n, "a") }
		any := func(n *html.Node) bool { return true }
		hasKids := func(n *html.Node) bool { return n.FirstChild != nil }
		trisPrune := func(n *html.Node) bool { return trisSkipped(n) && n.DataAtom != atom.Head }
		for _, n := range all {
			if got, want := Text(n, gbBlock, nil), gbText(n, nil); got != want {
				t.Fatalf("gb text %q: %q != %q", s, got, want)
			}
			if got, want := Text(n, gbBlock, lbl), gbText(n, lbl); got != want {
				t.Fatalf("gb text skip %q: %q != %q", s, got, want)
			}
			got, want := Lines(n, trisBlock, trisSkipped), trisLines(n)
			if strings.Join(got, "\n") != strings.Join(want, "\n") || len(got) != len(want) {
				t.Fatalf("tris lines %q: %q != %q", s, got, want)
			}
			if g, w := Text(n, trisBlock, trisSkipped), strings.Join(want, " "); g != w {
				t.Fatalf("tris text %q: %q != %q", s, g, w)
			}
			for _, m := range []func(*html.Node) bool{lbl, any, hasKids, IsTag(atom.P), IsTag(atom.Link)} {
				if First(n, m, nil) != gbFind(n, m) {
					t.Fatalf("first %q", s)
				}
				tf := trisFind(n, m)
				if !same(All(n, m, trisPrune), tf) {
					t.Fatalf("all %q", s)
				}
				var w *html.Node
				if len(tf) > 0 {
					w = tf[0]
				}
				if First(n, m, trisPrune) != w {
					t.Fatalf("tris first %q", s)
				}
			}
		}
	})
}
