package bench

// The vocabulary notifications are built from. Terms are real product
// names, hazards and regulatory phrases, each with the Chinese we would
// write for it, and products carry real HS headings and ICS codes, so the
// generated text has the words, identifiers and term frequencies users
// search for. The lists are short on purpose: realism comes from combining
// them.

// term is an English term with its Chinese rendering.
type term struct{ en, zh string }

// product is something notifications regulate.
type product struct {
	en, zh string
	hs     []string // HS headings or subheadings
	ics    []string
	sps    bool // notified mostly under the SPS agreement
}

var products = []product{
	// Notified under TBT.
	{"toys", "玩具", []string{"9503.00"}, []string{"97.200.50"}, false},
	{"electric toys", "电动玩具", []string{"9503.00"}, []string{"97.200.50"}, false},
	{"childcare articles", "儿童护理用品", []string{"9503.00", "9401.71"}, []string{"97.190"}, false},
	{"cosmetic products", "化妆品", []string{"3304"}, []string{"71.100.70"}, false},
	{"hair dyes", "染发剂", []string{"3305"}, []string{"71.100.70"}, false},
	{"household washing machines", "家用洗衣机", []string{"8450"}, []string{"97.060"}, false},
	{"refrigerators and freezers", "冰箱和冷柜", []string{"8418"}, []string{"97.040.30"}, false},
	{"air conditioners", "空调器", []string{"8415"}, []string{"23.120"}, false},
	{"microwave ovens", "微波炉", []string{"8516.50"}, []string{"97.040.20"}, false},
	{"electric water heaters", "电热水器", []string{"8516.10"}, []string{"97.100.10"}, false},
	{"lithium-ion batteries", "锂离子电池", []string{"8507.60"}, []string{"29.220.30"}, false},
	{"mobile phones", "移动电话", []string{"8517.13"}, []string{"33.070.50"}, false},
	{"LED lamps", "LED灯", []string{"8539.52"}, []string{"29.140.99"}, false},
	{"electric vehicles", "电动汽车", []string{"8703.80"}, []string{"43.120"}, false},
	{"pneumatic tyres", "充气轮胎", []string{"4011"}, []string{"83.160.10"}, false},
	{"motor vehicle parts", "汽车零部件", []string{"8708"}, []string{"43.040"}, false},
	{"textile products", "纺织产品", []string{"5208", "6109"}, []string{"59.080.01"}, false},
	{"garments", "服装", []string{"6204", "6109"}, []string{"61.020"}, false},
	{"footwear", "鞋类", []string{"6403", "6404"}, []string{"61.060"}, false},
	{"furniture", "家具", []string{"9403"}, []string{"97.140"}, false},
	{"wood-based panels", "人造板", []string{"4410", "4412"}, []string{"79.060"}, false},
	{"steel reinforcing bars", "钢筋", []string{"7214"}, []string{"77.140.15"}, false},
	{"cement", "水泥", []string{"2523"}, []string{"91.100.10"}, false},
	{"ceramic tiles", "陶瓷砖", []string{"6907"}, []string{"91.100.23"}, false},
	{"flat glass", "平板玻璃", []string{"7005"}, []string{"81.040.20"}, false},
	{"plastic packaging", "塑料包装", []string{"3923"}, []string{"55.040"}, false},
	{"food contact materials", "食品接触材料", []string{"3924", "7323"}, []string{"67.250"}, false},
	{"medical devices", "医疗器械", []string{"9018"}, []string{"11.040.01"}, false},
	{"personal protective equipment", "个体防护装备", []string{"6506.10", "4015"}, []string{"13.340.01"}, false},
	{"fertilizers", "肥料", []string{"3102", "3105"}, []string{"65.080"}, false},
	{"chemical substances", "化学物质", []string{"2903", "2915"}, []string{"71.100.01"}, false},
	{"alcoholic beverages", "酒精饮料", []string{"2203", "2204", "2208"}, []string{"67.160.10"}, false},
	{"tobacco products", "烟草制品", []string{"2402"}, []string{"65.160"}, false},
	{"electronic cigarettes", "电子烟", []string{"8543.40"}, []string{"65.160"}, false},
	{"unmanned aircraft", "无人驾驶航空器", []string{"8806"}, []string{"49.020"}, false},
	{"radio equipment", "无线电设备", []string{"8517.62"}, []string{"33.060.01"}, false},
	{"photovoltaic modules", "光伏组件", []string{"8541.43"}, []string{"27.160"}, false},
	{"gas appliances", "燃气用具", []string{"7321"}, []string{"97.040.20"}, false},
	{"motorcycle helmets", "摩托车头盔", []string{"6506.10"}, []string{"13.340.20", "43.140"}, false},
	{"paints and varnishes", "涂料", []string{"3208", "3209"}, []string{"87.040"}, false},
	{"detergents", "洗涤剂", []string{"3402"}, []string{"71.100.40"}, false},
	{"prepackaged foods", "预包装食品", []string{"2106"}, []string{"67.230"}, false},
	{"infant formula", "婴幼儿配方食品", []string{"1901.10"}, []string{"67.230"}, false},
	{"bottled drinking water", "包装饮用水", []string{"2201"}, []string{"67.160.20"}, false},
	// Notified under SPS.
	{"apples", "苹果", []string{"0808.10"}, []string{"67.080.10"}, true},
	{"citrus fruit", "柑橘类水果", []string{"0805"}, []string{"67.080.10"}, true},
	{"fresh grapes", "鲜食葡萄", []string{"0806"}, []string{"67.080.10"}, true},
	{"tea", "茶叶", []string{"0902"}, []string{"67.140.10"}, true},
	{"rice", "大米", []string{"1006"}, []string{"67.060"}, true},
	{"wheat", "小麦", []string{"1001"}, []string{"67.060"}, true},
	{"soybeans", "大豆", []string{"1201"}, []string{"67.200.20"}, true},
	{"maize", "玉米", []string{"1005"}, []string{"67.060"}, true},
	{"bovine meat", "牛肉", []string{"0201", "0202"}, []string{"67.120.10"}, true},
	{"pork", "猪肉", []string{"0203"}, []string{"67.120.10"}, true},
	{"poultry meat", "禽肉", []string{"0207"}, []string{"67.120.20"}, true},
	{"fish and fishery products", "水产品", []string{"0302", "0303", "0304"}, []string{"67.120.30"}, true},
	{"shrimps and prawns", "虾类", []string{"0306"}, []string{"67.120.30"}, true},
	{"dairy products", "乳制品", []string{"0401", "0402", "0406"}, []string{"67.100.01"}, true},
	{"eggs", "禽蛋", []string{"0407"}, []string{"67.120.20"}, true},
	{"natural honey", "天然蜂蜜", []string{"0409"}, []string{"67.180.10"}, true},
	{"tomatoes", "番茄", []string{"0702"}, []string{"67.080.20"}, true},
	{"fresh vegetables", "新鲜蔬菜", []string{"0709"}, []string{"67.080.20"}, true},
	{"live bovine animals", "活牛", []string{"0102"}, []string{"65.020.30"}, true},
	{"live swine", "活猪", []string{"0103"}, []string{"65.020.30"}, true},
	{"seeds for sowing", "播种用种子", []string{"1209"}, []string{"65.020.20"}, true},
	{"plants for planting", "种植用植物", []string{"0602"}, []string{"65.020.20"}, true},
	{"wood packaging material", "木质包装材料", []string{"4415"}, []string{"55.180.99"}, true},
	{"animal feed", "动物饲料", []string{"2309"}, []string{"65.120"}, true},
	{"pet food", "宠物食品", []string{"2309.10"}, []string{"65.120"}, true},
	{"cut flowers", "鲜切花", []string{"0603"}, []string{"65.020.20"}, true},
	{"tree nuts", "坚果", []string{"0802"}, []string{"67.080.10"}, true},
	{"spices", "香辛料", []string{"0904", "0910"}, []string{"67.220.10"}, true},
	{"edible vegetable oils", "食用植物油", []string{"1507", "1511"}, []string{"67.200.10"}, true},
}

