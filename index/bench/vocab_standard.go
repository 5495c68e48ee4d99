package bench

// The vocabulary standards are built from: families of real standards,
// each with its Chinese (GB) and international (ISO, IEC, EN) numbering and
// title patterns. The first records of a family use the real numbers
// ("anchors"); once a family's items are used up the generator allocates
// fresh numbers, so a corpus of any size has unique, well-formed keys.

// family is a series of related standards.
type family struct {
	weight int
	gb     string   // Chinese prefix ("GB", "GB/T"), or "" when there is no Chinese variant
	intl   []string // international prefixes, or none
	// Part-numbered families have one number per publisher and their items
	// are parts of it: GB 6675.4 and ISO 8124-4.
	gbBase   string
	intlBase []string // parallel to intl
	gbPart   string   // how a part follows the GB number: ".%d"
	intlPart string   // how a part follows the international number: "-%d", "-2-%d"
	zh, en   string   // title templates: {s} the item, {n} the part number
	ics      []string
	ccs      string
	items    []item
}

// item is one standard of a family: its subject and, for families without
// parts, the real numbers after the prefix ("2912.1", "14184-1").
type item struct {
	zh, en   string
	part     int
	gb, intl string
}

var families = []family{
	{
		weight: 6, gb: "GB", intl: []string{"ISO", "EN"}, gbBase: "6675", intlBase: []string{"8124", "71"},
		gbPart: ".%d", intlPart: "-%d",
		zh: "玩具安全 第{n}部分：{s}", en: "Safety of toys — Part {n}: {s}",
		ics: []string{"97.200.50"}, ccs: "Y57",
		items: []item{
			{zh: "基本规范", en: "General requirements", part: 1},
			{zh: "机械与物理性能", en: "Safety aspects related to mechanical and physical properties", part: 2},
			{zh: "易燃性能", en: "Flammability", part: 3},
			{zh: "特定元素的迁移", en: "Migration of certain elements", part: 4},
			{zh: "家用秋千、滑梯及类似用途室内、室外活动玩具", en: "Swings, slides and similar activity toys for indoor and outdoor family domestic use", part: 5},
			{zh: "玩具和儿童用品中某些邻苯二甲酸酯的测定", en: "Certain phthalate esters in toys and children's products", part: 6},
			{zh: "指画颜料的要求和测试方法", en: "Requirements and test methods for finger paints", part: 7},
			{zh: "年龄确定指南", en: "Age determination guidelines", part: 8},
			{zh: "玩具中有机化合物的测定", en: "Organic chemical compounds — Requirements", part: 9},
		},
	},
	{
		weight: 8, gb: "GB", intl: []string{"IEC", "EN IEC"}, gbBase: "4706", intlBase: []string{"60335", "60335"},
		gbPart: ".%d", intlPart: "-2-%d",
		zh: "家用和类似用途电器的安全 第2部分：{s}的特殊要求", en: "Household and similar electrical appliances — Safety — Part 2-{n}: Particular requirements for {s}",
		ics: []string{"97.030"}, ccs: "Y60",
		items: []item{
			{zh: "吸尘器和吸水式清洁器具", en: "vacuum cleaners and water-suction cleaning appliances", part: 2},
			{zh: "电熨斗", en: "electric irons", part: 3},
			{zh: "离心式脱水机", en: "spin extractors", part: 4},
			{zh: "洗碗机", en: "dishwashers", part: 5},
			{zh: "驻立式电灶、灶台、烤炉及类似器具", en: "stationary cooking ranges, hobs, ovens and similar appliances", part: 6},
			{zh: "洗衣机", en: "washing machines", part: 7},
			{zh: "剃须刀、电推剪及类似器具", en: "shavers, hair clippers and similar appliances", part: 8},
			{zh: "烤架、面包片烘烤器及类似用途便携式烹饪器具", en: "grills, toasters and similar portable cooking appliances", part: 9},
			{zh: "滚筒式干衣机", en: "tumble dryers", part: 11},
			{zh: "深油炸锅、油煎锅及类似器具", en: "deep fat fryers, frying pans and similar appliances", part: 13},
			{zh: "厨房机械", en: "kitchen machines", part: 14},
			{zh: "液体加热器", en: "appliances for heating liquids", part: 15},
			{zh: "食物垃圾处理器", en: "food waste disposers", part: 16},
			{zh: "电热毯、电热垫及类似柔性发热器具", en: "blankets, pads, clothing and similar flexible heating appliances", part: 17},
			{zh: "储水式热水器", en: "storage water heaters", part: 21},
			{zh: "皮肤及毛发护理器具", en: "appliances for skin or hair care", part: 23},
			{zh: "制冷器具、冰淇淋机和制冰机", en: "refrigerating appliances, ice-cream appliances and ice makers", part: 24},
			{zh: "微波炉", en: "microwave ovens, including combination microwave ovens", part: 25},
			{zh: "电池充电器", en: "battery chargers", part: 29},
			{zh: "室内加热器", en: "room heaters", part: 30},
			{zh: "吸油烟机及其他烹饪烟气吸排装置", en: "range hoods and other cooking fume extractors", part: 31},
			{zh: "按摩器具", en: "massage appliances", part: 32},
			{zh: "快热式热水器", en: "instantaneous water heaters", part: 35},
			{zh: "电动热泵、空调器和除湿机", en: "electrical heat pumps, air-conditioners and dehumidifiers", part: 40},
			{zh: "空气净化器", en: "air-cleaning appliances", part: 65},
			{zh: "风扇", en: "fans", part: 80},
			{zh: "加湿器", en: "humidifiers", part: 98},
		},
	},
	{
		weight: 8, gb: "GB",
		zh: "食品安全国家标准 {s}", en: "National food safety standard — {s}",
		ics: []string{"67.040"}, ccs: "C53",
		items: []item{
			{zh: "食品添加剂使用标准", en: "Standard for uses of food additives", gb: "2760"},
			{zh: "食品中真菌毒素限量", en: "Maximum levels of mycotoxins in foods", gb: "2761"},
			{zh: "食品中污染物限量", en: "Maximum levels of contaminants in foods", gb: "2762"},
			{zh: "食品中农药最大残留限量", en: "Maximum residue limits for pesticides in food", gb: "2763"},
			{zh: "预包装食品标签通则", en: "General standard for the labeling of prepackaged foods", gb: "7718"},
			{zh: "预包装食品营养标签通则", en: "General standard for nutrition labeling of prepackaged foods", gb: "28050"},
			{zh: "食品营养强化剂使用标准", en: "Standard for the use of food nutritional fortification substances", gb: "14880"},
			{zh: "婴儿配方食品", en: "Infant formula", gb: "10765"},
			{zh: "乳粉", en: "Milk powder", gb: "19644"},
			{zh: "生乳", en: "Raw milk", gb: "19301"},
			{zh: "鲜（冻）畜、禽产品", en: "Fresh (frozen) livestock and poultry products", gb: "2707"},
			{zh: "鲜、冻动物性水产品", en: "Fresh and frozen aquatic products of animal origin", gb: "2733"},
			{zh: "植物油", en: "Vegetable oil", gb: "2716"},
			{zh: "饮料", en: "Beverages", gb: "7101"},
			{zh: "蜂蜜", en: "Honey", gb: "14963"},
			{zh: "包装饮用水", en: "Packaged drinking water", gb: "19298"},
			{zh: "食品中兽药最大残留限量", en: "Maximum residue limits for veterinary drugs in foods", gb: "31650"},
			{zh: "食品生产通用卫生规范", en: "General hygienic regulation for food production", gb: "14881"},
			{zh: "食品接触材料及制品通用安全要求", en: "General safety requirements for food contact materials and articles", gb: "4806.1"},
			{zh: "食品接触用塑料材料及制品", en: "Food contact plastic materials and articles", gb: "4806.7"},
			{zh: "食品接触用金属材料及制品", en: "Food contact metal materials and articles", gb: "4806.9"},
			{zh: "食品接触用橡胶材料及制品", en: "Food contact rubber materials and articles", gb: "4806.11"},
			{zh: "食品接触材料及制品用添加剂使用标准", en: "Standard for uses of additives in food contact materials and articles", gb: "9685"},
		},
	},
	{
		weight: 6, gb: "GB", gbBase: "5009", gbPart: ".%d",
		zh: "食品安全国家标准 食品中{s}的测定", en: "National food safety standard — Determination of {s} in foods",
		ics: []string{"67.050"}, ccs: "C53",
		items: []item{
			{zh: "水分", en: "moisture", part: 3},
			{zh: "灰分", en: "ash", part: 4},
			{zh: "蛋白质", en: "protein", part: 5},
			{zh: "脂肪", en: "fat", part: 6},
			{zh: "总砷及无机砷", en: "total arsenic and inorganic arsenic", part: 11},
			{zh: "铅", en: "lead", part: 12},
			{zh: "镉", en: "cadmium", part: 15},
			{zh: "总汞及有机汞", en: "total mercury and organic mercury", part: 17},
			{zh: "黄曲霉毒素B族和G族", en: "aflatoxins B and G", part: 22},
			{zh: "黄曲霉毒素M族", en: "aflatoxins M", part: 24},
			{zh: "N-亚硝胺类化合物", en: "N-nitrosamines", part: 26},
			{zh: "苯并(a)芘", en: "benzo(a)pyrene", part: 27},
			{zh: "苯甲酸、山梨酸和糖精钠", en: "benzoic acid, sorbic acid and sodium saccharin", part: 28},
			{zh: "亚硝酸盐与硝酸盐", en: "nitrite and nitrate", part: 33},
			{zh: "二氧化硫", en: "sulfur dioxide", part: 34},
			{zh: "氯化物", en: "chloride", part: 44},
			{zh: "赭曲霉毒素A", en: "ochratoxin A", part: 96},
			{zh: "脱氧雪腐镰刀菌烯醇及其乙酰化衍生物", en: "deoxynivalenol and its acetylated derivatives", part: 111},
			{zh: "铬", en: "chromium", part: 123},
			{zh: "咖啡因", en: "caffeine", part: 139},
			{zh: "氯丙醇及其脂肪酸酯", en: "chloropropanols and their fatty acid esters", part: 191},
			{zh: "多元素", en: "multiple elements", part: 268},
		},
	},
	{
		weight: 4, gb: "GB", gbBase: "4789", gbPart: ".%d",
		zh: "食品安全国家标准 食品微生物学检验 {s}", en: "National food safety standard — Food microbiological examination — {s}",
		ics: []string{"07.100.30"}, ccs: "C53",
		items: []item{
			{zh: "菌落总数测定", en: "Aerobic plate count", part: 2},
			{zh: "大肠菌群计数", en: "Enumeration of coliforms", part: 3},
			{zh: "沙门氏菌检验", en: "Salmonella", part: 4},
			{zh: "志贺氏菌检验", en: "Shigella", part: 5},
			{zh: "致泻大肠埃希氏菌检验", en: "Diarrheagenic Escherichia coli", part: 6},
			{zh: "副溶血性弧菌检验", en: "Vibrio parahaemolyticus", part: 7},
			{zh: "金黄色葡萄球菌检验", en: "Staphylococcus aureus", part: 10},
			{zh: "蜡样芽胞杆菌检验", en: "Bacillus cereus", part: 14},
			{zh: "霉菌和酵母计数", en: "Enumeration of moulds and yeasts", part: 15},
			{zh: "单核细胞增生李斯特氏菌检验", en: "Listeria monocytogenes", part: 30},
			{zh: "克罗诺杆菌属（阪崎肠杆菌）检验", en: "Cronobacter (Enterobacter sakazakii)", part: 40},
		},
	},
	{
		weight: 4, gb: "GB/T", intl: []string{"ISO"},
		zh: "纺织品 色牢度试验 {s}", en: "Textiles — Tests for colour fastness — {s}",
		ics: []string{"59.080.01"}, ccs: "W04",
		items: []item{
			{zh: "耐摩擦色牢度", en: "Colour fastness to rubbing", gb: "3920", intl: "105-X12"},
			{zh: "耐皂洗色牢度", en: "Colour fastness to washing with soap or soap and soda", gb: "3921", intl: "105-C10"},
			{zh: "耐人造光色牢度：氙弧", en: "Colour fastness to artificial light: Xenon arc fading lamp test", gb: "8427", intl: "105-B02"},
			{zh: "耐汗渍色牢度", en: "Colour fastness to perspiration", gb: "3922", intl: "105-E04"},
			{zh: "耐水色牢度", en: "Colour fastness to water", gb: "5713", intl: "105-E01"},
			{zh: "耐干洗色牢度", en: "Colour fastness to dry cleaning", gb: "5711", intl: "105-D01"},
			{zh: "耐热压色牢度", en: "Colour fastness to hot pressing", gb: "6152", intl: "105-X11"},
			{zh: "耐海水色牢度", en: "Colour fastness to sea water", gb: "5714", intl: "105-E02"},
			{zh: "耐唾液色牢度", en: "Colour fastness to saliva", gb: "18886"},
		},
	},
	{
		weight: 4, gb: "GB/T", intl: []string{"ISO"},
		zh: "纺织品 {s}的测定", en: "Textiles — Determination of {s}",
		ics: []string{"59.080.01"}, ccs: "W04",
		items: []item{
			{zh: "甲醛", en: "formaldehyde", gb: "2912.1", intl: "14184-1"},
			{zh: "禁用偶氮染料", en: "certain aromatic amines derived from azo colorants", gb: "17592", intl: "14362-1"},
			{zh: "邻苯二甲酸酯", en: "phthalates", gb: "20388", intl: "14389"},
			{zh: "水萃取液pH值", en: "pH of the aqueous extract", gb: "7573", intl: "3071"},
			{zh: "烷基酚及烷基酚聚氧乙烯醚", en: "alkylphenols and alkylphenol ethoxylates", gb: "23322", intl: "18254-1"},
			{zh: "全氟及多氟化合物", en: "per- and polyfluoroalkyl substances", intl: "23702-1"},
			{zh: "可萃取重金属", en: "extractable heavy metals", gb: "17593.1"},
			{zh: "纤维含量", en: "fibre content", gb: "2910.1", intl: "1833-1"},
		},
	},
	{
		weight: 1, gb: "GB",
		zh: "{s}", en: "{s}",
		ics: []string{"61.020"}, ccs: "W04",
		items: []item{
			{zh: "国家纺织产品基本安全技术规范", en: "National general safety technical code for textile products", gb: "18401"},
			{zh: "婴幼儿及儿童纺织产品安全技术规范", en: "Safety technical code for infants and children textile products", gb: "31701"},
			{zh: "学生用品的安全通用要求", en: "General safety requirements for students' articles", gb: "21027"},
		},
	},
	{
		weight: 4, gb: "GB/T", intl: []string{"IEC", "EN IEC"}, gbBase: "17626", intlBase: []string{"61000", "61000"},
		gbPart: ".%d", intlPart: "-4-%d",
		zh: "电磁兼容 试验和测量技术 {s}", en: "Electromagnetic compatibility (EMC) — Part 4-{n}: Testing and measurement techniques — {s}",
		ics: []string{"33.100.20"}, ccs: "L06",
		items: []item{
			{zh: "静电放电抗扰度试验", en: "Electrostatic discharge immunity test", part: 2},
			{zh: "射频电磁场辐射抗扰度试验", en: "Radiated, radio-frequency, electromagnetic field immunity test", part: 3},
			{zh: "电快速瞬变脉冲群抗扰度试验", en: "Electrical fast transient/burst immunity test", part: 4},
			{zh: "浪涌（冲击）抗扰度试验", en: "Surge immunity test", part: 5},
			{zh: "射频场感应的传导骚扰抗扰度", en: "Immunity to conducted disturbances, induced by radio-frequency fields", part: 6},
			{zh: "工频磁场抗扰度试验", en: "Power frequency magnetic field immunity test", part: 8},
			{zh: "电压暂降、短时中断和电压变化的抗扰度试验", en: "Voltage dips, short interruptions and voltage variations immunity tests", part: 11},
		},
	},
	{
		weight: 4, gb: "GB", intl: []string{"IEC", "EN IEC"}, gbBase: "7000", intlBase: []string{"60598", "60598"},
		gbPart: ".2%02d", intlPart: "-2-%d",
		zh: "灯具 第2-{n}部分：特殊要求 {s}", en: "Luminaires — Part 2-{n}: Particular requirements — {s}",
		ics: []string{"29.140.40"}, ccs: "K74",
		items: []item{
			{zh: "固定式通用灯具", en: "Fixed general purpose luminaires", part: 1},
			{zh: "嵌入式灯具", en: "Recessed luminaires", part: 2},
			{zh: "道路与街路照明灯具", en: "Luminaires for road and street lighting", part: 3},
			{zh: "可移式通用灯具", en: "Portable general purpose luminaires", part: 4},
			{zh: "投光灯具", en: "Floodlights", part: 5},
			{zh: "庭园用可移式灯具", en: "Portable luminaires for garden use", part: 7},
			{zh: "手提灯", en: "Handlamps", part: 8},
			{zh: "儿童用可移式灯具", en: "Portable luminaires for children", part: 10},
			{zh: "电源插座安装的夜灯", en: "Mains socket-outlet mounted nightlights", part: 12},
			{zh: "应急照明灯具", en: "Luminaires for emergency lighting", part: 22},
			{zh: "医院和康复大楼诊所用灯具", en: "Luminaires for use in clinical areas of hospitals and health care buildings", part: 25},
		},
	},
	{
		weight: 4, gb: "GB/T", intl: []string{"ISO/IEC"},
		zh: "信息技术 安全技术 {s}", en: "Information technology — Security techniques — {s}",
		ics: []string{"35.030"}, ccs: "L80",
		items: []item{
			{zh: "信息安全管理体系 要求", en: "Information security management systems — Requirements", gb: "22080", intl: "27001"},
			{zh: "信息安全控制实践指南", en: "Code of practice for information security controls", gb: "22081", intl: "27002"},
			{zh: "信息安全风险管理", en: "Information security risk management", gb: "31722", intl: "27005"},
			{zh: "密钥管理 第1部分：框架", en: "Key management — Part 1: Framework", gb: "17901.1", intl: "11770-1"},
			{zh: "实体鉴别 第1部分：总则", en: "Entity authentication — Part 1: General", gb: "15843.1", intl: "9798-1"},
			{zh: "消息鉴别码 第1部分：采用分组密码的机制", en: "Message Authentication Codes (MACs) — Part 1: Mechanisms using a block cipher", gb: "15852.1", intl: "9797-1"},
			{zh: "加密算法 第1部分：总则", en: "Encryption algorithms — Part 1: General", intl: "18033-1"},
			{zh: "隐私保护框架", en: "Privacy framework", gb: "41817", intl: "29100"},
		},
	},
	{
		weight: 3, gb: "GB/T", intl: []string{"ISO"},
		zh: "{s}", en: "{s}",
		ics: []string{"03.120.10"}, ccs: "A00",
		items: []item{
			{zh: "质量管理体系 要求", en: "Quality management systems — Requirements", gb: "19001", intl: "9001"},
			{zh: "质量管理体系 基础和术语", en: "Quality management systems — Fundamentals and vocabulary", gb: "19000", intl: "9000"},
			{zh: "环境管理体系 要求及使用指南", en: "Environmental management systems — Requirements with guidance for use", gb: "24001", intl: "14001"},
			{zh: "职业健康安全管理体系 要求及使用指南", en: "Occupational health and safety management systems — Requirements with guidance for use", gb: "45001", intl: "45001"},
			{zh: "能源管理体系 要求及使用指南", en: "Energy management systems — Requirements with guidance for use", gb: "23331", intl: "50001"},
			{zh: "食品安全管理体系 食品链中各类组织的要求", en: "Food safety management systems — Requirements for any organization in the food chain", gb: "22000", intl: "22000"},
			{zh: "测量管理体系 测量过程和测量设备的要求", en: "Measurement management systems — Requirements for measurement processes and measuring equipment", gb: "19022", intl: "10012"},
			{zh: "合格评定 检测和校准实验室能力的通用要求", en: "Conformity assessment — General requirements for the competence of testing and calibration laboratories", gb: "27025", intl: "ISO/IEC 17025"},
		},
	},
	{
		weight: 4, gb: "GB/T", intl: []string{"ISO"},
		zh: "塑料 {s}的测定", en: "Plastics — Determination of {s}",
		ics: []string{"83.080.01"}, ccs: "G31",
		items: []item{
			{zh: "拉伸性能", en: "tensile properties", gb: "1040.1", intl: "527-1"},
			{zh: "热塑性塑料熔体质量流动速率和熔体体积流动速率", en: "the melt mass-flow rate (MFR) and melt volume-flow rate (MVR) of thermoplastics", gb: "3682.1", intl: "1133-1"},
			{zh: "维卡软化温度", en: "Vicat softening temperature (VST)", gb: "1633", intl: "306"},
			{zh: "弯曲性能", en: "flexural properties", gb: "9341", intl: "178"},
			{zh: "简支梁冲击性能", en: "Charpy impact properties", gb: "1043.1", intl: "179-1"},
			{zh: "密度", en: "density", gb: "1033.1", intl: "1183-1"},
			{zh: "灰分", en: "ash", gb: "9345.1", intl: "3451-1"},
			{zh: "吸水性", en: "water absorption", gb: "1034", intl: "62"},
		},
	},
	{
		weight: 4, gb: "GB/T", intl: []string{"ISO"},
		zh: "金属材料 {s}", en: "Metallic materials — {s}",
		ics: []string{"77.040.10"}, ccs: "H22",
		items: []item{
			{zh: "拉伸试验 第1部分：室温试验方法", en: "Tensile testing — Part 1: Method of test at room temperature", gb: "228.1", intl: "6892-1"},
			{zh: "夏比摆锤冲击试验方法", en: "Charpy pendulum impact test — Part 1: Test method", gb: "229", intl: "148-1"},
			{zh: "布氏硬度试验 第1部分：试验方法", en: "Brinell hardness test — Part 1: Test method", gb: "231.1", intl: "6506-1"},
			{zh: "洛氏硬度试验 第1部分：试验方法", en: "Rockwell hardness test — Part 1: Test method", gb: "230.1", intl: "6508-1"},
			{zh: "维氏硬度试验 第1部分：试验方法", en: "Vickers hardness test — Part 1: Test method", gb: "4340.1", intl: "6507-1"},
			{zh: "弯曲试验方法", en: "Bend test", gb: "232", intl: "7438"},
			{zh: "疲劳试验 轴向力控制方法", en: "Fatigue testing — Axial force-controlled method", gb: "3075", intl: "1099"},
		},
	},
	{
		weight: 3, gb: "GB/T", intl: []string{"ISO", "IEC"},
		zh: "电动汽车 {s}", en: "Electrically propelled road vehicles — {s}",
		ics: []string{"43.120"}, ccs: "T47",
		items: []item{
			{zh: "安全要求", en: "Safety specifications", gb: "18384", intl: "6469-1"},
			{zh: "传导充电系统 第1部分：通用要求", en: "Conductive charging system — Part 1: General requirements", gb: "18487.1"},
			{zh: "能量消耗量和续驶里程试验方法", en: "Test method for energy consumption and range", gb: "18386.1"},
			{zh: "无线充电系统 第1部分：通用要求", en: "Wireless power transfer — Part 1: General requirements", gb: "38775.1"},
			{zh: "术语", en: "Vocabulary", gb: "19596", intl: "8713"},
			{zh: "用动力蓄电池安全要求", en: "Safety requirements for traction batteries", gb: "38031"},
		},
	},
	{
		weight: 3, gb: "GB", intl: []string{"IEC"},
		zh: "{s}", en: "{s}",
		ics: []string{"29.220.30"}, ccs: "K82",
		items: []item{
			{zh: "便携式电子产品用锂离子电池和电池组 安全技术规范", en: "Lithium ion cells and batteries used in portable electronic equipment — Safety technical specification", gb: "31241", intl: "62133-2"},
			{zh: "音视频、信息技术和通信技术设备 第1部分：安全要求", en: "Audio/video, information and communication technology equipment — Part 1: Safety requirements", gb: "4943.1", intl: "62368-1"},
			{zh: "电动自行车用锂离子蓄电池安全技术规范", en: "Safety technical specification for lithium-ion batteries for electric bicycles", gb: "43854"},
			{zh: "工业用锂蓄电池和电池组 安全要求", en: "Secondary lithium cells and batteries for use in industrial applications — Safety requirements", intl: "62619"},
			{zh: "移动电源安全技术规范", en: "Safety technical specification for power banks", gb: "40165"},
		},
	},
	{
		weight: 3, gb: "GB/T", intl: []string{"ISO"},
		zh: "鞋类 {s}", en: "Footwear — {s}",
		ics: []string{"61.060"}, ccs: "Y78",
		items: []item{
			{zh: "整鞋试验方法 耐折性能", en: "Test methods for whole shoe — Flexing durability", gb: "3903.1", intl: "17707"},
			{zh: "外底试验方法 耐磨性能", en: "Test methods for outsoles — Abrasion resistance", gb: "3903.2", intl: "20871"},
			{zh: "帮面试验方法 撕裂强度", en: "Test methods for uppers and lining — Tear strength", intl: "17696"},
			{zh: "鞋类中潜在的关键物质 六价铬的测定", en: "Critical substances potentially present in footwear and footwear components — Determination of chromium VI", intl: "17075-1"},
			{zh: "整鞋试验方法 防滑性能", en: "Test method for slip resistance", intl: "13287"},
		},
	},
	{
		weight: 3, gb: "GB", intl: []string{"ISO", "EN"},
		zh: "{s}", en: "{s}",
		ics: []string{"97.140"}, ccs: "Y80",
		items: []item{
			{zh: "室内装饰装修材料 木家具中有害物质限量", en: "Indoor decorating and refurbishing materials — Limit of harmful substances of wood based furniture", gb: "18584"},
			{zh: "儿童家具通用技术条件", en: "General technical requirements of children's furniture", gb: "28007"},
			{zh: "家具 椅凳类 强度和耐久性的测定", en: "Furniture — Chairs and stools — Determination of strength and durability", intl: "7173"},
			{zh: "家具 柜类 强度和耐久性的测定", en: "Furniture — Storage units — Determination of strength and durability", intl: "7170"},
			{zh: "儿童高椅 第1部分：安全要求", en: "Children's high chairs — Part 1: Safety requirements", intl: "9221-1"},
			{zh: "婴儿床和折叠小床 安全要求", en: "Children's cots and folding cots for domestic use — Safety requirements", intl: "7175-1"},
			{zh: "儿童护理用品 安抚奶嘴 安全要求和试验方法", en: "Child use and care articles — Soothers for babies and young children — Safety requirements and test methods", intl: "1400"},
		},
	},
	{
		weight: 4, gb: "GB/T", intl: []string{"ISO"}, gbBase: "16886", intlBase: []string{"10993"},
		gbPart: ".%d", intlPart: "-%d",
		zh: "医疗器械生物学评价 第{n}部分：{s}", en: "Biological evaluation of medical devices — Part {n}: {s}",
		ics: []string{"11.100.20"}, ccs: "C30",
		items: []item{
			{zh: "风险管理过程中的评价与试验", en: "Evaluation and testing within a risk management process", part: 1},
			{zh: "遗传毒性、致癌性和生殖毒性试验", en: "Tests for genotoxicity, carcinogenicity and reproductive toxicity", part: 3},
			{zh: "与血液相互作用试验选择", en: "Selection of tests for interactions with blood", part: 4},
			{zh: "体外细胞毒性试验", en: "Tests for in vitro cytotoxicity", part: 5},
			{zh: "皮肤致敏试验", en: "Tests for skin sensitization", part: 10},
			{zh: "全身毒性试验", en: "Tests for systemic toxicity", part: 11},
			{zh: "样品制备与参照材料", en: "Sample preparation and reference materials", part: 12},
			{zh: "医疗器械成分的毒理学风险评估", en: "Toxicological risk assessment of medical device constituents", part: 17},
			{zh: "材料化学表征", en: "Chemical characterization of medical device materials within a risk management process", part: 18},
			{zh: "刺激试验", en: "Tests for irritation", part: 23},
		},
	},
	{
		weight: 4, gb: "GB",
		zh: "{s}能效限定值及能效等级", en: "Minimum allowable values of energy efficiency and energy efficiency grades for {s}",
		ics: []string{"27.010"}, ccs: "F01",
		items: []item{
			{zh: "房间空气调节器", en: "room air conditioners", gb: "21455"},
			{zh: "家用电冰箱", en: "household refrigerators", gb: "12021.2"},
			{zh: "室内照明用LED产品", en: "LED products for indoor lighting", gb: "30255"},
			{zh: "电动洗衣机", en: "electric washing machines", gb: "12021.4"},
			{zh: "计算机显示器", en: "computer monitors", gb: "21520"},
			{zh: "家用和类似用途微波炉", en: "household and similar microwave ovens", gb: "24849"},
			{zh: "电动机", en: "electric motors", gb: "18613"},
			{zh: "储水式电热水器", en: "storage electric water heaters", gb: "21519"},
			{zh: "电饭锅", en: "electric rice cookers", gb: "12021.6"},
		},
	},
	{
		weight: 4, gb: "GB/T", intl: []string{"ISO"},
		zh: "水质 {s}", en: "Water quality — {s}",
		ics: []string{"13.060.50"}, ccs: "Z16",
		// items are the analyte × method combinations, built by newGenerator.
	},
	{
		weight: 22, gb: "GB/T", intl: []string{"ISO", "EN"},
		zh: "{s}", en: "{s}",
		ics: []string{"97.040.60"}, ccs: "Y22",
		// items are material × product × aspect combinations, built by newGenerator.
	},
}

