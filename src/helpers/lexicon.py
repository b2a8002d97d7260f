"""The words the extractor and its neighbours read: numerals, units, qualifiers, scopes, names,
time words, rank and streak words, punctuation, and the words of growth, shares and levels that the
drafter (``cases``), the needs (``unstated``) and the derivations (``derive``) read.

Kept apart from the patterns in ``claims`` and ``times`` so that a reader can
see, and a researcher extend, what counts as a unit or a qualifier without
touching the logic. Everything here is plain data (the patterns keep only the
grammar: 第N, 前N, N个…中).
"""

from __future__ import annotations

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
MULTIPLIERS = "万亿千"

# Units as written after a number. Longest first when matched, so that 人次
# wins over 人, 个百分点 over 个 and 亿元 over 元. A 万/亿/千 between the
# number and the unit stays in the unit (4.2万家 → 万家).
UNITS = (
    "%", "‰", "个百分点", "百分点", "个点", "平方公里", "平方米", "公顷", "亩", "公里", "千米", "米",
    "亿美元", "万美元", "美元", "亿元", "万元", "千元", "元",
    "吨标准煤", "吨", "千瓦时", "千瓦", "兆瓦", "吉瓦", "瓦",
    "人次", "人", "名", "位", "家", "个月", "个", "项", "件", "款", "座", "条", "所", "台", "辆", "户",
    "批", "届", "倍", "次", "年", "天", "类", "方面", "道", "张", "支", "场", "轮", "种", "套",
    "份", "宗", "笔", "双", "场次", "艘次", "载重吨", "副", "只", "分", "栋", "片", "块", "部", "例", "处", "艘", "架", "成", "连冠",
)
# A rate per unit of area, head, firm or time, read whole after a unit and a slash: 172.1万元/亩, 12万元/人.
PER_UNITS = ("平方公里", "公顷", "亩", "人", "家", "个", "吨", "年", "月")
PER_MARK = "/"
# A score with no unit: a number right after one of these words (and a copula): 总指数为88.1, 得分达92.5.
INDEX_WORDS = ("指数", "指数值", "得分", "评分", "分值")
# A range: two figures joined by one of these (10%—15%, 3～5家): the first is a lower bound (at_least), the
# second an upper one (at_most), and the first takes the second's unit when it has none.
RANGE_JOINS = ("—", "－", "-", "～", "~", "至", "到")
# 八大产业: "eight major …": 大 is the unit unless a measure word follows (三大类 → 类).
BIG_UNIT = "大"

# Qualifiers. A bound word stands right before the number (近50家, 超250亿元)
# or right after the unit (50家以上); a modal word may stand anywhere earlier
# in the clause (有望历史性突破50亿元). A modal and a bound combine as
# ``expected_at_least``.
AT_LEAST_BEFORE = ("超过", "突破", "不少于", "至少", "多于", "高于", "超", "逾", "破")
AT_MOST_BEFORE = ("不超过", "不到", "不足", "至多", "最多", "少于")
APPROX_BEFORE = ("将近", "接近", "大约", "约", "近")
AT_LEAST_AFTER = ("以上",)
AT_LEAST_INNER = ("余", "多")  # between the number and its unit: 50余家, 30多项
AT_MOST_AFTER = ("以内", "以下")
APPROX_AFTER = ("左右", "上下")
COPULAS = ("达到", "达", "为", "是")  # 约为45%, 至少达到600亿元: the bound word stands before these
EXPECTED_WORDS = ("有望", "预计", "预期", "可望", "将达", "将超", "将突破", "将实现")
TARGET_WORDS = ("力争", "目标为", "目标是", "目标到", "目标超", "目标突破", "目标达", "目标实现", "争取", "确保",
                "计划实现", "计划完成", "计划到", "计划投资", "计划总投资", "计划实施", "计划新增", "计划建设",
                "计划引进", "计划培育", "计划新建", "计划开工")
MODALS = {"expected": EXPECTED_WORDS, "target": TARGET_WORDS}

