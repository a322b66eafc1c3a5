"""A stand-in pipeline for the batch tests: fast, deterministic, and able to fail on purpose.

A fake dossier is a small text file named .pdf:

    %PDF-FAKE
    agency: 某某市市场监督管理局
    fine: 50000
    pages: 12
    defects: remedy.litigation_period_wrong documents.typo
    crash: yes            (optional: the worker process dies)

``install(monkeypatch)`` swaps ``dossier_review.pipeline.ingest/analyse/judge`` for these.
The batch's process pool forks, so the workers see the swap too.
"""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from test_report_fixtures import BUDGETS, make_facts

from dossier_review.errors import InputError
from dossier_review.model import (
    CategoryScore,
    Dossier,
    Evidence,
    Facts,
    Finding,
    Page,
    PageFacts,
    Review,
)
from dossier_review.standards import Category, Grade, Rule, Standard

CATEGORY_OF = {"remedy.litigation_period_wrong": "remedy", "documents.typo": "documents",
               "hearing.not_notified": "hearing", "procedure.no_closing": "procedure",
               "evidence.record_unsigned_by_party": "evidence", "subject.party_incomplete": "subject"}


_FAKE_POINTS = {"remedy.litigation_period_wrong": 3, "documents.typo": 0.5, "procedure.no_closing": 1,
                "evidence.record_unsigned_by_party": 3, "subject.party_incomplete": 2}


class FakeStandard(Standard):
    """A real ``Standard`` of a few rules, with the point table the fake judge reads."""

    def __init__(self, points: dict | None = None, veto: tuple = ("hearing.not_notified",),
                 name: str = "default"):
        self.points = dict(points or _FAKE_POINTS)
        self.veto = tuple(veto)
        rules = [Rule(code=c, check=c, category=CATEGORY_OF[c], title=c, points=p, basis="第X条")
                 for c, p in self.points.items()]
        rules += [Rule(code=c, check=c, category=CATEGORY_OF[c], title=c, veto=True, basis="第63条")
                  for c in self.veto]
        super().__init__(
            name=name, title=name, total=100.0,
            categories={k: Category(k, n, b) for k, (n, b) in BUDGETS.items()},
            grades=[Grade("优秀", 90), Grade("良好", 80), Grade("合格", 60)], fail_grade="不合格",
            veto_effect="fail_and_zero", veto_grade="不合格", barred_grade=None, rules=rules)


