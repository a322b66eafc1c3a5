"""False accusations on scanned dossiers of an unseen template family (hold-out B, scanned):
each misreading that led to a firm finding, built from text (no OCR), with its near miss."""
import datetime as dt

from facts_builder import clean_case, firm, human, one_firm, only_needs_human, party
from test_extract_util import make_doc

from dossier_review.extract import extract_document
from dossier_review.model import Citation, Dossier, Evidence, Page
from dossier_review.segment import segment
from dossier_review.segment.vocabulary import default_vocabulary

D = dt.date


def _facts(text, type_, title="", source="ocr"):
    doc, pages = make_doc(text, type_, title=title, source=source)
    return extract_document(doc, 0, pages)


# ------------------------------------------------------------ a title whose 书 was read as 六

def test_title_with_last_character_misread_as_numeral_is_the_right_title():
    v = default_vocabulary()
    m = v.match_title("济南市历下区文化和旅游局行政处罚（听证）告知六")
    assert m.type == "prior_notice" and m.errors == 1
    # near miss: a real qualifier after an intact title still peels off
    m = v.match_title("行政处罚决定书二")
    assert m.type == "decision" and m.errors == 0


LEGAL_REVIEW_THEN_NOTICE = "\n".join([
    "济南市历下区文化和旅游局法制审核表",
    "送审机构：执法科室案件名称：某网吧接纳未成年人案",
    "审核意见：经审核，本案执法主体合法，违法事实清楚，证据确凿充分，程序合法，同意承办机构的处理意见。",
    "审核人：许伟审核日期：二〇〇二四年三月七日",
    "",
    "济南市历下区文化和旅游局行政处罚（听证）告知",
    "六",
    "济历文旅告字〔2024〕38号",
    "",
    "济南市历下区新域网吧：",
    "经本机关调查核实：二〇二四年二月二十三日，执法人员对你经营的互联网上网服务营业场所进行检查，发现场内有未成年人。",
    "依照《中华人民共和国行政处罚法》第四十四条、第四十五条之规定，你享有陈述、申辩的权利。",
    "济南市历下区文化和旅游局",
    "2024年3月8日",
])


def _segment_one(text):
    page = Page(number=1, source="ocr", confidence=0.85, raw_text=text, text=text)
    return segment(Dossier(name="t", sources=["t.pdf"], pages=[page])).documents


def test_notice_under_a_legal_review_on_the_same_page_is_found_when_its_title_wrapped_and_misread():
    docs = _segment_one(LEGAL_REVIEW_THEN_NOTICE)
    assert [d.type for d in docs] == ["legal_review", "prior_notice"]
    assert docs[1].text.startswith("济南市历下区文化和旅游局行政处罚（听证）告知")


def test_a_label_line_ending_like_a_title_does_not_split_the_page():
    # near miss: "……告知" followed by a body line (no wrapped tail) stays a fuzzy match too far
    # from any title to start a document without a closing block above it
    text = LEGAL_REVIEW_THEN_NOTICE.replace("审核人：许伟审核日期：二〇〇二四年三月七日\n\n", "") \
        .replace("\n六\n", "\n经审核，本案可以拟作出处罚，并依法告知当事人陈述申辩的权利，请领导审批。\n")
    docs = _segment_one(text)
    assert [d.type for d in docs] == ["legal_review"]


# ------------------------------------------------------------ 文号 with a bracket read as two

def test_doc_number_with_a_doubled_bracket_on_a_scan_is_read_and_not_held_against_the_file():
    f = _facts("成都市武侯区市场监督管理局\n行政处罚决定书\n成武市监（2024]】罚390号\n被处罚单位：某公司", "decision")
    assert f.doc_number == "成武市监（2024]】罚390号" and f.doc_number_valid is True
    b = clean_case()
    d = b.get("decision")
    d.doc_number, d.doc_number_valid, d.ocr_confidence = f.doc_number, f.doc_number_valid, 0.85
    assert firm(b.build(), "documents.document_number_invalid") == []
    assert human(b.build(), "documents.document_number_invalid") == []