# Scope words: the level a rank, a first, an only or a lead belongs to.
SCOPE_WORDS = {
    "全球": "world", "世界": "world", "国际": "world",
    "全国": "national", "国内": "national", "我国": "national",
    "全省": "province", "设区市": "province", "省内": "province", "浙江省": "province", "浙江": "province", "我省": "province",
    "全市": "city", "市内": "city", "我市": "city", "本市": "city",
    "全县": "county", "全区": "county", "县域": "county",
}
CITIES = ("杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水")
PLACE_SUFFIX_SCOPES = {"县": "county", "区": "county", "市": "city"}
LEVEL_SCOPES = {"国家级": "national", "国家": "national", "省级": "province", "市级": "city", "县级": "county"}

# Claims without digits.
FIRST_WORDS = ("首次", "首个", "首家", "首批", "首座", "首台", "首条", "首款", "首例", "首创", "第一个", "第一家")
ONLY_WORDS = ("唯一",)
LEAD_WORDS = ("率先", "领跑", "领先")
# A standing claimed without a figure (a pilot, a list, a birthplace, a model, full coverage); a standing word in
# a clause that holds another claim belongs to that claim (全省唯一试点 is an only, 73个项目入选…名单 a count).
STANDING_WORDS = ("诞生地", "发源地", "标杆", "领军", "试点", "名单", "全覆盖", "最高荣誉")
STANDING_ON_ITS_OWN = ("最高荣誉",)  # a standing of its own even beside a streak (三度加冕全省最高荣誉)
STREAK_VERBS = ("加冕", "获", "夺", "摘", "荣膺", "问鼎", "蝉联", "入选", "登上", "捧")

# Relative times and their meaning (resolved against the article's reference date).
NOW_WORDS = ("目前", "当前", "现已", "如今", "眼下")  # → as of publication
RECENT_DAY_WORDS = ("日前", "近日")  # a few days before publication → the reference date

# Words that contain a numeral but are names or idioms, not claims.
FIXED_WORDS = (
    "长三角", "珠三角", "一体化", "一体", "统一", "千钧", "万千", "一流", "一线", "第一时间", "一系列",
    "一揽子", "一站式", "三驾马车", "十四五", "十五五", "一带一路", "千家万户", "四面八方", "千方百计",
    "一马当先", "万众一心", "一以贯之", "双碳", "两山", "万亩千亿", "一把手", "双双", "百花齐放", "三农",
    # terms that hold a word of a first but name a category: 首台（套）产品 (first-of-a-kind equipment),
    # 首次申报 (first-time applicants)
    "首台（套）", "首台(套)", "首台套", "首版次", "首批次", "首次申报",
)
NOT_A_COUNT = "一零〇"  # numerals made only of these count nothing: the indefinite 一 (一座城市), 零部件
MAGNITUDE_CLASS = "级"  # 千亿级产业集群: a size class, not a count
# Numerals in idioms, eras and labels (listed as names with their reason, never claims):
STEP_WORD = "台阶"  # 上一个百亿台阶: a magnitude before it names a step, not an amount
DIGITS_WORD = "位数"  # 连续两位数增长: "double-digit", not two of anything
ERA_WORDS = ("世纪", "年代")  # 20世纪80年代: an era, not a count of years
# N大 before these words names a programme or a fixed set (六大主导行业, 十大标志性产业链, 四大攻坚行动): a label;
# N大 before a plain category (八大行业, 三大类) stays a count, as the curated ledgers of the project keep it.
LABEL_AFTER_BIG = ("主导", "标志性", "攻坚", "工程", "行动", "战略", "举措", "专项", "重点", "体系")
LABEL_JOIN = "+"  # 1+3 产业体系, 4+1: a formula-like label

# How a stated figure marks an expectation or a target (→≥50亿元); pages write the word instead.
MODAL_MARKS = {"expected": "→", "target": "↑"}

# Punctuation: each set once; the patterns build their character classes from these.
SENTENCE_BREAK = "。！？!?\n"  # a sentence ends at any of these
CLAUSE_BREAK = "，。；：！？,;:!?\n"  # a clause ends at any of these
FULL_WIDTH_BREAK = "".join(ch for ch in CLAUSE_BREAK if not ch.isascii())  # ，。；：！？ (the rank patterns' stops)
CLAUSE_JOIN = "，,；;"  # a comma or a semicolon: the clause after it goes on with the same subject
LIST_COMMA = "、"  # between items of a list (居全省第4、全市第1)