// Water quality analytes and methods, combined into titles.
var (
	waterAnalytes = []term{
		{"lead", "铅"}, {"cadmium", "镉"}, {"mercury", "汞"}, {"arsenic", "砷"},
		{"ammonium", "氨氮"}, {"total phosphorus", "总磷"}, {"chemical oxygen demand", "化学需氧量"},
		{"nitrate", "硝酸盐"}, {"fluoride", "氟化物"}, {"chromium(VI)", "六价铬"},
	}
	waterMethods = []term{
		{"Atomic absorption spectrometric method", "原子吸收分光光度法"},
		{"Inductively coupled plasma mass spectrometry (ICP-MS)", "电感耦合等离子体质谱法"},
		{"Ion chromatography", "离子色谱法"},
		{"Spectrometric method", "分光光度法"},
	}
)

// Consumer goods: materials, articles and the aspect a standard covers.
var (
	goodsMaterials = []term{
		{"Stainless steel", "不锈钢"}, {"Polypropylene", "聚丙烯"}, {"Glass", "玻璃"}, {"Ceramic", "陶瓷"},
		{"Bamboo", "竹制"}, {"Silicone rubber", "硅橡胶"}, {"Melamine", "三聚氰胺"}, {"Aluminium alloy", "铝合金"},
		{"Paper", "纸质"},
	}
	goodsArticles = []term{
		{"vacuum flasks", "保温容器"}, {"tableware", "餐具"}, {"cookware", "炊具"}, {"drinking cups", "水杯"},
		{"food storage containers", "食品储存容器"}, {"feeding bottles", "奶瓶"}, {"chopping boards", "砧板"},
		{"drinking straws", "吸管"},
	}
	goodsAspects = []term{
		{"General technical requirements", "通用技术条件"}, {"Safety requirements", "安全要求"},
		{"Test methods", "试验方法"}, {"Determination of migration", "迁移量的测定"},
		{"Heat resistance", "耐热性能"}, {"Marking and packaging", "标志和包装"},
	}
	childArticles = []term{
		{"Children's bicycles", "儿童自行车"}, {"Baby walking frames", "婴儿学步车"},
		{"Children's prams and pushchairs", "儿童推车"}, {"Child restraint systems", "儿童安全座椅"},
		{"Children's cots", "儿童床"}, {"Children's high chairs", "儿童高椅"}, {"Baby carriers", "婴儿背带"},
	}
	childAspects = []term{
		{"Safety requirements", "安全要求"}, {"Test methods", "试验方法"}, {"Marking and instructions", "标识和使用说明"},
		{"Mechanical properties", "机械性能"},
	}
)

// First numbers handed out once real numbers are used up; every anchor
// of a prefix lies below its counter's start, so keys never collide.
var counterStart = map[string]int{
	"GB": 44000, "GB/T": 46000, "ISO": 83000, "IEC": 64000, "ISO/IEC": 30200, "EN": 18000, "EN IEC": 65000,
}

var gbScopes = []string{
	"本文件规定了{s}的技术要求、试验方法、检验规则以及标志、包装、运输和贮存。",
	"本文件规定了{s}的术语和定义、要求和试验方法，适用于在中国境内生产和销售的产品。",
	"本标准规定了{s}的安全要求及相应的检验方法。",
}

var intlScopes = []string{
	"This document specifies requirements and test methods for {s}.",
	"This document gives terms, definitions and requirements relating to {s}, and describes the test methods used to verify them.",
	"This document is applicable to {s} placed on the market, and covers design, marking and instructions for use.",
}
