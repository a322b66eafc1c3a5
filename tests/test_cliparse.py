"""argparse's own words in Chinese: usage, headers, help, and the errors it raises."""
from __future__ import annotations

import pytest

from dossier_review.cliparse import ChineseArgumentParser, translate


def _parser():
    p = ChineseArgumentParser(prog="dr", description="说明", version="dr 1.0")
    sub = p.add_subparsers(dest="cmd", title="命令", metavar="命令")
    s = sub.add_parser("sample", help="抽样")
    s.add_argument("register")
    s.add_argument("--n", type=int, required=True)
    s.add_argument("--mode", choices=["a", "b"])
    return p


def test_help_is_chinese(capsys):
    with pytest.raises(SystemExit):
        _parser().parse_args(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：dr") and "选项：" in out and "显示本帮助并退出" in out and "显示版本号并退出" in out
    assert "usage" not in out and "options" not in out and "show this help" not in out
    with pytest.raises(SystemExit):
        _parser().parse_args(["sample", "--help"])
    out = capsys.readouterr().out
    assert "位置参数：" in out and "用法：dr sample" in out


@pytest.mark.parametrize("argv, expected", [
    (["sample", "r.xlsx"], "缺少必需的参数：--n"),
    (["sample", "r.xlsx", "--n", "三"], "参数 --n：无效的整数值：'三'"),
    (["sample", "r.xlsx", "--n", "3", "--mode", "c"], "参数 --mode：无效的选择：'c'（可选：'a', 'b'）"),
    (["sample", "r.xlsx", "--n", "3", "--bogus"], "无法识别的参数：--bogus"),
    (["smaple"], "参数 命令：无效的选择：'smaple'"),
])
def test_errors_are_chinese_and_exit_2(capsys, argv, expected):
    with pytest.raises(SystemExit) as info:
        _parser().parse_args(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：") and "dr" in err and "：错误：" in err and expected in err, err
    assert "error:" not in err and "usage:" not in err


def test_an_unknown_message_passes_unchanged():
    assert translate("something new") == "something new"
    assert translate("argument --x: expected one argument") == "参数 --x：需要一个值"
