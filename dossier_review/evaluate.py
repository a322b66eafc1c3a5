"""Compare reviews with truth files: precision/recall per code, document types, facts, score.

A truth file ``<name>.truth.json`` lies beside its dossier (``<name>.pdf``, an image, or the
folder ``<name>/``).  Only firm findings count as predictions: a ``needs_human`` finding is the
tool declining to decide, reported separately, never scored as a hit or a false alarm.
"""
from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path

from .errors import InputError
from .lib.metrics import confusion, micro, precision, recall

IMAGE_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


def find_cases(truth_dir: str | Path) -> list[tuple[str, Path, dict]]:
    truth_dir = Path(truth_dir)
    if not truth_dir.is_dir():
        raise InputError(truth_dir, "not a folder of dossiers with <name>.truth.json files")
    cases = []
    for truth_path in sorted(truth_dir.glob("*.truth.json")):
        name = truth_path.name[: -len(".truth.json")]
        target = None
        if (truth_dir / name).is_dir():
            target = truth_dir / name
        else:
            for suffix in IMAGE_SUFFIXES:
                if (truth_dir / f"{name}{suffix}").exists():
                    target = truth_dir / f"{name}{suffix}"
                    break
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        cases.append((name, target, truth))
    if not cases:
        raise InputError(truth_dir, "no <name>.truth.json files found")
    return cases


def _is_scanned(review, truth: dict) -> bool:
    if "scanned" in truth:
        return bool(truth["scanned"])
    return any(p.get("source") == "ocr" for p in review.pages)


def _doc_matches(predicted: list[dict], truth_docs: list[dict]) -> int:
    keys = {(d["type"], d["first_page"], d["last_page"]) for d in predicted}
    return sum((d["type"], d["first_page"], d["last_page"]) in keys for d in truth_docs)


def _fact_checks(facts: dict, truth_facts: dict) -> list[tuple[str, bool]]:
    out = []
    if "party_name" in truth_facts:
        got = (facts.get("party") or {}).get("name")
        out.append(("party_name", got == truth_facts["party_name"]))
    if "fine_yuan" in truth_facts:
        got = facts.get("fine_yuan")
        want = truth_facts["fine_yuan"]
        out.append(("fine_yuan", got is not None and want is not None and abs(float(got) - float(want)) < 0.01
                    or got is None and want is None))
    if "decided" in truth_facts:
        got = (facts.get("dates") or {}).get("decided")
        out.append(("decided", got == truth_facts["decided"]))
    return out


def truth_score(review, truth_codes: list[str], standard) -> float | None:
    """The score the dossier should have: the truth defects scored by the same standard."""
    from .model import Facts, Finding
    from .score import score

    findings = []
    for code in truth_codes:
        rule = standard.rule(code) if hasattr(standard, "rule") else None
        if rule is None:
            continue
        findings.append(Finding(code=code, category=rule.category, points=float(rule.points or 0),
                                veto=bool(rule.veto), needs_human=False, message="", fix="",
                                basis=rule.basis or "", evidence=[]))
    facts = Facts.from_dict(review.facts)
    return score(facts, findings, standard).score


