"""Reference data for synthetic dossiers: places, agencies, real laws and the violations they punish.

Article numbers follow the versions in force in 2023-2025 (食品安全法 2021, 广告法 2021, 产品质量法 2018,
安全生产法 2021, 大气污染防治法 2018, 水污染防治法 2017, 城乡规划法 2019, 道路运输条例 2023,
互联网上网服务营业场所管理条例 2022, 价格违法行为行政处罚规定 2010).
"""
from __future__ import annotations

from dataclasses import dataclass

# (province, province short, provincial gov, city, city short, district, district short, area code, roads)
PLACES = [
    ("浙江省", "浙", "杭州市", "杭", "西湖区", "西", "330106", ["文三路", "天目山路", "古墩路", "留下街"]),
    ("江苏省", "苏", "南京市", "宁", "鼓楼区", "鼓", "320106", ["中山北路", "湖南路", "虎踞路", "汉中门大街"]),
    ("四川省", "川", "成都市", "成", "武侯区", "武", "510107", ["人民南路四段", "武侯祠大街", "科华北路"]),
    ("湖北省", "鄂", "武汉市", "武", "江汉区", "汉", "420103", ["解放大道", "新华路", "青年路"]),
    ("山东省", "鲁", "济南市", "济", "历下区", "历", "370102", ["泉城路", "经十路", "解放路", "文化东路"]),
    ("湖南省", "湘", "长沙市", "长", "岳麓区", "岳", "430104", ["麓山南路", "桐梓坡路", "枫林三路"]),
    ("河南省", "豫", "郑州市", "郑", "金水区", "金", "410105", ["花园路", "农业路", "经三路", "纬五路"]),
    ("广东省", "粤", "广州市", "穗", "天河区", "天", "440106", ["天河路", "体育西路", "黄埔大道中"]),
    ("安徽省", "皖", "合肥市", "合", "蜀山区", "蜀", "340104", ["长江西路", "黄山路", "潜山路"]),
    ("陕西省", "陕", "西安市", "西", "雁塔区", "雁", "610113", ["小寨东路", "长安南路", "科技路"]),
]

# agency kind -> (document-number abbreviation, provincial department, city-level department, levels allowed)
AGENCY_KINDS = {
    "市场监督管理局": ("市监", "{province}市场监督管理局", "{city}市场监督管理局", ("district", "city")),
    "应急管理局": ("应急", "{province}应急管理厅", "{city}应急管理局", ("district", "city")),
    "生态环境局": ("环", "{province}生态环境厅", "{city}生态环境局", ("city",)),
    "城市管理综合行政执法局": ("综执", "{province}住房和城乡建设厅", "{city}城市管理局", ("district",)),
    "交通运输局": ("交", "{province}交通运输厅", "{city}交通运输局", ("district", "city")),
    "文化和旅游局": ("文旅", "{province}文化和旅游厅", "{city}文化广电旅游局", ("district",)),
}

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = ("伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 涛 明 超 秀兰 霞 平 刚 桂英 建华 志强 海燕 晓东 文杰 丽娟 国庆 永刚 春梅 "
         "红梅 建国 立新 玉兰 宏伟 子豪 思远 雨涵 浩然 佳怡 俊杰 婷婷 晨曦 志明 卫东 学军 小红 德华 振宇 海波").split()

TRADE_NAMES = ("鑫隆 华盛 恒达 瑞丰 永康 佳禾 金穗 宏图 安泰 润发 利民 盛源 百味 鸿运 晨光 嘉和 天成 福满 "
               "新域 顺通 锦程").split()

COMPANY_SUFFIX = {
    "food": ["食品有限公司", "商贸有限公司", "超市有限公司", "餐饮管理有限公司"],
    "ad": ["化妆品有限公司", "健康科技有限公司", "电器销售有限公司", "家居用品有限公司"],
    "product": ["建材有限公司", "电器销售有限公司", "五金机电有限公司", "日用品有限公司"],
    "safety": ["机械制造有限公司", "金属制品有限公司", "化工有限公司", "建筑工程有限公司", "木业有限公司"],
    "env": ["化工有限公司", "建材有限公司", "混凝土有限公司", "印染有限公司", "电镀有限公司"],
    "planning": ["置业有限公司", "实业有限公司", "物流有限公司"],
    "city": ["建筑工程有限公司", "装饰工程有限公司", "商贸有限公司"],
    "transport": ["物流有限公司", "运输有限公司", "汽车服务有限公司"],
    "culture": ["网络科技有限公司", "文化娱乐有限公司", "网咖有限公司"],
    "price": ["商贸有限公司", "超市有限公司", "百货有限公司"],
}
SHOP_SUFFIX = {
    "food": ["便利店", "食品店", "副食商行", "小吃店"], "product": ["五金店", "建材经营部", "日杂店"],
    "city": ["建材店", "便利店"], "culture": ["网吧"], "price": ["便利店", "水果店", "日杂店"],
    "ad": ["美容店"], "safety": ["加工厂"], "env": ["洗车场"], "planning": ["商店"], "transport": ["货运部"],
}


