"""Layouts and phrasings of an unseen template family that used to yield false findings."""
import pytest
from test_extract_util import make_doc, officer_pairs

from dossier_review.extract.dates import date_facts, record_times
from dossier_review.extract.notices import has_facts, remedy_info
from dossier_review.extract.party import extract_party, find_ids
from dossier_review.extract.text import DocText


def _dt(text, type_="decision"):
    return DocText(make_doc(text, type_)[0])


def _off(text, type_="inspection"):
    return officer_pairs(text, type_)


# ------------------------------------------------------------------ officers

@pytest.mark.parametrize("text,expected", [
    # the certificate label wrapped ("执法证件号 / 码") around the phone cell; the list ends in "、"
    ("检查人员 钱秀兰、孟杰\n执法证件号 42015391521、\n联系电话 15933796124\n码 42013223033\n",
     [("钱秀兰", "42015391521"), ("孟杰", "42013223033")]),
    ("检查人员：邹学军、周婷婷\n执法证号：330106-54-6885，\n电话：17856175929\n330106-27-9863\n",
     [("邹学军", "330106-54-6885"), ("周婷婷", "330106-27-9863")]),
    # the number shares its line with the next cell, under a label that stands alone
    ("询问人 贾佳怡 记录人\n执法证件号\n陕81546204 联系电话 19116028471\n码\n",
     [("贾佳怡", "陕81546204")]),
])
def test_certificates_of_wrapped_table_cells(text, expected):
    assert _off(text) == expected


def test_list_ended_without_separator_does_not_take_a_later_number():
    # near miss: one certificate, no trailing "、"; a number further down is someone else's
    assert _off("检查人员：钱秀兰\n执法证号：42015391521\n联系电话：15933796124\n货号 42013223033\n") == \
        [("钱秀兰", "42015391521")]


@pytest.mark.parametrize("verb", ["到", "在", "向", "对", "于"])
def test_name_in_prose_stops_at_the_verb(verb):
    names = [n for n, _ in _off(f"现场检查情况：我局执法人员陈超、江超{verb}广州福满健康科技有限公司进行检查。\n")]
    assert "江超" in names and not any(len(n) == 3 and n.endswith(verb) for n in names)


def test_three_character_name_is_kept_whole():
    # near miss: a real three-character name before a verb is not cut
    assert [n for n, _ in _off("执法人员李向东、王建国到现场进行检查。\n")] == ["李向东", "王建国"]


# ------------------------------------------------------------------ party

@pytest.mark.parametrize("text,rep", [
    ("被处罚人：武汉华盛物流有限公司；住所地：武汉市江汉区青年路232号；社会信用代码：91420103MA89073245；负责人\n：余霞。\n", "余霞"),
    ("被处罚人：合肥永康五金机电有限公司；地址：合肥市蜀山区潜山路42号；法定代表人（\n负责人）：谭学军。\n", "谭学军"),
    ("当事人：广州嘉和商贸有限公司\n法定代表人\n：金霞\n", "金霞"),
])
def test_label_colon_after_a_line_wrap(text, rep):
    assert extract_party(_dt(text)).representative == rep


def test_representative_word_ending_a_prose_line_is_not_a_label():
    # near miss: no colon after the wrap, prose goes on
    p = extract_party(_dt("当事人：广州嘉和商贸有限公司\n本局责令其负责人\n立即改正违法行为。\n"))
    assert p.representative is None


@pytest.mark.parametrize("text,kind", [
    ("当事人：南京某某化工有限公司\n913201067997064411\n", "credit_code"),       # digits only, no birth date
    ("当事人：张某某\n110105194912310021\n", "id_card"),                          # a birth date at 7-14
    ("当事人：南京某某化工有限公司\n身份证号：913201067997064411\n", "credit_code"),  # the label is wrong
])
def test_id_kind_follows_the_number_form(text, kind):
    assert find_ids(_dt(text))[1] == kind


def test_officer_certificate_label_is_not_the_party_id():
    num, _, _ = find_ids(_dt("被检查单位：某某公司\n执法证件号：42015391521\n"))
    assert num is None


# ------------------------------------------------------------------ record time