# Page chrome (see ``source``): lines of a web page that are not the article, dropped in cleaning (read as
# simplified, so 發佈日期 is one too). A breadcrumb: two or more of these marks (首页 > 新闻 > 县市区), or one after
# a home word; a line with a page word (发布日期：…  浏览次数：…); a share line (分享到, or 微信 and 微博 together);
# a site's name standing alone (湖州市人民政府门户网站, 新华网).
BREADCRUMB_MARKS = ">＞›»→/"
HOME_WORDS = ("首页", "当前位置", "您的位置", "您现在的位置", "所在位置")
PAGE_WORDS = ("发布日期", "发布时间", "发布者", "信息来源", "来源：", "来源:", "浏览次数", "阅读次数", "访问次数",
              "点击数", "点击量", "责任编辑", "编辑：", "作者：", "字号：", "字体：", "【字体", "打印本页", "关闭窗口",
              "【打印】", "【关闭】", "分享到", "扫一扫")
SHARE_LINK_WORDS = ("微信", "微博")  # both in one short line: a row of share links
SITE_SUFFIXES = ("门户网站", "政府网站", "新闻网", "在线", "客户端", "融媒体中心", "人民政府")
SITE_WORD = "网"  # a very short line ending in 网 (新华网, 人民网)
CHROME_MAX_CHARS = 80  # a longer line is text, whatever words it holds

# Time words (see ``times``), with the years they are offset from the reference year.
RELATIVE_YEARS = {"去年": -1, "上年": -1, "今年": 0, "本年": 0, "前年": -2, "明年": 1}
COMPARISON_BASES = ("去年同期", "上年同期", "同比")  # what a growth rate is measured against: not a time context
# A time right after one of these is a comparison base, not the period (较2020年提高4.8个点, 比上年增长9%);
# so is a time between a word of BASE_OPENERS and one of BASE_CLOSERS (与2020年相比).
BASE_BEFORE = ("较", "比", "相较于", "相比于", "相对于")
BASE_OPENERS = ("与", "同", "和", "跟")
BASE_CLOSERS = ("相比", "比较", "相较", "对比")
PAST_WORDS = ("过去的", "过去")  # 过去一年, 过去五年: the full years before the reference year, as 近N年
# Historical times (period ``historical``): a past time the text does not date.
HISTORICAL_WORDS = ("最高峰时", "顶峰时期", "鼎盛时期", "巅峰时期", "高峰时期", "顶峰时", "鼎盛时", "巅峰时", "高峰时",
                    "高峰期", "鼎盛期", "最多时", "最多的时候", "鼎盛的时候", "顶峰的时候")
CENTURY_WORDS = ("上世纪", "上个世纪")  # 上世纪80年代: the 20th century; "20世纪" is read with its number
AS_OF_WORDS = ("截至", "截止到", "截止")  # 截至去年: as of the last day of the time that follows
RECENT_WORDS = ("近", "最近", *PAST_WORDS)  # 近3年: the full years before the reference year
RANGE_MARKS = ("至", "到", "-", "—", "～", "~")  # 1至4月
WHOLE_YEAR = "全年"
PARTS_OF_YEAR = {"上半年": (1, 6), "下半年": (7, 12), "前三季度": (1, 9)}  # the months they cover
QUARTER = "季度"  # after a numeral: 一季度, 2季度
YEAR_END_WORDS = ("年底", "年末", "底", "末")  # after a year word (2024年底, 去年末); 底, 末 also after a month
RESPECTIVELY = "分别"  # 2023年、2024年分别增长8%、9%: listed times pair with listed figures, in order
LIST_JOINS = ("、", "和", "与", "及", "以及", "、以及")  # between the items of a list of times
PART_OPENERS = ("其中",)  # a sentence that opens so states a part of the one before: it takes that one's time
OPENING_SKIP = " \t“\"在于"  # what may stand before a sentence's opening time (在2024年，…)
OPENING_WORDS = ("回顾", "纵观", "综观", "盘点")  # … and words that introduce it (回顾过去一年，…)
# Five-year plans: their first year (“十四五”以来 → 2021 to the reference year; 十四五期间 → 2021/2025).
PLANS = {"十三五": 2016, "十四五": 2021, "十五五": 2026}
PLAN_SINCE, PLAN_DURING = ("以来",), ("期间", "时期")
SINCE_WORD = "以来"  # 今年以来: from the year's start to the reference date
YEAR_ITSELF = ("初", "度")  # 今年初, 2023年度: the year itself

