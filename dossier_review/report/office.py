"""The reviewing office's own details, from a small YAML file (``--office office.yaml``).

Everything an office prints on what it signs and publishes and no review can read from a file:
who reviews, the bulletin's number and addressees.  Keys are Chinese, as an office writes them;
every key is optional (a missing one prints as a blank line to fill in by hand)::

    评查机关: 某市司法局                 # 意见书 header; also the bulletin's sender by default
    意见书文号: 某司评〔2026〕{序号}号    # optional; {序号} = the dossier's place in the batch
    发文机关: 某市司法局                 # 通报 header (default: 评查机关)
    文号: 某司通〔2026〕12号              # 通报 number
    主送: 各区司法局，市直各行政执法部门   # 通报 addressees
    落款: 某市司法局                     # 通报 signature line (default: 发文机关)
    日期: 2026-12-07                   # 通报 and 意见书 date (default: today)
    评查期间: 2026年1月至6月             # period the sampled files were closed in (default: read
                                       #   from the register's 结案日期 column when there is one)
    整改期限: 2027年1月31日              # 通报 整改要求 deadline (default: a blank to fill in)
    模板: 公文模板.docx                  # the office's own .docx (styles, margins, letterhead,
                                       #   header/footer) the 意见书 and 通报 are written into;
                                       #   relative to this file (default: the built-in A4 style)

Unknown keys are refused with their name, so a typo is not silently ignored.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..errors import InputError

KEYS = {
    "评查机关": "reviewer", "意见书文号": "sheet_number", "发文机关": "sender", "文号": "number",
    "主送": "addressees", "落款": "signature", "日期": "date", "评查期间": "period", "整改期限": "deadline",
    "模板": "template",
}
BLANK = "________"


@dataclass(frozen=True)
class Office:
    reviewer: str = ""
    sheet_number: str = ""
    sender: str = ""
    number: str = ""
    addressees: str = ""
    signature: str = ""
    date: Optional[_dt.date] = None
    period: str = ""
    deadline: str = ""
    template: str = ""        # path of the office's .docx template, checked when the file is read

    @property
    def sender_name(self) -> str:
        return self.sender or self.reviewer

    @property
    def signature_name(self) -> str:
        return self.signature or self.sender_name

    @property
    def day(self) -> _dt.date:
        return self.date or _dt.date.today()

    def sheet_no(self, seq: Optional[int]) -> str:
        """The 意见书's own number, ``{序号}`` filled in (empty when none is configured)."""
        if not self.sheet_number:
            return ""
        return self.sheet_number.replace("{序号}", str(seq) if seq is not None else BLANK)


def chinese_date(day: _dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class OfficeError(InputError):
    """The office file cannot be used; the reason names the key."""


def load_office(path: str | Path | None) -> Office:
    """The office file's details, or an empty ``Office`` when ``path`` is None."""
    if path is None:
        return Office()
    import yaml

    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise OfficeError(p, "找不到评查机关配置文件") from None
    except OSError as exc:
        raise OfficeError(p, f"无法读取评查机关配置文件：{exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise OfficeError(p, f"评查机关配置文件不是有效的 YAML：{exc}") from exc
    if not isinstance(data, dict):
        raise OfficeError(p, "评查机关配置文件应为“键: 值”的列表")
    unknown = [str(k) for k in data if k not in KEYS]
    if unknown:
        raise OfficeError(p, f"未知的配置项：{'、'.join(unknown)}（可用：{'、'.join(KEYS)}）")
    values = {}
    for key, attr in KEYS.items():
        v = data.get(key)
        if v is None:
            continue
        if attr == "date":
            if isinstance(v, _dt.datetime):
                v = v.date()
            elif not isinstance(v, _dt.date):
                try:
                    v = _dt.date.fromisoformat(str(v).strip())
                except ValueError as exc:
                    raise OfficeError(p, f"日期“{v}”应写作 2026-12-07") from exc
            values[attr] = v
        elif attr == "template":
            t = Path(str(v).strip()).expanduser()
            t = t if t.is_absolute() else p.parent / t
            if not t.is_file() or t.suffix.lower() != ".docx":
                raise OfficeError(p, f"模板“{v}”不存在或不是 .docx 文件")
            try:  # a broken template is refused now, not at the first document written
                import docx

                docx.Document(str(t))
            except Exception as exc:  # python-docx raises several types for a bad package
                raise OfficeError(p, f"模板“{v}”无法打开（{type(exc).__name__}）") from exc
            values[attr] = str(t.resolve())
        else:
            values[attr] = str(v).strip()
    return Office(**values)