@pytest.mark.parametrize("text,start,end", [
    ("调查笔录\n二〇二三年七月二十五日\n时间  地点  杭州市西湖区天目山路138号\n15:05—16:36\n受询问人 金思远\n",
     "2023-07-25 15:05", "2023-07-25 16:36"),
    ("询问笔录\n2024/4/19\n时间 地点 某某市某某路1号\n09:15—10:14\n", "2024-04-19 09:15", "2024-04-19 10:14"),
    ("询问笔录\n时间：2024年3月12日9时30分至10时45分\n", "2024-03-12 09:30", "2024-03-12 10:45"),
])
def test_record_time_laid_out_around_its_label(text, start, end):
    _, own, _ = date_facts(_dt(text, "inquiry"), "inquiry")
    assert record_times(own) == (start, end)


def test_a_time_range_after_a_full_stop_is_not_the_date_s_time():
    # near miss: the range belongs to another sentence
    _, own, _ = date_facts(_dt("询问笔录\n2024年4月19日。营业时间为09:00—21:00\n", "inquiry"), "inquiry")
    assert own is None or own.time is None


# ------------------------------------------------------------------ notice facts

@pytest.mark.parametrize("text", [
    "经本机关调查核实：2023年9月6日，执法人员对你单位进行检查，发现场内有38名未成年人正在上网。",
    "经本局依法查实，你单位于2024年1月销售过期食品。",
    "2024年1月15日，执法人员对你单位进行安全生产执法检查，发现其未建立培训档案。",
    "上述事实，有检查笔录、询问笔录等证据在案佐证。",
])
def test_notice_facts_opening_phrases(text):
    assert has_facts(text)


def test_notice_without_facts_is_still_found():
    # near miss: only the intended penalty and the rights
    assert not has_facts("本机关拟对你作出罚款5000元的行政处罚。你享有陈述、申辩的权利，可于五个工作日内提出。")


# ------------------------------------------------------------------ remedy

@pytest.mark.parametrize("text,body,court", [
    ("如对本决定不服，有权依法申请行政复议或者提起行政诉讼：申请行政复议的，应当自收到本决定书之日起六十日内向"
     "济南市人民政府提出；提起行政诉讼的，应当自收到本决定书之日起6个月内向济南市历下区人民法院提出。",
     "济南市人民政府", "济南市历下区人民法院"),
    ("对本决定不服申请复议的，可于六十日内向杭州市人民政府递交申请书；不服本决定提起诉讼的，可在六个月内向西湖区人民法院起诉。",
     "杭州市人民政府", "西湖区人民法院"),
    ("当事人如不服本决定，可以在收到本决定书之日起六十日内向某某市人民政府申请行政复议，也可以在六个月内向某某区人民法院提起行政诉讼。",
     "某某市人民政府", "某某区人民法院"),
])
def test_remedy_body_in_the_clause_after_its_topic(text, body, court):
    r = remedy_info(_dt(text))
    assert (r.review_body, r.court, r.review_days) == (body, court, 60)


def test_remedy_without_a_named_body_stays_unnamed():
    # near miss: the period is stated but no body
    r = remedy_info(_dt("申请行政复议的，应当自收到本决定书之日起六十日内提出；提起行政诉讼的，应当在六个月内提出。"))
    assert r.review_stated and r.review_body is None and r.court is None and r.review_days == 60


def _notice_elements(body):
    from test_extract_util import make_seg

    from dossier_review.extract import extract
    facts = extract(make_seg([("行政处罚告知书\n某某公司：\n" + body + "\n某某市市场监督管理局\n2024年3月12日\n", "prior_notice")]))
    return facts.documents[0].elements


@pytest.mark.parametrize("body,penalty", [
    ("经查，你单位销售过期食品。根据《中华人民共和国食品安全法》第一百二十四条，拟对你单位依法给予行政处罚。", False),
    ("经查，你单位销售过期食品。根据《中华人民共和国食品安全法》第一百二十四条，拟对你单位处以罚款伍仟元。", True),
    ("经查，你单位销售过期食品。本局拟对你作出以下行政处罚：警告。", True),
])
def test_notice_penalty_must_name_the_penalty(body, penalty):
    assert _notice_elements(body)["penalty"] is penalty
