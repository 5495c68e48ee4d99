package kb

import (
	"fmt"
	"sort"
	"strings"
)

// Member is a WTO member as notifications name it.
type Member struct {
	Code string // as in symbols: EU, USA, TPKM
	En   string // as ePing writes it
	Zh   string
}

// members holds the WTO members that notify most; the codes are those of
// the document symbols. Aliases are other names sources use.
var members = []struct {
	Member
	aliases []string
}{
	{Member{"ARE", "United Arab Emirates", "阿联酋"}, nil},
	{Member{"ARG", "Argentina", "阿根廷"}, nil},
	{Member{"ARM", "Armenia", "亚美尼亚"}, nil},
	{Member{"AUS", "Australia", "澳大利亚"}, nil},
	{Member{"BDI", "Burundi", "布隆迪"}, nil},
	{Member{"BGD", "Bangladesh", "孟加拉国"}, nil},
	{Member{"BHR", "Bahrain, Kingdom of", "巴林"}, []string{"Bahrain", "Kingdom of Bahrain"}},
	{Member{"BOL", "Bolivia, Plurinational State of", "玻利维亚"}, []string{"Bolivia"}},
	{Member{"BRA", "Brazil", "巴西"}, nil},
	{Member{"BWA", "Botswana", "博茨瓦纳"}, nil},
	{Member{"CAN", "Canada", "加拿大"}, nil},
	{Member{"CHE", "Switzerland", "瑞士"}, nil},
	{Member{"CHL", "Chile", "智利"}, nil},
	{Member{"CHN", "China", "中国"}, []string{"China, People's Republic of"}},
	{Member{"COL", "Colombia", "哥伦比亚"}, nil},
	{Member{"CRI", "Costa Rica", "哥斯达黎加"}, nil},
	{Member{"CPV", "Cabo Verde", "佛得角"}, []string{"Cape Verde"}},
	{Member{"DOM", "Dominican Republic", "多米尼加"}, nil},
	{Member{"ECU", "Ecuador", "厄瓜多尔"}, nil},
	{Member{"EGY", "Egypt", "埃及"}, nil},
	{Member{"EU", "European Union", "欧盟"}, []string{"EEC", "European Communities", "EU"}},
	{Member{"GBR", "United Kingdom", "英国"}, []string{"UK"}},
	{Member{"GEO", "Georgia", "格鲁吉亚"}, nil},
	{Member{"GTM", "Guatemala", "危地马拉"}, nil},
	{Member{"GUY", "Guyana", "圭亚那"}, nil},
	{Member{"HKG", "Hong Kong, China", "中国香港"}, nil},
	{Member{"HND", "Honduras", "洪都拉斯"}, nil},
	{Member{"IDN", "Indonesia", "印度尼西亚"}, nil},
	{Member{"IND", "India", "印度"}, nil},
	{Member{"ISL", "Iceland", "冰岛"}, nil},
	{Member{"ISR", "Israel", "以色列"}, nil},
	{Member{"JAM", "Jamaica", "牙买加"}, nil},
	{Member{"JOR", "Jordan", "约旦"}, nil},
	{Member{"JPN", "Japan", "日本"}, nil},
	{Member{"KAZ", "Kazakhstan", "哈萨克斯坦"}, nil},
	{Member{"KEN", "Kenya", "肯尼亚"}, nil},
	{Member{"KGZ", "Kyrgyz Republic", "吉尔吉斯斯坦"}, nil},
	{Member{"KHM", "Cambodia", "柬埔寨"}, nil},
	{Member{"KOR", "Korea, Republic of", "韩国"}, []string{"Korea", "Republic of Korea", "South Korea"}},
	{Member{"KWT", "Kuwait, the State of", "科威特"}, []string{"Kuwait"}},
	{Member{"LKA", "Sri Lanka", "斯里兰卡"}, nil},
	{Member{"MAR", "Morocco", "摩洛哥"}, nil},
	{Member{"MDA", "Moldova, Republic of", "摩尔多瓦"}, []string{"Moldova"}},
	{Member{"MEX", "Mexico", "墨西哥"}, nil},
	{Member{"MWI", "Malawi", "马拉维"}, nil},
	{Member{"MYS", "Malaysia", "马来西亚"}, nil},
	{Member{"NGA", "Nigeria", "尼日利亚"}, nil},
	{Member{"NIC", "Nicaragua", "尼加拉瓜"}, nil},
	{Member{"NOR", "Norway", "挪威"}, nil},
	{Member{"NPL", "Nepal", "尼泊尔"}, nil},
	{Member{"NZL", "New Zealand", "新西兰"}, nil},
	{Member{"OMN", "Oman", "阿曼"}, nil},
	{Member{"PAK", "Pakistan", "巴基斯坦"}, nil},
	{Member{"PAN", "Panama", "巴拿马"}, nil},
	{Member{"PER", "Peru", "秘鲁"}, nil},
	{Member{"PHL", "Philippines", "菲律宾"}, nil},
	{Member{"PRY", "Paraguay", "巴拉圭"}, nil},
	{Member{"QAT", "Qatar", "卡塔尔"}, nil},
	{Member{"RUS", "Russian Federation", "俄罗斯"}, []string{"Russia"}},
	{Member{"RWA", "Rwanda", "卢旺达"}, nil},
	{Member{"SAU", "Saudi Arabia, Kingdom of", "沙特阿拉伯"}, []string{"Saudi Arabia"}},
	{Member{"SGP", "Singapore", "新加坡"}, nil},
	{Member{"SLV", "El Salvador", "萨尔瓦多"}, nil},
	{Member{"TTO", "Trinidad and Tobago", "特立尼达和多巴哥"}, nil},
	{Member{"TPKM", "Chinese Taipei", "中国台北"}, []string{"Separate Customs Territory of Taiwan, Penghu, Kinmen and Matsu"}},
	{Member{"THA", "Thailand", "泰国"}, nil},
	{Member{"TUR", "Türkiye", "土耳其"}, []string{"Turkey", "Turkiye"}},
	{Member{"TZA", "Tanzania", "坦桑尼亚"}, []string{"United Republic of Tanzania"}},
	{Member{"UGA", "Uganda", "乌干达"}, nil},
	{Member{"UKR", "Ukraine", "乌克兰"}, nil},
	{Member{"URY", "Uruguay", "乌拉圭"}, nil},
	{Member{"USA", "United States of America", "美国"}, []string{"United States", "US"}},
	{Member{"VNM", "Viet Nam", "越南"}, []string{"Vietnam"}},
	{Member{"YEM", "Yemen", "也门"}, nil},
	{Member{"ZAF", "South Africa", "南非"}, nil},
	{Member{"ZMB", "Zambia", "赞比亚"}, nil},
	{Member{"ZWE", "Zimbabwe", "津巴布韦"}, nil},
}

