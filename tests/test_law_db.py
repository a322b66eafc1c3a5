"""The statute database: the source layout read, versions in force on a day, provisions and their
款/项, a penalty provision's kinds, range and department, the ``law`` commands, a user's import."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_extract_util import make_doc

from dossier_review.extract.discretion import discretion, mitigation
from dossier_review.extract.text import DocText
from dossier_review.law import SHIPPED, LawStore
from dossier_review.law.parse import parse_text
from dossier_review.law.penalty import read_penalty

needs_db = pytest.mark.skipif(not SHIPPED.exists(), reason="statute database not built")

LOCAL = """# 某市生态环境行政处罚裁量基准规定

2023年3月1日 某市生态环境局发布

2023年4月1日 施行

<!-- INFO END -->

## 第一章 总则

第一条 为规范行政处罚裁量权，制定本规定。

第二条 违反大气污染防治法第九十九条的，按下列情形确定罚款数额：

（一）超标倍数在0.5倍以下的，处十万元以上二十万元以下罚款；

（二）超标倍数在0.5倍以上的，处二十万元以上五十万元以下罚款。

首次违法且及时改正的，可以从轻处罚。
"""


def test_parse_articles_paragraphs_items_and_dates():
    t = parse_text(LOCAL, "某市生态环境行政处罚裁量基准规定(2023-03-01).md")
    assert t.title == "某市生态环境行政处罚裁量基准规定"
    assert t.version_date == dt.date(2023, 3, 1)
    assert t.effective_from == dt.date(2023, 4, 1)       # stated by a history line
    art = t.articles[1]
    assert art.num == 2 and [len(p.items) for p in art.paragraphs] == [2, 0]


def test_an_amendment_keeps_the_original_commencement_article_so_its_own_is_unknown():
    text = "# 某法\n\n2001年1月1日 通过\n\n2010年5月1日 第一次修正\n\n<!-- INFO END -->\n\n第一条 甲。\n\n" \
           "第二条 本法自2001年3月1日起施行。\n"
    assert parse_text(text, "某法(2010-05-01).md").effective_from is None
    assert parse_text(text.replace("2010年5月1日 第一次修正\n\n", ""), "某法(2001-01-01).md").effective_from \
        == dt.date(2001, 3, 1)


@needs_db
def test_version_in_force_on_a_day():
    store = LawStore(user=Path("/nonexistent"))
    # 体育法: the 2022-06-24 revision took effect on 2023-01-01 (its own 施行 article)
    before = store.resolve("中华人民共和国体育法", dt.date(2022, 8, 1), 365)
    after = store.resolve("体育法", dt.date(2023, 3, 1), 365)
    assert [str(v.version_date) for v in before.candidates] == ["2016-11-07"]
    assert [str(v.version_date) for v in after.candidates] == ["2022-06-24"]
    # a day before the oldest version the database holds of an amended law: that version is missing
    early = store.resolve("中华人民共和国大气污染防治法", dt.date(2016, 1, 1), 365)
    assert early.found and early.older_missing and not early.candidates
    assert not store.resolve("某某省不存在条例", dt.date(2024, 1, 1), 365).found


@needs_db
def test_provision_structure_and_text():
    store = LawStore(user=Path("/nonexistent"))
    v = store.resolve("大气污染防治法", None).candidates[0]
    p = store.provision(v, 99)
    assert p.has(None, 3) and not p.has(None, 4) and not p.has(2, None)
    assert "超过大气污染物排放标准" in p.part(None, 2)
    assert store.provision(v, 130) is None


@needs_db
def test_read_penalty_provisions():
    store = LawStore(user=Path("/nonexistent"))

    def pen(law, article):
        return read_penalty(store.provision(store.resolve(law, None).candidates[0], article).text)

    air = pen("大气污染防治法", 99)
    assert air.ranges == [(100000.0, 1000000.0)] and air.minimum == 100000 and air.maximum == 1000000
    assert "罚款" in air.kinds and air.leaves_range
    assert air.departments == ["县级以上人民政府生态环境主管部门"]
    food = pen("食品安全法", 124)
    assert ("货值金额", 10.0, 20.0) in food.multiples and not food.fixed_only
    assert food.floors == []        # "货值金额一万元以上的" is a condition, not a fine
    fire = pen("消防法", 60)
    assert (0.0, 500.0) in fire.ranges   # 对个人可以处警告或者五百元以下罚款


@pytest.mark.parametrize("text,found", [
    ("当事人主动消除违法行为危害后果，依法从轻处罚。", True),
    ("当事人提出的理由不足以构成从轻或减轻处罚的情形，不予采纳。", False),
    ("当事人系初次违法且危害后果轻微并及时改正，决定不予行政处罚。", True),
])
def test_mitigation_grounds_and_their_denial(text, found):
    assert bool(mitigation(DocText(make_doc(text)[0]))) is found


def test_discretion_statement():
    assert discretion(DocText(make_doc("鉴于当事人违法情节较轻，依据裁量基准，决定罚款十万元。")[0]))
    assert not discretion(DocText(make_doc("决定罚款十万元。")[0]))


def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "dossier_review.cli", "law", *args], capture_output=True,
                          text=True, timeout=120, env=env)


@needs_db
def test_law_show_and_search():
    res = _cli("show", "大气污染防治法", "99")
    assert res.returncode == 0 and "十万元以上一百万元以下" in res.stdout and "（三）通过逃避监管" in res.stdout
    assert _cli("show", "大气污染防治法", "第一百三十九条").returncode == 1
    res = _cli("search", "排污许可证", "十万元以上")
    assert res.returncode == 0 and "大气污染防治法" in res.stdout


def test_law_import_into_the_users_database(tmp_path):
    src = tmp_path / "某市生态环境行政处罚裁量基准规定(2023-03-01).md"
    src.write_text(LOCAL, encoding="utf-8")
    env = {**os.environ, "DOSSIER_REVIEW_LAWDB": str(tmp_path / "user.sqlite")}
    res = _cli("import", str(src), "--alias", "裁量基准规定", env=env)
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "user.sqlite").exists()
    res = _cli("show", "裁量基准规定", "2", env=env)
    assert res.returncode == 0 and "0.5倍以下" in res.stdout and "用户导入" in res.stdout
    bad = tmp_path / "empty.md"
    bad.write_text("# 无条文\n", encoding="utf-8")
    assert _cli("import", str(bad), env=env).returncode == 2