@dataclass(frozen=True)
class Cite:
    """One provision; ``law`` is the full formal name, ``short`` a common abbreviation of it."""
    law: str
    short: str
    article: int
    paragraph: int | None = None
    item: int | None = None
    old_article: int | None = None   # the same rule's number in the superseded version, if renumbered
    old_law: str | None = None       # a repealed law once cited for this rule


@dataclass(frozen=True)
class Violation:
    key: str
    agency_kind: str
    trade: str                  # selects company/shop name suffixes
    cause: str                  # 案由 fragment: "经营超过保质期的食品"
    violated: Cite
    penalty: Cite
    fine_range: tuple[int, int]  # yuan, inclusive, before rounding
    party_kinds: tuple[str, ...]
    extra_penalties: tuple[str, ...] = ()   # besides 罚款, e.g. 警告, 没收违法所得
    confiscation: tuple[int, int] | None = None  # 违法所得 range
    goods_value: tuple[int, int] | None = None
    fine_from_goods: tuple[float, float] | None = None  # fine = goods value x factor
    test_report: bool = False
    facts: tuple[str, ...] = ()  # sentences, formatted with the case's details
    simplified: bool = False


FSL = "中华人民共和国食品安全法"
VIOLATIONS = [
    Violation(
        "food_expired", "市场监督管理局", "food", "经营超过保质期的食品",
        Cite(FSL, "食品安全法", 34, None, 10, old_law="中华人民共和国食品卫生法"),
        Cite(FSL, "食品安全法", 124, 1, 5, old_law="中华人民共和国食品卫生法"),
        (50000, 100000), ("company",), ("没收违法所得", "没收超过保质期的食品"), (200, 3000), (800, 9000),
        facts=("{date}，执法人员对当事人位于{place}的经营场所进行检查，发现其货架上摆放的{goods}共{qty}件已超过标签标注的保质期，仍在销售。",
               "经查，当事人自{start}起购进上述{goods}，截至检查之日已售出部分，货值金额{goods_value}，违法所得{gains}。"),
    ),
    Violation(
        "food_unlicensed", "市场监督管理局", "food", "未取得食品经营许可从事食品经营",
        Cite(FSL, "食品安全法", 35, 1),
        Cite(FSL, "食品安全法", 122, 1),
        (50000, 100000), ("company",), ("没收违法所得", "没收违法经营的食品"), (500, 5000), (2000, 9500),
        facts=("{date}，执法人员在{place}检查时发现，当事人未取得《食品经营许可证》，擅自从事{goods}等{qty}种食品的经营活动。",
               "经查，当事人自{start}开始经营，货值金额{goods_value}，违法所得{gains}。"),
    ),
    Violation(
        "ad_superlative", "市场监督管理局", "ad", "发布含有“国家级”“最佳”等用语的广告",
        Cite("中华人民共和国广告法", "广告法", 9, None, 3),
        Cite("中华人民共和国广告法", "广告法", 57, None, 1),
        (200000, 400000), ("company",), ("责令停止发布广告",),
        facts=("{date}，执法人员检查发现，当事人在其经营场所及网店首页共{qty}处发布的{goods}广告中使用了“国家级”“最佳”“第一品牌”等用语。",
               "经查，上述广告自{start}起发布，广告费用无法计算。"),
    ),
    Violation(
        "product_substandard", "市场监督管理局", "product", "销售不合格产品",
        Cite("中华人民共和国产品质量法", "产品质量法", 39),
        Cite("中华人民共和国产品质量法", "产品质量法", 50),
        (0, 0), ("company", "individual_business"), ("没收违法销售的产品", "没收违法所得"), (300, 4000), (30000, 120000),
        fine_from_goods=(0.5, 1.5), test_report=True,
        facts=("{date}，执法人员对当事人经营的{goods}进行监督抽查，经检验，抽样产品的主要性能指标不符合国家标准，判定为不合格。",
               "经查，当事人自{start}起共购进该批{goods}{qty}件，货值金额{goods_value}，违法所得{gains}。"),
    ),
    Violation(
        "safety_training_record", "应急管理局", "safety", "未如实记录安全生产教育和培训情况",
        Cite("中华人民共和国安全生产法", "安全生产法", 28, 4),
        Cite("中华人民共和国安全生产法", "安全生产法", 97, None, 4, old_article=94),
        (20000, 60000), ("company",), (),
        facts=("{date}，执法人员对当事人进行安全生产执法检查，发现其未建立从业人员安全生产教育和培训档案，未如实记录{qty}名新入职员工的安全生产教育和培训情况。",
               "当事人负责人对上述事实无异议。"),
    ),
    Violation(
        "safety_warning_sign", "应急管理局", "safety", "未在有较大危险因素的生产经营场所设置明显的安全警示标志",
        Cite("中华人民共和国安全生产法", "安全生产法", 35),
        Cite("中华人民共和国安全生产法", "安全生产法", 99, None, 1, old_article=96),
        (10000, 40000), ("company",), (),
        facts=("{date}，执法人员检查发现，当事人{goods}等{qty}处有较大危险因素的作业场所未设置明显的安全警示标志。",),
    ),
    Violation(
        "safety_special_worker", "应急管理局", "safety", "特种作业人员未取得相应资格上岗作业",
        Cite("中华人民共和国安全生产法", "安全生产法", 30, 1),
        Cite("中华人民共和国安全生产法", "安全生产法", 97, None, 7, old_article=94),
        (20000, 90000), ("company",), (),
        facts=("{date}，执法人员检查发现，当事人安排{qty}名未取得特种作业操作证的人员从事{goods}作业。",),
    ),
    Violation(
        "safety_training_overdue", "应急管理局", "safety", "未按照规定对从业人员进行安全生产教育和培训且逾期未改正",
        Cite("中华人民共和国安全生产法", "安全生产法", 28, 1),
        Cite("中华人民共和国安全生产法", "安全生产法", 97, None, 3, old_article=94),
        (100000, 200000), ("company",), ("责令停产停业整顿",),
        facts=("{date}，执法人员复查发现，当事人在收到《责令限期整改指令书》后逾期未改正，仍有{qty}名从业人员未经安全生产教育和培训即上岗作业。",),
    ),
    Violation(
        "air_dust", "生态环境局", "env", "未采取密闭、围挡、遮盖等措施控制粉尘排放",
        Cite("中华人民共和国大气污染防治法", "大气污染防治法", 48, 1),
        Cite("中华人民共和国大气污染防治法", "大气污染防治法", 108, None, 5),
        (20000, 90000), ("company",), (), test_report=False,
        facts=("{date}，执法人员对当事人进行现场检查，发现其约{qty}0吨{goods}露天堆放，未采取密闭、围挡、遮盖等有效措施，作业过程中粉尘无组织排放明显。",),
    ),
    Violation(
        "air_exceed", "生态环境局", "env", "超过大气污染物排放标准排放大气污染物",
        Cite("中华人民共和国大气污染防治法", "大气污染防治法", 18),
        Cite("中华人民共和国大气污染防治法", "大气污染防治法", 99, None, 2),
        (100000, 300000), ("company",), (), test_report=True,
        facts=("{date}，执法人员对当事人{goods}排气筒进行监督性监测，颗粒物排放浓度为{qty}0毫克/立方米，超过《大气污染物综合排放标准》规定的排放限值。",),
    ),
    Violation(
        "water_exceed", "生态环境局", "env", "超过水污染物排放标准排放水污染物",
        Cite("中华人民共和国水污染防治法", "水污染防治法", 10),
        Cite("中华人民共和国水污染防治法", "水污染防治法", 83, None, 2),
        (100000, 300000), ("company",), (), test_report=True,
        facts=("{date}，执法人员对当事人废水总排口进行采样监测，化学需氧量浓度为{qty}0毫克/升，超过《污水综合排放标准》规定的限值。",),
    ),
    Violation(
        "planning_unpermitted", "城市管理综合行政执法局", "planning", "未取得建设工程规划许可证进行建设",
        Cite("中华人民共和国城乡规划法", "城乡规划法", 40, 1),
        Cite("中华人民共和国城乡规划法", "城乡规划法", 64),
        (0, 0), ("individual", "company"), ("责令限期改正",), goods_value=(60000, 400000),
        fine_from_goods=(0.05, 0.10),
        facts=("{date}，执法人员巡查发现，当事人在{place}未取得建设工程规划许可证，擅自建设{goods}，建筑面积约{qty}平方米。",
               "经核算，该建设工程造价为{goods_value}。"),
    ),
    Violation(
        "sanitation_stacking", "城市管理综合行政执法局", "city", "擅自在街道两侧堆放物料",
        Cite("城市市容和环境卫生管理条例", "市容环卫条例", 14),
        Cite("城市市容和环境卫生管理条例", "市容环卫条例", 36, None, 1),
        (500, 3000), ("individual", "individual_business", "company"), ("责令限期清理",),
        facts=("{date}，执法人员巡查发现，当事人未经批准，擅自在{place}人行道上堆放{goods}，占用面积约{qty}平方米。",),
    ),
    Violation(
        "transport_unlicensed", "交通运输局", "transport", "未取得道路运输经营许可擅自从事道路客运经营",
        Cite("中华人民共和国道路运输条例", "道路运输条例", 10, 1),
        Cite("中华人民共和国道路运输条例", "道路运输条例", 63, 1),
        (10000, 30000), ("individual", "company"), ("没收违法所得",), (100, 900),
        facts=("{date}，执法人员在{place}检查时发现，当事人驾驶车牌号为{plate}的小型客车，未取得道路运输经营许可，擅自从事道路客运经营，载客{qty}人。",
               "经查，当事人收取运费{gains}。"),
    ),
    Violation(
        "netcafe_minor", "文化和旅游局", "culture", "互联网上网服务营业场所接纳未成年人",
        Cite("互联网上网服务营业场所管理条例", "上网服务场所条例", 21),
        Cite("互联网上网服务营业场所管理条例", "上网服务场所条例", 31, None, 2),
        (3000, 9000), ("company", "individual_business"), ("警告",),
        facts=("{date}，执法人员对当事人经营的互联网上网服务营业场所进行检查，发现场内有{qty}名未成年人正在上网。",),
    ),
    # --- 当场处罚 (simplified procedure)
    Violation(
        "s_transport_permit", "交通运输局", "transport", "不按照规定携带车辆营运证",
        Cite("中华人民共和国道路运输条例", "道路运输条例", 33),
        Cite("中华人民共和国道路运输条例", "道路运输条例", 68),
        (50, 200), ("individual",), ("警告",), simplified=True,
        facts=("当事人驾驶车牌号为{plate}的营运货车，未按照规定随车携带车辆营运证。",),
    ),
    Violation(
        "s_price_tag", "市场监督管理局", "price", "经营者不标明价格",
        Cite("中华人民共和国价格法", "价格法", 13, 1),
        Cite("价格违法行为行政处罚规定", "价格处罚规定", 13, None, 1),
        (500, 3000), ("company", "individual_business"), (), simplified=True,
        facts=("当事人在其经营场所销售的{goods}未按规定标明价格。",),
    ),
]