# Ranks (see ``claims``): the words that place a figure in a ranking, and what a rank word is not.
RANK_VERBS = ("位居", "位列", "名列", "排名", "跃居", "稳居", "升至", "居于", "居", "列", "排")
RANK_VERBS_AFTER_SCOPE = ("排名", "位列", "位居", "名列", "居", "列", "排")  # 全省…位列第六 (a scope, then a verb)
RANK_VERBS_IN_GROUP = ("排名", "位列", "位居", "排", "居", "列")  # 20个县（区、市）中排名第六
# Named groups a rank may hold in (its scope is the group's name: 山区26县, 山区海岛县): a kind of place …
GROUP_KINDS = ("山区海岛", "山区", "海岛", "加快发展", "革命老区", "跨越发展")
# … then, maybe, its size, then the places it counts (山区26县, 山区县, 海岛县（区）).
GROUP_PLACES = ("县（市、区）", "县（市区）", "县（区、市）", "县（区）", "县（市）", "县市区", "县区", "县", "市", "区")
TOP_WORDS = ("首位", "榜首")  # the first place, worded
NOT_AFTER_TOP_WORD = ("谷",)
NOT_A_RANK_AFTER = ("个", "家", "批", "座", "条", "台", "款", "例", "项", "届", "次",
                    "梯队", "方阵", "资源", "方", "产业", "时间", "大", "名城")  # 第一个, 第一梯队, 第一方阵 …
NOT_A_TOP_AFTER = ("列", "沿", "端", "景", "期", "身", "提")  # 前列, 前沿, 前景 …: not "the first n"
STRONG_LIST_SIZES = ("百", "十", "五十", "五百", "千")  # 百强: a list of the best hundred
NOT_A_STRONG_LIST_AFTER = ("榜",)
PLACE_NOT_AFTER = ("场", "民", "委", "长", "场", "级", "域", "内")  # 市场, 市民, 区域 …: not a place name

# Streaks (see ``claims``): 三连冠, 连续3年, 三度加冕, 三夺.
STREAK_TITLES = "连冠"
RUN_WORD = "连续"
RUN_UNITS = ("个季度", "年", "届", "次", "个月")
TIMES_WORD = "度"  # 三度加冕: N times, before a streak verb
WIN_VERBS = ("夺", "摘", "获", "捧", "揽")  # 三夺: won N times

# Numbers: units a 万 or 亿 stays with (三万元 → 3 万元), and bound words that a copula keeps apart.
UNITS_AFTER_MULTIPLIER = ("元", "美元", "人", "家", "吨", "千瓦", "亩", "人次")
NOT_A_COPULA = ("高达", "到达")  # 高达 and 到达 end in a copula's word but are not one
MULTIPLE_UNITS = ("倍", "成")  # 两倍多: a 多 after these is a bound

# Growth and levels: the words the drafter (``cases``) and the needs (``unstated``) read.
GROWTH_WORDS = ("增长", "增速", "增幅", "跃升", "上升")
SHARE_WORDS = ("占比", "比重", "率")
ROSE_TO = ("提至", "提升至", "提高至", "增至", "升至")  # "rose to": the earlier value is not given
DOUBLING_WORDS = ("翻番", "翻一番", "翻了一番")
AVERAGE_WORD = "平均"  # 是全省平均的1.3倍
FIRST_TIME = "首次"  # a first time is its own history: no scope or comparison to give
NOT_STATED = "未说明"  # the ledger's metric marks something the article leaves open
YUAN_SCALE = {"亿元": 1e8, "万元": 1e4, "元": 1.0}
LEVEL_UNITS = tuple(YUAN_SCALE)  # a level a growth rate grew from or to
COUNT_UNITS = ("家", "个", "项", "名", "人", "人次", "件", "座", "所", "条", "台", "辆", "户", "批", "届", "次")
NOT_A_LEVEL_UNITS = ("%", "年", "倍", "个百分点")  # a rate, a span, a multiple: not a level

# The drafter (``cases``): the words between a metric and its figure ("企业达2071家"), left out of the metric.
LINK_PREFIXES = ("已", "共", "累计", "总计", "合计")
LINK_VERBS = ("达到", "达", "为", "是", "有", "超过", "超", "突破", "逾", "近", "约", "增长", "增加", "提高", "提升",
              "降低", "下降", "实现", "完成", "新增", "培育", "建成", "获得", "获评", "入选", "位居", "居", "位列", "列")
