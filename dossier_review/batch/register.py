"""Case registers (案卷登记表) and reproducible random samples drawn from them.

A register is an XLSX or CSV with one row per case. Agencies name their columns differently
(案号 / 案件编号 / 处罚决定书文号 / "Case No."), so headers are matched through a small alias table
to canonical keys; any other column is kept under its own header and flows into the batch
outputs unchanged.
"""
from __future__ import annotations

import datetime as _dt
import os
import re
from pathlib import Path
from typing import Iterable, Optional

from ..errors import InputError
from ..lib.privacy import needs_text_cell, neutral_cell

# canonical key -> headers seen in registers (compared after ``_norm_header``)
ALIASES: dict[str, tuple[str, ...]] = {
    "case_number": ("案号", "案件编号", "案件号", "案卷编号", "案卷号", "决定书文号", "处罚决定书文号",
                    "行政处罚决定书文号", "文号", "编号", "case number", "case no", "case no.", "case_no",
                    "case id", "case_number", "caseno", "number"),
    "agency": ("执法机关", "执法单位", "执法部门", "处罚机关", "实施机关", "办案机关", "办案单位", "承办单位",
               "单位", "机关", "部门", "agency", "authority", "department", "enforcement agency", "organ"),
    "party": ("当事人", "当事人名称", "当事人姓名", "被处罚人", "被处罚单位", "行政相对人", "相对人",
              "party", "party name", "respondent"),
    "fine": ("罚款", "罚款金额", "罚款数额", "罚没金额", "罚没款", "罚款额", "fine", "fine yuan", "fine_yuan",
             "fine amount", "amount", "penalty amount"),
    "closed": ("结案日期", "结案时间", "办结日期", "归档日期", "closing date", "closed", "close date",
               "closed on", "closed date", "date closed"),
    "path": ("案卷路径", "卷宗路径", "文件路径", "电子卷宗", "案卷文件", "卷宗文件", "路径", "文件", "file path",
             "filepath", "path", "file", "dossier", "dossier path", "location"),
}

CANONICAL_LABELS = {"case_number": "案号", "agency": "执法机关", "party": "当事人", "fine": "罚款",
                    "closed": "结案日期", "path": "案卷路径"}

REQUIRED = ("case_number", "path")


class RegisterError(InputError):
    """A register or sample list cannot be used; the reason is one line."""


def _norm_header(h: object) -> str:
    s = str(h or "").strip().casefold()
    s = re.sub(r"[（(\[【].*?[)）\]】]", "", s)  # 罚款（元） / fine (yuan) / 路径[必填]
    return re.sub(r"[\s_\-:：*]+", "", s)


_ALIAS_INDEX = {_norm_header(a): key for key, names in ALIASES.items() for a in names}


def canonical_key(header: object) -> Optional[str]:
    return _ALIAS_INDEX.get(_norm_header(header))


def _read_table(path: Path):
    import pandas as pd

    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            df = pd.read_excel(path, dtype=str, keep_default_na=False, sheet_name=0)
        elif suffix == ".xls":
            raise RegisterError(path, "old .xls workbooks are not read; save it as .xlsx and retry")
        else:
            # Excel in a Chinese locale saves CSV as GBK; try UTF-8 (with BOM) first.
            last = None
            for enc in ("utf-8-sig", "gb18030"):
                try:
                    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=enc)
                    break
                except UnicodeDecodeError as exc:
                    last = exc
            else:
                raise RegisterError(path, f"cannot decode the CSV as UTF-8 or GBK ({last})")
    except RegisterError:
        raise
    except FileNotFoundError:
        raise RegisterError(path, "file not found") from None
    except Exception as exc:  # pandas/openpyxl raise many types for broken files
        msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise RegisterError(path, f"cannot read the register: {msg}") from exc
    df.columns = [str(c).strip() for c in df.columns]
    df = df.apply(lambda col: col.str.strip())
    # rows left completely blank at the end of a sheet are not cases
    df = df[~(df == "").all(axis=1)].reset_index(drop=True)
    return df


