"""Fuzzing pages, segment and extract (``pipeline.analyse``) with hostile text: long punctuation
runs and 1 MB pages.

Every pattern over document text must be linear (or run on bounded lines): a line of 10,000
"…" once took minutes in title matching, a page of labels minutes in field extraction.  The
bounds below are generous for a loaded 2-core machine; a quadratic path overshoots them by far
(40k characters took 40 s to 220 s before).  Examples are derandomized so a run is repeatable,
and the whole file stays near a minute.
"""
from __future__ import annotations

import time

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dossier_review.model import Dossier, Page
from dossier_review.pipeline import analyse

# Units a hostile or broken text layer repeats: punctuation, digits, labels, dates, titles.
UNITS = ["…", "。", "，", "、", "：", ":", "1", "０", " ", "\u3000", "-", "—", "（", "）", "《", "》",
         "当事人：", "法定代表人", "身份证号码：", "2024年3月12日", "二〇二四年三月十二日", "壹万元", "5万元",
         "¥", "第一百二十五条", "第1页", "共2页", "以下空白", "签名", "问：", "答：", "行政处罚决定书",
         "送达回证", "罚款", "人民币", "号", "条", "年", "月", "日", "a", "\t"]
EDGES = ["", "a", "行政", "书", "\n", "行政处罚决定书\n当事人：", "。\n"]
RUN_BOUND_S = 12.0     # one page with up to 3 lines of up to 40k characters
MB_BOUND_S = 60.0      # one 1 MB page


def _review_text(text: str) -> float:
    dossier = Dossier(name="fuzz", sources=["fuzz.pdf"], pages=[Page(1, "text", 1.0, text, text)])
    t0 = time.perf_counter()
    facts = analyse(dossier)
    assert facts is not None
    return time.perf_counter() - t0


runs = st.builds(
    lambda unit, n, a, b, lines: "\n".join([a + unit * max(1, n // len(unit)) + b] * lines),
    st.sampled_from(UNITS), st.integers(10_000, 40_000), st.sampled_from(EDGES), st.sampled_from(EDGES),
    st.integers(1, 3))


@settings(max_examples=14, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(runs)
# the cases found by probing, always run: title keys, table titles, field values, dates
@example("\n".join(["a" + "…" * 10_000 + "a"] * 20))
@example("a" + "。" * 40_000 + "a")
@example("\n".join(["行政" + "：" * 20_000 + "书"] * 2))
@example("a" + "当事人：" * 10_000 + "a")
@example("a" + "2024年3月12日" * 3_000 + "a")
@example("a" + "1" * 40_000 + "a")
def test_long_runs_take_linear_time(text):
    took = _review_text(text)
    assert took < RUN_BOUND_S, f"{took:.1f} s on {len(text)} characters starting {text[:30]!r}"


# A 1 MB page: a drawn snippet of units (a line's worth or a few lines) repeated to a megabyte.
snippets = st.lists(st.sampled_from(UNITS + ["\n"]), min_size=3, max_size=40).map("".join)


@settings(max_examples=2, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(snippets)
def test_a_megabyte_page_takes_linear_time(snippet):
    text = (snippet * (1_000_000 // max(1, len(snippet.encode("utf-8"))) + 1))[:400_000]
    while len(text.encode("utf-8")) < 1_000_000:
        text += text[: 100_000]
    took = _review_text(text)
    assert took < MB_BOUND_S, f"{took:.1f} s on 1 MB of {snippet[:30]!r}"


def test_a_megabyte_of_a_real_looking_page():
    """The probe's case: a decision's lines repeated to 1 MB on one page (57 s and 413 MB before)."""
    base = ("行政处罚决定书\n当事人：某某食品有限公司\n统一社会信用代码：91370102MA3C8XKF2L\n"
            "经查，当事人于2024年3月12日销售不合格食品，违法所得人民币5000元。\n"
            "依据《中华人民共和国食品安全法》第一百二十五条第一款第（二）项，决定罚款50000元。\n")
    text = base * (1_000_000 // len(base.encode("utf-8")) + 1)
    took = _review_text(text)
    assert took < MB_BOUND_S, f"{took:.1f} s"