def evaluate(truth_dir, out_dir, *, standard="default", ingest_options=None) -> dict:
    from .pipeline import load_standard, review_path
    from .report import write_reports

    std = load_standard(standard)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    groups = {"digital": defaultdict(lambda: [0, 0, 0]), "scanned": defaultdict(lambda: [0, 0, 0])}
    # needs_human codes per kind: [asked about a true defect, asked about an absent one]
    deferred = {"digital": [0, 0], "scanned": [0, 0]}
    rows, failed = [], []
    doc_total = {"digital": [0, 0], "scanned": [0, 0]}
    fact_total = defaultdict(lambda: [0, 0])
    score_errors = []
    for name, target, truth in find_cases(truth_dir):
        if target is None:
            failed.append((name, "truth file has no dossier beside it"))
            continue
        started = time.perf_counter()
        try:
            review = review_path(target, std, **(ingest_options or {}))
        except InputError as exc:
            failed.append((name, exc.reason))
            continue
        seconds = time.perf_counter() - started
        write_reports(review, out, formats=("json", "html"))
        kind = "scanned" if _is_scanned(review, truth) else "digital"
        predicted = {f.code for f in review.findings if not f.needs_human}
        human = sorted({f.code for f in review.findings if f.needs_human})
        wanted = set(truth.get("defects", []))
        for code in set(human) - predicted:
            deferred[kind][0 if code in wanted else 1] += 1
        per_code = groups[kind]
        for code in predicted | wanted:
            counts = confusion(predicted & {code}, wanted & {code})
            per_code[code] = [a + b for a, b in zip(per_code[code], counts, strict=True)]
        matched = _doc_matches(review.documents, truth.get("documents", []))
        doc_total[kind][0] += matched
        doc_total[kind][1] += len(truth.get("documents", []))
        for key, ok in _fact_checks(review.facts, truth.get("facts", {})):
            fact_total[key][0] += ok
            fact_total[key][1] += 1
        expected = truth_score(review, sorted(wanted), std)
        if expected is not None:
            score_errors.append(abs(review.score - expected))
        rows.append({"dossier": name, "kind": kind, "seconds": round(seconds, 2),
                     "score": review.score, "expected_score": expected, "grade": review.grade,
                     "false_positives": sorted(predicted - wanted),
                     "missed": sorted(wanted - predicted), "needs_human": human,
                     "documents": f"{matched}/{len(truth.get('documents', []))}"})
    result = {"standard": std.name if hasattr(std, "name") else str(standard), "dossiers": rows,
              "failed": failed, "per_code": {}, "micro": {}, "documents": {}, "facts": {},
              "score_mae": (sum(score_errors) / len(score_errors)) if score_errors else None}
    for kind, per_code in groups.items():
        if not any(r["kind"] == kind for r in rows):
            continue
        result["micro"][kind] = {**micro(per_code.values()),
                                 "needs_human_true": deferred[kind][0],
                                 "needs_human_absent": deferred[kind][1]}
        result["per_code"][kind] = {code: dict(zip(("tp", "fp", "fn"), v, strict=False)) for code, v in sorted(per_code.items())}
        hit, total = doc_total[kind]
        result["documents"][kind] = {"accuracy": hit / total if total else None, "matched": hit, "total": total}
    result["facts"] = {k: {"accuracy": v[0] / v[1], "n": v[1]} for k, v in fact_total.items()}
    (out / "evaluation.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return result


def format_report(result: dict) -> str:
    lines = [f"standard: {result['standard']}", ""]
    lines.append(f"{'dossier':<28}{'kind':<9}{'score':>7}{'truth':>7}  docs    sec  false+ / missed / needs_human")
    for r in result["dossiers"]:
        exp = "" if r["expected_score"] is None else f"{r['expected_score']:g}"
        lines.append(f"{r['dossier']:<28}{r['kind']:<9}{r['score']:>7g}{exp:>7}  {r['documents']:<7}"
                     f"{r['seconds']:>5}  {','.join(r['false_positives']) or '-'} / "
                     f"{','.join(r['missed']) or '-'} / {','.join(r['needs_human']) or '-'}")
    for name, reason in result["failed"]:
        lines.append(f"{name:<28}FAILED: {reason}")
    lines.append("")
    codes = sorted({c for per in result["per_code"].values() for c in per})
    if codes:
        lines.append(f"{'code':<42}" + "".join(f"{k + ' P':>12}{k + ' R':>10}" for k in result["per_code"]))
        for code in codes:
            cells = []
            for per in result["per_code"].values():
                v = per.get(code)
                if not v:
                    cells.append(f"{'':>12}{'':>10}")
                    continue
                p = precision(v["tp"], v["fp"], empty=None)
                r = recall(v["tp"], v["fn"], empty=None)
                cells.append(f"{'-' if p is None else f'{p:.2f}':>12}{'-' if r is None else f'{r:.2f}':>10}")
            lines.append(f"{code:<42}" + "".join(cells))
        lines.append("")
    for kind, m in result["micro"].items():
        d = result["documents"].get(kind, {})
        acc = d.get("accuracy")
        lines.append(f"{kind:<8} micro precision {m['precision']:.3f}  recall {m['recall']:.3f}  "
                     f"(tp {m['tp']}, fp {m['fp']}, fn {m['fn']});  document-type accuracy "
                     f"{'-' if acc is None else f'{acc:.3f}'} ({d.get('matched')}/{d.get('total')})")
        lines.append(f"{'':<8} left to a human (needs_human): {m['needs_human_true']} true defects, "
                     f"{m['needs_human_absent']} absent ones")
    for key, v in result["facts"].items():
        lines.append(f"fact {key:<12} accuracy {v['accuracy']:.3f} (n={v['n']})")
    if result["score_mae"] is not None:
        lines.append(f"score mean absolute error vs truth defects: {result['score_mae']:.2f}")
    return "\n".join(lines)


def measure(paths, standard: str = "default") -> dict:
    """Review each dossier (its ``<stem>.truth.json`` beside it) and compare with the truth.

    Document-type accuracy (type + exact page range) and micro precision/recall over firm
    findings (``needs_human`` false), with every miss listed so that a failure can be routed to
    the stage that caused it.
    """
    from .pipeline import load_standard, review_path

    std = load_standard(standard)
    counts = []
    doc_hit = doc_total = 0
    rows = []
    for path in paths:
        path = Path(path)
        truth = json.loads((path.parent / f"{path.stem}.truth.json").read_text(encoding="utf-8"))
        review = review_path(path, std)
        predicted = {f.code for f in review.findings if not f.needs_human}
        wanted = set(truth["defects"])
        counts.append(confusion(predicted, wanted))
        got = {(d["type"], d["first_page"], d["last_page"]) for d in review.documents}
        missed_docs = [d for d in truth["documents"] if (d["type"], d["first_page"], d["last_page"]) not in got]
        doc_hit += len(truth["documents"]) - len(missed_docs)
        doc_total += len(truth["documents"])
        rows.append({
            "dossier": path.name, "truth_defects": sorted(wanted),
            "false_positives": sorted(predicted - wanted), "missed": sorted(wanted - predicted),
            "needs_human": sorted({f.code for f in review.findings if f.needs_human}),
            "documents": f"{len(truth['documents']) - len(missed_docs)}/{len(truth['documents'])}",
            "missed_documents": [f"{d['type']} {d['title']} p{d['first_page']}-{d['last_page']}" for d in missed_docs],
            "predicted_documents": [f"{d['type']} p{d['first_page']}-{d['last_page']}" for d in review.documents],
            "fp_evidence": {f.code: f.message for f in review.findings if not f.needs_human and f.code not in wanted},
        })
    return {
        "dossiers": rows,
        "doc_accuracy": doc_hit / doc_total if doc_total else None, "doc_matched": doc_hit, "doc_total": doc_total,
        **micro(counts),
    }


def format_measure(result: dict, verbose: bool = True) -> str:
    lines = [f"document type + page range: {result['doc_matched']}/{result['doc_total']} = {result['doc_accuracy']:.3f}",
             f"defect codes (firm findings): precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
             f"(tp {result['tp']}, fp {result['fp']}, fn {result['fn']})"]
    if verbose:
        for r in result["dossiers"]:
            lines.append(f"- {r['dossier']}: documents {r['documents']}, {len(r['truth_defects'])} true codes")
            for d in r["missed_documents"]:
                lines.append(f"    missed document: {d}")
            for code in r["false_positives"]:
                lines.append(f"    false positive: {code}: {r['fp_evidence'].get(code, '')[:150]}")
            for code in r["missed"]:
                lines.append(f"    missed code: {code}")
    return "\n".join(lines)
