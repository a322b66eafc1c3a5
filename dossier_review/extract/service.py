"""Service receipts (送达回证): what was served, to whom, how, when, and whether signed."""
from __future__ import annotations

import re
from typing import Optional

from dossier_review.model import ServiceInfo

from .dates import FoundDate
from .form import _SIGN_ANY, _names_line, _neighbour_lines, _signed_value
from .labels import label_values
from .text import DocText
from .vocab import named

# method of service → how a receipt words it (vocabulary.yaml)
METHODS = named("service_methods")
_DOC_TITLE = re.compile(r"《?([\u4e00-\u9fff（）()]{2,24}?(?:决定书|告知书|通知书|责令改正通知书|催告书|意见书))》?")
_SERVED_LABEL = r"送达(?:的)?文书(?:名称)?(?:及文号)?|受送达文书|文书名称(?:及文号)?|送达文件|送达内容"
_RECIPIENT_LABEL = r"受送达人(?:名称|姓名)?|被送达人|收件人|签收人"
_RECIPIENT_SIGN = re.compile(
    r"(?:受送达人|签收人|收件人|被送达人)(?:（?(?:签名|签字|签章|签名或盖章|签字或盖章)）?|签名|签字|签收)(?:（盖章）)?")
_REFUSE = re.compile(r"拒绝签收|拒收|拒不签收|拒绝接收")
_BLANKABLE = {"method": re.compile(r"送达方式|送达方法"),
              "date": re.compile(r"送达(?:时间|日期)|签收(?:时间|日期)|收到(?:时间|日期)")}


def _left_blank(dt_: DocText, rx: re.Pattern) -> Optional[tuple[int, int]]:
    """(start, end) of a field label whose line ends right after it and whose place on the scanned
    page shows no ink: the field was left blank on the form."""
    lines = dt_.lines
    for m in rx.finditer(lines):
        end = lines.find("\n", m.end())
        rest = lines[m.end():len(lines) if end < 0 else end]
        if re.sub(r"[：:_＿\s（）()]", "", rest):
            continue
        if dt_.blank_after_l(m.end() - 1):
            return m.start(), m.end()
    return None


def served_role(served_document: Optional[str]) -> str:
    """The date role of a receipt: decision → served, notice → notice_served."""
    if not served_document:
        return "served"
    if "决定" in served_document and "告知" not in served_document:
        return "served"
    if "告知" in served_document:
        return "notice_served"
    if "听证通知" in served_document:
        return "hearing_notified"
    return "other"


def service_info(dt_: DocText, found_dates: list[FoundDate], ocr: bool) -> ServiceInfo:
    info = ServiceInfo()
    s = dt_.flat
    for val, a, b, _ in label_values(dt_, _SERVED_LABEL, stop_at_labels=True):
        v = val.strip("：")
        if v:
            info.served_document = v
            info.evidence.append(dt_.ev_l(a, b))
            break
    if not info.served_document:
        # a receipt's body names the served document: "《行政处罚决定书》（杭市监罚〔2024〕12号）"
        title_pos = len(dt_.doc.title or "")
        m = _DOC_TITLE.search(s, min(title_pos, len(s)))
        if m:
            info.served_document = m.group(1)
            info.evidence.append(dt_.ev_f(m.start(), m.end()))
    for val, a, b, _ in label_values(dt_, _RECIPIENT_LABEL, stop_at_labels=True):
        v = re.sub(r"[（(](?:签名|签字|盖章)[)）]", "", val).strip("：")
        if v and not re.match(r"^(?:签名|签字|盖章|日期)", v):
            info.recipient = v[:40]
            info.evidence.append(dt_.ev_l(a, b))
            break
    for _i, (pat, name) in enumerate(METHODS):
        m = re.search(pat, s)
        if m:
            # "送达方式：直接送达" or a ticked option; an unticked list of all methods names several,
            # so take the one marked ☑/√ when a list is printed
            ticks = re.findall(r"[☑√✓■✔]\s*(" + "|".join(p for p, _ in METHODS) + ")", s)
            if ticks:
                for p, n in METHODS:
                    if re.fullmatch(p, ticks[0]):
                        info.method = n
                        break
            else:
                info.method = name
            lm = re.search(pat, dt_.lines)
            if lm:
                a = dt_.lines.rfind("\n", 0, lm.start()) + 1
                b = dt_.lines.find("\n", lm.end())
                b = len(dt_.lines) if b < 0 else b
                a = max(a, lm.start() - 40)
                info.evidence.append(dt_.ev_l(a, min(b, lm.end() + 40)))
            break
    # recipient's signature
    lines = dt_.lines
    for m in _RECIPIENT_SIGN.finditer(lines):
        end = lines.find("\n", m.end())
        end = len(lines) if end < 0 else end
        v = _signed_value(lines[m.end():end], text_layer=not ocr)
        if not v:
            # a name written beside its label lands on a line of its own in a text layer (a
            # handwriting font placed over the label line)
            prev, nxt, after = _neighbour_lines(dt_, m.start())
            if _names_line(prev) or (_names_line(nxt) and not _SIGN_ANY.search(after)):
                v = True
        if v:
            info.recipient_signed = True
            info.evidence.append(dt_.ev_l(m.start(), end))
            break
        if v is False and (not ocr or dt_.blank_after_l(m.end() - 1)):
            info.recipient_signed = False
    if info.recipient_signed is None and _REFUSE.search(s):
        info.recipient_signed = False
    served = [f for f in found_dates if f.role == "served"]
    if served:
        info.served_date = served[0].date
    elif found_dates:
        info.served_date = found_dates[-1].date
    if ocr:
        for key, rx in _BLANKABLE.items():
            if (key == "method" and info.method) or (key == "date" and info.served_date):
                continue
            span = _left_blank(dt_, rx)
            if span:
                info.blank.append(key)
                info.evidence.append(dt_.ev_l(*span))
    return info
