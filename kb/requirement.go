package kb

import (
	"fmt"
	"strconv"
	"strings"
)

// Requirement is one indicator of a standard or regulation — a limit on
// one parameter for one scope — so sources can be compared row by row.
type Requirement struct {
	Source      string     `json:"source"`
	Topic       string     `json:"topic"`
	Parameter   string     `json:"parameter"`
	Scope       string     `json:"scope,omitempty"`
	ParameterZh string     `json:"parameter_zh,omitempty"`
	Comparator  Comparator `json:"comparator,omitempty"`
	Limit       string     `json:"limit,omitempty"`
	Unit        string     `json:"unit,omitempty"`
	Method      string     `json:"method,omitempty"`
	Clause      string     `json:"clause,omitempty"`
	Notes       string     `json:"notes,omitempty"`
	Verified    bool       `json:"verified,omitempty"`
	Sources     []string   `json:"sources,omitempty"`
}

// Comparator is how a measured value must relate to the limit.
type Comparator string

const (
	CmpLE          Comparator = "<="
	CmpLT          Comparator = "<"
	CmpGE          Comparator = ">="
	CmpGT          Comparator = ">"
	CmpEQ          Comparator = "="
	CmpNotDetected Comparator = "not detected"
	CmpProhibited  Comparator = "prohibited"
)

// ParseComparator accepts ASCII and typographic forms (≤, ≥) and Chinese (不得检出).
func ParseComparator(s string) (Comparator, error) {
	switch strings.ToLower(collapseSpace(foldWidth(s))) {
	case "":
		return "", nil
	case "<=", "≤", "=<", "⩽", "max", "max.":
		return CmpLE, nil
	case "<":
		return CmpLT, nil
	case ">=", "≥", "=>", "⩾", "min", "min.":
		return CmpGE, nil
	case ">":
		return CmpGT, nil
	case "=", "==":
		return CmpEQ, nil
	case "not detected", "nd", "不得检出", "不得檢出":
		return CmpNotDetected, nil
	case "prohibited", "banned", "禁用", "禁止":
		return CmpProhibited, nil
	}
	return "", fmt.Errorf("comparator %q: want <=, <, >=, >, =, not detected or prohibited", s)
}

func (*Requirement) Kind() Kind { return KindRequirement }

// Key is source, topic, parameter and scope.
func (r *Requirement) Key() string {
	return strings.Join([]string{r.Source, r.Topic, r.Parameter, r.Scope}, " | ")
}

// LimitValue is the limit as a number, and whether there is one.
func (r *Requirement) LimitValue() (float64, bool) {
	v, err := strconv.ParseFloat(r.Limit, 64)
	return v, err == nil
}

func (r *Requirement) Normalize() error {
	var errs fieldErrors
	r.Source = collapseSpace(foldWidth(CleanText(r.Source)))
	if r.Source == "" {
		errs.addf("source", "required")
	} else if c, err := CanonicalStandardNumber(r.Source); err == nil && looksLikeStandard(r.Source) {
		r.Source = c
	}
	r.Topic = strings.ToLower(collapseSpace(r.Topic))
	if r.Topic == "" {
		errs.addf("topic", "required")
	}
	normLine(&r.Parameter)
	if r.Parameter == "" {
		errs.addf("parameter", "required")
	}
	for _, s := range []*string{&r.Scope, &r.ParameterZh, &r.Unit, &r.Method, &r.Clause} {
		normLine(s)
	}
	normText(&r.Notes)
	c, err := ParseComparator(string(r.Comparator))
	errs.add("comparator", err)
	r.Comparator = c
	r.Limit = strings.TrimSpace(foldWidth(r.Limit))
	if r.Limit != "" {
		if _, err := strconv.ParseFloat(r.Limit, 64); err != nil {
			errs.addf("limit", "%q is not a number", r.Limit)
		}
	}
	if (c == CmpNotDetected || c == CmpProhibited) && r.Limit != "" {
		errs.addf("limit", "must be empty when comparator is %q", c)
	}
	if r.Limit != "" && c == "" {
		errs.addf("comparator", "required when there is a limit")
	}
	r.Unit = strings.NewReplacer("ug", "µg", "μg", "µg", "dm2", "dm²", "cm2", "cm²").Replace(r.Unit)
	r.Sources = normSources(r.Sources)
	return errs.err()
}

// looksLikeStandard tells a standard number from a regulation citation,
// which also has digits (Regulation (EC) No 1907/2006).
func looksLikeStandard(s string) bool {
	n, err := ParseStandardNumber(s)
	if err != nil {
		return false
	}
	for _, p := range publishers {
		if p.canon == n.Publisher {
			return true
		}
	}
	return chineseSector[strings.Split(n.Publisher, "/")[0]]
}