def write_fake(path: Path, *, agency="某某市市场监督管理局", fine=50000, pages=12, defects=(),
               crash=False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["%PDF-FAKE", f"agency: {agency}", f"fine: {fine}", f"pages: {pages}",
             "defects: " + " ".join(defects)]
    if crash:
        lines.append("crash: yes")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _spec(path) -> dict:
    raw = Path(path).read_bytes()
    if not raw.startswith(b"%PDF-FAKE"):
        raise InputError(path, "not a PDF file (no %PDF header); re-export or re-scan it")
    spec = {}
    for line in raw.decode("utf-8").splitlines()[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            spec[k.strip()] = v.strip()
    return spec


CALLS = {"ingest": 0, "analyse": 0, "judge": 0}


def fake_ingest(path, **options):
    CALLS["ingest"] += 1
    spec = _spec(path)
    if spec.get("crash") == "yes":
        os._exit(70)  # what an OOM kill or a segfault in a C library looks like to the pool
    delay = float(os.environ.get("FAKE_DELAY", "0") or 0)
    if delay:
        time.sleep(delay)
    name = Path(path).stem
    n = int(spec.get("pages", 10))
    text = "\n".join(f"{k}: {v}" for k, v in spec.items())
    pages = [Page(i, "text", 1.0, text, text) for i in range(1, n + 1)]
    return Dossier(name=name, sources=[Path(path).name], pages=pages)


def fake_analyse(dossier):
    CALLS["analyse"] += 1
    spec = dict(line.split(": ", 1) for line in dossier.pages[0].text.splitlines() if ": " in line)
    facts = make_facts(dossier.name, authority=spec.get("agency", ""), fine=float(spec.get("fine", 0)))
    facts.page_count = dossier.page_count
    facts.pages = [PageFacts(page=p.number, source=p.source, confidence=p.confidence) for p in dossier.pages]
    facts.documents[0].evidence["fake_defects"] = [
        Evidence(3 + i, f"第{3 + i}页原文：{code}") for i, code in enumerate(spec.get("defects", "").split())]
    return facts


def fake_judge(facts: Facts, standard: FakeStandard) -> Review:
    CALLS["judge"] += 1
    findings = []
    for ev in facts.documents[0].evidence.get("fake_defects", []):
        code = ev.quote.split("：", 1)[1]
        veto = code in standard.veto
        findings.append(Finding(code, CATEGORY_OF.get(code, "documents"), 0 if veto else standard.points.get(code, 1),
                                veto, False, f"问题 {code}", f"整改 {code}", "《中华人民共和国行政处罚法》",
                                [Evidence(ev.page, ev.quote)]))
    cats = []
    for code, (cname, budget) in BUDGETS.items():
        ded = min(budget, sum(f.points for f in findings if f.category == code))
        cats.append(CategoryScore(code, cname, budget, ded, budget - ded))
    vetoed = any(f.veto for f in findings)
    score = 0.0 if vetoed else sum(c.score for c in cats)
    grade = "不合格" if vetoed else "优秀" if score >= 90 else "良好" if score >= 80 else "合格" if score >= 60 else "不合格"
    return Review(dossier=facts.dossier, sources=[facts.dossier + ".pdf"], page_count=facts.page_count,
                  procedure=facts.procedure, pages=[p.to_dict() for p in facts.pages],
                  documents=[{"type": d.type, "title": d.title, "first_page": d.first_page,
                              "last_page": d.last_page} for d in facts.documents],
                  facts=facts.to_dict(), findings=findings, score=score, grade=grade, vetoed=vetoed,
                  standard=standard.name, categories=cats)


def install(monkeypatch) -> None:
    import dossier_review.pipeline as pipeline

    monkeypatch.setattr(pipeline, "ingest", fake_ingest)
    monkeypatch.setattr(pipeline, "analyse", fake_analyse)
    monkeypatch.setattr(pipeline, "judge", fake_judge)


def install_plain() -> None:
    """The same swap without pytest (for a batch run in a subprocess)."""
    import dossier_review.pipeline as pipeline

    pipeline.ingest, pipeline.analyse, pipeline.judge = fake_ingest, fake_analyse, fake_judge


AGENCIES = ("某某市市场监督管理局", "某某市生态环境局", "某某区城市管理局")
DEFECT_SETS = ((), ("remedy.litigation_period_wrong",), ("documents.typo", "procedure.no_closing"),
               ("hearing.not_notified", "documents.typo"), ("evidence.record_unsigned_by_party",),
               ("remedy.litigation_period_wrong", "subject.party_incomplete", "documents.typo"))


def make_folder(folder: Path, n: int = 8) -> list[Path]:
    """n fake dossiers over three agencies, with varied defects, plus files that are not dossiers."""
    paths = [write_fake(folder / f"案卷{i:02d}.pdf", agency=AGENCIES[i % 3], fine=1000 * (i + 1),
                        pages=5 + i % 4, defects=DEFECT_SETS[i % len(DEFECT_SETS)]) for i in range(1, n + 1)]
    (folder / "案卷01.truth.json").write_text("{}", encoding="utf-8")
    (folder / "说明.txt").write_text("not a dossier", encoding="utf-8")
    return paths


# --------------------------------------------------------------------------- self-checks


# --------------------------------------------------------------------------- a batch in a process

def done_count(db: Path) -> int:
    """Dossiers recorded as done in a batch store (0 while it is not there or locked)."""
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(db, timeout=1)
        try:
            return con.execute("SELECT COUNT(*) FROM batch_dossiers WHERE status='done'").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def start_fake_batch(src: Path, out: Path, *, show: str = "r", delay: str = "0.5",
                     wait_for: int = 2) -> subprocess.Popen:
    """``run_batch`` over the stand-in pipeline (2 workers) in a process group of its own, as a
    terminal runs it; returns once ``wait_for`` dossiers are done.  The process prints ``show``
    (an expression of the result ``r``) and exits with the result's code."""
    script = ("import sys; sys.path.insert(0, sys.argv[1]);"
              "import test_batch_fakes as f; f.install_plain();"
              "from dossier_review.batch import run_batch;"
              "r = run_batch(sys.argv[2], sys.argv[3], workers=2, standard=f.FakeStandard(), progress=False);"
              f"print({show}); sys.exit(r.exit_code)")
    proc = subprocess.Popen([sys.executable, "-c", script, str(Path(__file__).parent), str(src), str(out)],
                            env=dict(os.environ, FAKE_DELAY=delay), start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    db = out / "dossier-review.sqlite"
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None and done_count(db) < wait_for:
        time.sleep(0.05)
    return proc


def child_pids(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(x) for x in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def is_alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_fake_pipeline_round_trip(tmp_path):
    p = write_fake(tmp_path / "a.pdf", defects=("remedy.litigation_period_wrong", "hearing.not_notified"))
    review = fake_judge(fake_analyse(fake_ingest(p)), FakeStandard())
    assert [f.code for f in review.findings] == ["remedy.litigation_period_wrong", "hearing.not_notified"]
    assert review.vetoed and review.grade == "不合格"
    again = fake_judge(Facts.from_dict(review.facts), FakeStandard(points={"remedy.litigation_period_wrong": 5},
                                                                    veto=()))
    # hearing.not_notified is no longer a veto and costs the default 1 point
    assert again.score == 100 - 5 - 1 and again.findings[0].evidence[0].page == 3


def test_fake_ingest_refuses_a_non_pdf(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"\x00\x01garbage")
    try:
        fake_ingest(bad)
    except InputError as exc:
        assert "no %PDF header" in exc.one_line()
    else:
        raise AssertionError("expected InputError")
