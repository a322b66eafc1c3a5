"""The SQLite store: one transaction per dossier, upserts, streaming reads."""
from __future__ import annotations

import sqlite3

import pytest
from test_report_fixtures import make_review

from dossier_review.store import Store


def test_record_and_read_back(tmp_path):
    with Store(tmp_path / "s.sqlite") as st:
        review = make_review(veto=True).to_dict()
        i = st.record_review(source="/x/a.pdf", file_hash="h1", standard="default", review=review,
                             stem="a", register={"agency": "某局", "case_number": "X〔2024〕1号"})
        assert st.lookup("/x/a.pdf", "h1", "default")["status"] == "done"
        assert st.lookup("/x/a.pdf", "h2", "default") is None
        assert st.review(i) == review
        rows = list(st.iter_findings([i]))
        assert [r["code"] for r in rows] == [f["code"] for f in review["findings"]]
        assert rows[0]["first_page"] == 19 and rows[0]["quote"].startswith("也可以")
        # an upsert replaces the review and its findings, keeping the id
        review2 = make_review().to_dict()
        review2["findings"] = review2["findings"][:1]
        assert st.record_review(source="/x/a.pdf", file_hash="h1", standard="default", review=review2) == i
        assert len(list(st.iter_findings([i]))) == 1
        # a failure of the same key replaces the review too
        st.record_failure(source="/x/a.pdf", file_hash="h1", standard="default", name="a", reason="坏了")
        assert st.review(i) is None and list(st.iter_findings([i])) == []
        assert st.counts() == {"failed": 1}


def test_a_failed_transaction_leaves_nothing(tmp_path):
    with Store(tmp_path / "s.sqlite") as st:
        review = make_review().to_dict()
        review["findings"][1]["evidence"] = [{"page": object(), "quote": "x"}]  # not storable
        with pytest.raises(Exception):  # noqa: B017 - sqlite's error type is not the point
            st.record_review(source="/x/b.pdf", file_hash="h", standard="default", review=review)
        assert st.lookup("/x/b.pdf", "h", "default") is None
    con = sqlite3.connect(tmp_path / "s.sqlite")
    assert con.execute("SELECT COUNT(*) FROM review_reviews").fetchone()[0] == 0
    con.close()


def test_iteration_streams_by_id(tmp_path):
    with Store(tmp_path / "s.sqlite") as st:
        ids = [st.record_review(source=f"/x/{n}.pdf", file_hash="h", standard="default",
                                review=make_review(name=f"d{n}").to_dict()) for n in range(5)]
        got = [row["name"] for row, _ in st.iter_dossiers(ids[1:4])]
        assert got == ["d1", "d2", "d3"]
        assert [r["name"] for r, rv in st.iter_dossiers(ids, with_review=True) if rv["dossier"] == r["name"]] \
            == [f"d{n}" for n in range(5)]
        assert list(st.iter_dossiers([])) == []