def test_round_brackets_on_a_text_layer_stay_invalid():
    # near miss: printed round brackets (a text layer) are what was printed
    f = _facts("某市市场监督管理局\n行政处罚决定书\n某市监罚（2024))12号\n当事人：某公司", "decision", source="text")
    assert f.doc_number is not None and f.doc_number_valid is False
    b = clean_case()
    b.get("decision").doc_number, b.get("decision").doc_number_valid = f.doc_number, f.doc_number_valid
    assert len(firm(b.build(), "documents.document_number_invalid")) == 1


def test_square_brackets_on_a_text_layer_page_stay_invalid_beside_a_scanned_back_page():
    # near miss: the decision's number is on a text-layer page; only its blank back page was OCR'd
    texts = ["行政处罚决定书\n济应急罚字[2023]159号\n被处罚人：某公司", "14"]
    doc, pages = make_doc(texts, "decision", source="text")
    pages[2].source = "ocr"
    f = extract_document(doc, 0, pages)
    assert f.doc_number == "济应急罚字[2023]159号" and f.doc_number_valid is False


# ------------------------------------------------------------ an article number misread

def test_misread_article_number_is_a_provision_written_not_left_out():
    f = _facts("依据《中华人民共和国食品安全法》第一正二十二条第一款的规定，决定对当事人罚款人民币100000元。", "decision")
    basis = [c for c in f.citations if c.role == "penalty_basis"]
    assert basis and basis[0].article is None and basis[0].provision_unread
    b = clean_case()
    b.get("decision").citations = [c for c in b.get("decision").citations if c.role != "penalty_basis"] + basis
    facts = b.build()
    assert firm(facts, "legal_basis.citation_imprecise") == []
    assert "识别不清" in human(facts, "legal_basis.citation_imprecise")[0].message


def test_law_cited_without_any_article_is_still_imprecise():
    # near miss: nothing between the law's name and 的规定
    f = _facts("依据《中华人民共和国食品安全法》的规定，决定对当事人罚款人民币100000元。", "decision")
    basis = [c for c in f.citations if c.role == "penalty_basis"]
    assert basis and not basis[0].provision_unread
    b = clean_case()
    b.get("decision").citations = [c for c in b.get("decision").citations if c.role != "penalty_basis"] + basis
    assert len(firm(b.build(), "legal_basis.citation_imprecise")) == 1


# ------------------------------------------------------------ one character of a law's name misread

LAW = "互联网上网服务营业场所管理条例"


def _inconsistent(decision_law, conf):
    b = clean_case()
    for doc, law, c in ((b.get("prior_notice"), LAW, 0.97), (b.get("decision"), decision_law, conf)):
        doc.citations = [Citation(law=law, article=31, item=2, role="penalty_basis", quote=f"《{law}》第三十一条第（二）项",
                                  conf=c)]
    return b.build()


def test_law_name_one_misread_character_apart_is_the_same_law():
    assert firm(_inconsistent("互联网上网服务莒业场所管理条例", 0.0), "legal_basis.citation_inconsistent") == []


def test_law_name_difference_on_a_text_layer_or_by_more_than_a_slip_stands():
    # near misses: the same one-character difference read from a text layer, and another law
    assert len(firm(_inconsistent("互联网上网服务莒业场所管理条例", None), "legal_basis.citation_inconsistent")) == 1
    assert len(firm(_inconsistent("娱乐场所管理条例", 0.0), "legal_basis.citation_inconsistent")) == 1


# ------------------------------------------------------------ a licence copy whose title was misread

def test_licence_copy_with_a_misread_title_is_proof_of_identity():
    b = clean_case().remove("evidence")
    b.add("evidence", "曹业执照（副本）复印件", party=party(evidence=[Evidence(7, "统一社会信用代码91350100M000100Y43")]))
    facts = b.build()
    assert firm(facts, "evidence.party_identity_proof_missing") == []
    assert human(facts, "evidence.party_identity_proof_missing") == []


def test_identity_proof_missing_when_evidence_shows_no_identity():
    # near misses: only photos (firm), and a paper carrying only an ID number (for a human)
    b = clean_case().remove("evidence")
    b.add("evidence", "限片证据")
    assert len(firm(b.build(), "evidence.party_identity_proof_missing")) == 1
    b = clean_case().remove("evidence")
    b.add("evidence", "检验报告", party=party(address=None, representative=None))
    assert len(only_needs_human(b, "evidence.party_identity_proof_missing")) == 1


