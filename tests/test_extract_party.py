import pytest
from test_extract_util import make_doc

from dossier_review.extract.party import extract_party, merge_parties
from dossier_review.extract.text import DocText


def _party(text, **kw):
    return extract_party(DocText(make_doc(text)[0]), **kw)


@pytest.mark.parametrize("text,name", [
    ("当事人：杭州某味食品有限公司\n", "杭州某味食品有限公司"),
    ("当 事 人: 宁波华达机械制造有限公司\n", "宁波华达机械制造有限公司"),
    ("被处罚人：温州市鹿城区好再来餐馆\n", "温州市鹿城区好再来餐馆"),
    ("被检查单位：嘉兴市安达物流有限公司\n", "嘉兴市安达物流有限公司"),
    ("名称：湖州南浔顺风汽车维修部（个体工商户）\n", "湖州南浔顺风汽车维修部（个体工商户）"),
    ("当事人 杭州某味食品有限公司    法定代表人 王建国\n", "杭州某味食品有限公司"),
    ("当事人杭州某味食品有限公司法定代表人王建国\n", "杭州某味食品有限公司"),
])
def test_party_name_label_styles(text, name):
    p = _party(text)
    assert p.name == name
    assert p.kind == "organisation"


def test_company_details():
    text = ("当事人：杭州某味食品有限公司\n统一社会信用代码：91330106MA2B3C4D5E\n"
            "住所：杭州市西湖区文三路100号\n法定代表人：王建国 职务：执行董事\n")
    p = _party(text)
    assert (p.id_number, p.id_kind) == ("91330106MA2B3C4D5E", "credit_code")
    assert p.address == "杭州市西湖区文三路100号"
    assert p.representative == "王建国"
    assert all(e.page == 1 and e.quote for e in p.evidence)


def test_individual():
    text = "当事人：李小明\n性别：男\n身份证号码：110105199003076518\n住址：北京市朝阳区建国路8号\n"
    p = _party(text)
    assert p.name == "李小明"
    assert p.kind == "individual"
    assert (p.id_number, p.id_kind) == ("110105199003076518", "id_card")
    assert p.address == "北京市朝阳区建国路8号"


def test_individual_business_trade_name_is_party():
    text = ("当事人：义乌市福田好运来便利店（个体工商户）\n经营者：陈大海\n"
            "统一社会信用代码：92330782MA2E4XYZ1K\n经营场所：义乌市福田街道商城大道1号\n")
    p = _party(text)
    assert p.name.startswith("义乌市福田好运来便利店")
    assert p.kind == "organisation" and p.individual_business
    assert p.representative == "陈大海"
    assert p.address == "义乌市福田街道商城大道1号"


def test_registration_number_label():
    p = _party("当事人：某市某某商行\n营业执照注册号：330100000123456\n")
    assert p.id_number == "330100000123456" and p.id_kind == "other"


def test_word_in_prose_is_not_a_label():
    # "当事人" inside a sentence must not yield "进行调查" as a name
    p = _party("本局对当事人进行调查。\n当事人：杭州某味食品有限公司\n")
    assert p.name == "杭州某味食品有限公司"


def test_id_without_party_label_ignored_for_records():
    assert _party("被询问人：赵六 身份证号：330106198001011234\n", party_context=False) is None


def test_merge_takes_decision_first():
    a = _party("当事人：甲公司有限公司\n")
    b = _party("当事人：乙公司有限公司\n统一社会信用代码：91330106MA2B3C4D5E\n")
    m = merge_parties([a, b])
    assert m.name == "甲公司有限公司" and m.id_number == "91330106MA2B3C4D5E"


def test_on_site_manager_is_not_the_representative():
    p = _party("当事人：合肥新域木业有限公司\n现场负责人：苏海燕（店长）\n")
    assert p.representative is None


def test_prose_place_is_not_an_address():
    p = _party("当事人：合肥新域木业有限公司\n经查，当事人未在经营场所设置明显的安全警示标志。\n")
    assert p.address is None


def test_note_between_label_and_colon():
    assert _party("被处罚人（单位）名称：台州市路桥区鑫源五金厂\n").name == "台州市路桥区鑫源五金厂"


def test_party_from_salutation_of_a_notice():
    p = _party("宁波市应急管理局\n行政处罚告知书\n甬应急告〔2024〕8号\n宁波华达机械制造有限公司：\n经查，你单位……\n")
    assert p.name == "宁波华达机械制造有限公司"


def test_label_ending_a_prose_line_is_not_a_cell():
    p = _party("本局决定对当事人\n作出如下行政处罚：罚款1000元。\n被处罚人：西安安泰汽车服务有限公司\n")
    assert p.name == "西安安泰汽车服务有限公司"


def test_prose_line_starting_with_label_word():
    p = _party("名称：谭文杰\n性别：男\n当事人逾期不履行的，本机关将依法加处罚款。\n")
    assert p.name == "谭文杰" and p.kind == "individual"


@pytest.mark.parametrize("wrapped", ["法定代表人（负责\n人）：王海燕。", "法定代表人（\n负责人）：王海燕。", "法定代表人\n（负责人）：王海燕。"])
def test_representative_label_wrapped_inside_its_note(wrapped):
    text = ("被处罚单位：南京润发化工有限公司；统一社会信用代码：91320106MA04320880；" + wrapped + "\n"
            "南京润发化工有限公司未按照规定对从业人员进行安全生产教育和培训一案，本局于2025年4月7日立案调查。\n")
    assert _party(text).representative == "王海燕"


def test_representative_with_a_surname_not_in_the_list_is_still_read():
    # 侯 read as 候 on a scan (or a rare surname): the labelled name alone in its field is the name
    p = _party("被处罚人：广州天成机械制造有限公司；住所：广州市天河区黄埔大道中51号；"
              "统一社会信用代码：91440106MA4695213M；负责人：候敏。")
    assert p.representative == "候敏"


def test_representative_field_saying_none_is_not_a_name():
    p = _party("当事人：广州天成机械制造有限公司\n统一社会信用代码：91440106MA4695213M\n法定代表人：暂无\n")
    assert p.representative is None


def _scanned_party(text):
    from dossier_review.extract.ocrconf import CharConf
    doc = make_doc(text)[0]
    n = len(doc.text)
    return extract_party(DocText(doc, CharConf([0.99] * n, [False] * n)))


def test_a_party_label_with_one_character_misread_on_a_scan_still_gives_the_name():
    text = "行政处罚决定书\n被处强人：苏俊杰性别：女身份证件号码：\n420103198903260022地址：武汉市江汉区解放大道104号\n"
    assert _scanned_party(text).name == "苏俊杰"
    # near misses: the same text from a text layer is not read through a misspelt label, and a
    # word of prose with one character in common is not a label
    assert _party(text).name is None
    prose = _scanned_party("行政处罚决定书\n经查，被处理人员张三于2024年在某地经营。\n")
    assert prose is None or prose.name is None
