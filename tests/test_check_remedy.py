import datetime as dt

from facts_builder import clean_case, firm, one_firm, simplified_case

D = dt.date


def _remedy(b, **kw):
    r = b.get("decision").remedy
    for k, v in kw.items():
        setattr(r, k, v)
    return b


def test_remedy_missing():
    b = _remedy(clean_case(), review_stated=False, litigation_stated=False)
    found = firm(b.build(), "remedy.missing")
    assert len(found) == 1 and found[0].points == 10
    assert "六十日" in found[0].evidence[0].quote   # quotes the paragraph searched


def test_either_remedy_is_enough():
    assert firm(_remedy(clean_case(), litigation_stated=False).build(), "remedy.missing") == []


def test_review_period_wrong():
    found = firm(_remedy(clean_case(), review_days=15).build(), "remedy.review_period_wrong")
    assert len(found) == 1 and "15日" in found[0].message and "60" in found[0].fix
    assert firm(clean_case().build(), "remedy.review_period_wrong") == []


def test_old_three_month_litigation_period():
    found = firm(_remedy(clean_case(), litigation_months=3).build(), "remedy.litigation_period_wrong")
    assert len(found) == 1 and "3个月" in found[0].message


def test_six_months_and_15_days_after_review_are_fine():
    b = _remedy(clean_case(), litigation_months=6, litigation_days=15)
    assert firm(b.build(), "remedy.litigation_period_wrong") == []
    b = _remedy(clean_case(), litigation_months=None, litigation_days=15)
    assert firm(b.build(), "remedy.litigation_period_wrong") == []


def test_on_the_spot_decision_must_state_review_first_from_2024():
    b = simplified_case()
    b.get("decision").remedy.review_first = False
    f = one_firm(b, "remedy.litigation_period_wrong")
    assert "复议前置" in f.message
    b.get("decision").date = D(2023, 11, 6)
    b.dates["decided"] = D(2023, 11, 6)
    assert firm(b.build(), "remedy.litigation_period_wrong") == []


def test_body_unnamed():
    found = firm(_remedy(clean_case(), review_body="上一级主管部门", court="人民法院").build(), "remedy.body_unnamed")
    assert len(found) == 1 and "复议机关" in found[0].message and "管辖法院" in found[0].message
    found = firm(_remedy(clean_case(), review_body="鼓楼区政府").build(), "remedy.body_unnamed")
    assert len(found) == 1 and "简称" in found[0].message


def test_full_names_pass():
    b = _remedy(clean_case(), review_body="福建省福州市鼓楼区人民政府", court="福州铁路运输法院")
    assert firm(b.build(), "remedy.body_unnamed") == []


def test_review_body_outdated_from_2024():
    b = _remedy(clean_case(), review_body="福州市市场监督管理局")
    f = one_firm(b, "remedy.review_body_outdated")
    assert "本级人民政府" in f.message


def test_department_review_body_before_2024_or_vertical_agency_is_fine():
    b = _remedy(clean_case(), review_body="福州市市场监督管理局")
    b.get("decision").date = D(2023, 12, 20)
    assert firm(b.build(), "remedy.review_body_outdated") == []
    b = _remedy(clean_case(), review_body="国家税务总局福州市税务局")
    b.get("decision").authority = "国家税务总局福州市鼓楼区税务局"
    assert firm(b.build(), "remedy.review_body_outdated") == []
