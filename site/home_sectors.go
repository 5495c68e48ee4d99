package site

import (
	"fmt"
	"strconv"

	"github.com/stdbridge/stdbridge/kb"
)

// hsSection is one of the 21 sections of the Harmonized System: the
// grouping of HS chapters the tariffs of China and of WTO members use,
// and the sector the home page counts notifications by. Chapters 77
// (reserved) and 98–99 (national use) belong to none.
type hsSection struct {
	numeral  string // I … XXI
	from, to int    // first and last chapter
	zh, en   string // the section's name, shortened as customs tariffs print it
}

var hsSections = [...]hsSection{
	{"I", 1, 5, "活动物；动物产品", "Live animals; animal products"},
	{"II", 6, 14, "植物产品", "Vegetable products"},
	{"III", 15, 15, "动、植物油、脂及蜡", "Animal and vegetable fats, oils and waxes"},
	{"IV", 16, 24, "食品；饮料、酒及醋；烟草", "Prepared foodstuffs; beverages, spirits and vinegar; tobacco"},
	{"V", 25, 27, "矿产品", "Mineral products"},
	{"VI", 28, 38, "化学工业及其相关工业的产品", "Products of the chemical and allied industries"},
	{"VII", 39, 40, "塑料及其制品；橡胶及其制品", "Plastics, rubber and articles thereof"},
	{"VIII", 41, 43, "皮革、毛皮及其制品；箱包", "Hides, skins, leather, furskins; travel goods"},
	{"IX", 44, 46, "木及木制品；软木；编结品", "Wood, cork and plaiting materials, and articles thereof"},
	{"X", 47, 49, "木浆；纸及纸板及其制品", "Pulp of wood; paper and paperboard"},
	{"XI", 50, 63, "纺织原料及纺织制品", "Textiles and textile articles"},
	{"XII", 64, 67, "鞋、帽、伞及其零件；羽毛制品；人造花", "Footwear, headgear, umbrellas; feathers; artificial flowers"},
	{"XIII", 68, 70, "石料、水泥等制品；陶瓷产品；玻璃及其制品", "Articles of stone, cement and the like; ceramics; glass"},
	{"XIV", 71, 71, "珍珠、宝石、贵金属及其制品；仿首饰；硬币", "Pearls, precious stones and metals; jewellery; coin"},
	{"XV", 72, 83, "贱金属及其制品", "Base metals and articles of base metal"},
	{"XVI", 84, 85, "机器、机械器具、电气设备及其零件", "Machinery and mechanical appliances; electrical equipment"},
	{"XVII", 86, 89, "车辆、航空器、船舶及运输设备", "Vehicles, aircraft, vessels and transport equipment"},
	{"XVIII", 90, 92, "光学、医疗等仪器及设备；钟表；乐器", "Optical, medical and precision instruments; clocks and watches; musical instruments"},
	{"XIX", 93, 93, "武器、弹药及其零件", "Arms and ammunition"},
	{"XX", 94, 96, "杂项制品（家具、玩具等）", "Miscellaneous manufactured articles (furniture, toys …)"},
	{"XXI", 97, 97, "艺术品、收藏品及古物", "Works of art, collectors' pieces and antiques"},
}

// sectionOf is the index in hsSections of the section holding an HS
// chapter ("95"), or -1.
func sectionOf(chapter string) int {
	n, err := strconv.Atoi(chapter)
	if err != nil {
		return -1
	}
	for i, s := range hsSections {
		if s.from <= n && n <= s.to {
			return i
		}
	}
	return -1
}

// sectionsOf are the sections a notification's HS codes fall in, each
// once, in section order.
func sectionsOf(n *kb.Notification) []int {
	var in [len(hsSections)]bool
	for _, code := range n.HS {
		hs, err := kb.ParseHS(code)
		if err != nil {
			continue
		}
		if i := sectionOf(hs.Chapter()); i >= 0 {
			in[i] = true
		}
	}
	var out []int
	for i, ok := range in {
		if ok {
			out = append(out, i)
		}
	}
	return out
}

// chapters are the section's chapters as the hs_chapter filter takes
// them ("01" … "05"), which a search ORs.
func (s hsSection) chapters() []string {
	out := make([]string, 0, s.to-s.from+1)
	for c := s.from; c <= s.to; c++ {
		if c == 77 {
			continue // reserved for future use; no code has it
		}
		out = append(out, fmt.Sprintf("%02d", c))
	}
	return out
}

// name is the section's name in lang, after its numeral.
func (s hsSection) name(lang string) string {
	if lang == langEn {
		return "Section " + s.numeral + " · " + s.en
	}
	return "第" + zhNumeral(s.number()) + "类 · " + s.zh
}

// number is the section's place, 1 for I.
func (s hsSection) number() int {
	for i, x := range hsSections {
		if x.numeral == s.numeral {
			return i + 1
		}
	}
	return 0
}

// zhNumeral writes 1 to 99 in Chinese numerals, as the tariff names its
// sections: 十六, 二十一.
func zhNumeral(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	if n < 10 {
		return digits[n]
	}
	tens := ""
	if n >= 20 {
		tens = digits[n/10]
	}
	return tens + "十" + digits[n%10]
}
