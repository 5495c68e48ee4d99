package kb

import (
	"fmt"
	"strings"
)

// Mapping says how a foreign standard corresponds to a domestic one.
type Mapping struct {
	Foreign    string        `json:"foreign"`
	Domestic   string        `json:"domestic"`
	Degree     Degree        `json:"degree,omitempty"`
	Deviations string        `json:"deviations,omitempty"`
	Status     MappingStatus `json:"status,omitempty"`
	Provenance string        `json:"provenance,omitempty"`
	Indicators []Indicator   `json:"indicators,omitempty"`
	Verified   bool          `json:"verified,omitempty"`
	Sources    []string      `json:"sources,omitempty"`
}

// MappingStatus is where a mapping stands in review.
type MappingStatus string

const (
	MappingProposed MappingStatus = "proposed"
	MappingApproved MappingStatus = "approved"
	MappingRejected MappingStatus = "rejected"
)

func (*Mapping) Kind() Kind { return KindMapping }

// Key joins both sides; a pair has one mapping.
func (m *Mapping) Key() string { return m.Foreign + " ~ " + m.Domestic }

func (m *Mapping) Normalize() error {
	var errs fieldErrors
	for _, side := range []struct {
		field string
		p     *string
	}{{"foreign", &m.Foreign}, {"domestic", &m.Domestic}} {
		if *side.p == "" {
			errs.addf(side.field, "required")
			continue
		}
		c, err := CanonicalStandardNumber(*side.p)
		errs.add(side.field, err)
		if err == nil {
			*side.p = c
		}
	}
	if len(errs) == 0 {
		if d, _ := ParseStandardNumber(m.Domestic); !d.IsChinese() {
			errs.addf("domestic", "%q is not a Chinese standard", m.Domestic)
		}
		if f, _ := ParseStandardNumber(m.Foreign); f.IsChinese() {
			errs.addf("foreign", "%q is a Chinese standard", m.Foreign)
		}
	}
	d, err := ParseDegree(string(m.Degree))
	errs.add("degree", err)
	m.Degree = d
	switch s := MappingStatus(strings.ToLower(strings.TrimSpace(string(m.Status)))); s {
	case "":
		m.Status = MappingProposed
	case MappingProposed, MappingApproved, MappingRejected:
		m.Status = s
	default:
		errs.add("status", fmt.Errorf("%q: want proposed, approved or rejected", m.Status))
	}
	normText(&m.Deviations)
	normLine(&m.Provenance)
	for i := range m.Indicators {
		in := &m.Indicators[i]
		for _, f := range []*string{&in.Topic, &in.Parameter, &in.Scope, &in.Unit, &in.Foreign, &in.Domestic, &in.Method} {
			normLine(f)
		}
		in.Topic = strings.ToLower(in.Topic)
		if len(errs) == 0 {
			if _, err := in.Requirements(m.Foreign, m.Domestic); err != nil {
				errs.addf("indicators", "row %d: %v", i+1, err)
			}
		}
	}
	m.Sources = normSources(m.Sources)
	return errs.err()
}
