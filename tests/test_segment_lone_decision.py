"""A lone decision is typed by its own title and the elements 第59条 requires of it, not as a
catalogue or an evidence item because it lists the case's documents or its evidence."""
from dossier_review.model import Dossier, Page
from dossier_review.segment import segment

DEC = """北京市海淀区市场监督管理局
行 政 处 罚 决 定 书
京海市监处罚〔2023〕123号
当事人：北京某某餐饮有限公司
统一社会信用代码：91110108MA01XXXX5X
住所：北京市海淀区中关村大街1号
经查，当事人于2023年3月销售超过保质期的食品。
上述事实，有以下证据证明：
1.现场检查笔录
2.询问笔录
3.营业执照复印件
4.现场照片
5.检验报告
当事人的行为违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。
依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项的规定，本局决定对当事人作出如下行政处罚：
罚款人民币伍万元整（¥50000.00）。
当事人应当自收到本决定书之日起十五日内缴纳罚款。
如不服本处罚决定，可以在收到本决定书之日起六十日内向北京市海淀区人民政府申请行政复议，也可以在六个月内向人民法院提起行政诉讼。
北京市海淀区市场监督管理局
2023年5月10日"""


def _types(text):
    pages = [Page(number=1, source="text", confidence=1.0, raw_text=text, text=text)]
    return [d.type for d in segment(Dossier(name="x", sources=[], pages=pages)).documents]


def test_a_decision_headed_by_a_list_word_is_a_decision():
    for head in ("卷内目录\n行政处罚决定书", "现场照片\n行政处罚决定书",
                 "关于对北京某某餐饮有限公司的行政处罚决定书"):
        text = DEC.replace("北京市海淀区市场监督管理局\n行 政 处 罚 决 定 书", head, 1)
        assert _types(text) == ["decision"], head


def test_an_evidence_list_without_a_decisions_elements_stays_evidence():
    text = "现场照片\n行政处罚决定书送达照片\n照片1：门店外景\n照片2：货架\n拍摄人：张三 李四\n2023年5月1日"
    assert "decision" not in _types(text)
