"""Crash-safety simulation: a driver that imports and edits figures, killed at random.

The driver (``python -m tools.killsim drive DB ACKS SEED WORKDIR``) runs a fixed,
seeded sequence of operations against the database: CSV batch imports through the
real CLI entry point (``values import``) and small edits through ``apply_changes``.
After each operation's commit has returned it appends the operation number to the
acknowledgement file and fsyncs it. The controller SIGKILLs the driver at random
moments and, after every kill, checks that the database passes ``integrity_check``,
holds every acknowledged operation, and holds the one in flight either wholly or
not at all. Used by the reduced CI test and by ``bench/bench_kill.py``.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PERIOD = "2030"
Key = tuple[str, str, str]  # unit, field, indicator


def key_space(db_path: Path) -> list[Key]:
    """Valid (unit, field, indicator) keys for form 06 inputs, in a fixed order."""
    from tracu_desktop.core.entry_spec import entry_spec
    from tracu_desktop.db.catalog import load_fields, load_units
    from tracu_desktop.db.connection import open_database

    db = open_database(db_path)
    try:
        units = sorted(
            (u for u in load_units(db) if u.kind in ("office", "commune")), key=lambda u: u.code
        )
        fields = sorted(load_fields(db), key=lambda f: f.code)
    finally:
        db.close()
    keys: list[Key] = []
    for u in units[:8]:
        for f in [f for f in fields if f.level == u.level][:5]:
            keys.extend((u.code, f.code, ind) for ind in entry_spec("06").inputs())
    return keys


@dataclass(frozen=True)
class Op:
    index: int
    kind: str  # "import" (CSV through the CLI) or "edit" (apply_changes)
    values: dict[Key, int] = field(default_factory=dict)


def make_op(seed: int, index: int, keys: list[Key]) -> Op:
    rng = random.Random(f"{seed}:{index}")
    if rng.random() < 0.5:
        chosen = rng.sample(keys, rng.randint(20, min(200, len(keys))))
        kind = "import"
    else:
        chosen = rng.sample(keys, rng.randint(1, 3))
        kind = "edit"
    return Op(index, kind, {k: index * 1000 + j for j, k in enumerate(chosen)})


def read_acks(path: Path) -> int:
    """Number of acknowledged operations (complete lines only, in order)."""
    if not path.exists():
        return 0
    count = 0
    for line in path.read_bytes().split(b"\n")[:-1]:
        if line.strip() != str(count).encode():
            raise AssertionError(f"acknowledgement file out of order at line {count}: {line!r}")
        count += 1
    return count


def setup_database(db_path: Path) -> None:
    from tracu_desktop.db.catalog import apply_preset
    from tracu_desktop.db.connection import open_database
    from tracu_desktop.db.periods import add_period

    db = open_database(db_path)
    try:
        apply_preset(db, "tra-cu")
        add_period(db, PERIOD)
    finally:
        db.close()


def _ack(fh, index: int) -> None:
    fh.write(f"{index}\n".encode())
    fh.flush()
    os.fsync(fh.fileno())


def drive(db_path: Path, acks: Path, seed: int, workdir: Path, limit: int = 10**9) -> None:
    from tracu_desktop.cli.main import main
    from tracu_desktop.core.models import ValueKey
    from tracu_desktop.db.connection import open_database
    from tracu_desktop.db.values import Change, apply_changes

    keys = key_space(db_path)
    start = read_acks(acks)
    db = open_database(db_path)
    workdir.mkdir(parents=True, exist_ok=True)
    with open(acks, "ab") as fh:
        # Drop a torn last line left by a kill during the previous acknowledgement.
        fh.truncate(sum(len(f"{i}\n") for i in range(start)))
        print("ready", flush=True)
        for index in range(start, start + limit):
            op = make_op(seed, index, keys)
            if op.kind == "import":
                csv = workdir / f"batch-{index}.csv"
                lines = ["period,unit,field,indicator,value"]
                lines += [f"{PERIOD},{u},{f},{i},{v}" for (u, f, i), v in op.values.items()]
                csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
                code = main(["--db", str(db_path), "values", "import", str(csv)])
                if code != 0:
                    raise SystemExit(f"import {index} failed with exit code {code}")
                csv.unlink()
            else:
                changes = [
                    Change(ValueKey(PERIOD, u, f, i), v) for (u, f, i), v in op.values.items()
                ]
                apply_changes(db, changes, source="typed")
            _ack(fh, index)


def _wait_for_ack(acks: Path, count: int, proc: subprocess.Popen, timeout: float) -> None:
    """Poll the acknowledgement file until it holds ``count`` operations."""
    deadline = time.monotonic() + timeout
    while read_acks(acks) < count:
        if proc.poll() is not None or time.monotonic() > deadline:
            return  # the caller reports a dead driver; a timeout just kills earlier
        time.sleep(0.01)


@dataclass
class KillStats:
    kills: int = 0
    lost: int = 0
    corrupt: int = 0
    partial: int = 0
    acked: int = 0
    problems: list[str] = field(default_factory=list)


def check_state(db_path: Path, seed: int, keys: list[Key], acked: int) -> tuple[bool, str]:
    """Return (integrity ok, problem text or '') after a kill."""
    con = sqlite3.connect(str(db_path))
    try:
        rows = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            return False, "integrity: " + "; ".join(rows[:3])
        stored = {
            (u, f, i): v
            for u, f, i, v in con.execute(
                "SELECT unit, field, indicator, value FROM data_values WHERE period = ?", [PERIOD]
            )
        }
    finally:
        con.close()
    model: dict[Key, int] = {}
    for index in range(acked):
        model.update(make_op(seed, index, keys).values)
    in_flight = make_op(seed, acked, keys).values
    with_flight = {**model, **in_flight}
    if stored == model or stored == with_flight:
        return True, ""
    missing = [
        k
        for k, v in model.items()
        if stored.get(k) != v and not (k in in_flight and in_flight[k] == stored.get(k))
    ]
    if missing:
        return True, f"lost: {len(missing)} acknowledged values differ, e.g. {missing[0]}"
    return True, "partial: the operation in flight is only partly stored"


def run_kills(
    workdir: Path,
    kills: int,
    seed: int,
    *,
    min_delay: float = 0.0,
    max_delay: float = 0.4,
    progress_timeout: float = 0.0,
    log=None,
) -> KillStats:
    """Start the driver ``kills`` times, SIGKILL it at a random moment, check each time.

    With ``progress_timeout`` > 0 each run first waits (up to that many seconds) until
    the driver has acknowledged one more operation, so every kill follows real work
    however slow or busy the machine is; the random delay then picks the moment.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    db_path = workdir / "kill.sqlite3"
    acks = workdir / "acks.txt"
    setup_database(db_path)
    keys = key_space(db_path)
    rng = random.Random(seed)
    stats = KillStats()
    env = {**os.environ, "TRACU_LOG_DIR": str(workdir / "logs"), "PYTHONPATH": str(ROOT)}
    for n in range(kills):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tools.killsim",
                "drive",
                str(db_path),
                str(acks),
                str(seed),
                str(workdir / "csv"),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert proc.stdout is not None
        ready = proc.stdout.readline()
        if ready.strip() != b"ready":
            proc.kill()
            _, stderr = proc.communicate()
            raise RuntimeError(f"driver did not start: {stderr.decode(errors='replace')[-2000:]}")
        if progress_timeout > 0:
            _wait_for_ack(acks, stats.acked + 1, proc, progress_timeout)
        time.sleep(rng.uniform(min_delay, max_delay))
        if proc.poll() is not None:
            raise RuntimeError(
                f"driver ended by itself: {proc.stderr.read().decode(errors='replace')[-2000:]}"
            )
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
        stats.kills += 1
        acked = read_acks(acks)
        stats.acked = acked
        ok, problem = check_state(db_path, seed, keys, acked)
        if not ok:
            stats.corrupt += 1
        elif problem.startswith("lost"):
            stats.lost += 1
        elif problem:
            stats.partial += 1
        if problem:
            stats.problems.append(f"kill {n + 1}: {problem}")
            if not ok:
                break  # nothing sensible can be checked after a corrupt file
        if log is not None:
            log(f"kill {n + 1}/{kills}: {acked} operations acknowledged {problem}")
    return stats


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "drive":
        drive(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]), Path(sys.argv[5]))
    else:
        sys.exit("usage: python -m tools.killsim drive DB ACKS SEED WORKDIR")
