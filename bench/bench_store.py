"""Province-sized store benchmark.

Builds a database of N years × 4 quarters × 120 units × 40 fields of form-06 figures
(``--years 3``: 460.800 values) through the same code path as
``tracu-desktop values import`` (one file per year, each import preceded by its
automatic backup), makes one manual backup, then prints:

* bytes per stored value (``dbstat``: figures, their history, edits, code tables and
  every index) and the database size; target ≤ 60 bytes per value;
* the backup folder size after the run; target ≤ 1,5× the database;
* import throughput (target ≥ 50.000 values/s) and one-period 06b aggregation
  (target ≤ 25 ms);
* start-up of the main window (fresh process, launch → shown and idle, median) on the
  province database against the demo; target ≤ 1,2×. ``--no-gui`` skips it.

Run: ``python bench/bench_store.py [--years 3] [--no-gui]``
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from tracu_desktop.core.entry_spec import entry_spec
from tracu_desktop.core.models import Field, Level, Unit, UnitKind
from tracu_desktop.db.aggregate import sum_by_level_field
from tracu_desktop.db.catalog import apply_preset, save_field, save_unit
from tracu_desktop.db.connection import open_database
from tracu_desktop.interchange.csv_io import import_values_csv
from tracu_desktop.interchange.datavalues import write_csv_text

UNITS = 120
FIELDS = 40


def build_catalog(db) -> tuple[list[str], list[str]]:
    apply_preset(db, "tra-cu")
    units = [f"BENCH_U{i:03d}" for i in range(UNITS)]
    fields = [f"BENCH_F{i:02d}" for i in range(FIELDS)]
    for i, code in enumerate(units):
        save_unit(
            db,
            Unit(
                code,
                f"Xã thử nghiệm số {i + 1}",
                Level.COMMUNE,
                UnitKind.COMMUNE,
                "HUYEN",
                1000 + i,
            ),
        )
    for i, code in enumerate(fields):
        save_field(db, Field(code, f"Lĩnh vực thử nghiệm {i + 1}", Level.COMMUNE, 1000 + i))
    return units, fields


def period_csv(period: str, units: list[str], fields: list[str], rng: random.Random) -> str:
    """Form-06 figures of one period: each cell keeps its own scale from period to period
    (±15 %), as an office's workload does, so the outlier check flags few cells."""
    rows = []
    for u in units:
        for f in fields:
            cell = random.Random(f"{u}/{f}")  # the cell's scale, the same every period
            base_online, base_direct = cell.randint(20, 400), cell.randint(10, 300)
            early_share = cell.random() * 0.5
            online = round(base_online * rng.uniform(0.85, 1.15))
            direct = round(base_direct * rng.uniform(0.85, 1.15))
            late = rng.randint(0, 3)
            early = int(early_share * (online + direct - late))
            pending = 0
            on_time = online + direct - late - early - pending
            if on_time < 0:
                late, on_time = 0, online + direct - early
            values = dict.fromkeys(entry_spec("06").inputs(), 0)
            values.update(
                received_online=online,
                received_direct=direct,
                resolved_early=early,
                resolved_on_time=on_time,
                resolved_late=late,
            )
            rows.extend((period, u, f, ind, str(v)) for ind, v in values.items())
    return write_csv_text(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--no-gui", action="store_true", help="skip the start-up comparison")
    parser.add_argument("--runs", type=int, default=5, help="start-up runs per database")
    args = parser.parse_args()
    rng = random.Random(42)
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        db_path = tmpdir / "province.sqlite3"
        db = open_database(db_path)
        units, fields = build_catalog(db)
        periods = [f"{2015 + y}-Q{q}" for y in range(args.years) for q in range(1, 5)]
        # One file per year (four quarters, 153.600 values), as a province exchanges them.
        files = []
        for year in range(args.years):
            path = tmpdir / f"{2015 + year}.csv"
            quarters = [period_csv(f"{2015 + year}-Q{q}", units, fields, rng) for q in range(1, 5)]
            body = quarters[0] + "".join(q.split("\r\n", 1)[1] for q in quarters[1:])
            path.write_text(body, encoding="utf-8")
            files.append(path)

        # The automatic backup before each import copies the whole database: its cost grows
        # with the database, not with the file, so it is timed apart as well.
        import tracu_desktop.db.backup as backup_module

        real_backup = backup_module.create_backup
        backup_seconds = 0.0

        def timed_backup(*a, **k):
            nonlocal backup_seconds
            t = time.perf_counter()
            try:
                return real_backup(*a, **k)
            finally:
                backup_seconds += time.perf_counter() - t

        backup_module.create_backup = timed_backup
        total_values = 0
        started = time.perf_counter()
        cpu_started = time.process_time()
        for path in files:
            outcome = import_values_csv(db, path)
            assert outcome.ok, outcome.errors[:3]
            total_values += len(outcome.changes)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        backup_module.create_backup = real_backup
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

        target = periods[len(periods) // 2]
        timings, cpu_timings = [], []
        for _ in range(15):
            t0, c0 = time.perf_counter(), time.process_time()
            rows = sum_by_level_field(db, target, entry_spec("06").inputs())
            timings.append((time.perf_counter() - t0) * 1000)
            cpu_timings.append((time.process_time() - c0) * 1000)
        assert len(rows) == FIELDS
        backup_module.create_backup(db_path, backup_module.KIND_MANUAL)
        stored = db.execute("SELECT count(*) FROM figures").fetchone()[0]
        per_object = dict(
            db.execute(
                "SELECT name, SUM(pgsize) FROM dbstat WHERE name IN "
                "(SELECT name FROM sqlite_master WHERE tbl_name IN "
                "('figures', 'figure_history', 'edits', 'sources', 'indicators')) GROUP BY name"
            ).fetchall()
        )
        db.close()  # PRAGMA optimize, WAL checkpointed and removed
        size = db_path.stat().st_size
        backups = backup_module.list_backups(db_path)
        backup_total = sum(b.size for b in backups)
        startup = None if args.no_gui else compare_startup(db_path, tmpdir, args.runs)

    total_store = sum(per_object.values())
    print(f"values imported:            {total_values:,}".replace(",", "."))
    print(f"import time:                {elapsed:.1f} s")
    print(
        f"import throughput:          {total_values / elapsed:,.0f} values/s (target ≥ 50.000)".replace(
            ",", "."
        )
    )
    print(f"  per CPU second:           {total_values / cpu:,.0f} values/s".replace(",", "."))
    print(
        f"  of which pre-import backups: {backup_seconds:.1f} s; without them "
        f"{total_values / (elapsed - backup_seconds):,.0f} values/s".replace(",", ".")
    )
    print(
        f"aggregate one period (06b): {statistics.median(timings):.1f} ms median (target ≤ 25 ms); "
        f"CPU {statistics.median(cpu_timings):.1f} ms (the rest is waiting for a busy core)"
    )
    print(
        f"bytes per stored value:     {total_store / stored:.1f} (target ≤ 60; values, history, "
        f"edits and their indexes, from dbstat)"
    )
    for name, bytes_ in sorted(per_object.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<26}{bytes_ / stored:6.1f} bytes/value  {bytes_ / 1e6:7.1f} MB")
    print(f"database file size:         {size / 1e6:.1f} MB")
    print(
        f"backup folder after the run: {backup_total / 1e6:.1f} MB in {len(backups)} files "
        f"= {backup_total / size:.2f}× the database (target ≤ 1,5×)"
    )
    for b in backups:
        print(
            f"  {b.path.name}: {b.size / 1e6:.1f} MB (from {(b.original_size or b.size) / 1e6:.1f} MB)"
        )
    if startup is not None:
        demo_s, province_s = startup
        print(
            f"start-up, main window shown and idle (median of {args.runs}): demo "
            f"{demo_s * 1000:.0f} ms, province {province_s * 1000:.0f} ms = "
            f"{province_s / demo_s:.2f}× (target ≤ 1,2×)"
        )
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (shared)")


def compare_startup(province: Path, tmpdir: Path, runs: int) -> tuple[float, float]:
    """Median start-up of the main window on the demo and on ``province``, interleaved."""
    from bench_gui import APP, _run  # bench/ is the script's folder, first on sys.path

    from tracu_desktop.db.demo import create_demo

    demo = tmpdir / "demo" / "demo.sqlite3"
    demo.parent.mkdir()
    db = open_database(demo)
    create_demo(db)
    db.close()
    for path in (demo, province):  # warm-up: byte-code and file caches, first daily copy
        _run(APP, str(path), str(tmpdir / "s.ini"), log_dir=tmpdir)
    demo_times, province_times = [], []
    for _ in range(runs):
        demo_times.append(_run(APP, str(demo), str(tmpdir / "s.ini"), log_dir=tmpdir))
        province_times.append(_run(APP, str(province), str(tmpdir / "s.ini"), log_dir=tmpdir))
    return statistics.median(demo_times), statistics.median(province_times)


if __name__ == "__main__":
    main()
