"""The second opinion: a second engine's reading of the very characters a reading claim rests on
decides it (confirmed → firm; contradicted → a human, with both readings; none → the gate)."""
from facts_builder import clean_case, firm, human

from dossier_review.check import reading_requests, run_checks
from dossier_review.check.reread import compare, plain
from dossier_review.model import Evidence, LineReading
from dossier_review.pipeline import decide_scope

BOX = [0.1, 0.2, 0.6, 0.23]


def _scanned(facts):
    for p in facts.pages:
        p.source = "ocr"
        p.confidence = 0.85
    return facts


def _typo_case(conf):
    b = clean_case()
    decision = b.get("decision")
    decision.typos = [Evidence(decision.first_page, "可在六十日内申请行政复义", conf=conf, box=list(BOX))]
    decision.typo_fixes = ["行政复义→行政复议"]
    facts = _scanned(b.build())
    return facts, next(d for d in facts.documents if d.type == "decision").typos[0].page


def test_compare_sees_only_the_written_characters_both_cover():
    assert compare("可在六十日内申请行政复义", "申请行政复义。")[0] is True
    assert compare("¥500.00元", "￥500.00元")[0] is True      # full width folded
    same, a, b = compare("罚款人民币¥500.00元", "罚款人民币8500.00元")
    assert same is False and "¥" in a and "8" in b
    assert compare("行政复义", "完全无关的文字内容")[0] is None   # not a reading of those characters
    assert plain("⼀二") == "一二"                               # a Kangxi radical folded


def test_unsure_reading_confirmed_by_the_second_engine_is_firm():
    facts, page = _typo_case(0.80)
    assert firm(facts, "documents.typo") == []                 # the gate alone holds it back
    from facts_builder import standard
    asked = reading_requests(facts, run_checks(facts, standard()), standard())
    assert (page, BOX) in asked
    facts.second_readings = [LineReading(page=page, box=[0.09, 0.19, 0.62, 0.24], text="申请行政复义",
                                         engine="rapidocr")]
    assert len(firm(facts, "documents.typo")) == 1


def test_sure_reading_contradicted_by_the_second_engine_asks_a_human_with_both():
    facts, page = _typo_case(0.99)
    assert len(firm(facts, "documents.typo")) == 1
    # read otherwise again (neither the typo nor the right term): a human compares the two
    facts.second_readings = [LineReading(page=page, box=list(BOX), text="可在六十日内申请行政夏义")]
    found = human(facts, "documents.typo")
    assert len(found) == 1 and "复义" in found[0].message and "夏义" in found[0].message


def test_a_reading_elsewhere_on_the_page_changes_nothing():
    facts, page = _typo_case(0.80)
    facts.second_readings = [LineReading(page=page, box=[0.1, 0.7, 0.6, 0.73], text="申请行政复义")]
    assert firm(facts, "documents.typo") == [] and len(human(facts, "documents.typo")) == 1


def test_text_layer_findings_ask_for_no_second_reading():
    b = clean_case()
    decision = b.get("decision")
    decision.typos = [Evidence(decision.first_page, "可在六十日内申请行政复义", box=list(BOX))]
    decision.typo_fixes = ["行政复义→行政复议"]
    facts = b.build()
    from facts_builder import standard
    assert reading_requests(facts, run_checks(facts, standard()), standard()) == []


# -- scope --------------------------------------------------------------------------------------

def test_a_lone_document_is_reviewed_at_document_scope():
    facts = clean_case().build()
    assert decide_scope(facts) == "dossier"
    facts.documents = [d for d in facts.documents if d.type in ("decision", "other")]
    assert decide_scope(facts) == "document"
    assert decide_scope(facts, "dossier") == "dossier"
    facts.scope = "dossier"
    codes = {f.code for f in run_checks(facts, __import__("facts_builder").standard())}
    assert "procedure.no_filing" in codes                     # the near miss: a dossier lacks it
    facts.scope = "document"
    codes = {f.code for f in run_checks(facts, __import__("facts_builder").standard())}
    assert not codes & {"procedure.no_filing", "filing.no_catalog", "procedure.no_service_receipt",
                        "procedure.no_prior_notice", "hearing.not_notified"}


def test_the_pipeline_asks_for_the_lines_and_keeps_the_readings(monkeypatch):
    """Wiring only (the engine is stood in for): the pipeline asks for the evidence lines of the
    reading claims, stores what comes back with the facts, and judging weighs it."""
    from facts_builder import standard

    import dossier_review.ingest as ingest_stage
    from dossier_review import pipeline
    from dossier_review.model import Dossier, Page

    facts, page = _typo_case(0.80)
    asked = []

    def fake_second_opinion(dossier, requests):
        asked.extend(requests)
        return [LineReading(page=p, box=b, text="可在六十日内申请行政复义", engine="stand-in") for p, b in requests]

    monkeypatch.setattr(ingest_stage, "second_opinion", fake_second_opinion)
    dossier = Dossier(name="x", sources=[], pages=[Page(number=page, source="ocr", confidence=0.85, raw_text="",
                                                        text="")])
    pipeline.second_opinion(dossier, facts, standard())
    assert (page, BOX) in asked and facts.second_readings
    assert len(firm(facts, "documents.typo")) == 1
    # stored with the facts: a rescore from the JSON weighs the same readings, no OCR
    from dossier_review.model import Facts
    again = Facts.from_dict(facts.to_dict())
    assert again.second_readings and len(firm(again, "documents.typo")) == 1


def test_the_characters_read_are_compared_not_the_neighbours_the_margin_caught():
    from dossier_review.check.reread import compare_subject
    assert compare_subject("5600", "次5600元")[0] is True         # neighbours at the margin
    assert compare_subject("行政复义", "请行政复议。")[0] is False   # the last character differs
    assert compare_subject("4500", "500元")[0] is False           # a digit the first read has
    assert compare_subject("行政复义", "完全无关")[0] is None


def test_a_typo_the_second_engine_reads_right_is_dropped():
    facts, page = _typo_case(0.99)
    facts.second_readings = [LineReading(page=page, box=list(BOX), text="申请行政复议")]
    assert [f for f in firm(facts) + human(facts) if f.code == "documents.typo"] == []