TRAILING = "间内来底末"  # what may follow a figure and belongs to it (2年间, 3年来)
# Words that open a clause about the figure before it (是全省平均的1.3倍, 其中3个, 同比增长9.2%).
RELATIVE_OPENERS = ("是", "为", "占", "较", "比", "其中", "同比", "环比", "增速", "增幅")
TIME_PHRASE_OPENERS = ("由", "从")  # 由2022年底的…: a time phrase before the figure, not the metric
ALL_WORDS = ("均", "都", "全部", "皆")  # N项指标均居全省第一
RESPECTIVELY_RANKS = ("分列", "分别列", "分别位列", "分别位居", "分别居", "分别排名", "分居")  # 数量分列全省第三、第五

# Names (see ``naming``): the words a drafted name leaves out or reads, to name what a figure counts.
# Words that open a clause before its subject (其中, 同时 …), left out of a name with the scope words and times.
NAME_OPENERS = ("其中", "同时", "此外", "另外", "目前", "当前", "如今", "截至", "并且", "并", "而", "更", "也", "还",
                "共有", "共", "已", "将", "带动", "推动", "的")
# An action whose object is what is counted (企业集聚, 引进项目): named "subject + verb + 的 + object".
NAME_ACTIONS = ("累计建成", "累计培育", "累计创建", "累计引进", "成功打造", "成功引进", "斩获", "拥有", "建成", "培育",
                "创建", "打造", "引进", "集聚", "集聚了", "吸引", "荣膺", "获评", "入选", "获得")
# Words before an action that say how or how far (已成功引进, 累计建成), left out with the action's subject.
NAME_ADVERBS = ("已经", "已", "成功", "累计", "共", "先后", "更", "还", "也", "均", "都")
# Words between a subject and its measure that say nothing of what is counted (某公司实现总产值).
NAME_COPULAS = ("实现", "完成", "达到")
# Between a base and a growth figure (同比增长, 比上年提高): the figure is a growth rate of the base.
NAME_GROWTH = ("同比大幅增长", "同比大幅跃升", "同比增长", "同比提高", "同比上升", "同比跃升", "比上年增长", "较上年增长",
               "大幅增长", "大幅跃升", "增长", "提高", "跃升", "上升")
NAME_BASES = ("比上年同期", "较上年同期", "比上年", "较上年", "比去年", "较去年")  # what a change is against: not a name
NAME_IN_ALL = ("累计", "共计", "总计", "合计", "共")  # …3家，累计达12家: the same subject, in all
NAME_NEW = ("新增", "新培育", "新认定", "新引进")  # a count of new ones: a running total (累计达12家) is not new
NAME_DECLINE = ("同比下降", "比上年下降", "较上年下降", "下降", "降低")  # …下降4.2%: a rate of decrease
NAME_DECLINE_RATE = "降幅"  # the name of a rate of decrease: 单位工业增加值能耗 → 单位工业增加值能耗降幅
NAME_MULTIPLE = ("相当于", "倍数")  # 是全国平均的2.2倍 after a rate: 某率相当于全国平均的倍数
NAME_DOUBLING = ("数量", "所用年数")  # 3年实现翻番 after a count: 某企业数量翻番所用年数
NAME_YEAR_ON_YEAR = "同比"
POINT_UNITS = ("个百分点", "百分点", "个点")  # a change of a rate, in points
NAME_POINTS = "幅度"  # the name of a change in points: 占比 + 提高9.2个百分点 → 占比提高幅度
NAME_GROWTH_RATE = "增速"  # the name of a growth rate: 规上工业增加值 → 规上工业增加值增速
NAME_LINKS = ("高达", "已达", "达到", "提升至", "提高至", "提至", "增至", "升至")  # before a figure, after its name
# A claim in words (a first, an only, a standing) is named by its clause without these at its front (作为全省唯一试点).
NAME_CLAIM_OPENERS = ("作为", "成为", "我市", "本市", "同时", "也", "将", "并", "还", "更", "已", "依托")
NAME_LIST_MARKS = "、，,；; "  # what separates the items of a list in one clause
NAME_STOPS = "在如将为是，。；：、（(的"  # a noun phrase after a figure ends at one of these (8个集群在…)