// What TBT measures regulate besides the product: substances limited in
// it, and aspects of it.
var (
	tbtChemicals = []term{
		{"formaldehyde", "甲醛"},
		{"phthalates", "邻苯二甲酸酯"},
		{"lead", "铅"},
		{"cadmium", "镉"},
		{"per- and polyfluoroalkyl substances (PFAS)", "全氟和多氟烷基物质"},
		{"bisphenol A", "双酚A"},
		{"azo dyes", "偶氮染料"},
		{"brominated flame retardants", "溴化阻燃剂"},
		{"volatile organic compounds", "挥发性有机化合物"},
		{"intentionally added microplastics", "有意添加的微塑料"},
		{"mercury", "汞"},
		{"nickel release", "镍释放"},
	}
	tbtAspects = []term{
		{"electromagnetic compatibility", "电磁兼容"},
		{"energy efficiency", "能效"},
		{"cybersecurity", "网络安全"},
		{"radio spectrum use", "无线电频谱使用"},
		{"fire safety", "消防安全"},
		{"small parts", "小零件"},
		{"recycled content", "再生材料含量"},
		{"carbon footprint", "碳足迹"},
		{"chemical safety", "化学安全"},
		{"electrical safety", "电气安全"},
	}
)

// Substances and pests that SPS measures regulate, by kind.
var (
	pesticides = []term{
		{"imidacloprid", "吡虫啉"}, {"chlorpyrifos", "毒死蜱"}, {"glyphosate", "草甘膦"},
		{"acetamiprid", "啶虫脒"}, {"carbendazim", "多菌灵"}, {"cypermethrin", "氯氰菊酯"},
		{"thiamethoxam", "噻虫嗪"}, {"mancozeb", "代森锰锌"}, {"difenoconazole", "苯醚甲环唑"},
		{"azoxystrobin", "嘧菌酯"}, {"fluopyram", "氟吡菌酰胺"}, {"clothianidin", "噻虫胺"},
		{"abamectin", "阿维菌素"}, {"tebuconazole", "戊唑醇"}, {"spinosad", "多杀霉素"},
		{"fludioxonil", "咯菌腈"}, {"chlorantraniliprole", "氯虫苯甲酰胺"}, {"pyraclostrobin", "吡唑醚菌酯"},
	}
	animalDiseases = []term{
		{"African swine fever", "非洲猪瘟"}, {"highly pathogenic avian influenza", "高致病性禽流感"},
		{"foot-and-mouth disease", "口蹄疫"}, {"bovine spongiform encephalopathy", "牛海绵状脑病"},
		{"lumpy skin disease", "牛结节性皮肤病"}, {"Newcastle disease", "新城疫"},
		{"peste des petits ruminants", "小反刍兽疫"}, {"classical swine fever", "猪瘟"},
	}
	plantPests = []term{
		{"fall armyworm", "草地贪夜蛾"}, {"Mediterranean fruit fly", "地中海实蝇"},
		{"Xylella fastidiosa", "苛养木杆菌"}, {"tomato brown rugose fruit virus", "番茄褐色皱果病毒"},
		{"oriental fruit fly", "橘小实蝇"}, {"pine wood nematode", "松材线虫"},
		{"khapra beetle", "谷斑皮蠹"}, {"Asian longhorned beetle", "光肩星天牛"},
	}
	contaminants = []term{
		{"aflatoxins", "黄曲霉毒素"}, {"lead", "铅"}, {"cadmium", "镉"}, {"inorganic arsenic", "无机砷"},
		{"ochratoxin A", "赭曲霉毒素A"}, {"glycidyl fatty acid esters", "缩水甘油脂肪酸酯"},
		{"polycyclic aromatic hydrocarbons", "多环芳烃"}, {"tropane alkaloids", "托烷生物碱"},
	}
	additives = []term{
		{"titanium dioxide (E 171)", "二氧化钛"}, {"steviol glycosides", "甜菊糖苷"},
		{"sodium nitrite", "亚硝酸钠"}, {"sucralose", "三氯蔗糖"}, {"carmine", "胭脂虫红"},
		{"sorbic acid", "山梨酸"}, {"erythritol", "赤藓糖醇"},
	}
)

