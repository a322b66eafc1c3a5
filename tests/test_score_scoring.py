"""Scoring exactly as the standard says: item caps, budgets, needs_human, veto, grades."""
import dataclasses

from facts_builder import clean_case, findings, standard

from dossier_review.check import run_checks
from dossier_review.model import Finding
from dossier_review.score import score


def F(code, points, *, veto=False, human=False, category=None):
    return Finding(code=code, category=category or code.split(".")[0], points=points, veto=veto,
                   needs_human=human, message="m", fix="f", basis="b")


FACTS = clean_case().build()


def test_clean_file_scores_full_marks():
    review = score(FACTS, run_checks(FACTS, standard()), standard())
    assert review.score == 100 and review.grade == "优秀" and not review.vetoed and not review.needs_human
    assert review.standard == "default" and review.page_count == FACTS.page_count
    assert review.documents[0] == {"type": "cover", "title": "行政处罚案卷", "first_page": 1, "last_page": 1}
    assert review.facts["dossier"] == "case" and review.pages == [p.to_dict() for p in FACTS.pages]
    assert [c.category for c in review.categories] == list(standard().categories)


def test_item_without_per_instance_deducts_once():
    review = score(FACTS, [F("procedure.date_order_violation", 3)] * 3, standard())
    assert review.score == 97


def test_per_instance_items_add_up_to_their_cap():
    review = score(FACTS, [F("documents.decision_elements_missing", 3)] * 2, standard())
    assert review.score == 94
    review = score(FACTS, [F("documents.decision_elements_missing", 3)] * 5, standard())
    assert review.score == 90          # 15 capped at max_points 10


def test_category_cannot_go_below_zero():
    found = [F("remedy.missing", 10), F("remedy.review_period_wrong", 3), F("remedy.body_unnamed", 2)]
    review = score(FACTS, found, standard())
    remedy = next(c for c in review.categories if c.category == "remedy")
    assert remedy.deducted == 10 and remedy.score == 0 and review.score == 90


def test_needs_human_findings_do_not_deduct():
    review = score(FACTS, [F("remedy.missing", 0, human=True), F("documents.typo", 0.5)], standard())
    assert review.score == 99.5 and review.needs_human and review.grade == "优秀"


def test_veto_zeroes_the_score():
    review = score(FACTS, [F("procedure.no_prior_notice", 0, veto=True)], standard())
    assert review.vetoed and review.score == 0 and review.grade == "不合格"


def test_needs_human_veto_does_not_veto():
    review = score(FACTS, [F("procedure.no_prior_notice", 0, human=True)], standard())
    assert not review.vetoed and review.score == 100


def test_grade_thresholds():
    std = standard()
    cases = {0: "优秀", 10.5: "良好", 20: "良好", 20.5: "合格", 40: "合格", 40.5: "不合格"}
    for deducted, grade in cases.items():
        found = []
        left = deducted
        for cat in ("remedy", "evidence", "procedure", "legal_basis"):
            take = min(left, std.categories[cat].budget)
            if take:
                found.append(F(f"{cat}.x_{cat}", take))
            left -= take
        review = score(FACTS, found, std)
        assert review.score == 100 - deducted and review.grade == grade, deducted


def test_bar_excellent_variant_keeps_score_but_bars_excellent():
    std = standard("bar_excellent")
    review = score(FACTS, [F("documents.seal_missing", 3, veto=True)], std)
    assert review.vetoed and review.score == 97 and review.grade == "良好"
    review = score(FACTS, [F("documents.seal_missing", 3, veto=True), F("remedy.missing", 10),
                           F("procedure.no_filing", 4)], std)
    assert review.score == 83 and review.grade == "良好"


def test_second_standard_scores_differently_on_the_same_file():
    b = clean_case()
    d = b.get("decision")
    d.elements.update(evidence=False, performance=False, party=False)
    d.remedy.review_days = 15
    b.remove("catalog", "remarks")
    facts = b.build()
    default = score(facts, run_checks(facts, standard()), standard())
    cehui = score(facts, run_checks(facts, standard("cehui")), standard("cehui"))
    codes = {f.code for f in run_checks(facts, standard())}
    assert codes == {"documents.decision_elements_missing", "remedy.review_period_wrong",
                     "filing.no_catalog", "filing.no_remarks_sheet"}
    # default: documents 9 (3 each) + remedy 3 + filing 2 = 14
    assert default.score == 86 and default.grade == "良好"
    # cehui: content 9 + 3, surface 2 + 1 = 15
    assert cehui.score == 85 and [c.category for c in cehui.categories] == ["basic", "surface", "content"]
    assert cehui.score != default.score


def test_cehui_basic_standard_failure_zeroes_the_file():
    facts = clean_case().remove("prior_notice").build()
    std = standard("cehui")
    found = run_checks(facts, std)
    veto = [f for f in found if f.veto]
    assert [f.code for f in veto] == ["procedure.no_prior_notice"] and veto[0].category == "basic"
    review = score(facts, found, std)
    assert review.score == 0 and review.grade == "不合格"


def test_own_codes_of_a_standard_reuse_registered_checks():
    facts = clean_case().remove("cover").build()
    found = findings(facts, std="cehui")
    assert [f.code for f in found] == ["cehui.no_cover"]
    assert "卷宗封面" in found[0].message and found[0].category == "surface"


def test_review_round_trips_through_json():
    review = score(FACTS, [F("documents.typo", 0.5)], standard())
    data = review.to_dict()
    assert data["score"] == 99.5 and data["findings"][0]["code"] == "documents.typo"
    assert data["categories"][0]["budget"] == 10
    back = type(review).from_dict(data)
    assert dataclasses.asdict(back)["findings"][0]["points"] == 0.5


def test_rescoring_from_stored_facts_gives_the_same_findings():
    b = clean_case()
    b.get("decision").remedy.litigation_months = 3
    b.get("inquiry").party_signed = None
    facts = b.build()
    again = type(facts).from_dict(facts.to_dict())
    first = [f.to_dict() for f in run_checks(facts, standard())]
    second = [f.to_dict() for f in run_checks(again, standard())]
    assert first == second and {f["code"] for f in first} == {
        "remedy.litigation_period_wrong", "evidence.record_unsigned_by_party"}
