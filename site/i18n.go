package site

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/stdbridge/stdbridge/templates"
)

// The site speaks Chinese first; English is the one other language.
const (
	langZh = "zh"
	langEn = "en"
)

// messages is every UI string of the site, in both languages. Keys are
// used literally in templates/*.templ and site/*.go; a test checks that
// every key used exists here.
var messages = map[string]struct{ zh, en string }{
	"site.name": {"标准桥 stdbridge", "stdbridge"},

	"nav.skip":       {"跳到正文", "Skip to content"},
	"nav.label":      {"主导航", "Main"},
	"nav.search":     {"搜索", "Search"},
	"nav.mappings":   {"标准对应", "Mappings"},
	"nav.compare":    {"指标比较", "Comparisons"},
	"nav.guides":     {"市场指南", "Market guides"},
	"lang.switch":    {"English", "中文"},
	"footer.about":   {"标准桥汇集外国标准、WTO TBT/SPS 通报及其与中国国家标准的对应关系，供出口企业参考。数据来自公开来源，标注“未核实”的记录尚未经人工核对原始资料。", "stdbridge brings together foreign standards, WTO TBT/SPS notifications and how they map to Chinese national standards, for exporters. Data comes from public sources; records marked “unverified” have not been checked against a primary source."},
	"footer.api":     {"JSON 接口", "JSON API"},
	"footer.sources": {"数据来源与更新状态", "Sources and crawl status"},

	"sources.title":           {"数据来源与更新状态", "Sources and crawl status"},
	"sources.intro":           {"本站定期从以下来源抓取通报和标准。下表是每个来源最近一次抓取的结果；跳过的页面和记录列在表下，附原因。", "The site gathers notifications and standards from these sources on a schedule. The table shows each source's latest crawl; pages and records it skipped are listed below it, with the reason."},
	"sources.none":            {"尚未抓取任何来源。运行 stdbridge crawl，或以 -crawl-every 启动服务。", "No source has been crawled yet. Run stdbridge crawl, or start the server with -crawl-every."},
	"sources.source":          {"来源", "Source"},
	"sources.status":          {"状态", "Status"},
	"sources.started":         {"开始时间", "Started"},
	"sources.fetched":         {"已获取", "Fetched"},
	"sources.notmodified":     {"未变化", "Not modified"},
	"sources.new":             {"新增", "New"},
	"sources.updated":         {"更新", "Updated"},
	"sources.failed":          {"失败", "Failed"},
	"sources.run.done":        {"完成", "Done"},
	"sources.run.failed":      {"出错停止", "Failed"},
	"sources.run.interrupted": {"被中断（下次继续）", "Interrupted (resumes next time)"},
	"sources.run.running":     {"进行中", "Running"},
	"sources.errors":          {"%s：跳过的页面和记录", "%s: skipped pages and records"},
	"sources.moreerrors":      {"另有 %d 条未列出。", "%d more not listed."},
	"source.eping":            {"WTO ePing 通报", "WTO ePing notifications"},
	"source.gb":               {"全国标准信息公共服务平台（国家标准）", "China's national standards platform (GB)"},
	"source.iso":              {"ISO 标准目录（开放数据）", "ISO catalogue (open data)"},
	"source.tris":             {"欧盟 TRIS 技术法规通报", "EU TRIS notifications"},
	"source.feed":             {"RSS/Atom 订阅源", "RSS/Atom feed"},

	"home.title":         {"出口标准与技术法规知识库", "Standards and technical regulations for exporters"},
	"home.intro":         {"查找目标市场的标准、技术法规和 WTO 通报，了解它们与 GB 国家标准的对应关系和指标差异。", "Find the standards, technical regulations and WTO notifications of your target market, and how they correspond to and differ from Chinese GB standards."},
	"home.counts":        {"收录情况", "What the knowledge base holds"},
	"home.lastChange":    {"最近更新：%s", "Last updated: %s"},
	"home.open":          {"正在征求意见的通报", "Notifications open for comment"},
	"home.openCaption":   {"评议期尚未结束的通报，截止日期近的在前", "Notifications whose comment period is still running, closing soonest first"},
	"home.noneOpen":      {"目前没有正在征求意见的通报。", "No notification is open for comment right now."},
	"home.latest":        {"最新通报", "Latest notifications"},
	"home.latestCaption": {"最新分发的通报", "Most recently distributed notifications"},
	"home.noneLatest":    {"还没有收录通报。", "No notifications yet."},
	"home.guides":        {"市场指南", "Market guides"},
	"home.compare":       {"指标比较", "Comparisons"},
	"home.allMappings":   {"全部标准对应关系", "All standard mappings"},

	"search.title":          {"搜索", "Search"},
	"search.titleQ":         {"搜索：%s", "Search: %s"},
	"search.label":          {"搜索标准、通报、法规", "Search standards, notifications, regulations"},
	"search.placeholder":    {"标准号、通报编号、HS 编码或关键词", "Standard number, WTO symbol, HS code or keywords"},
	"search.button":         {"搜索", "Search"},
	"search.kind":           {"类型", "Kind"},
	"search.allKinds":       {"全部类型", "All kinds"},
	"search.tips":           {"可以这样搜索", "Things to try"},
	"search.tipsText":       {"输入标准号（任意写法均可，如 GB/T19001-2016）、WTO 通报编号、HS 编码或中英文关键词。", "Type a standard number in any spelling (such as GB/T19001-2016), a WTO symbol, an HS code, or keywords in Chinese or English."},
	"search.none":           {"没有找到与“%s”相关的记录。", "Nothing found for “%s”."},
	"search.count":          {"共 %d 条结果，当前显示第 %d–%d 条", "%d results, showing %d–%d"},
	"search.pages":          {"翻页", "Pages"},
	"search.prev":           {"上一页", "Previous"},
	"search.next":           {"下一页", "Next"},
	"search.pageOf":         {"第 %d 页，共 %d 页", "Page %d of %d"},
	"search.results":        {"搜索结果", "Results"},
	"search.noneFiltered":   {"没有符合筛选条件的记录。", "No records match the filters."},
	"search.clear":          {"清除全部筛选", "Clear all filters"},
	"search.countRelaxed":   {"%d 条结果匹配全部搜索词；当前显示第 %d–%d 条，含部分匹配的结果", "%d results match every word; showing %d–%d, partial matches included"},
	"search.sort":           {"排序", "Sort by"},
	"search.sortRelevance":  {"相关度", "Relevance"},
	"search.sortDate":       {"日期（最新在前）", "Date (newest first)"},
	"search.sortDeadline":   {"评议截止日期（最近在前）", "Comment deadline (soonest first)"},
	"search.partialHeading": {"部分匹配的结果", "Partial matches"},
	"search.relaxed":        {"完全匹配的结果太少，以下结果匹配了除一个词以外的全部搜索词。", "Too few records match every word; the results below match all words but one."},
	"search.partial":        {"部分匹配", "Partial match"},
	"search.refine":         {"筛选", "Refine"},
	"search.selected":       {"已选的筛选条件", "Selected filters"},
	"search.remove":         {"移除筛选：", "Remove filter: "},
	"search.selectedValue":  {"已选：", "Selected: "},
	"search.openOnly":       {"正在征求意见的通报", "Open for comment"},
	"search.dates":          {"日期范围", "Date range"},
	"search.from":           {"起始日期", "From"},
	"search.to":             {"结束日期", "To"},
	"search.apply":          {"应用", "Apply"},
	"search.more":           {"更多（%d）", "%d more"},
	"search.chip":           {"%s：%s", "%s: %s"},

	"facet.kind":       {"类型", "Kind"},
	"facet.member":     {"WTO 成员", "WTO member"},
	"facet.area":       {"协定", "Agreement"},
	"facet.type":       {"通报类型", "Notification type"},
	"facet.hs_chapter": {"HS 章", "HS chapter"},
	"facet.hs_heading": {"HS 品目", "HS heading"},
	"facet.ics_field":  {"ICS 领域", "ICS field"},
	"facet.ics_group":  {"ICS 组", "ICS group"},
	"facet.publisher":  {"发布机构", "Publisher"},
	"facet.status":     {"状态", "Status"},
	"facet.year":       {"年份", "Year"},

	"area.TBT":  {"TBT（技术性贸易壁垒）", "TBT (technical barriers to trade)"},
	"area.SPS":  {"SPS（卫生与植物卫生措施）", "SPS (sanitary and phytosanitary measures)"},
	"area.TRIS": {"TRIS（欧盟技术法规信息系统通报）", "TRIS (EU technical regulation notifications)"},

	"kind.standard":     {"标准", "Standard"},
	"kind.notification": {"通报", "Notification"},
	"kind.regulation":   {"法规", "Regulation"},
	"kind.mapping":      {"对应关系", "Mapping"},
	"kind.requirement":  {"指标", "Requirement"},

	"status.current":   {"现行", "Current"},
	"status.upcoming":  {"即将实施", "Upcoming"},
	"status.withdrawn": {"废止", "Withdrawn"},

	"degree.IDT":     {"等同采用", "Identical"},
	"degree.MOD":     {"修改采用", "Modified"},
	"degree.NEQ":     {"非等效采用", "Not equivalent"},
	"degree.unknown": {"程度未知", "Degree unknown"},

	"record.sources":    {"资料来源", "Sources"},
	"record.noSources":  {"未记录来源。", "No sources recorded."},
	"record.verified":   {"已核实", "Verified"},
	"record.unverified": {"未核实", "Unverified"},

	"std.number":          {"标准号", "Number"},
	"std.title":           {"名称", "Title"},
	"std.titleZh":         {"中文名称", "Chinese title"},
	"std.titleEn":         {"英文名称", "English title"},
	"std.titleOriginal":   {"原文名称", "Original title"},
	"std.publisher":       {"发布机构/代号", "Publisher"},
	"std.status":          {"状态", "Status"},
	"std.issued":          {"发布日期", "Issued"},
	"std.implemented":     {"实施日期", "Implemented"},
	"std.withdrawnOn":     {"废止日期", "Withdrawn on"},
	"std.ics":             {"ICS 分类", "ICS"},
	"std.ccs":             {"中国标准分类号", "CCS"},
	"std.scope":           {"范围", "Scope"},
	"std.url":             {"发布机构页面", "Publisher's page"},
	"std.mandatory":       {"强制性国家标准", "Mandatory national standard"},
	"std.recommended":     {"推荐性国家标准", "Recommended national standard"},
	"std.guidance":        {"国家标准化指导性技术文件", "National guidance document"},
	"std.adopts":          {"采用的国际/国外标准", "Standards it adopts"},
	"std.adoptedBy":       {"采用本标准的标准", "Standards adopting it"},
	"std.degree":          {"一致性程度", "Degree"},
	"std.history":         {"代替关系", "Replacement history"},
	"std.replaces":        {"代替", "Replaces"},
	"std.replacedBy":      {"被代替", "Replaced by"},
	"std.regulations":     {"引用本标准的法规", "Regulations referencing it"},
	"std.mappings":        {"对应的标准", "Mappings"},
	"std.mappingsCaption": {"%s 的对应关系", "Mappings of %s"},
	"std.noRecord":        {"知识库中还没有这项标准的记录，下面列出引用它的记录。", "The knowledge base has no record of this standard yet; the records referring to it are listed below."},
	"std.badNumber":       {"“%s”不是可以识别的标准号。", "“%s” is not a standard number we can read."},

	"ntf.symbol":           {"通报编号", "Symbol"},
	"ntf.member":           {"通报成员", "Member"},
	"ntf.title":            {"标题", "Title"},
	"ntf.area":             {"协定", "Agreement"},
	"ntf.type":             {"通报类型", "Type"},
	"ntf.agency":           {"负责机构", "Agency responsible"},
	"ntf.distributed":      {"分发日期", "Distributed"},
	"ntf.deadline":         {"评议截止日期", "Comment deadline"},
	"ntf.proposedAdoption": {"拟批准日期", "Proposed date of adoption"},
	"ntf.entryIntoForce":   {"拟生效日期", "Proposed entry into force"},
	"ntf.titleOriginal":    {"原文标题", "Title as notified"},
	"ntf.titleZh":          {"中文标题", "Chinese title"},
	"ntf.description":      {"内容概要", "Description"},
	"ntf.products":         {"涵盖产品", "Products covered"},
	"ntf.hs":               {"HS 编码", "HS codes"},
	"ntf.ics":              {"ICS 分类", "ICS"},
	"ntf.objectives":       {"目的和理由", "Objectives"},
	"ntf.keywords":         {"关键词", "Keywords"},
	"ntf.regions":          {"涉及地区", "Regions affected"},
	"ntf.standards":        {"相关国际标准", "Relevant international standards"},
	"ntf.documents":        {"通报文件", "Documents"},
	"ntf.link":             {"原始通报", "Original notification"},
	"ntf.linkText":         {"在 WTO 网站查看原文", "View the original on the WTO site"},
	"ntf.chain":            {"同一通报的系列文件", "Documents of this notification"},
	"ntf.current":          {"当前", "This one"},
	"ntf.openUntil":        {"征求意见至 %s，", "Open for comment until %s: "},
	"ntf.closed":           {"评议期已于 %s 结束。", "The comment period ended on %s."},
	"ntf.daysLeft":         {"还剩 %d 天", "%d days left"},
	"ntf.lastDay":          {"今天截止", "last day today"},
	"ntf.badKey":           {"“%s”不是可以识别的通报编号。", "“%s” is not a notification symbol we can read."},

	"ntype.regular":     {"常规通报", "Regular"},
	"ntype.addendum":    {"增补", "Addendum"},
	"ntype.corrigendum": {"勘误", "Corrigendum"},
	"ntype.revision":    {"修订", "Revision"},
	"ntype.supplement":  {"补充", "Supplement"},
	"ntype.emergency":   {"紧急通报", "Emergency"},

	"reg.titleZh":             {"中文名称", "Chinese title"},
	"reg.titleEn":             {"英文名称", "English title"},
	"reg.jurisdiction":        {"管辖方", "Jurisdiction"},
	"reg.type":                {"类型", "Type"},
	"reg.adopted":             {"通过日期", "Adopted"},
	"reg.inForce":             {"生效日期", "In force"},
	"reg.status":              {"状态", "Status"},
	"reg.status.in_force":     {"现行有效", "In force"},
	"reg.status.proposed":     {"草案", "Proposed"},
	"reg.status.repealed":     {"已废止", "Repealed"},
	"reg.summary":             {"概要", "Summary"},
	"reg.url":                 {"官方文本", "Official text"},
	"reg.references":          {"引用的标准", "Standards referenced"},
	"reg.noReferences":        {"未记录引用的标准。", "No referenced standards recorded."},
	"req.heading":             {"技术指标", "Requirements"},
	"req.compare":             {"与其他来源比较", "Compare with other sources"},
	"req.parameter":           {"项目", "Parameter"},
	"req.scope":               {"适用范围", "Scope"},
	"req.limit":               {"限量", "Limit"},
	"req.method":              {"检测方法", "Test method"},
	"req.clause":              {"条款", "Clause"},
	"req.methodShort":         {"方法：%s", "method: %s"},
	"req.clauseShort":         {"条款：%s", "clause: %s"},
	"cmp.notDetected":         {"不得检出", "not detected"},
	"cmp.prohibited":          {"禁用", "prohibited"},
	"mappings.title":          {"标准对应关系", "Standard mappings"},
	"mappings.intro":          {"国外或国际标准与中国国家标准之间的对应关系，按国外标准的发布机构分组。", "How foreign and international standards correspond to Chinese national standards, grouped by the foreign publisher."},
	"mappings.none":           {"还没有收录对应关系。", "No mappings yet."},
	"mappings.groupCaption":   {"%s 标准的对应关系", "Mappings of %s standards"},
	"mapping.title":           {"%s 与 %s", "%s and %s"},
	"mapping.foreign":         {"国外/国际标准", "Foreign standard"},
	"mapping.domestic":        {"中国标准", "Chinese standard"},
	"mapping.degree":          {"一致性程度", "Degree"},
	"mapping.status":          {"审核状态", "Review status"},
	"mapping.details":         {"详情", "Details"},
	"mapping.view":            {"查看", "View"},
	"mapping.provenance":      {"依据", "Provenance"},
	"mapping.deviations":      {"技术差异", "Technical deviations"},
	"mapping.noDeviations":    {"未记录技术差异。", "No deviations recorded."},
	"mapping.status.approved": {"已审核", "Approved"},
	"mapping.status.proposed": {"待审核", "Proposed"},
	"mapping.status.rejected": {"已否决", "Rejected"},
	"mapping.missing":         {"请同时给出国外标准号（foreign）和中国标准号（domestic）。", "Give both the foreign and the domestic standard number."},

	"compare.title":     {"指标比较", "Comparisons"},
	"compare.intro":     {"同一主题下，不同标准和法规对同一项目的要求并列比较。", "Requirements of different standards and regulations on the same parameter, side by side."},
	"compare.none":      {"还没有可比较的指标。", "No comparisons yet."},
	"compare.topicMeta": {"%d 个来源，%d 项指标", "%d sources, %d rows"},
	"compare.caption":   {"“%s”各来源的要求", "Requirements of each source on “%s”"},
	"compare.plain":     {"下表按项目和适用范围并列列出各来源的要求，原样照录，尚未判断宽严。", "The table lists each source's requirement by parameter and scope as written; it does not yet judge which is stricter."},
	"compare.noValue":   {"该来源未规定", "not set by this source"},
	"compare.judged": {"下表按项目和适用范围列出所选来源的要求，换算为同一单位后标出宽严（mg/kg、ppm 与 µg/g 相同；单独的 % 与 mg/kg 比较时按质量分数换算）。各来源的检测方法和样品处理可能不同，数值相同不等于结果可以互换，请以原文为准。",
		"The table lists the chosen sources' requirements by parameter and scope and marks which is stricter after converting to one unit (mg/kg, ppm and µg/g are the same; a bare % is read as a mass fraction beside mg/kg). Test methods and sample preparation may differ between sources, so equal numbers do not make results interchangeable: check the texts."},
	"compare.choose":     {"选择要比较的来源", "Sources to compare"},
	"compare.chooseHint": {"选择两个或更多来源才会标出宽严；都不选则比较全部来源。", "Choose two or more sources to see which is stricter; choosing none compares them all."},
	"compare.submit":     {"比较", "Compare"},
	"compare.download":   {"下载本表：", "Download this table:"},
	"compare.csv":        {"CSV", "CSV"},
	"compare.xlsx":       {"Excel（XLSX）", "Excel (XLSX)"},
	"compare.converted":  {"折合 %s", "= %s"},
	"compare.legend":     {"标记说明", "What the marks mean"},

	"compare.mark.stricter":      {"较严", "stricter"},
	"compare.mark.looser":        {"较宽", "looser"},
	"compare.mark.equal":         {"相同", "equal"},
	"compare.mark.only":          {"仅此来源", "only source"},
	"compare.mark.absent":        {"未规定", "absent"},
	"compare.mark.notComparable": {"不可比", "not comparable"},

	"compare.legend.stricter":      {"该行可比较的限量中最严的：最高限量最低，或最低限量最高；“不得检出”和“禁用”算作最严。并列最严的都标“较严”。", "The strictest comparable limit on the row: the lowest maximum, or the highest minimum; “not detected” and “prohibited” count as strictest. Ties share the mark."},
	"compare.legend.looser":        {"比该行最严的限量宽。", "Less strict than the strictest limit on the row."},
	"compare.legend.equal":         {"该行可比较的限量换算单位后全部相同。", "All comparable limits on the row are the same, after unit conversion."},
	"compare.legend.only":          {"该行只有这一个可比较的限量，无从比较。", "The only comparable limit on the row: there is nothing to set it against."},
	"compare.legend.absent":        {"该来源没有这一项目和适用范围的要求，或本站尚未收录。", "The source has no requirement for this parameter and scope, or the site has not recorded one."},
	"compare.legend.notComparable": {"无法与该行其他限量比较：单位不能换算、限量不是单一数值，或限量类型不同（如最高限量与最低限量）。", "Cannot be set against the row's other limits: a unit that does not convert, a limit that is not a single number, or another kind of limit (a minimum among maximums)."},

	"compare.why.value": {"限量不是单一数值", "the limit is not a single number"},
	"compare.why.unit":  {"单位不能换算", "the unit does not convert"},
	"compare.why.kind":  {"限量类型不同（最高、最低或等于）", "another kind of limit (maximum, minimum or exact)"},
	"compare.why.exact": {"规定值不同，无宽严之分", "different required values: neither is stricter"},

	"compare.badSource":       {"“%s”不是主题“%s”的来源。", "“%s” is not a source of the topic “%s”."},
	"compare.noTopic":         {"请用 topic 参数给出要导出的主题。", "Give the topic to export in the topic parameter."},
	"compare.col.parameter":   {"项目（英文）", "Parameter"},
	"compare.col.parameterZh": {"项目（中文）", "Parameter (Chinese)"},
	"compare.col.limit":       {"%s 限量", "%s limit"},
	"compare.col.unit":        {"%s 单位", "%s unit"},
	"compare.col.mark":        {"%s 判断", "%s mark"},
	"compare.markWhy":         {"%s（%s）", "%s (%s)"},

	"guides.title":    {"市场指南", "Market guides"},
	"guides.intro":    {"按目标市场和行业整理的出口要求概览。", "Overviews of export requirements by market and sector."},
	"guides.none":     {"还没有指南。", "No guides yet."},
	"guides.markets":  {"市场：", "Markets: "},
	"guides.fallback": {"这份指南还没有当前语言的版本，下面显示原文。", "This guide has not been translated yet; it is shown in its original language."},

	"error.home":             {"返回首页", "Back to the home page"},
	"error.notFound":         {"找不到页面", "Page not found"},
	"error.notFoundText":     {"没有找到您要的记录或页面。请检查地址，或使用搜索。", "The record or page you asked for does not exist. Check the address or use the search."},
	"error.badRequest":       {"请求有误", "Bad request"},
	"error.server":           {"服务器出错", "Server error"},
	"error.serverText":       {"处理请求时出错，我们已记录此问题。请稍后再试。", "Something went wrong on our side and it has been logged. Please try again later."},
	"error.methodNotAllowed": {"不支持的请求方法", "Method not allowed"},
	"error.kind":             {"未知的类型“%s”。", "Unknown kind “%s”."},
	"error.page":             {"页码“%s”无效。", "Invalid page number “%s”."},
	"error.queryTooLong":     {"搜索词太长（最多 %d 个字符）。", "The query is too long (at most %d characters)."},
	"error.filterValue":      {"%s：“%s”不是有效的值。", "%s: “%s” is not a valid value."},
	"error.valueTooLong":     {"%s：值太长（最多 %d 个字符）。", "%s: a value is too long (at most %d characters)."},
	"error.tooManyValues":    {"%s：最多只能选择 %d 个值。", "%s: at most %d values can be selected."},
	"error.date":             {"日期“%s”无效，请使用 YYYY-MM-DD、YYYY-MM 或 YYYY 格式。", "Invalid date “%s”: use YYYY-MM-DD, YYYY-MM or YYYY."},
	"error.dateOrder":        {"起始日期 %s 晚于结束日期 %s。", "The start date %s is after the end date %s."},
	"error.open":             {"“%s”不是有效的 open 值（应为 1 或 0）。", "Invalid value “%s” for open (use 1 or 0)."},
	"error.sort":             {"未知的排序方式“%s”。", "Unknown sort order “%s”."},
	"ntf.equivalents":        {"引用标准的国家标准对应", "GB equivalents of the cited standards"},
	"ntf.citedStandard":      {"引用的标准", "Cited standard"},
	"ntf.gbEquivalent":       {"对应国家标准", "GB equivalent"},
	"ntf.differences":        {"主要差异", "Key differences"},
	"ntf.compareLimits":      {"逐项比较指标限值", "Compare the limits indicator by indicator"},
	"ntf.suggested":          {"可能相关的国家标准", "GB standards that may be related"},
	"ntf.suggestedNote":      {"由标题推断，未经人工核对，仅供参考。", "Inferred from the title, not checked by staff: a lead, not a finding."},
	"std.suggested":          {"可能对应的标准", "Standards that may correspond"},
	"std.suggestedNote":      {"按证据排序：采标记录和已审核的对应关系为事实，其余由编号、ICS 分类和标题推断。", "Ranked by evidence: adoption records and reviewed mappings are facts; the rest is inferred from numbers, ICS codes and titles."},
	"suggest.recorded":       {"有记录", "recorded"},
	"suggest.inferred":       {"推断", "inferred"},
	"suggest.adoption":       {"采标记录：%s 采用 %s（%s）", "adoption record: %s adopts %s (%s)"},
	"suggest.mapping":        {"对应关系：%s ~ %s（%s，%s）", "mapping: %s ~ %s (%s, %s)"},
	"suggest.approved":       {"已审核", "approved"},
	"suggest.proposed":       {"待审核", "proposed"},
	"suggest.number":         {"国家标准编号沿用国际标准编号", "the GB number carries the foreign one"},
	"suggest.ics":            {"同属 ICS %s", "same ICS %s"},
	"suggest.title":          {"英文标题相近", "similar English titles"},
	"suggest.titleZh":        {"中文标题含对应术语", "the Chinese title has the same terms"},
	"suggest.edition":        {"版本年份相符", "edition years fit"},
	"suggest.cited":          {"经 %s", "through %s"},
	"suggest.national":       {"国家标准", "national standard"},
	"login.title":            {"工作人员登录", "Staff sign-in"},
	"login.name":             {"用户名", "User name"},
	"login.password":         {"密码", "Password"},
	"login.submit":           {"登录", "Sign in"},
	"login.logout":           {"退出登录", "Sign out"},
	"login.bad":              {"用户名或密码不正确。", "Unknown user name or wrong password."},
	"login.disabled":         {"该账户已停用。", "This account is disabled."},
	"error.unauthorized":     {"请先登录", "Please sign in"},
	"error.forbidden":        {"无权执行此操作", "Not allowed"},
	"curate.title":           {"标准对应关系维护", "Mapping curation"},
	"curate.signedIn":        {"已登录：%s（%s）", "Signed in as %s (%s)"},
	"curate.new":             {"新增对应关系", "Propose a mapping"},
	"curate.edit":            {"修改对应关系 %s ~ %s", "Edit the mapping %s ~ %s"},
	"curate.queue":           {"待审核的对应关系", "Mappings waiting for review"},
	"curate.queueEmpty":      {"没有待审核的对应关系。", "Nothing waits for review."},
	"curate.fix":             {"请改正以下问题：", "Please correct:"},
	"curate.deviations":      {"技术差异（Markdown）", "Deviations (Markdown)"},
	"curate.provenance":      {"依据（如标准前言）", "Provenance (e.g. the standard's foreword)"},
	"curate.note":            {"修改说明（必填）", "Why (required)"},
	"curate.propose":         {"提交审核", "Submit for review"},
	"curate.status":          {"状态：", "Status:"},
	"curate.editLink":        {"修改", "Edit"},
	"curate.comment":         {"审核意见（驳回时必填）", "Comment (required to reject)"},
	"curate.approve":         {"批准", "Approve"},
	"curate.reject":          {"驳回", "Reject"},
	"curate.history":         {"版本历史", "History"},
	"curate.version":         {"第 %s 版", "Version %s"},
	"curate.noteRequired":    {"请说明修改理由。", "Say why you make this change."},
	"curate.rejectWhy":       {"驳回时请写明理由。", "Say why you reject it."},
	"curate.badDecision":     {"请选择批准或驳回。", "Choose approve or reject."},
	"curate.ownChange":       {"不能审核自己提交的修改，请由其他审核员审核。", "You cannot review your own change: another reviewer must."},
	"curate.approved":        {"审核通过", "approved"},
	"curate.topic":           {"指标比较主题（如 toy-element-migration）", "Comparison topic (e.g. toy-element-migration)"},
	"curate.indicators":      {"指标（每行一项）", "Indicators (one a line)"},
	"curate.indicatorsHelp":  {"格式：项目 | 适用范围 | 单位 | 国外限值 | 国内限值 | 检测方法，例如：铅 | 玩具材料 | mg/kg | ≤ 23 | ≤ 90 | EN 71-3。批准后成为指标比较的数据。", "Format: parameter | scope | unit | foreign limit | domestic limit | method, e.g. lead | toy material | mg/kg | ≤ 23 | ≤ 90 | EN 71-3. Once approved they join the comparisons."},

	"nav.alerts":                 {"订阅提醒", "Alerts"},
	"alerts.title":               {"通报订阅提醒", "Notification alerts"},
	"alerts.intro":               {"按您关心的成员、产品（HS/ICS 编码）和关键词订阅 WTO TBT/SPS 通报，有新通报时通过邮件、Webhook 或 Atom 订阅源通知您，并可在评议截止前提醒。", "Subscribe to WTO TBT/SPS notifications by the members, products (HS/ICS codes) and keywords you care about: new notifications reach you by e-mail, webhook or Atom feed, with a reminder before the comment deadline if you wish."},
	"alerts.howMatch":            {"不同类别的条件须同时满足；同一类别内填写多个值，满足其一即可。", "Conditions of different kinds must all hold; several values of one kind are alternatives."},
	"alerts.howConfirm":          {"提交后我们会发送一封确认邮件，点击其中的链接后订阅才会生效。", "We send a confirmation e-mail; the subscription starts once you follow its link."},
	"alerts.howManage":           {"每封提醒邮件都附有管理和退订链接，无需注册账户。", "Every alert carries links to manage or end it: no account needed."},
	"alerts.fix":                 {"请改正下面标出的问题。", "Please correct the problems marked below."},
	"alerts.email":               {"邮箱地址", "E-mail address"},
	"alerts.label":               {"订阅名称（可选）", "Name (optional)"},
	"alerts.labelHint":           {"例如“欧盟玩具”，会出现在邮件标题中。", "For example “EU toys”; it appears in the e-mails' subject."},
	"alerts.conditions":          {"订阅条件", "What to alert on"},
	"alerts.conditionsHint":      {"至少填写一项（排除关键词除外）。多个值用逗号或空格分隔。", "Fill in at least one (excluded keywords aside). Separate several values with commas or spaces."},
	"alerts.members":             {"WTO 成员", "WTO members"},
	"alerts.membersHint":         {"成员代码或名称，如 EU、USA、日本。", "Member codes or names, e.g. EU, USA, Japan."},
	"alerts.areas":               {"领域", "Areas"},
	"alerts.types":               {"通报类型", "Notification types"},
	"alerts.hs":                  {"HS 编码", "HS codes"},
	"alerts.hsHint":              {"2 到 10 位数字的前缀，如 9503 或 851660。", "Prefixes of 2 to 10 digits, e.g. 9503 or 851660."},
	"alerts.ics":                 {"ICS 编码", "ICS codes"},
	"alerts.icsHint":             {"前缀，如 97.200.50。", "Prefixes, e.g. 97.200.50."},
	"alerts.objectives":          {"目标", "Objectives"},
	"alerts.objectivesHint":      {"通报所述目标，如 Protection of human health，多个用逗号分隔。", "As notifications state them, e.g. Protection of human health; separate several with commas."},
	"alerts.keywords":            {"关键词", "Keywords"},
	"alerts.keywordsHint":        {"中文或英文，用逗号分隔，出现任一即提醒，如 玩具, toys。", "Chinese or English, separated by commas; any of them alerts, e.g. 玩具, toys."},
	"alerts.exclude":             {"排除关键词", "Excluded keywords"},
	"alerts.excludeHint":         {"出现这些词的通报不提醒。", "Notifications with any of these words are left out."},
	"alerts.followed":            {"跟踪的通报", "Followed notifications"},
	"alerts.followedHint":        {"WTO 文号，如 G/TBT/N/EU/1123：其后续的增补、勘误和修订都会提醒。", "WTO symbols such as G/TBT/N/EU/1123: its addenda, corrigenda and revisions alert you."},
	"alerts.follow":              {"跟踪此通报的后续文件", "Follow this notification"},
	"alerts.frequency":           {"发送方式", "How often"},
	"alerts.freq.immediate":      {"即时提醒", "As they come"},
	"alerts.freq.daily":          {"每日汇总", "Daily digest"},
	"alerts.freq.weekly":         {"每周汇总", "Weekly digest"},
	"alerts.remind":              {"评议截止提醒（提前天数）", "Comment-deadline reminder (days before)"},
	"alerts.remindHint":          {"0 表示不提醒，最多 90 天。", "0 for none, at most 90."},
	"alerts.remindNone":          {"不提醒", "None"},
	"alerts.remindDays":          {"截止前 %d 天", "%d days before the deadline"},
	"alerts.channel":             {"接收渠道", "Channel"},
	"alerts.channel.email":       {"邮件", "E-mail"},
	"alerts.channel.webhook":     {"Webhook", "Webhook"},
	"alerts.webhookURL":          {"Webhook 地址", "Webhook URL"},
	"alerts.webhookHint":         {"仅在选择 Webhook 时填写，须为 https 地址。确认邮件仍发往上面的邮箱。", "Only for the webhook channel; an https URL. The confirmation still goes to the address above."},
	"alerts.webhookSecret":       {"Webhook 签名密钥", "Webhook signing secret"},
	"alerts.lang":                {"邮件语言", "Language of the e-mails"},
	"alerts.subscribe":           {"订阅", "Subscribe"},
	"alerts.linkTitle":           {"已经订阅过？", "Already subscribed?"},
	"alerts.linkIntro":           {"填写您的邮箱，我们会把管理订阅的链接发给您。", "Give your address and we send you the link that manages your subscriptions."},
	"alerts.linkSend":            {"发送管理链接", "Send the manage link"},
	"alerts.linkSentTitle":       {"请查收邮件", "Check your inbox"},
	"alerts.linkSentText":        {"如果这个地址订阅过通报提醒，我们已向它发送了管理链接。", "If this address has notification alerts, we have sent it the manage link."},
	"alerts.back":                {"返回订阅提醒", "Back to alerts"},
	"alerts.checkInbox":          {"请查收确认邮件", "Check your inbox"},
	"alerts.checkInboxText":      {"我们已向您填写的地址发送了一封确认邮件。点击邮件中的链接后，订阅才会生效。", "We have sent a confirmation e-mail to the address you gave. The subscription starts once you follow its link."},
	"alerts.checkInboxSpam":      {"几分钟内没有收到？请查看垃圾邮件文件夹。", "Nothing within a few minutes? Look in the spam folder."},
	"alerts.confirmTitle":        {"确认订阅", "Confirm the subscription"},
	"alerts.confirmText":         {"点击下面的按钮，确认用这个邮箱接收通报提醒。", "Press the button to confirm that this address receives notification alerts."},
	"alerts.confirmButton":       {"确认订阅", "Confirm"},
	"alerts.confirmedTitle":      {"订阅已确认", "Subscription confirmed"},
	"alerts.confirmedText":       {"从现在起，符合条件的新通报会通知您。也可以用阅读器订阅下面的 Atom 订阅源。", "From now on, new notifications that match will reach you. You can also follow the Atom feed below in a reader."},
	"alerts.feed":                {"Atom 订阅源", "Atom feed"},
	"alerts.feedIs":              {"Atom 订阅源：", "Atom feed:"},
	"alerts.manageLink":          {"管理我的订阅", "Manage my subscriptions"},
	"alerts.endedTitle":          {"此订阅已退订", "This subscription has ended"},
	"alerts.endedText":           {"该订阅已被退订，确认链接不再有效。", "It was unsubscribed; its confirmation link no longer applies."},
	"alerts.subscribeAgain":      {"重新订阅", "Subscribe again"},
	"alerts.unsubscribeTitle":    {"退订通报提醒", "Unsubscribe"},
	"alerts.unsubscribeText":     {"点击下面的按钮，停止接收这项订阅的提醒。同一邮箱的其他订阅不受影响。", "Press the button to stop this subscription's alerts. Other subscriptions of the address stay."},
	"alerts.unsubscribe":         {"退订", "Unsubscribe"},
	"alerts.unsubscribedTitle":   {"已退订", "Unsubscribed"},
	"alerts.unsubscribedText":    {"您将不再收到这项订阅的提醒。", "You will receive no more alerts of this subscription."},
	"alerts.manageTitle":         {"管理订阅", "Manage alerts"},
	"alerts.manageIntro":         {"%s 的通报提醒订阅。", "The notification alerts of %s."},
	"alerts.none":                {"这个地址没有订阅。", "This address has no subscriptions."},
	"alerts.addAnother":          {"新增订阅", "Add a subscription"},
	"alerts.unnamed":             {"订阅 %d", "Subscription %d"},
	"alerts.statusIs":            {"状态：", "Status:"},
	"alerts.status.pending":      {"待确认", "Awaiting confirmation"},
	"alerts.status.active":       {"生效中", "Active"},
	"alerts.status.paused":       {"已暂停", "Paused"},
	"alerts.status.unsubscribed": {"已退订", "Unsubscribed"},
	"alerts.pause":               {"暂停", "Pause"},
	"alerts.resume":              {"恢复", "Resume"},
	"alerts.edit":                {"修改条件和设置", "Change conditions and settings"},
	"alerts.save":                {"保存修改", "Save"},
	"alerts.sentTitle":           {"发送记录", "What was sent and when"},
	"alerts.sentNone":            {"还没有发送任何提醒。", "Nothing sent yet."},
	"alerts.col.notification":    {"通报", "Notification"},
	"alerts.col.kind":            {"类别", "Kind"},
	"alerts.col.state":           {"状态", "State"},
	"alerts.col.due":             {"应发送时间", "Due"},
	"alerts.col.sent":            {"发送时间", "Sent"},
	"alerts.col.attempts":        {"失败次数", "Failed attempts"},
	"alerts.col.relevant":        {"相关性", "Relevance"},
	"alerts.col.subscription":    {"订阅", "Subscription"},
	"alerts.col.error":           {"最近错误", "Last error"},
	"alerts.col.retry":           {"操作", "Action"},
	"alerts.col.message":         {"邮件编号", "Message"},
	"alerts.kind.alert":          {"新通报", "New notification"},
	"alerts.kind.reminder":       {"截止提醒", "Deadline reminder"},
	"alerts.state.pending":       {"待发送", "Pending"},
	"alerts.state.sent":          {"已发送", "Sent"},
	"alerts.state.dead":          {"发送失败", "Failed"},
	"alerts.notRelevant":         {"不相关", "Not relevant"},
	"alerts.undoNotRelevant":     {"撤销“不相关”", "Undo “not relevant”"},
	"alerts.markedNotRelevant":   {"已标为不相关", "Marked not relevant"},
	"alerts.feedbackTitle":       {"这条提醒与您无关？", "Not relevant to you?"},
	"alerts.feedbackText":        {"标记通报 %s 与您无关，帮助我们改进匹配。", "Mark notification %s as not relevant, to help us improve the matching."},
	"alerts.thanksTitle":         {"感谢反馈", "Thank you"},
	"alerts.thanksText":          {"已记录：这条提醒与您无关。", "Noted: this alert was not relevant to you."},
	"alerts.withdrawnText":       {"已撤销“不相关”标记。", "The “not relevant” mark is withdrawn."},
	"alerts.badLink":             {"链接无效或已被改动。请使用邮件中的完整链接。", "The link is invalid or was altered. Use the whole link from the e-mail."},
	"alerts.badID":               {"缺少或无效的编号。", "A missing or invalid id."},
	"alerts.notYours":            {"这项订阅属于其他邮箱。", "This subscription belongs to another address."},
	"alerts.gone":                {"找不到这项订阅或提醒。", "No such subscription or alert."},
	"alerts.notPausable":         {"只有已确认的订阅可以暂停或恢复。", "Only confirmed subscriptions can be paused or resumed."},
	"alerts.err.email":           {"请检查邮箱地址。", "Check the e-mail address."},
	"alerts.err.label":           {"名称最多 100 个字。", "The name has at most 100 characters."},
	"alerts.err.remind":          {"请填写 0 到 90 之间的整数。", "Give a whole number from 0 to 90."},
	"alerts.err.webhook":         {"请检查 Webhook 地址：须为 https，且不能指向内网。", "Check the webhook URL: https, and not on an internal network."},
	"alerts.err.members":         {"无法识别的成员，请使用 WTO 成员代码或名称。", "Unknown member: use WTO member codes or names."},
	"alerts.err.hs":              {"HS 编码应为 2 到 10 位数字。", "HS codes are 2 to 10 digits."},
	"alerts.err.ics":             {"ICS 编码格式如 97 或 97.200.50。", "ICS codes look like 97 or 97.200.50."},
	"alerts.err.follow":          {"通报文号格式如 G/TBT/N/EU/1123。", "WTO symbols look like G/TBT/N/EU/1123."},
	"alerts.err.choice":          {"请从列出的选项中选择。", "Choose one of the options listed."},
	"alerts.err.value":           {"请检查此项。", "Check this value."},
	"alerts.err.conditions":      {"请检查订阅条件。", "Check the conditions."},
	"alerts.err.noCondition":     {"请至少填写一项条件（排除关键词除外）。", "Give at least one condition (excluded keywords aside)."},
	"alerts.feedTitle":           {"stdbridge 通报提醒：%s", "stdbridge alerts: %s"},
	"alerts.feedDeadline":        {"评议截止 %s", "comment deadline %s"},
	"alerts.adminTitle":          {"通报提醒管理", "Alerts administration"},
	"alerts.adminSubs":           {"订阅（按状态）", "Subscriptions by status"},
	"alerts.adminOutbox":         {"发件箱（按状态）", "Outbox by state"},
	"alerts.adminDead":           {"发送失败的提醒", "Dead letters"},
	"alerts.adminNoDead":         {"没有发送失败的提醒。", "No dead letters."},
	"alerts.adminSent":           {"最近发送", "Latest sent"},
	"alerts.retry":               {"重新发送", "Retry"},
	"alerts.notDead":             {"找不到这条失败的提醒，可能已经重新发送。", "No such dead letter: it may have been retried already."},
}

