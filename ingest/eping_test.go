package ingest

import (
	"bytes"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/stdbridge/stdbridge/internal/golden"
	"github.com/stdbridge/stdbridge/kb"
)

var epingHeader = []string{
	"Notifying Member", "Distribution date", "Document symbol", "Title", "Description",
	"Products covered", "HS code(s)", "ICS code(s)", "Objectives", "Keywords",
	"Specific regions or countries likely to be affected", "Final date for comments",
	"Notification type", "Notified document", "Link to notification(EN)",
	"Link to notification(FR)", "Link to notification(ES)",
}

func notifications(t *testing.T, recs []kb.Record) []*kb.Notification {
	t.Helper()
	out := make([]*kb.Notification, len(recs))
	for i, r := range recs {
		n, ok := r.(*kb.Notification)
		if !ok {
			t.Fatalf("record %d is a %s, want a notification", i, r.Kind())
		}
		out[i] = n
	}
	return out
}

// TestReadEpingCSV checks the rows that need the export's own rules; the
// whole result is pinned by testdata/eping.export.golden (TestRoundTrip).
func TestReadEpingCSV(t *testing.T) {
	got := notifications(t, readTestFile(t, "eping.csv"))
	if len(got) != 7 {
		t.Fatalf("got %d notifications, want 7", len(got))
	}
	tests := []struct {
		name string
		n    *kb.Notification
		want *kb.Notification
	}{
		{"Excel artefacts cleaned, area from objectives", got[0], &kb.Notification{
			Member: "CHN", Area: kb.AreaTBT, Type: kb.TypeRegular, Distributed: "2025-06-10", CommentDeadline: "2025-08-09",
			Title:       "National Standard of the P.R.C., Safety of electric toys",
			Description: "This document specifies the safety requirements for electric toys with a rated voltage not exceeding 24 V.\nIt applies to toys that have at least one function dependent on electricity.",
			Products:    "Electric toys (HS code(s): 9503); (ICS code(s): 97.200.50)",
			HS:          []string{"9503"}, ICS: []string{"97.200.50"},
			Objectives: []string{"Protection of human health or safety", "Consumer information, labelling"},
			Keywords:   []string{"Human health", "Consumer information", "Labelling"},
			Documents:  []string{"https://members.wto.org/crnattachments/2025/TBT/CHN/25_04001_00_x.pdf"},
		}},
		{"emergency, codes deduplicated", got[1], &kb.Notification{
			Member: "THA", Area: kb.AreaSPS, Type: kb.TypeEmergency, Distributed: "2025-06-10",
			Title:       "Temporary suspension of the importation of live poultry and poultry carcasses from Hungary",
			Description: "The WOAH has reported an outbreak of Highly Pathogenic Avian Influenza (Subtype H5N1) in Hungary. The importation or transit of live poultry and poultry carcasses from Hungary has therefore been temporarily suspended.",
			Products:    "Live poultry and poultry carcasses",
			HS:          []string{"0105", "0207"}, Objectives: []string{"Animal health"},
			Keywords:        []string{"Animal health", "Avian Influenza", "Animal diseases"},
			RegionsAffected: []string{"Hungary"},
		}},
		{"symbol given, two documents, link", got[3], &kb.Notification{
			Symbol: "G/TBT/N/EU/1180", Member: "EU", Area: kb.AreaTBT, Type: kb.TypeRegular,
			Distributed: "2025-06-06", CommentDeadline: "2025-08-05",
			Title:       "Draft Commission Regulation amending Regulation (EC) No 1907/2006 as regards formaldehyde releasers in toys",
			Description: "The draft Regulation lowers the migration limit for formaldehyde in toy materials.",
			Products:    "Toys; toy materials", HS: []string{"9503"}, ICS: []string{"97.200.50", "13.120"},
			Objectives: []string{"Protection of human health or safety"}, Keywords: []string{"Toys", "Chemicals"},
			Documents: []string{
				"https://members.wto.org/crnattachments/2025/TBT/EEC/25_03950_00_e.pdf",
				"https://members.wto.org/crnattachments/2025/TBT/EEC/25_03950_01_e.pdf",
			},
			Link: "https://docs.wto.org/imrd/directdoc.asp?DDFDocuments/t/G/TBTN25/EU1180.DOCX",
		}},
		{"area from the cited parent", got[4], &kb.Notification{
			Member: "EGY", Area: kb.AreaTBT, Type: kb.TypeAddendum, Distributed: "2025-06-05",
			Title:       "The draft of Egyptian Standard ES 1234-3 “sesame paste (tahina)”",
			Description: "This addendum concerns the draft Egyptian Standard ES 1234-3, formerly notified in G/TBT/N/EGY/450 dated 2 March 2024.",
			Products:    "Food products", ICS: []string{"67.200.20"}, Keywords: []string{"Food standards"},
		}},
		{"area from the notification type", got[5], &kb.Notification{
			Member: "RUS", Area: kb.AreaSPS, Type: kb.TypeAddendum, Distributed: "2025-06-05",
			Title:       "Temporary restrictions on imports of sheep and goats from Romania",
			Description: "Restrictions on imports of sheep, goats and products derived thereof due to sheep and goat pox in Romania.",
			Products:    "Sheep and goats", HS: []string{"0104"}, RegionsAffected: []string{"Romania"},
			Documents: []string{"https://members.wto.org/crnattachments/2025/SPS/RUS/25_03900_00_x.pdf"},
		}},
		{"joint notification, five-digit HS", got[6], &kb.Notification{
			Symbol: "G/TBT/N/KEN/1900", Member: "KEN", Area: kb.AreaTBT, Type: kb.TypeRegular,
			Distributed: "2025-06-04", CommentDeadline: "2025-08-03",
			Title:       "DEAS 1200:2025, Toilet soap — Specification",
			Description: "This Draft East African Standard specifies requirements for toilet soap in bar form.",
			Products:    "Soap", HS: []string{"3401"}, ICS: []string{"71.100.40"},
			Objectives: []string{"Protection of human health or safety", "Quality requirements"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.n); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadEpingCSVReport(t *testing.T) {
	_, err := ReadFile(filepath.Join("testdata", "eping_bad.csv"))
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("ReadFile(eping_bad.csv) = %v, want a *FileError", err)
	}
	golden.Check(t, "eping_bad.csv.golden", []byte(err.Error()+"\n"))
}

func TestReadEpingCSVHeader(t *testing.T) {
	row := "China,2025-06-10,,Safety of electric toys,Protection of human health or safety (TBT),Regular notification\n"
	tests := []struct {
		name, in, want string // want: error, or "" for one notification
	}{
		{"only the required columns", "Notifying Member,Distribution date,Document symbol,Title,Objectives,Notification type\n" + row, ""},
		{"case, spaces and punctuation", " notifying member ,DISTRIBUTION DATE,Document Symbol,title,objectives,Notification  Type\n" + row, ""},
		{"reordered and extra columns", "Title,Objectives,Notification type,Notifying Member,Comments,Distribution date,Document symbol\n" +
			"Safety of electric toys,Protection of human health or safety (TBT),Regular notification,China,none,2025-06-10,\n", ""},
		{"BOM", "\uFEFFNotifying Member,Distribution date,Document symbol,Title,Objectives,Notification type\n" + row, ""},
		{"missing columns", "Notifying Member,Distribution date,Document symbol,Description,Notification type\nChina,2025-06-10,,x,Regular notification\n",
			`h.csv:1: not an ePing export: missing column(s) "Title", "Objectives"`},
		{"not an export", "number,title_en\nISO 9001:2015,Quality management systems\n",
			`h.csv:1: not an ePing export: missing column(s) "Notifying Member", "Distribution date", "Document symbol", "Title", "Objectives", "Notification type"`},
		{"column twice", "Notifying Member,Distribution date,Document symbol,Title,Objectives,Notification type,Title\n" + row,
			`h.csv:1: column "Title" appears twice`},
		{"empty", "", `h.csv: empty file: want an ePing export with a header row`},
		{"header only", "Notifying Member,Distribution date,Document symbol,Title,Objectives,Notification type\n", "none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := ReadEpingCSV(strings.NewReader(tt.in), "h.csv")
			switch tt.want {
			case "":
				if err != nil || len(recs) != 1 {
					t.Fatalf("got %d records, %v; want one", len(recs), err)
				}
				n := recs[0].(*kb.Notification)
				if n.Member != "CHN" || n.Area != kb.AreaTBT || n.Title != "Safety of electric toys" || n.Distributed != "2025-06-10" {
					t.Errorf("got %+v", n)
				}
			case "none":
				if err != nil || len(recs) != 0 {
					t.Errorf("got %d records, %v; want none", len(recs), err)
				}
			default:
				if err == nil || err.Error() != tt.want {
					t.Errorf("error\n got %v\nwant %s", err, tt.want)
				}
			}
		})
	}
}

func TestCellDate(t *testing.T) {
	tests := []struct {
		in   string
		want kb.Date
		err  string
	}{
		{"", "", ""},
		{"45818", "2025-06-10", ""}, // XLSX serial
		{"45818.75", "2025-06-10", ""},
		{"43831", "2020-01-01", ""},
		{"2025-06-10", "2025-06-10", ""}, // CSV
		{"10/06/2025", "2025-06-10", ""}, // XLSX display format saved as text
		{"2025", "2025", ""},             // a year, not serial 2025
		{"31/02/2025", "", `date "31/02/2025": no such date (read as dd/mm/yyyy)`},
		{"99999", "", `"99999" is not a date`},
		{"to be determined", "", `date "to be determined": want YYYY-MM-DD`},
	}
	for _, tt := range tests {
		got, err := cellDate(tt.in)
		if got != tt.want || errString(err) != tt.err {
			t.Errorf("cellDate(%q) = %q, %v; want %q, %q", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestCellCodes(t *testing.T) {
	tests := []struct {
		in   string
		hs   bool
		want []string
		err  string
	}{
		{"", true, nil, ""},
		{"3210 - Other paints and varnishes (including enamels, lacquers and distempers); prepared water pigments of a kind used for finishing leather.", true, []string{"3210"}, ""},
		{"0105 - Live poultry; 0207 - Meat and edible offal; of fowls\n040640 - Blue-veined cheese", true, []string{"0105", "0207", "040640"}, ""},
		{"34011 - - Soap and organic surface-active products:; 72106 - - Plated or coated with aluminum:", true, []string{"3401", "7210"}, ""},
		{"9503.00; 8517", true, []string{"9503.00", "8517"}, ""},
		{"87 - VEHICLES OTHER THAN RAILWAY OR TRAMWAY ROLLING STOCK", true, []string{"87"}, ""},
		{"23.020.20 - Vessels and containers mounted on vehicles; 43.060.40 - Fuel systems; 43.080 - Commercial vehicles", false, []string{"23.020.20", "43.060.40", "43.080"}, ""},
		{"67 - FOOD TECHNOLOGY", false, []string{"67"}, ""},
		{"see attached annex", true, nil, `no code in "see attached annex"`},
	}
	for _, tt := range tests {
		got, err := cellCodes(tt.in, tt.hs)
		if diff := cmp.Diff(tt.want, got); diff != "" || errString(err) != tt.err {
			t.Errorf("cellCodes(%q): %v, %v; want %v, %q", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// xlsxRow is one row of a test workbook: cell values by column letter, and
// formulas for the cells ePing writes as HYPERLINK without a value.
type xlsxRow struct {
	values   map[string]any
	formulas map[string]string
	links    map[string]string
}

// buildXLSX makes a workbook shaped like an ePing export: a cover sheet
// first, then the results with a title row above the header.
func buildXLSX(t *testing.T, header []string, rows []xlsxRow) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "About"))
	must(f.SetCellValue("About", "A1", "Notifications exported from ePing"))
	const sheet = "Search results"
	_, err := f.NewSheet(sheet)
	must(err)
	must(f.SetCellValue(sheet, "A1", "ePing search results"))
	hdr := make([]any, len(header))
	for i, h := range header {
		hdr[i] = h
	}
	must(f.SetSheetRow(sheet, "A2", &hdr))
	for i, r := range rows {
		rowNum := i + 3
		for col, v := range r.values {
			must(f.SetCellValue(sheet, col+strconv.Itoa(rowNum), v))
		}
		for col, formula := range r.formulas {
			must(f.SetCellFormula(sheet, col+strconv.Itoa(rowNum), formula))
		}
		for col, link := range r.links {
			must(f.SetCellHyperLink(sheet, col+strconv.Itoa(rowNum), link, "External"))
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadEpingXLSX(t *testing.T) {
	data := buildXLSX(t, epingHeader, []xlsxRow{
		{ // row 3
			values: map[string]any{
				"A": "Japan", "B": 45819, "D": "Proposed revision of the Specifications and Standards of Feed Additives",
				"E": "The standards for phytase (No. 2) in feeds, notified in G/SPS/N/JPN/1400, came into force._x000D_\nNo comments are expected.",
				"I": "Food safety (SPS); Animal health (SPS)", "J": "Food safety; Animal health; Food safety",
				"M": "Addendum to Regular Notification",
			},
			formulas: map[string]string{
				"C": `HYPERLINK("https://www.epingalert.org/en/Search?viewData= G/SPS/N/JPN/1400/Add.1"," G/SPS/N/JPN/1400/Add.1")`,
				"O": `HYPERLINK("https://docs.wto.org/imrd/directdoc.asp?DDFDocuments/t/G/SPS/NJPN1400A1.DOCX", "https://docs.wto.org/imrd/directdoc.asp?DDFDocuments/t/G/SPS/NJPN1400A1.DOCX")`,
			},
		},
		{}, // row 4: empty, skipped
		{ // row 5: joint notification; member kb has no name for takes the symbol's code
			values: map[string]any{
				"A": "Mongolia", "B": 45811, "D": "Draft law on standardization and conformity assessment",
				"G": "8517 - Telephone sets; other apparatus for the transmission or reception of voice, images or other data",
				"H": "03.120.20 - Product and company certification. Conformity assessment",
				"I": "Reducing trade barriers and facilitating trade (TBT)", "L": 45870, "M": "Regular notification",
				"N": "https://members.wto.org/crnattachments/2025/TBT/MNG/25_03700_00_e.pdf",
			},
			formulas: map[string]string{
				"C": `HYPERLINK("https://www.epingalert.org/en/Search?viewData= G/TBT/N/MNG/25"," G/TBT/N/MNG/25")`,
				"Q": `HYPERLINK("https://docs.wto.org/imrd/directdoc.asp?DDFDocuments/v/G/TBTN25/MNG25.DOCX", "https://docs.wto.org/imrd/directdoc.asp?DDFDocuments/v/G/TBTN25/MNG25.DOCX")`,
			},
		},
		{ // row 6: symbol only as a hyperlink target, date as text
			values: map[string]any{
				"A": "Uganda", "B": "04/06/2025", "D": "DUS 2700:2025, Liquid toilet soap — Specification",
				"I": "Quality requirements (TBT)", "M": "Regular notification",
			},
			formulas: map[string]string{
				"C": `HYPERLINK("https://www.epingalert.org/en/Search?viewData= G/TBT/N/BDI/702, G/TBT/N/KEN/1902, G/TBT/N/UGA/2302"," G/TBT/N/BDI/702, G/TBT/N/KEN/1902, G/TBT/N/UGA/2302")`,
			},
		},
		{ // row 7: no symbol at all
			values: map[string]any{
				"A": "Thailand", "B": 45818, "D": "Temporary suspension of imports of live poultry from Poland",
				"I": "Animal health (SPS)", "K": "Poland", "M": "Emergency notifications (SPS)",
			},
			links: map[string]string{"C": "https://www.epingalert.org/en/Search?viewData=%20G%2FSPS%2FN%2FTHA%2F800"},
		},
	})
	recs, err := ReadEpingXLSX(bytes.NewReader(data), "export.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	want := []*kb.Notification{
		{
			Symbol: "G/SPS/N/JPN/1400/Add.1", Member: "JPN", Area: kb.AreaSPS, Type: kb.TypeAddendum, Distributed: "2025-06-11",
			Title:       "Proposed revision of the Specifications and Standards of Feed Additives",
			Description: "The standards for phytase (No. 2) in feeds, notified in G/SPS/N/JPN/1400, came into force.\nNo comments are expected.",
			Objectives:  []string{"Food safety", "Animal health"}, Keywords: []string{"Food safety", "Animal health"},
			Link: "https://docs.wto.org/imrd/directdoc.asp?DDFDocuments/t/G/SPS/NJPN1400A1.DOCX",
		},
		{
			Symbol: "G/TBT/N/MNG/25", Member: "MNG", Area: kb.AreaTBT, Type: kb.TypeRegular,
			Distributed: "2025-06-03", CommentDeadline: "2025-08-01",
			Title: "Draft law on standardization and conformity assessment",
			HS:    []string{"8517"}, ICS: []string{"03.120.20"},
			Objectives: []string{"Reducing trade barriers and facilitating trade"},
			Documents:  []string{"https://members.wto.org/crnattachments/2025/TBT/MNG/25_03700_00_e.pdf"},
			Link:       "https://docs.wto.org/imrd/directdoc.asp?DDFDocuments/v/G/TBTN25/MNG25.DOCX",
		},
		{
			Symbol: "G/TBT/N/UGA/2302", Member: "UGA", Area: kb.AreaTBT, Type: kb.TypeRegular, Distributed: "2025-06-04",
			Title: "DUS 2700:2025, Liquid toilet soap — Specification", Objectives: []string{"Quality requirements"},
		},
		{
			Symbol: "G/SPS/N/THA/800", Member: "THA", Area: kb.AreaSPS, Type: kb.TypeEmergency, Distributed: "2025-06-10",
			Title:      "Temporary suspension of imports of live poultry from Poland",
			Objectives: []string{"Animal health"}, RegionsAffected: []string{"Poland"},
		},
	}
	if diff := cmp.Diff(want, notifications(t, recs)); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}

	// Through ReadFile, whatever the extension: the zip signature decides.
	path := filepath.Join(t.TempDir(), "export.csv")
	writeFile(t, path, data)
	if recs, err := ReadFile(path); err != nil || len(recs) != len(want) {
		t.Errorf("ReadFile(%s): %d records, %v", path, len(recs), err)
	}
}

func TestReadEpingXLSXErrors(t *testing.T) {
	bad := buildXLSX(t, epingHeader, []xlsxRow{
		{values: map[string]any{"A": "Atlantis", "B": 45818, "D": "Coral exports", "I": "Protection of the environment (TBT)", "M": "Regular notification"}},
		{values: map[string]any{"A": "Japan", "B": 45818, "D": "Feed additives", "M": "Regular notification"}},
	})
	noHeader := buildXLSX(t, []string{"Member", "Date", "Title"}, nil)
	missing := buildXLSX(t, []string{"Notifying Member", "Distribution date", "Title"}, nil)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"bad rows", bad, `e.xlsx:3: Notifying Member: unknown WTO member "Atlantis" (use its code, e.g. EU, USA, CHN)
e.xlsx:4: cannot tell TBT from SPS: no document symbol, and neither the objectives nor the notification type name one`},
		{"no header", noHeader, `e.xlsx: no sheet has an ePing header row ("Notifying Member", "Title", ...)`},
		{"missing columns", missing, `e.xlsx:2: not an ePing export: missing column(s) "Document symbol", "Objectives", "Notification type"`},
		{"not a workbook", []byte("PK\x03\x04 but not really a zip"), `e.xlsx: not a readable XLSX workbook: zip: not a valid zip file`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadEpingXLSX(bytes.NewReader(tt.data), "e.xlsx")
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v (%T), want a *FileError", err, err)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %s\nwant %s", err, tt.want)
			}
		})
	}
}
