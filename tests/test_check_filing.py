from facts_builder import clean_case, findings, firm, human


def test_no_catalog():
    assert len(firm(clean_case().remove("catalog").build(), "filing.no_catalog")) == 1


def test_catalog_found_by_title():
    b = clean_case()
    cat = b.get("catalog")
    cat.type, cat.title = "other", "卷内文件目录"
    assert firm(b.build(), "filing.no_catalog") == []


def test_no_remarks_sheet():
    assert len(firm(clean_case().remove("remarks").build(), "filing.no_remarks_sheet")) == 1
    assert firm(clean_case().build(), "filing.no_remarks_sheet") == []


def test_order_irregular():
    b = clean_case()
    closing = b.get("closing")
    b.docs.remove(closing)
    b.docs.insert(2, closing)        # 结案审批表 right after the catalogue
    found = firm(b.build(), "filing.order_irregular")
    assert len(found) == 1 and "结案审批表" in found[0].message


def test_decision_first_order_of_the_main_volume_is_accepted():
    b = clean_case()
    # evidence materials sit with the records in the main volume (standards §3.2 A); types not
    # listed here sort to the end
    order = ["cover", "catalog", "filing", "decision", "prior_notice", "inspection", "inquiry", "evidence",
             "payment", "investigation_report", "approval", "closing", "remarks"]
    ranked = {t: i for i, t in enumerate(order)}
    b.docs.sort(key=lambda d: ranked.get(d.type, 99))
    assert firm(b.build(), "filing.order_irregular") == []


def _pages(facts, numbers):
    for p, n in zip([p for p in facts.pages if p["printed_number"] is not None], numbers):
        p["printed_number"] = n
    return facts


def test_page_numbers_missing_or_broken():
    facts = clean_case().build()
    numbered = [p for p in facts.pages if p["printed_number"] is not None]
    numbered[3]["printed_number"] = None
    found = firm(facts, "filing.page_numbers")
    assert len(found) == 1 and "未见页码" in found[0].message
    facts = clean_case().build()
    numbered = [p for p in facts.pages if p["printed_number"] is not None]
    for p in numbered[5:]:
        p["printed_number"] += 1      # 5 is followed by 7
    found = firm(facts, "filing.page_numbers")
    assert len(found) == 1 and "不连续" in found[0].message


def test_page_numbers_not_looked_for_or_unread_on_scans():
    facts = clean_case().build()
    for p in facts.pages:
        del p["printed_number"]
    assert findings(facts, "filing.page_numbers") == []
    facts = clean_case().build()
    for p in facts.pages:
        p["source"], p["confidence"] = "ocr", 0.8
        if p["printed_number"] == 4:
            p["printed_number"] = None
    assert firm(facts, "filing.page_numbers") == []
    assert len(human(facts, "filing.page_numbers")) == 1
