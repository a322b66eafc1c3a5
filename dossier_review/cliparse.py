"""argparse in Chinese: the usage line, section headers, -h/--version help and the parser's own
error messages, for a command line whose users read Chinese.

argparse builds its words with gettext but ships no Chinese catalogue, and installing one would
change every argparse user in the process; instead the parser sets its headers itself and
``error`` translates the handful of messages argparse can raise (their English templates, as
regular expressions; an unknown one passes unchanged, still behind the Chinese prefix).
"""
from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

USAGE = "用法："
POSITIONALS = "位置参数"
OPTIONALS = "选项"
HELP = "显示本帮助并退出"
VERSION = "显示版本号并退出"
ERROR = "错误"
TYPE_NAMES = {"int": "整数", "float": "数字", "str": "文本"}
_HEADING = re.compile(r"^([^\s:][^\n:]*):$", re.M)

# argparse's message templates (CPython 3.9–3.13 wording) → Chinese
_MESSAGES: list[tuple[re.Pattern, str]] = [(re.compile(p), r) for p, r in [
    (r"^argument (?P<arg>.+?): (?P<msg>.*)$", "参数 {arg}：{msg}"),
    (r"^the following arguments are required: (?P<a>.*)$", "缺少必需的参数：{a}"),
    (r"^unrecognized arguments: (?P<a>.*)$", "无法识别的参数：{a}"),
    (r"^invalid choice: (?P<v>.+?) \(choose from (?P<c>.*)\)$", "无效的选择：{v}（可选：{c}）"),
    (r"^invalid (?P<t>\w+) value: (?P<v>.*)$", "无效的{t}值：{v}"),
    (r"^expected one argument$", "需要一个值"),
    (r"^expected at most one argument$", "最多需要一个值"),
    (r"^expected at least one argument$", "至少需要一个值"),
    (r"^expected (?P<n>\d+) arguments?$", "需要 {n} 个值"),
    (r"^not allowed with argument (?P<a>.*)$", "不能与参数 {a} 同时使用"),
    (r"^one of the arguments (?P<a>.*) is required$", "必须提供以下参数之一：{a}"),
    (r"^ambiguous option: (?P<o>.+?) could match (?P<m>.*)$", "选项 {o} 有歧义，可能是：{m}"),
    (r"^ignored explicit argument (?P<a>.*)$", "多余的参数值 {a}"),
    (r"^unexpected option string: (?P<o>.*)$", "意外的选项 {o}"),
]]


def translate(message: str) -> str:
    """An argparse error message in Chinese (nested ones too: "argument X: invalid choice …")."""
    for pattern, template in _MESSAGES:
        m = pattern.match(message)
        if not m:
            continue
        parts = {k: (translate(v) if k == "msg" else v) for k, v in m.groupdict().items()}
        if "t" in parts:
            parts["t"] = TYPE_NAMES.get(parts["t"], parts["t"])
        return template.format(**parts)
    return message


class ChineseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Help with a Chinese usage prefix; descriptions keep their own line breaks."""

    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, USAGE if prefix is None else prefix)

    def format_help(self) -> str:
        # section headings ("选项:") with the Chinese colon; argparse writes them unindented
        return _HEADING.sub(r"\1：", super().format_help())


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose own words are Chinese; sub-parsers are of the same class."""

    def __init__(self, *args, version: str | None = None, **kwargs):
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = POSITIONALS
        self._optionals.title = OPTIONALS
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP)
        if version:
            self.add_argument("--version", action="version", version=version, help=VERSION)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：{ERROR}：{translate(message)}\n")
