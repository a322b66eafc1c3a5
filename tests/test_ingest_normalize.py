"""normalize(): OCR spacing, width forms, safe OCR confusions — and what it must leave alone."""
import pytest

from dossier_review.ingest import normalize

CASES = [
    # Tesseract's spaces between Chinese characters and around Chinese punctuation
    ("当 事 人 : 某市安康食品贸易有限公司", "当事人：某市安康食品贸易有限公司"),
    ("2024年3月12日 ， 本局执法人员进行现场检查 ,发现", "2024年3月12日，本局执法人员进行现场检查，发现"),
    ("罚款 人民币 5 万元", "罚款人民币5万元"),
    # full-width digits/letters → ASCII; full-width space
    ("２０２４年３月１２日", "2024年3月12日"),
    ("信用代码：９１３１０１１５ＭＡ１Ｈ７ＫＱＸ３Ｂ", "信用代码：91310115MA1H7KQX3B"),
    ("当事人\u3000张三", "当事人张三"),
    # Chinese punctuation canonical inside Chinese text
    ("第 (五) 项", "第（五）项"),
    ("（十) 项", "（十）项"),
    ("罚款人民币伍万元整 (¥50000.00) 。", "罚款人民币伍万元整（¥50000.00）。"),
    ("违反了<<中华人民共和国食品安全法>>第三十四条", "违反了《中华人民共和国食品安全法》第三十四条"),
    ("问 : 你是否清楚 ?", "问：你是否清楚？"),
    # 〇/O/o/0 inside Chinese dates; l/I inside digit runs
    ("二O二四年四月十八日", "二〇二四年四月十八日"),
    ("二〇二o年一月五日", "二〇二〇年一月五日"),
    ("2O24年3月l2日", "2024年3月12日"),
    ("第l0条", "第10条"),
    # separators inside numbers
    ("罚款 ¥50，000。00元", "罚款¥50,000.00元"),
    ("罚款50,000元", "罚款50,000元"),
    # 文号 bracket confusions
    ("某市监罚[2024】 128号", "某市监罚〔2024〕128号"),
    ("沪应急罚【2023】第12号", "沪应急罚〔2023〕第12号"),
    ("京市监罚(2024)7号", "京市监罚〔2024〕7号"),
    # a 文号 broken over two lines, and brackets whose partner is on the other line
    ("送达了《告知书》(成武文旅告【2024]\n第345号)，告知其", "送达了《告知书》（成武文旅告〔2024〕\n第345号），告知其"),
    # chi_sim confusions, only where the misread character cannot belong
    ("行政处昼决定书", "行政处罚决定书"),
    ("二、昼款人民币7,500元", "二、罚款人民币7,500元"),
    ("收到本决定书之目起十五日内", "收到本决定书之日起十五日内"),
    ("2024年3月12曰", "2024年3月12日"),
    ("二〇二四年三月五曰", "二〇二四年三月五日"),
    ("当亊人", "当事人"),
]

UNCHANGED = [
    "（2024）沪0115行初123号",          # a court case number uses （） legitimately
    "No. 12 abc",                        # Latin text keeps its spaces
    "Time: 10:30",
    "第1，2项",                           # a list of items, not a thousands separator
    "91310115MA1H7KQX3B",                # O/I are not mended inside Latin codes
    "二〇二四年三月十O日",                 # 十〇 is no numeral: leave the OCR error visible
    "一、没收违法所得",
    "ABC IOU 100",
    "昼夜经营",                           # 昼 is a word of its own outside 处罚/罚款
    "No (1)",
]


@pytest.mark.parametrize("raw,expected", CASES)
def test_normalize_cases(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize("text", UNCHANGED)
def test_normalize_leaves_meaning_alone(text):
    assert normalize(text) == text


def test_lines_kept_and_cell_gaps_kept_as_two_spaces():
    raw = "送达文书   行政处罚决定书\n受 送 达 人    某 公 司\n\n\n\n问 : 你好"
    assert normalize(raw) == "送达文书  行政处罚决定书\n受送达人  某公司\n\n问：你好"


def test_normalize_is_idempotent():
    raw = "当 事 人 : 张三  二O二四年 三月 (五) 项 某罚[2024]3号 ￥1，000元"
    once = normalize(raw)
    assert normalize(once) == once


def test_empty():
    assert normalize("") == ""
    assert normalize("  \n \n") == ""