type memberTable struct {
	byCode map[string]Member
	byName map[string]string
}

func newMemberTable() memberTable {
	t := memberTable{byCode: map[string]Member{}, byName: map[string]string{}}
	for _, m := range members {
		t.byCode[m.Code] = m.Member
		for _, n := range append([]string{m.En, m.Zh, m.Code}, m.aliases...) {
			t.byName[strings.ToLower(n)] = m.Code
		}
	}
	return t
}

// memberIndex is built once from the table above; it is read-only.
var memberIndex = newMemberTable()

// MemberCode resolves a member given by code or name (English as ePing
// writes it, or Chinese) to its code. An unknown code of the right shape
// is accepted as is; an unknown name is an error.
func MemberCode(s string) (string, error) {
	s = collapseSpace(foldWidth(s))
	if code, ok := memberIndex.byName[strings.ToLower(s)]; ok {
		return code, nil
	}
	if n := len(s); n >= 2 && n <= 5 && strings.ToUpper(s) == s && isLetters(s) {
		return s, nil
	}
	return "", fmt.Errorf("unknown WTO member %q (use its code, e.g. EU, USA, CHN)", s)
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isLetter(s[i]) {
			return false
		}
	}
	return true
}

// LookupMember returns the member with that code; unknown codes come back
// with the code as their names.
func LookupMember(code string) Member {
	if m, ok := memberIndex.byCode[code]; ok {
		return m
	}
	return Member{Code: code, En: code, Zh: code}
}

// Name is the member's name in the wanted language.
func (m Member) Name(lang string) string {
	if lang == "en" {
		return m.En
	}
	return m.Zh
}

// Members lists the known members sorted by code.
func Members() []Member {
	out := make([]Member, 0, len(members))
	for _, m := range members {
		out = append(out, m.Member)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}
