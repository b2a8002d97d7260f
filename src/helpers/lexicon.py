"""The words the claims extractor reads: numerals, units, qualifiers, scopes, names.

Kept apart from the patterns in ``claims`` so that a reader can see, and a
researcher extend, what counts as a unit or a qualifier without touching the
logic. Everything here is plain data.
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
    "%", "‰", "个百分点", "百分点", "平方公里", "平方米", "公顷", "亩", "公里", "千米", "米",
    "亿美元", "万美元", "美元", "亿元", "万元", "千元", "元",
    "吨标准煤", "吨", "千瓦时", "千瓦", "兆瓦", "吉瓦", "瓦",
    "人次", "人", "名", "位", "家", "个月", "个", "项", "件", "款", "座", "条", "所", "台", "辆", "户",
    "批", "届", "倍", "次", "年", "天", "类", "方面", "道", "张", "支", "场", "轮", "种", "套",
    "份", "宗", "笔", "双", "场次", "艘次", "载重吨", "副", "只", "分", "栋", "片", "块", "部", "例", "处", "艘", "架", "成", "连冠",
)
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
MAGNITUDE_CLASS = "级"  # 千亿级产业集群: a size class, not a count

# How a stated figure marks an expectation or a target (→≥50亿元); pages write the word instead.
MODAL_MARKS = {"expected": "→", "target": "↑"}