// subjectKind says which list a title template draws its subject from.
type subjectKind int

const (
	subjNone subjectKind = iota
	subjChemical
	subjAspect
	subjPesticide
	subjDisease // animal disease or plant pest, matching the product
	subjContaminant
	subjAdditive
)

// titleTemplate is a notification title: {p} is the product, {s} the subject.
type titleTemplate struct {
	en, zh string
	subj   subjectKind
}

var tbtTitles = []titleTemplate{
	{"Draft technical regulation on safety requirements for {p}", "{p}安全要求技术法规草案", subjNone},
	{"Proposed rule: energy conservation standards for {p}", "{p}节能标准拟议规则", subjNone},
	{"Amendment to the labelling requirements for {p}", "{p}标签要求修订", subjNone},
	{"Restriction of {s} in {p}", "限制{p}中的{s}", subjChemical},
	{"Conformity assessment procedures for {p}", "{p}合格评定程序", subjNone},
	{"Mandatory certification scheme for {p}", "{p}强制性认证制度", subjNone},
	{"Draft Ministerial Decree establishing technical requirements for {p}", "规定{p}技术要求的部长令草案", subjNone},
	{"Technical regulation on limits of {s} in {p}", "{p}中{s}限量技术法规", subjChemical},
	{"Ecodesign requirements for {p}", "{p}生态设计要求", subjNone},
	{"Minimum energy performance standards for {p}", "{p}最低能效标准", subjNone},
	{"Marking and traceability requirements for {p}", "{p}标识与可追溯性要求", subjNone},
	{"Revision of the national standard for {p}", "{p}国家标准修订", subjNone},
	{"Requirements for {s} of {p}", "{p}的{s}要求", subjAspect},
	{"Draft East African Standard for {p}", "东非{p}标准草案", subjNone},
	{"Test methods and requirements for {s} of {p}", "{p}{s}试验方法和要求", subjAspect},
}

