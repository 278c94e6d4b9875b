"""SIGKILL during imports and edits: nothing acknowledged is lost, nothing is corrupt.

The full run (300 kills) is ``bench/bench_kill.py``; this is the reduced CI form.
"""

from __future__ import annotations

import os

import pytest

from tools.killsim import PERIOD, check_state, key_space, make_op, run_kills, setup_database

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL")


def _store(db_path, values: dict) -> None:
    from tracu_desktop.core.models import ValueKey
    from tracu_desktop.db.connection import open_database
    from tracu_desktop.db.values import Change, apply_changes

    db = open_database(db_path)
    apply_changes(db, [Change(ValueKey(PERIOD, *k), v) for k, v in values.items()], "test")
    db.close()


def test_checker_notices_lost_and_partial_changes(tmp_path):
    """The checker must be able to fail, or the kill test proves nothing."""
    db = tmp_path / "c.sqlite3"
    setup_database(db)
    keys = key_space(db)
    seed = next(s for s in range(100) if make_op(s, 2, keys).kind == "import")
    ops = [make_op(seed, i, keys) for i in range(3)]
    _store(db, ops[0].values)
    _store(db, ops[1].values)
    assert check_state(db, seed, keys, 2) == (True, "")
    # Half of the in-flight operation stored: reported as partial.
    fresh = [k for k in ops[2].values if k not in ops[0].values and k not in ops[1].values]
    _store(db, {fresh[0]: ops[2].values[fresh[0]]})
    assert check_state(db, seed, keys, 2) == (
        True,
        "partial: the operation in flight is only partly stored",
    )
    _store(db, {fresh[0]: None})
    # An acknowledged value that went missing: reported as lost.
    lost = next(k for k in ops[0].values if k not in ops[1].values and k not in ops[2].values)
    _store(db, {lost: None})
    ok, problem = check_state(db, seed, keys, 2)
    assert ok and problem.startswith("lost")


def test_kills_wait_for_progress_even_without_delay(tmp_path):
    """Killed at once after start, the driver would acknowledge nothing; waiting for
    progress makes each run do at least one operation."""
    stats = run_kills(tmp_path / "k", kills=3, seed=7, max_delay=0.0, progress_timeout=120)
    assert stats.kills == 3
    assert stats.acked >= 3
    assert (stats.lost, stats.corrupt, stats.partial) == (0, 0, 0), stats.problems


@pytest.mark.slow
def test_thirty_kills_lose_nothing(tmp_path):
    # Each kill waits for one more acknowledged operation, so the work done between
    # kills does not depend on how fast (or how loaded) the machine is.
    stats = run_kills(tmp_path / "kill", kills=30, seed=20231120, progress_timeout=120)
    assert stats.kills == 30
    assert stats.acked >= 30, "the driver must have done real work between kills"
    assert (stats.lost, stats.corrupt, stats.partial) == (0, 0, 0), stats.problems