GOODS = {
    "food_expired": ["酸奶", "饼干", "方便面", "火腿肠", "袋装面包"],
    "food_unlicensed": ["熟食", "散装糕点", "现制饮品", "卤味"],
    "ad_superlative": ["护肤品", "空气净化器", "保健枕"],
    "product_substandard": ["电线电缆", "插座", "瓷砖", "电热水壶"],
    "safety_training_record": ["冲压", "焊接"],
    "safety_warning_sign": ["喷漆房、配电室", "液氨储罐区", "粉尘作业区"],
    "safety_special_worker": ["电焊", "叉车", "高压电工"],
    "safety_training_overdue": ["冲压", "喷涂"],
    "air_dust": ["砂石料", "煤炭", "水泥熟料"],
    "air_exceed": ["锅炉", "烘干炉", "熔炼炉"],
    "water_exceed": ["生产废水"],
    "planning_unpermitted": ["二层砖混结构房屋", "钢结构厂房", "三层框架结构建筑"],
    "sanitation_stacking": ["建筑材料", "砂石", "货物纸箱"],
    "transport_unlicensed": ["客运"],
    "netcafe_minor": ["网吧"],
    "s_transport_permit": ["货运"],
    "s_price_tag": ["水果", "日用品", "散装糖果"],
}

BANKS = ["中国工商银行", "中国农业银行", "中国建设银行", "中国银行", "交通银行"]
CHINESE_DIGITS = "〇一二三四五六七八九"