// translator returns the UI strings of one language. An unknown key comes
// back as itself, which is visible on the page and caught by the tests.
func translator(lang string) templates.Translator {
	return func(key string, args ...any) string {
		m, ok := messages[key]
		if !ok {
			return key
		}
		s := m.zh
		if lang == langEn {
			s = m.en
		}
		if len(args) > 0 {
			return fmt.Sprintf(s, args...)
		}
		return s
	}
}

type langKey struct{}

// langFrom is the language chosen for the request by withLang.
func langFrom(ctx context.Context) string {
	if l, ok := ctx.Value(langKey{}).(string); ok {
		return l
	}
	return langZh
}

// chooseLang picks the page language: ?lang= (which also sets the cookie),
// then the lang cookie, then Accept-Language, then Chinese. It reports
// whether the query asked for it.
func chooseLang(r *http.Request) (lang string, fromQuery bool) {
	if l := parseLang(r.URL.Query().Get("lang")); l != "" {
		return l, true
	}
	if c, err := r.Cookie("lang"); err == nil {
		if l := parseLang(c.Value); l != "" {
			return l, false
		}
	}
	if l := acceptLanguage(r.Header.Get("Accept-Language")); l != "" {
		return l, false
	}
	return langZh, false
}

func parseLang(s string) string {
	switch strings.ToLower(s) {
	case "zh", "zh-cn", "zh-hans":
		return langZh
	case "en":
		return langEn
	}
	return ""
}

// acceptLanguage picks zh or en from an Accept-Language header by quality,
// Chinese winning ties; it returns "" when the header names neither.
func acceptLanguage(h string) string {
	best, bestQ := "", 0.0
	for _, part := range strings.Split(h, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || f < 0 || f > 1 {
				continue
			}
			q = f
		}
		base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		var l string
		switch base {
		case "zh":
			l = langZh
		case "en":
			l = langEn
		default:
			continue
		}
		if q > bestQ || (q == bestQ && l == langZh && q > 0) {
			best, bestQ = l, q
		}
	}
	return best
}
