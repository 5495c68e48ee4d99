package site

import (
	"math"
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/templates"
)

func TestFormatDate(t *testing.T) {
	tests := []struct {
		in     kb.Date
		zh, en string
	}{
		{"2026-11-23", "2026年11月23日", "23 Nov 2026"},
		{"2026-03-01", "2026年3月1日", "1 Mar 2026"},
		{"2026-03", "2026年3月", "Mar 2026"},
		{"2026", "2026年", "2026"},
		{"", "", ""},
		{"2026-02-30", "2026-02-30", "2026-02-30"}, // not a day: shown as stored
		{"soon", "soon", "soon"},
		{"2026-01-02-03", "2026-01-02-03", "2026-01-02-03"},
	}
	for _, tt := range tests {
		if got := formatterFor(langZh).Date(tt.in); got != tt.zh {
			t.Errorf("zh Date(%q) = %q, want %q", tt.in, got, tt.zh)
		}
		if got := formatterFor(langEn).Date(tt.in); got != tt.en {
			t.Errorf("en Date(%q) = %q, want %q", tt.in, got, tt.en)
		}
	}
}

func TestFormatTime(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	tests := []struct {
		in     time.Time
		zh, en string
	}{
		{time.Date(2026, 11, 23, 9, 5, 0, 0, time.UTC), "2026年11月23日 09:05 UTC", "23 Nov 2026 09:05 UTC"},
		// Shown in UTC, the day the site counts in: 07:30 in Beijing is
		// still the day before there.
		{time.Date(2026, 3, 2, 7, 30, 0, 0, cst), "2026年3月1日 23:30 UTC", "1 Mar 2026 23:30 UTC"},
		{time.Time{}, "", ""},
	}
	for _, tt := range tests {
		if got := formatterFor(langZh).Time(tt.in); got != tt.zh {
			t.Errorf("zh Time(%v) = %q, want %q", tt.in, got, tt.zh)
		}
		if got := formatterFor(langEn).Time(tt.in); got != tt.en {
			t.Errorf("en Time(%v) = %q, want %q", tt.in, got, tt.en)
		}
	}
}

func TestFormatNum(t *testing.T) {
	tests := []struct {
		in   int
		want string // the same in both languages: no 万
	}{
		{0, "0"},
		{7, "7"},
		{999, "999"},
		{1000, "1,000"},
		{12345, "12,345"},
		{123456, "123,456"},
		{1234567, "1,234,567"},
		{-1234, "-1,234"},
		{math.MinInt64, "-9,223,372,036,854,775,808"},
	}
	for _, tt := range tests {
		for _, lang := range []string{langZh, langEn} {
			if got := formatterFor(lang).Num(tt.in); got != tt.want {
				t.Errorf("%s Num(%d) = %q, want %q", lang, tt.in, got, tt.want)
			}
		}
	}
}

func TestFormatPct(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0%"},
		{0.5, "50%"},
		{0.125, "12.5%"},
		{1 / 3.0, "33.3%"},
		{0.99999, "100%"},
		{-0.0001, "0%"},
		{1.5, "150%"},
		{math.NaN(), "—"},
	}
	for _, tt := range tests {
		for _, lang := range []string{langZh, langEn} {
			if got := formatterFor(lang).Pct(tt.in); got != tt.want {
				t.Errorf("%s Pct(%v) = %q, want %q", lang, tt.in, got, tt.want)
			}
		}
	}
}

// A page without a formatter (the API's labels) prints values as stored.
func TestPageWithoutFormatter(t *testing.T) {
	var p templates.Page
	if got := p.Date("2026-03-01"); got != "2026-03-01" {
		t.Errorf("Date: %q", got)
	}
	if got := p.Num(12345); got != "12345" {
		t.Errorf("Num: %q", got)
	}
	if got := p.Time(time.Time{}); got != "" {
		t.Errorf("Time of zero: %q", got)
	}
	p.Fmt = formatterFor(langEn)
	if got := p.Date("2026-03-01"); got != "1 Mar 2026" {
		t.Errorf("Date with formatter: %q", got)
	}
}
