"""Dask worker preload for the batch tests: the stand-in pipeline of test_batch_fakes.

Dask starts its workers with ``spawn``, so a monkeypatch in the test process does not reach
them (unlike the forked process pool); ``distributed.worker.preload`` runs this on every worker,
including one the nanny restarts after a kill.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import test_batch_fakes  # noqa: E402

test_batch_fakes.install_plain()