def read_register(path: str | Path, *, require: Iterable[str] = REQUIRED, check_paths: bool = True):
    """Read a register into a DataFrame with canonical column names where recognised.

    ``df.attrs["headers"]`` maps each canonical key back to the header used in the file, and
    ``path`` values are resolved (relative to the register's folder) to absolute paths.
    Raises ``RegisterError`` for a missing file, missing required columns, blank or duplicate
    case numbers, or (``check_paths``) paths that do not exist.
    """
    path = Path(path)
    if not path.is_file():
        raise RegisterError(path, "file not found") from None
    df = _read_table(path)
    if df.empty and not len(df.columns):
        raise RegisterError(path, "the register is empty")
    rename, headers = {}, {}
    for col in df.columns:
        key = canonical_key(col)
        if key and key not in headers:
            rename[col] = key
            headers[key] = col
    df = df.rename(columns=rename)
    df.attrs["headers"] = headers
    df.attrs["source"] = str(path)
    missing = [k for k in require if k not in df.columns]
    if missing:
        wanted = "; ".join(f"{CANONICAL_LABELS.get(k, k)} ({k})" for k in missing)
        raise RegisterError(path, f"missing column(s) {wanted}; found: {', '.join(map(str, df.columns)) or 'none'}")
    if df.empty:
        raise RegisterError(path, "the register has no cases")
    if "case_number" in df.columns:
        blank = [i + 2 for i, v in enumerate(df["case_number"]) if not v]
        if blank:
            raise RegisterError(path, f"empty case number (案号) in row(s) {_rows(blank)}")
        dup = df["case_number"][df["case_number"].duplicated(keep=False)]
        if len(dup):
            first = dup.iloc[0]
            rows = [i + 2 for i in dup.index[dup == first]]
            more = dup.nunique() - 1
            raise RegisterError(path, f"duplicate case number {first!r} in rows {_rows(rows)}"
                                + (f" (and {more} more duplicated)" if more else ""))
    if "path" in df.columns:
        base = Path(os.path.abspath(path)).parent
        resolved, bad = [], []
        for i, v in enumerate(df["path"]):
            if not v:
                bad.append((i + 2, "(empty)"))
                resolved.append("")
                continue
            p = Path(v).expanduser()
            cand = p if p.is_absolute() else base / p
            if not cand.exists() and not p.is_absolute() and Path(v).exists():
                cand = Path(v)  # relative to the working directory, as a last resort
            resolved.append(os.path.abspath(cand))
            if check_paths and not cand.exists():
                bad.append((i + 2, v))
        if bad:
            shown = "; ".join(f"row {r}: {v}" for r, v in bad[:3])
            raise RegisterError(path, f"{len(bad)} case file path(s) do not exist ({shown}"
                                + (" …" if len(bad) > 3 else "") + ")")
        df["path"] = resolved
    return df


def _rows(rows: list[int]) -> str:
    return ", ".join(map(str, rows[:5])) + (" …" if len(rows) > 5 else "")


def allocate(sizes: dict, n: int) -> dict:
    """Proportional allocation of ``n`` over strata of ``sizes`` by largest remainder.

    Every stratum gets at least one; no stratum more than it holds. Ties go to the larger
    stratum, then to the stratum that sorts first, so the allocation is deterministic.
    """
    total = sum(sizes.values())
    if n > total:
        raise ValueError(f"n={n} is larger than the population ({total})")
    if n < len(sizes):
        raise ValueError(f"n={n} is smaller than the number of strata ({len(sizes)})")
    keys = sorted(sizes, key=str)
    quota = {k: n * sizes[k] / total for k in keys}
    alloc = {k: min(sizes[k], max(1, int(quota[k]))) for k in keys}
    # Forcing the minimum of one can overshoot n: take back from strata furthest above quota.
    while sum(alloc.values()) > n:
        k = max((k for k in keys if alloc[k] > 1), key=lambda k: (alloc[k] - quota[k], -sizes[k]))
        alloc[k] -= 1
    while sum(alloc.values()) < n:
        k = max((k for k in keys if alloc[k] < sizes[k]),
                key=lambda k: (quota[k] - alloc[k], sizes[k], [-ord(c) for c in str(k)]))
        alloc[k] += 1
    return alloc


def _resolve_column(df, by: str) -> str:
    if by in df.columns:
        return by
    key = canonical_key(by)
    if key and key in df.columns:
        return key
    for col in df.columns:
        if _norm_header(col) == _norm_header(by):
            return col
    raise RegisterError(df.attrs.get("source", "register"),
                        f"no column {by!r} to stratify by; columns: {', '.join(map(str, df.columns))}")