var spsTitles = []titleTemplate{
	{"Maximum residue limits for {s} in {p}", "{p}中{s}的最大残留限量", subjPesticide},
	{"Proposed maximum residue limits for the pesticide {s}", "拟定农药{s}的最大残留限量", subjPesticide},
	{"Import requirements for {p}", "{p}进口要求", subjNone},
	{"Emergency measures to prevent the introduction of {s}", "防止{s}传入的紧急措施", subjDisease},
	{"Temporary suspension of imports of {p} from areas affected by {s}", "暂停从受{s}影响地区进口{p}", subjDisease},
	{"Phytosanitary requirements for the importation of {p}", "{p}进口植物检疫要求", subjNone},
	{"Maximum levels of {s} in {p}", "{p}中{s}的最高限量", subjContaminant},
	{"Veterinary health certificate for {p}", "{p}兽医卫生证书", subjNone},
	{"Authorization of {s} as a food additive", "批准{s}作为食品添加剂", subjAdditive},
	{"Recognition of regionalization for {s} in {p}", "关于{p}{s}区域化的认可", subjDisease},
	{"Microbiological criteria for {p}", "{p}微生物标准", subjNone},
}

// Sentences of descriptions. {p} product, {s} subject, {a} agency,
// {m} member name, {std} an international standard, {n} a number of months.
var tbtSentences = []string{
	"The notified draft establishes requirements for {p} placed on the market in {m}.",
	"It sets requirements for {s} and specifies the test methods to demonstrate compliance.",
	"The {a} proposes to revise the existing requirements to align them with {std}.",
	"Products shall bear a label stating the manufacturer, the country of origin and the conformity marking.",
	"Importers must register with the {a} and keep technical documentation for ten years.",
	"A transition period of {n} months is foreseen for products already on the market.",
	"The measure applies to domestic and imported {p} alike.",
	"Conformity is to be demonstrated by third-party testing in a designated laboratory.",
	"The regulation repeals and replaces the previous decree on {p}.",
	"Market surveillance authorities may withdraw non-compliant {p} from the market.",
	"The draft also introduces a digital product passport for {p}.",
	"Requirements for {s} are based on a risk assessment by the {a}.",
}

var spsSentences = []string{
	"The notified draft sets out the conditions for imports of {p} into {m}.",
	"The {a} proposes measures concerning {s}, based on {std}.",
	"Sampling plans and analytical methods are specified in the annexes.",
	"Certificates issued by the exporting country's competent authority will be required for each consignment.",
	"The tolerances reflect the uses authorised in {m} and the Codex maximum residue limits.",
	"Consignments of {p} found non-compliant will be destroyed or re-exported at the importer's expense.",
	"The measure is based on a pest risk analysis of {s} carried out by the {a}.",
	"A transition period of {n} months is foreseen for consignments already shipped.",
	"Establishments exporting {p} must be registered with the {a}.",
}

