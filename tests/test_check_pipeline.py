"""Checks on facts the real segmenter and extractor produce from text pages (no OCR): a clean
dossier written in varied styles must draw no firm finding, and planted defects must be found.
This guards the contract between extract (who fills the facts) and check (who reads them)."""
import pytest

from dossier_review.check import run_checks
from dossier_review.model import Dossier, Page
from dossier_review.pages import analyse_pages
from dossier_review.pipeline import load_standard
from dossier_review.score import score

segment = pytest.importorskip("dossier_review.segment").segment
extract = pytest.importorskip("dossier_review.extract").extract
normalize = pytest.importorskip("dossier_review.ingest").normalize

CLEAN = [
"""卷内目录
序号 题名 页号
1 立案审批表 1
2 现场检查笔录 2
3 询问笔录 3
4 行政处罚事先告知书 5
5 行政处罚决定书 7
""",
"""立案审批表
案件来源：日常检查
当事人：福州市某某餐饮有限公司
统一社会信用代码：91350100M000100Y43
住所：福州市鼓楼区某某路1号
法定代表人：王某
案情简介：2024年3月12日，执法人员检查发现当事人经营超过保质期的食品。
承办人意见：建议立案。承办人：张三 李四 2024年3月12日
负责人审批意见：同意立案。 2024年3月12日
福州市鼓楼区市场监督管理局
1""",
"""现场检查笔录
检查时间：2024年3月12日9时30分至10时40分
检查地点：福州市鼓楼区某某路1号
执法人员：张三（执法证号：35010001）、李四（执法证号：35010002）
当事人：福州市某某餐饮有限公司
执法人员已向当事人出示执法证件。
检查情况：现场发现超过保质期的牛奶12盒。
当事人意见：以上笔录属实。当事人签名：王某 2024年3月12日
执法人员签名：张三 李四
2""",
"""询问笔录
询问时间：2024年3月13日14时00分至15时20分
询问地点：福州市鼓楼区市场监督管理局
询问人：张三（执法证号：35010001） 记录人：李四（执法证号：35010002）
被询问人：王某 身份证号码：11010519491231002X
执法人员已出示执法证件。
问：你店销售的超过保质期的牛奶是从哪里进的？
答：从某某批发部购进，共卖出20盒，违法所得1200元。
以上笔录属实。被询问人签名：王某 2024年3月13日
询问人签名：张三 李四
3""",
"""营业执照
名称：福州市某某餐饮有限公司
统一社会信用代码：91350100M000100Y43
4""",
"""福州市鼓楼区市场监督管理局
行政处罚事先告知书
榕鼓市监罚告〔2024〕12号
福州市某某餐饮有限公司：
经查，你单位于2024年3月经营超过保质期的食品，违法所得1200元。你单位的上述行为违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项的规定，本局拟对你单位作出没收违法所得1200元、罚款5000元的行政处罚。
根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你单位可在收到本告知书之日起五个工作日内向本局提出陈述、申辩，逾期视为放弃陈述和申辩的权利。
福州市鼓楼区市场监督管理局（印章）
2024年4月1日
5""",
"""送达回证
送达文书：行政处罚事先告知书 榕鼓市监罚告〔2024〕12号
受送达人：福州市某某餐饮有限公司
送达地点：福州市鼓楼区某某路1号
送达方式：直接送达
受送达人签名：王某 2024年4月1日
送达人：张三 李四
6""",
"""福州市鼓楼区市场监督管理局
行政处罚决定书
榕鼓市监罚〔2024〕12号
当事人：福州市某某餐饮有限公司
统一社会信用代码：91350100M000100Y43
住所：福州市鼓楼区某某路1号
法定代表人：王某
经查，当事人于2024年3月经营超过保质期的牛奶，违法所得1200元。以上事实有现场检查笔录、询问笔录、营业执照复印件等证据证实。
当事人的上述行为违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项的规定，本局决定：没收违法所得1200元，罚款人民币伍仟元整（¥5000.00）。
7""",
"""当事人应当自收到本决定书之日起十五日内，到中国农业银行福州分行各营业网点缴纳罚款。逾期不缴纳罚款的，每日按罚款数额的百分之三加处罚款。
如不服本处罚决定，可以在收到本决定书之日起六十日内向福州市鼓楼区人民政府申请行政复议，也可以在六个月内依法向福州市鼓楼区人民法院提起行政诉讼。
福州市鼓楼区市场监督管理局（印章）
2024年4月18日
8""",
"""送达回证
送达文书：行政处罚决定书 榕鼓市监罚〔2024〕12号
受送达人：福州市某某餐饮有限公司
送达方式：直接送达
受送达人签名：王某 2024年4月19日
送达人：张三 李四
9""",
"""罚没款缴纳凭证
缴款人：福州市某某餐饮有限公司 金额：6200元
缴款日期：2024年4月25日
10""",
"""结案审批表
当事人：福州市某某餐饮有限公司
执行情况：当事人已于2024年4月25日缴纳罚没款。
负责人意见：同意结案。2024年5月10日
11""",
"""卷内备考表
本卷共11件，12页。
立卷人：李四 2024年5月12日
""",
]


def review(pages, std="default"):
    dossier = Dossier("case", ["case.pdf"], [Page(i + 1, "text", 1.0, t, normalize(t)) for i, t in enumerate(pages)])
    facts = extract(segment(analyse_pages(dossier)))
    standard = load_standard(std)
    found = run_checks(facts, standard, strict=True)
    return facts, found, score(facts, found, standard)


def edit(pages, *pairs):
    out = list(pages)
    for old, new in pairs:
        hits = [i for i, p in enumerate(out) if old in p]
        assert hits, old
        for i in hits:
            out[i] = out[i].replace(old, new)
    return out


def test_clean_dossier_in_varied_styles_has_no_firm_finding():
    varied = edit(CLEAN,
                  ("负责人审批意见：同意立案。 2024年3月12日", "负责人审批意见：同意立案。 二〇二四年三月十二日"),
                  ("受送达人签名：王某 2024年4月1日", "受送达人签名：王某 2024.4.1"),
                  ("罚款5000元的行政处罚", "罚款0.5万元的行政处罚"),
                  ("受送达人签名：王某 2024年4月19日", "受送达人签名：王某 2024-04-19"))
    for pages in (CLEAN, varied):
        facts, found, result = review(pages)
        assert [f.code for f in found if not f.needs_human] == []
        assert result.score == 100 and result.grade == "优秀"


def test_planted_defects_are_found():
    pages = edit(CLEAN,
                 ("也可以在六个月内依法向福州市鼓楼区人民法院", "也可以在三个月内依法向人民法院"),
                 ("罚款5000元的行政处罚", "罚款150000元的行政处罚"),
                 ("罚款人民币伍仟元整（¥5000.00）", "罚款人民币壹拾伍万元整（¥15000.00）"),
                 ("受送达人签名：王某 2024年4月19日", "受送达人签名：王某 2024年5月6日"))
    facts, found, result = review(pages)
    codes = {f.code for f in found if not f.needs_human}
    assert {"remedy.litigation_period_wrong", "remedy.body_unnamed", "hearing.not_notified",
            "documents.amount_mismatch", "procedure.late_service"} <= codes
    assert result.vetoed and result.score == 0
