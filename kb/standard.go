package kb

import "fmt"

// Standard is a published standard, foreign or domestic.
type Standard struct {
	Number        string     `json:"number"`
	TitleZh       string     `json:"title_zh,omitempty"`
	TitleEn       string     `json:"title_en,omitempty"`
	TitleOriginal string     `json:"title_original,omitempty"`
	ICS           []string   `json:"ics,omitempty"`
	CCS           []string   `json:"ccs,omitempty"`
	Status        Status     `json:"status,omitempty"`
	Issued        Date       `json:"issued,omitempty"`
	Implemented   Date       `json:"implemented,omitempty"`
	WithdrawnOn   Date       `json:"withdrawn_on,omitempty"`
	Replaces      []string   `json:"replaces,omitempty"`
	ReplacedBy    []string   `json:"replaced_by,omitempty"`
	Adopts        []Adoption `json:"adopts,omitempty"`
	Scope         string     `json:"scope,omitempty"`
	URL           string     `json:"url,omitempty"`
	Verified      bool       `json:"verified,omitempty"`
	Sources       []string   `json:"sources,omitempty"`
}

// Adoption records that a standard adopts another, and how closely.
type Adoption struct {
	Number string `json:"number"`
	Degree Degree `json:"degree,omitempty"`
}

// Degree is the degree of correspondence with an adopted standard
// (GB/T 20000.2): identical, modified or not equivalent.
type Degree string

const (
	DegreeIDT Degree = "IDT"
	DegreeMOD Degree = "MOD"
	DegreeNEQ Degree = "NEQ"
)

// ParseDegree accepts IDT/MOD/NEQ in any case and the Chinese terms.
func ParseDegree(s string) (Degree, error) {
	switch collapseSpace(foldWidth(s)) {
	case "":
		return "", nil
	case "IDT", "idt", "等同", "等同采用":
		return DegreeIDT, nil
	case "MOD", "mod", "修改", "修改采用":
		return DegreeMOD, nil
	case "NEQ", "neq", "非等效", "非等效采用":
		return DegreeNEQ, nil
	}
	return "", fmt.Errorf("degree %q: want IDT, MOD or NEQ", s)
}

// Status is where a standard stands in its life.
type Status string

const (
	StatusCurrent   Status = "current"
	StatusUpcoming  Status = "upcoming"
	StatusWithdrawn Status = "withdrawn"
)

// ParseStatus accepts the English names and the Chinese platform's terms.
func ParseStatus(s string) (Status, error) {
	switch collapseSpace(foldWidth(s)) {
	case "":
		return "", nil
	case "current", "现行", "現行", "published", "PUBLISHED", "active":
		return StatusCurrent, nil
	case "upcoming", "即将实施", "即將實施":
		return StatusUpcoming, nil
	case "withdrawn", "废止", "廢止", "作废", "WITHDRAWN", "obsoleted", "REPLACED", "replaced":
		return StatusWithdrawn, nil
	}
	return "", fmt.Errorf("status %q: want current, upcoming or withdrawn", s)
}

func (*Standard) Kind() Kind { return KindStandard }

// Key is the canonical standard number.
func (s *Standard) Key() string { return s.Number }

// Parsed returns the parsed number; it must have been normalised.
func (s *Standard) Parsed() StdNumber {
	n, _ := ParseStandardNumber(s.Number)
	return n
}

// Title is the title in the wanted language, falling back to any other.
func (s *Standard) Title(lang string) string {
	order := []string{s.TitleZh, s.TitleEn, s.TitleOriginal}
	if lang == "en" {
		order = []string{s.TitleEn, s.TitleOriginal, s.TitleZh}
	}
	for _, t := range order {
		if t != "" {
			return t
		}
	}
	return ""
}

func (s *Standard) Normalize() error {
	var errs fieldErrors
	if s.Number == "" {
		errs.addf("number", "required")
	} else if c, err := CanonicalStandardNumber(s.Number); err != nil {
		errs.add("number", err)
	} else {
		s.Number = c
	}
	normLine(&s.TitleZh)
	normLine(&s.TitleEn)
	normLine(&s.TitleOriginal)
	normText(&s.Scope)
	normLine(&s.URL)
	s.ICS = normList(s.ICS, canonICS, &errs, "ics")
	s.CCS = normList(s.CCS, ParseCCS, &errs, "ccs")
	st, err := ParseStatus(string(s.Status))
	errs.add("status", err)
	s.Status = st
	normDate(&errs, "issued", &s.Issued)
	normDate(&errs, "implemented", &s.Implemented)
	normDate(&errs, "withdrawn_on", &s.WithdrawnOn)
	s.Replaces = normList(s.Replaces, CanonicalStandardNumber, &errs, "replaces")
	s.ReplacedBy = normList(s.ReplacedBy, CanonicalStandardNumber, &errs, "replaced_by")
	seen := map[string]bool{}
	var adopts []Adoption
	for _, a := range s.Adopts {
		c, err := CanonicalStandardNumber(a.Number)
		if err != nil {
			errs.add("adopts", err)
			continue
		}
		d, err := ParseDegree(string(a.Degree))
		if err != nil {
			errs.add("adopts", err)
			continue
		}
		if !seen[c] {
			seen[c] = true
			adopts = append(adopts, Adoption{Number: c, Degree: d})
		}
	}
	s.Adopts = adopts
	s.Sources = normSources(s.Sources)
	return errs.err()
}