var addendumSentences = []string{
	"The {a} has adopted the final rule; it enters into force {n} months after publication.",
	"The comment period has been extended by {n} months at the request of trading partners.",
	"The notified draft has been revised following the comments received; the revised text is attached.",
	"This addendum informs Members that the measure was published in the official journal.",
	"The entry into force of the measure has been postponed by {n} months.",
	"The measure has been withdrawn.",
}

var corrigendumSentences = []string{
	"The HS codes in the original notification were incorrect and are replaced by those above.",
	"The final date for comments was misstated; the correct date is given above.",
	"The title of the notified document is corrected to read as shown above.",
}

var tbtObjectives = []string{
	"Protection of human health or safety",
	"Protection of the environment",
	"Consumer information, labelling",
	"Prevention of deceptive practices and consumer protection",
	"Quality requirements",
	"Harmonization",
	"Reducing trade barriers and facilitating trade",
	"National security requirements",
}

var spsObjectives = []string{
	"Food safety",
	"Animal health",
	"Plant protection",
	"Protect humans from animal/plant pest or disease",
	"Protect territory from other damage from pests",
}

var entryIntoForce = []string{
	"Upon publication", "6 months after publication", "12 months after publication",
	"To be determined", "180 days after adoption", "1 January of the year following adoption",
}

// member is a notifying WTO member: code as in symbols, how often it
// notifies relative to others, its agencies, and where its symbol numbers
// start so that early symbols look like real ones.
type member struct {
	code     string
	name     string
	weight   int
	agencies []string
	tbtStart int
	spsStart int
}

