package tris

// StateName is the English name of a state by the code TRIS writes in
// notification numbers: the EU's own codes (Greece is EL), plus UK for
// the United Kingdom's notifications before 2021 and XI for those it has
// made since in respect of Northern Ireland.
func StateName(code string) (string, bool) {
	switch code {
	case "AT":
		return "Austria", true
	case "BE":
		return "Belgium", true
	case "BG":
		return "Bulgaria", true
	case "CY":
		return "Cyprus", true
	case "CZ":
		return "Czechia", true
	case "DE":
		return "Germany", true
	case "DK":
		return "Denmark", true
	case "EE":
		return "Estonia", true
	case "EL":
		return "Greece", true
	case "ES":
		return "Spain", true
	case "FI":
		return "Finland", true
	case "FR":
		return "France", true
	case "HR":
		return "Croatia", true
	case "HU":
		return "Hungary", true
	case "IE":
		return "Ireland", true
	case "IT":
		return "Italy", true
	case "LT":
		return "Lithuania", true
	case "LU":
		return "Luxembourg", true
	case "LV":
		return "Latvia", true
	case "MT":
		return "Malta", true
	case "NL":
		return "Netherlands", true
	case "PL":
		return "Poland", true
	case "PT":
		return "Portugal", true
	case "RO":
		return "Romania", true
	case "SE":
		return "Sweden", true
	case "SI":
		return "Slovenia", true
	case "SK":
		return "Slovakia", true
	case "UK":
		return "United Kingdom", true
	case "XI":
		return "United Kingdom (Northern Ireland)", true
	}
	return "", false
}
