from facts_builder import clean_case, findings, firm, human, one_firm


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
    f = one_firm(b, "filing.order_irregular")
    assert "结案审批表" in f.message


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
    for p, n in zip([p for p in facts.pages if p.archive_page is not None], numbers, strict=False):
        p.archive_page = n
    return facts


def test_page_numbers_missing_or_broken():
    facts = clean_case().build()
    numbered = [p for p in facts.pages if p.archive_page is not None]
    numbered[3].archive_page = None
    found = firm(facts, "filing.page_numbers")
    assert len(found) == 1 and "未见页码" in found[0].message
    facts = clean_case().build()
    numbered = [p for p in facts.pages if p.archive_page is not None]
    for p in numbered[5:]:
        p.archive_page += 1      # 5 is followed by 7
    found = firm(facts, "filing.page_numbers")
    assert len(found) == 1 and "不连续" in found[0].message


def test_page_numbers_not_looked_for_or_unread_on_scans():
    facts = clean_case().build()
    facts.pages = []            # no page facts (a hand-built Facts): nothing to judge
    assert findings(facts, "filing.page_numbers") == []
    facts = clean_case().build()
    for p in facts.pages:
        p.source, p.confidence = "ocr", 0.8
        if p.archive_page == 4:
            p.archive_page = None
    # 3, ?, 5: the sequence closes over the page, its number is there but unread: nothing to ask
    assert findings(facts, "filing.page_numbers") == []
    # 3, ?, 4 (the numbers go on as if the page had none): a number could really be missing there
    for p in facts.pages:
        if p.archive_page is not None and p.archive_page > 4:
            p.archive_page -= 1
    assert firm(facts, "filing.page_numbers") == []
    assert any("未见页码" in f.message for f in human(facts, "filing.page_numbers"))


def _scanned_numbers(numbers, conf=0.99):
    """A clean case whose numbered pages were OCR'd and read as ``numbers`` at ``conf``."""
    facts = clean_case().build()
    numbered = [p for p in facts.pages if p.archive_page is not None]
    for p, n in zip(numbered, numbers, strict=False):
        p.source, p.confidence = "ocr", 0.88
        p.archive_page, p.archive_page_conf = n, conf
    return facts, len(numbered)


def test_page_number_gap_between_two_surely_read_runs_is_firm_on_a_scan():
    facts, n = _scanned_numbers([])
    numbers = list(range(1, n + 2))
    del numbers[4]                      # …4, 6, 7… : page number 5 skipped
    facts, _ = _scanned_numbers(numbers)
    found = firm(facts, "filing.page_numbers")
    assert len(found) == 1 and "页码4后接" in found[0].message and "页码6" in found[0].message
    # both sides of the gap are quoted, each on its page
    at = {p.archive_page: p.page for p in facts.pages if p.archive_page_conf}
    assert {(e.page, e.quote) for e in found[0].evidence} == {(at[4], "页码4"), (at[6], "页码6")}


def test_page_number_misread_alone_or_unsure_asks_a_human():
    facts, n = _scanned_numbers([])
    numbers = list(range(1, n + 1))
    numbers[6] = 3                      # "17" read as "3": one reading against its neighbours
    facts, _ = _scanned_numbers(numbers)
    assert firm(facts, "filing.page_numbers") == []
    assert len(human(facts, "filing.page_numbers")) == 1
    numbers = list(range(1, n + 2))
    del numbers[4]
    facts, _ = _scanned_numbers(numbers, conf=0.9)   # the figures read below ocr_firm_confidence
    assert firm(facts, "filing.page_numbers") == []
    assert len(human(facts, "filing.page_numbers")) == 1


def test_unnumbered_scanned_pages_with_blank_number_places_are_firm():
    _, n = _scanned_numbers([])
    facts, _ = _scanned_numbers(list(range(1, n + 1)))
    numbered = [p for p in facts.pages if p.archive_page_conf]
    for p in numbered:
        p.archive_page = None
        p.number_place_blank = True
    found = firm(facts, "filing.page_numbers")
    assert len(found) == 1 and "全部未编页码" in found[0].message and "空白" in found[0].evidence[0].quote
    # near miss: ink where a number would be on every page (unread, maybe a number): a human looks
    for p in numbered:
        p.number_place_blank = False
    assert firm(facts, "filing.page_numbers") == [] and len(human(facts, "filing.page_numbers")) == 1
    # some pages blank, some with unread ink: the blank ones carry the finding, the rest are named
    for p in numbered[:3]:
        p.number_place_blank = True
    found = firm(facts, "filing.page_numbers")
    assert len(found) == 1 and "需人工核实" in found[0].message
    assert {e.page for e in found[0].evidence} == {p.page for p in numbered[:3]}