// Weights follow the shape of recent WTO statistics: the United States,
// the East African Community members, the EU, Brazil and China notify most.
var members = []member{
	{"USA", "the United States", 14, []string{"Consumer Product Safety Commission (CPSC)", "Department of Energy (DOE)", "Environmental Protection Agency (EPA)", "Food and Drug Administration (FDA)", "Federal Communications Commission (FCC)", "Animal and Plant Health Inspection Service (APHIS)"}, 1800, 3300},
	{"EU", "the European Union", 8, []string{"European Commission"}, 950, 600},
	{"CHN", "China", 6, []string{"State Administration for Market Regulation (SAMR)", "General Administration of Customs (GACC)", "Ministry of Industry and Information Technology (MIIT)", "National Health Commission (NHC)"}, 1650, 1250},
	{"BRA", "Brazil", 6, []string{"National Institute of Metrology, Quality and Technology (INMETRO)", "Brazilian Health Regulatory Agency (ANVISA)", "Ministry of Agriculture and Livestock (MAPA)"}, 1400, 2000},
	{"UGA", "Uganda", 5, []string{"Uganda National Bureau of Standards (UNBS)"}, 1600, 200},
	{"KEN", "Kenya", 5, []string{"Kenya Bureau of Standards (KEBS)"}, 1300, 180},
	{"TZA", "Tanzania", 4, []string{"Tanzania Bureau of Standards (TBS)"}, 1000, 120},
	{"JPN", "Japan", 4, []string{"Ministry of Economy, Trade and Industry (METI)", "Ministry of Health, Labour and Welfare (MHLW)", "Ministry of Agriculture, Forestry and Fisheries (MAFF)"}, 800, 1150},
	{"KOR", "Korea", 4, []string{"Korean Agency for Technology and Standards (KATS)", "Ministry of Food and Drug Safety (MFDS)", "Ministry of Environment"}, 1100, 750},
	{"TPKM", "Chinese Taipei", 3, []string{"Bureau of Standards, Metrology and Inspection (BSMI)", "Food and Drug Administration, Ministry of Health and Welfare"}, 450, 650},
	{"ISR", "Israel", 3, []string{"Standards Institution of Israel (SII)", "Ministry of Health"}, 1250, 150},
	{"SAU", "Saudi Arabia", 3, []string{"Saudi Standards, Metrology and Quality Organization (SASO)", "Saudi Food and Drug Authority (SFDA)"}, 200, 500},
	{"CAN", "Canada", 3, []string{"Health Canada", "Canadian Food Inspection Agency (CFIA)", "Innovation, Science and Economic Development Canada"}, 700, 1500},
	{"CHL", "Chile", 3, []string{"Ministry of Energy", "Agricultural and Livestock Service (SAG)"}, 650, 750},
	{"IND", "India", 2, []string{"Bureau of Indian Standards (BIS)", "Food Safety and Standards Authority of India (FSSAI)"}, 300, 250},
	{"THA", "Thailand", 2, []string{"Thai Industrial Standards Institute (TISI)", "Food and Drug Administration"}, 750, 550},
	{"PER", "Peru", 2, []string{"Ministry of Production", "National Agrarian Health Service (SENASA)"}, 150, 1000},
	{"MEX", "Mexico", 2, []string{"Ministry of Economy", "National Service for Agro-Alimentary Health, Safety and Quality (SENASICA)"}, 500, 400},
	{"RWA", "Rwanda", 2, []string{"Rwanda Standards Board (RSB)"}, 850, 50},
	{"BDI", "Burundi", 2, []string{"Burundi Bureau of Standards and Quality Control (BBN)"}, 450, 20},
	{"GBR", "the United Kingdom", 2, []string{"Office for Product Safety and Standards (OPSS)", "Department for Environment, Food and Rural Affairs (Defra)"}, 60, 40},
	{"ARE", "the United Arab Emirates", 2, []string{"Ministry of Industry and Advanced Technology (MoIAT)"}, 550, 250},
	{"EGY", "Egypt", 2, []string{"Egyptian Organization for Standardization and Quality (EOS)"}, 350, 150},
	{"ECU", "Ecuador", 2, []string{"Ecuadorian Standardization Service (INEN)"}, 500, 350},
	{"COL", "Colombia", 2, []string{"Ministry of Commerce, Industry and Tourism", "Colombian Agricultural Institute (ICA)"}, 300, 350},
	{"PHL", "the Philippines", 2, []string{"Bureau of Philippine Standards (BPS)", "Department of Agriculture"}, 400, 300},
	{"VNM", "Viet Nam", 2, []string{"Directorate for Standards, Metrology and Quality (STAMEQ)", "Ministry of Agriculture and Rural Development"}, 250, 150},
	{"UKR", "Ukraine", 2, []string{"Ministry of Economy of Ukraine"}, 250, 200},
	{"AUS", "Australia", 1, []string{"Department of Industry, Science and Resources", "Food Standards Australia New Zealand (FSANZ)"}, 150, 600},
	{"NZL", "New Zealand", 1, []string{"Ministry for Primary Industries (MPI)"}, 130, 700},
	{"IDN", "Indonesia", 1, []string{"National Standardization Agency (BSN)"}, 150, 150},
	{"MYS", "Malaysia", 1, []string{"Department of Standards Malaysia"}, 120, 60},
	{"CHE", "Switzerland", 1, []string{"State Secretariat for Economic Affairs (SECO)"}, 250, 150},
	{"TUR", "Türkiye", 1, []string{"Ministry of Trade"}, 150, 150},
	{"ZAF", "South Africa", 1, []string{"National Regulator for Compulsory Specifications (NRCS)"}, 300, 80},
	{"ARG", "Argentina", 1, []string{"National Service for Agri-Food Health and Quality (SENASA)"}, 450, 350},
	{"RUS", "the Russian Federation", 1, []string{"Federal Agency on Technical Regulating and Metrology (Rosstandart)"}, 200, 300},
	{"SGP", "Singapore", 1, []string{"Enterprise Singapore", "Singapore Food Agency (SFA)"}, 80, 90},
	{"QAT", "Qatar", 1, []string{"Ministry of Commerce and Industry"}, 150, 60},
	{"OMN", "Oman", 1, []string{"Directorate General for Standards and Metrology"}, 200, 80},
	{"KWT", "Kuwait", 1, []string{"Public Authority for Industry"}, 200, 60},
	{"MAR", "Morocco", 1, []string{"Ministry of Industry and Trade"}, 100, 60},
	{"GTM", "Guatemala", 1, []string{"Ministry of Economy"}, 60, 90},
	{"CRI", "Costa Rica", 1, []string{"Ministry of Economy, Industry and Trade (MEIC)"}, 200, 80},
	{"DOM", "the Dominican Republic", 1, []string{"Dominican Institute for Quality (INDOCAL)"}, 120, 40},
}

var regionsAffected = []string{"All trading partners", "All trading partners", "All trading partners", "Asia", "Europe", "Africa", "Americas"}