def sample_register(register_path: str | Path, n: int, seed: int, by: Optional[str] = None,
                    out_dir: str | Path | None = None):
    """Draw a reproducible random sample of ``n`` cases from a register.

    ``by`` stratifies by a column (proportional allocation, largest remainder, at least one per
    stratum). When ``out_dir`` is given, writes ``sample.xlsx`` (sheets 抽样清单 and meta) and
    ``sample.csv`` (with a ``seed`` column) there. Returns the sample as a DataFrame with
    canonical column names, ``sample_no``, ``stratum`` (when stratified) and ``seed``.
    """
    import numpy as np

    register_path = Path(register_path)
    try:
        n = int(n)
        seed = int(seed)
    except (TypeError, ValueError):
        raise RegisterError(register_path, f"n and seed must be integers (got n={n!r}, seed={seed!r})") from None
    if n < 1:
        raise RegisterError(register_path, f"n must be at least 1 (got {n})")
    df = read_register(register_path)
    if n > len(df):
        raise RegisterError(register_path, f"cannot sample n={n}: the register has only {len(df)} cases")
    rng = np.random.default_rng(seed)
    alloc = None
    if by:
        col = _resolve_column(df, by)
        strata = df[col].where(df[col] != "", "（空）")
        groups = {k: list(idx) for k, idx in strata.groupby(strata, sort=False).groups.items()}
        try:
            alloc = allocate({k: len(v) for k, v in groups.items()}, n)
        except ValueError as exc:
            raise RegisterError(register_path, f"cannot stratify by {by!r}: {exc}") from exc
        chosen = []
        for k in sorted(groups, key=str):
            members = np.array(sorted(groups[k]))
            chosen.extend(rng.choice(members, size=alloc[k], replace=False).tolist())
        sample = df.loc[sorted(chosen)].copy()
        sample.insert(0, "stratum", strata.loc[sample.index].values)
    else:
        chosen = rng.choice(len(df), size=n, replace=False)
        sample = df.iloc[sorted(chosen.tolist())].copy()
    sample.insert(0, "sample_no", range(1, len(sample) + 1))
    sample.insert(1, "register_row", [i + 2 for i in sample.index])
    sample["seed"] = seed
    sample = sample.reset_index(drop=True)
    sample.attrs.update(df.attrs)
    meta = {
        "seed": seed, "n": n, "by": by or "", "register": str(register_path.resolve()),
        "register_cases": len(df), "method": "numpy.random.default_rng(seed); "
        + ("stratified, proportional allocation by largest remainder, at least one per stratum"
           if by else "simple random sample without replacement"),
        "drawn_at": _dt.datetime.now().isoformat(timespec="seconds"),
    }
    if alloc:
        meta["allocation"] = "; ".join(f"{k}: {v}" for k, v in sorted(alloc.items(), key=lambda kv: str(kv[0])))
    sample.attrs["meta"] = meta
    if out_dir is not None:
        write_sample(sample, out_dir)
    return sample


def _display_frame(sample):
    headers = dict(sample.attrs.get("headers") or {})
    names = {"sample_no": "抽样序号", "register_row": "登记表行号", "stratum": "分层", "seed": "随机种子"}
    cols = {c: headers.get(c) or names.get(c) or c for c in sample.columns}
    return sample.rename(columns=cols)


def _inert_sheet(ws) -> None:
    """Cells openpyxl took for formulas (text starting with ``=``) stored as the text they are."""
    for row in ws.iter_rows():
        for c in row:
            if c.data_type == "f" or needs_text_cell(c.value):
                c.data_type = "s"
                c.quotePrefix = True


def write_sample(sample, out_dir: str | Path) -> list[Path]:
    """Write the sample list as ``sample.xlsx`` (with a meta sheet) and ``sample.csv``."""
    import pandas as pd

    from ..report.atomic import write_with

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    frame = _display_frame(sample)
    meta = sample.attrs.get("meta") or {}
    meta_df = pd.DataFrame({"key": list(meta), "value": [str(v) for v in meta.values()]})

    def save_xlsx(tmp: Path) -> None:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
            frame.to_excel(xw, sheet_name="抽样清单", index=False)
            meta_df.to_excel(xw, sheet_name="meta", index=False)
            for ws in xw.book.worksheets:
                _inert_sheet(ws)

    xlsx = write_with(out / "sample.xlsx", save_xlsx)
    # utf-8-sig so that Excel on a Chinese Windows opens the CSV without mojibake; register
    # cells come from outside, so none may start a formula (OWASP CSV injection)
    csv_frame = frame.map(neutral_cell).rename(columns=neutral_cell)
    csv = write_with(out / "sample.csv",
                     lambda tmp: csv_frame.to_csv(tmp, index=False, encoding="utf-8-sig"))
    return [xlsx, csv]
