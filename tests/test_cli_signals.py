"""SIGTERM to any command ends it as Ctrl-C does, with exit 143 and one line."""
from __future__ import annotations

import os
import signal
import time

from dossier_review import cli
from dossier_review.errors import EXIT_TERMINATED


def test_sigterm_during_a_command_exits_143_with_one_line(monkeypatch, capsys):
    def slow(args):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler raises before this ends
        return 0

    monkeypatch.setattr(cli, "cmd_rules", slow)
    before = signal.getsignal(signal.SIGTERM)
    assert cli.main(["rules"]) == EXIT_TERMINATED
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "SIGTERM" in err[0] and "已保留" in err[0]
    assert signal.getsignal(signal.SIGTERM) == before  # the handler is the command's only


def test_a_command_that_ends_normally_keeps_its_exit_code(monkeypatch):
    monkeypatch.setattr(cli, "cmd_rules", lambda args: 0)
    assert cli.main(["rules"]) == 0
