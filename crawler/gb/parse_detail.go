package gb

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/stdbridge/stdbridge/crawler/internal/htmltext"
	"github.com/stdbridge/stdbridge/kb"
)

// ErrNotFound is the platform's answer to an hcno it does not know: a
// normal 200 page saying 您所查询的标准系统尚未收录.
var ErrNotFound = errors.New("standard not on the platform (尚未收录)")

// SourceName is what ParseDetail puts in kb.Standard.Sources.
const SourceName = "openstd.samr.gov.cn"

const notFoundText = "尚未收录"

// ParseDetail reads a standard's detail page (newGbInfo). It returns
// ErrNotFound for the platform's not-found page and an error for anything
// that is not a complete detail page with a 标准号. URL is left for the
// caller, which knows the canonical address; values are not normalised.
func ParseDetail(body []byte) (*kb.Standard, error) {
	doc, err := parseHTML(body)
	if err != nil {
		return nil, fmt.Errorf("parse detail page: %w", err)
	}
	h1 := htmltext.First(doc, func(n *html.Node) bool {
		return n.DataAtom == atom.H1 && strings.Contains(text(n, nil), "标准号")
	}, nil)
	if h1 == nil {
		// The not-found text also sits in every detail page's scripts, so
		// only visible text counts.
		if strings.Contains(text(doc, nil), notFoundText) {
			return nil, ErrNotFound
		}
		return nil, fmt.Errorf("parse detail page: no 标准号 heading (not a detail page: %q)", pageTitle(doc))
	}
	if !complete(doc) {
		return nil, fmt.Errorf("parse detail page: %w", ErrTruncated)
	}
	s := &kb.Standard{Number: headingNumber(h1), Sources: []string{SourceName}}
	if s.Number == "" {
		return nil, errors.New("parse detail page: empty 标准号")
	}
	readNames(doc, s)
	if err := readFields(doc, s); err != nil {
		return nil, fmt.Errorf("parse detail page %s: %w", s.Number, err)
	}
	return s, nil
}

// headingNumber is the number in <h1>标准号：GB/T 1.1-2020 <span>采</span></h1>,
// without the labels.
func headingNumber(h1 *html.Node) string {
	t := text(h1, func(n *html.Node) bool { return htmltext.HasClass(n, "label") })
	_, t, _ = strings.Cut(t, "标准号")
	t = strings.TrimLeft(t, ":： ")
	t = strings.TrimSpace(strings.TrimSuffix(t, "采"))
	return t
}

// readNames reads the tdlist table: 中文标准名称 (in <b>), 英文标准名称 and
// 标准状态 (in a <span>).
func readNames(doc *html.Node, s *kb.Standard) {
	for _, td := range htmltext.Outermost(doc, htmltext.IsTag(atom.Td)) {
		t := text(td, nil)
		switch {
		case strings.HasPrefix(t, "中文标准名称"):
			if b := htmltext.First(td, htmltext.IsTag(atom.B), nil); b != nil {
				s.TitleZh = text(b, nil)
			} else {
				s.TitleZh = afterColon(t)
			}
		case strings.HasPrefix(t, "英文标准名称"):
			s.TitleEn = afterColon(t)
		case strings.HasPrefix(t, "标准状态"):
			st := afterColon(t)
			if sp := htmltext.First(td, htmltext.IsTag(atom.Span), nil); sp != nil {
				st = text(sp, nil)
			}
			s.Status = kb.Status(platformStatus(st))
		}
	}
}

// platformStatus maps the platform's 被代替 (replaced) to 废止, which kb
// knows; a replaced standard is withdrawn.
func platformStatus(s string) string {
	if s == "被代替" {
		return "废止"
	}
	return s
}

func afterColon(s string) string {
	if i := strings.IndexAny(s, ":："); i >= 0 {
		_, size := utf8.DecodeRuneInString(s[i:])
		s = s[i+size:]
	}
	return strings.TrimSpace(s)
}

// readFields reads the div.title / div.content pairs below the names.
func readFields(doc *html.Node, s *kb.Standard) error {
	var adoptNumbers, adoptDegrees []string
	var remark string
	for _, t := range htmltext.Outermost(doc, func(n *html.Node) bool { return htmltext.HasClass(n, "title") }) {
		c := htmltext.NextElement(t)
		if c == nil || !htmltext.HasClass(c, "content") {
			continue
		}
		label, value := text(t, nil), text(c, nil)
		switch {
		case strings.Contains(label, "中国标准分类号"):
			s.CCS = append(s.CCS, splitCodes(value)...)
		case strings.Contains(label, "国际标准分类号"):
			s.ICS = append(s.ICS, splitCodes(value)...)
		case strings.Contains(label, "发布日期"):
			s.Issued = kb.Date(value)
		case strings.Contains(label, "实施日期"):
			s.Implemented = kb.Date(value)
		case strings.Contains(label, "废止日期"), strings.Contains(label, "废止时间"):
			s.WithdrawnOn = kb.Date(value)
		case strings.Contains(label, "被代替"):
			s.ReplacedBy = append(s.ReplacedBy, splitList(value)...)
		case strings.Contains(label, "代替"):
			s.Replaces = append(s.Replaces, splitList(value)...)
		case strings.Contains(label, "采用程度"):
			adoptDegrees = append(adoptDegrees, splitList(value)...)
		case strings.Contains(label, "采用国际标准号"):
			adoptNumbers = append(adoptNumbers, splitList(value)...)
		case strings.Contains(label, "采用国际标准"):
			s.Adopts = append(s.Adopts, parseAdoptions(value)...)
		case strings.Contains(label, "备注"):
			remark = value
		}
	}
	adopts, err := pairAdoptions(adoptNumbers, adoptDegrees)
	if err != nil {
		return err
	}
	s.Adopts = append(s.Adopts, adopts...)
	replaces, replacedBy := remarkReplacements(remark)
	s.Replaces = appendNew(s.Replaces, replaces...)
	s.ReplacedBy = appendNew(s.ReplacedBy, replacedBy...)
	return nil
}

// appendNew appends the items of add that list does not hold yet.
func appendNew(list []string, add ...string) []string {
	for _, a := range add {
		dup := false
		for _, l := range list {
			if kbSame(l, a) {
				dup = true
				break
			}
		}
		if !dup {
			list = append(list, a)
		}
	}
	return list
}

// kbSame compares two standard numbers by their canonical form.
func kbSame(a, b string) bool {
	ca, errA := kb.CanonicalStandardNumber(a)
	cb, errB := kb.CanonicalStandardNumber(b)
	if errA != nil || errB != nil {
		return a == b
	}
	return ca == cb
}
