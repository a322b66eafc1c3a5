"""Plan a set of dossiers that together carry every defect code.

Each code goes into one digital and one scanned dossier where the set allows; two general-
procedure dossiers (one digital, one scanned) stay clean (and one 当场 file when there are three or
more); agencies rotate over the general files.
"""
from __future__ import annotations

import random
from pathlib import Path

from . import make_case, render_case
from .defects import NEEDS, conflicts, merge_needs

AGENCIES = ["市场监督管理局", "应急管理局", "生态环境局", "城市管理综合行政执法局", "交通运输局", "文化和旅游局"]
SHORT = {"市场监督管理局": "market", "应急管理局": "safety", "生态环境局": "environment",
         "城市管理综合行政执法局": "urban", "交通运输局": "transport", "文化和旅游局": "culture"}
MAX_CODES = 9


def _fits(spec: dict, code: str) -> bool:
    procs = NEEDS[code][0]
    if procs == "general" and spec["procedure"] != "general":
        return False
    if procs == "simplified" and spec["procedure"] != "simplified":
        return False
    codes = spec["defects"] + [code]
    if conflicts(codes):
        return False
    try:
        merge_needs(codes, spec["procedure"])
    except ValueError:
        return False
    return True


def _buildable(spec: dict) -> bool:
    try:
        make_case(spec["seed"], procedure=spec["procedure"], defects=spec["defects"], scanned=spec["scanned"],
                  agency=spec.get("agency"), party_kind=spec.get("party_kind"), family=spec.get("family", "A"))
        return True
    except ValueError:
        return False


def _place(code: str, cands: list[dict]) -> bool:
    for s in cands:  # keep the planned agency if any dossier can take the code
        s["defects"].append(code)
        if _buildable(s):
            return True
        s["defects"].pop()
    for s in cands:
        alt = dict(s, agency=None, defects=s["defects"] + [code])
        if _buildable(alt):
            s["agency"] = None
            s["defects"].append(code)
            return True
    return False


def plan_set(n: int = 12, seed: int = 0, scanned_ratio: float = 0.5, family: str = "A") -> list[dict]:
    rng = random.Random(f"plan-{seed}")
    n = max(n, 1)
    n_simpl = 0 if n < 4 else max(1, n // 6)
    n_scan = round(n * scanned_ratio)
    specs = [{"index": i, "seed": seed * 1000 + i, "procedure": "general", "scanned": False, "defects": [],
              "clean": False, "family": family} for i in range(n)]
    step = n / n_scan if n_scan else 0
    for k in range(n_scan):
        specs[min(n - 1, int(k * step + step / 2))]["scanned"] = True
    for k in range(n_simpl):
        specs[n - 1 - k]["procedure"] = "simplified"
    general = [s for s in specs if s["procedure"] == "general"]
    if len(general) >= 4:
        next(s for s in general if not s["scanned"])["clean"] = True
        scn = next((s for s in general if s["scanned"]), None)
        if scn:
            scn["clean"] = True
    simpl = [s for s in specs if s["procedure"] == "simplified"]
    if len(simpl) >= 3:
        simpl[0]["clean"] = True
    g_i = rng.randrange(len(AGENCIES))
    for s in specs:
        if s["procedure"] == "general":
            s["agency"] = AGENCIES[g_i % len(AGENCIES)]
            g_i += 1
    workers = [s for s in specs if not s["clean"]]
    codes = sorted(NEEDS)
    for want_scanned in (False, True):
        rng.shuffle(codes)
        pool = [s for s in workers if s["scanned"] == want_scanned] or workers
        for code in codes:
            cands = [s for s in pool if len(s["defects"]) < MAX_CODES and _fits(s, code)]
            rng.shuffle(cands)
            cands.sort(key=lambda s: len(s["defects"]))
            if not _place(code, cands):
                more = [s for s in workers if s not in cands and len(s["defects"]) < MAX_CODES + 2 and _fits(s, code)]
                more.sort(key=lambda s: len(s["defects"]))
                _place(code, more)
    folder_done = False
    for s in specs:
        case = make_case(s["seed"], procedure=s["procedure"], defects=s["defects"], scanned=s["scanned"],
                         agency=s.get("agency"), party_kind=s.get("party_kind"), family=family)
        kind = SHORT[case.agency["kind"]] if s["procedure"] == "general" else "onthespot"
        stem = "case" if family == "A" else f"fam{family.lower()}"
        s["name"] = f"{stem}{s['index'] + 1:02d}-{kind}-{'scan' if s['scanned'] else 'digital'}"
        if s["scanned"] and s["procedure"] == "general" and not s["clean"] and not folder_done and s["index"] > 0:
            s["as_folder"] = True
            s["name"] += "-pages"
            folder_done = True
    return specs


def generate(out_dir, n: int = 12, seed: int = 0, scanned_ratio: float = 0.5, family: str = "A") -> list[Path]:
    """Write ``n`` dossiers covering every defect code (when n allows) plus clean ones.

    ``family="B"`` writes the same kind of set in template family B (names ``famb01-…``)."""
    paths = []
    for spec in plan_set(n, seed, scanned_ratio, family=family):
        case = make_case(spec["seed"], procedure=spec["procedure"], defects=spec["defects"], scanned=spec["scanned"],
                         agency=spec.get("agency"), party_kind=spec.get("party_kind"), family=family)
        paths.append(render_case(case, out_dir, name=spec["name"], as_folder=spec.get("as_folder", False)))
    return paths


def generate_family_c(out_dir, *, n_digital: int = 10, n_scan: int = 7, seed: int = 0) -> list[Path]:
    """Write a family-C set: ``out_dir/digital`` (text-layer PDFs) and ``out_dir/scan`` (augraphy
    scans at 200 dpi), each dossier with its truth file.  The defect codes are spread over the
    whole set by ``plan.plan_set`` as for families A and B."""
    out_dir = Path(out_dir)
    total = n_digital + n_scan
    paths = []
    for spec in plan_set(total, seed, n_scan / total if total else 0.0, family="C"):
        case = make_case(spec["seed"], procedure=spec["procedure"], defects=spec["defects"], scanned=spec["scanned"],
                         agency=spec.get("agency"), party_kind=spec.get("party_kind"), family="C")
        sub = out_dir / ("scan" if spec["scanned"] else "digital")
        paths.append(render_case(case, sub, name=spec["name"], as_folder=spec.get("as_folder", False)))
    return paths