# ------------------------------------------------------------ 案情复杂 as a reason for more time

EXTENSION = "延长办案期限呈批表\n案由 某网吧接纳未成年人案\n延期理由 案情复杂，需进一步调查取证。\n负责人意见 同意延长"


def test_complex_case_as_an_extension_reason_is_not_a_major_case_marking():
    f = _facts(EXTENSION, "other", "延长办案期限呈批表", source="text")
    assert not f.major_case and f.evidence.get("complex_extension")
    b = clean_case()
    b.docs.append(f)
    assert len(only_needs_human(b, "procedure.no_collective_discussion")) == 1


def test_a_case_marked_major_still_needs_collective_discussion():
    # near misses: the case said to be 重大; 案情复杂 for more time with a fine of the 较大数额
    f = _facts("经审查，本案属于重大案件，建议提交集体讨论。", "legal_review", source="text")
    assert f.major_case is True
    b = clean_case()
    b.docs.append(f)
    assert len(firm(b.build(), "procedure.no_collective_discussion")) == 1
    b = clean_case(fine=150000)
    b.docs.append(_facts(EXTENSION, "other", "延长办案期限呈批表", source="text"))
    f = one_firm(b, "procedure.no_collective_discussion")
    assert "案情复杂" in f.message


# ------------------------------------------------------------ the hearing day is not the notice's date

HEARING_NOTICE = ("长沙市岳麓区市场监督管理局举行听证通知书\n长岳市监听字〔2024〕380号\n长沙某电器销售有限公司：\n"
                  "根据你单位的申请，本局定于2024年1月23日13时20分在长沙市岳麓区桐梓坡路217号就你单位发布违法广告一案举行\n"
                  "听证，由韩志明担任听证主持人。无正当理由不到场的，视为放弃听证。\n长沙市岳麓区市场监督管理局\n{date}")


def test_scheduled_hearing_day_is_not_taken_for_the_notice_date():
    f = _facts(HEARING_NOTICE.format(date="”二C〇二四年二月八日"), "hearing_notice")
    assert f.date is None
    assert [(d.role, d.date) for d in f.dates] == [("hearing", D(2024, 1, 23))]
    b = clean_case()
    b.add("hearing_notice", "举行听证通知书", dates=f.dates, date=f.date)
    b.add("hearing_record", "听证笔录", date=D(2024, 1, 23))
    b.dates["hearing"] = D(2024, 1, 23)
    assert firm(b.build(), "hearing.notice_too_late") == []


def test_readable_notice_date_is_the_notice_date():
    # near miss: the 落款 read, it is the notice's date, and a late notice is found
    f = _facts(HEARING_NOTICE.format(date="2024年1月18日"), "hearing_notice")
    assert f.date == D(2024, 1, 18)
    b = clean_case()
    b.add("hearing_notice", "举行听证通知书", dates=f.dates, date=f.date)
    b.add("hearing_record", "听证笔录", date=D(2024, 1, 23))
    b.dates["hearing"] = D(2024, 1, 23)
    assert len(firm(b.build(), "hearing.notice_too_late")) == 1


# ------------------------------------------------------------ a record's time field misread

def _inquiry(time_line):
    return _facts(f"调查笔录\n{time_line}  地点  武汉市江汉区解放大道87号\n受询问人  顾海燕\n"
                  "问：请讲一下检查时发现的问题。\n答：没有补充。\n受询问人（签字）：顾海燕二〇二四年十一月六日",
                  "inquiry", "调查笔录")


def _record_time_findings(f):
    b = clean_case()
    b.docs = [f if d.type == "inquiry" else d for d in b.docs]
    return b.build()


def test_time_field_with_unreadable_writing_asks_a_human():
    f = _inquiry("时间  区汪本汪汪人2")
    assert f.start_time is None and f.evidence.get("time_unread")
    facts = _record_time_findings(f)
    assert firm(facts, "evidence.record_time_incomplete") == []
    assert "识别不清" in human(facts, "evidence.record_time_incomplete")[0].message


def test_time_field_left_blank_is_found():
    # near miss: a blank template field is a time left out
    f = _inquiry("时间：    年  月  日  时  分至  时  分")
    assert not f.evidence.get("time_unread")
    assert len(firm(_record_time_findings(f), "evidence.record_time_incomplete")) == 1
