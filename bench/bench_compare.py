"""Time of ``compare`` on a province-sized database with lineage.

A province office with 20 departments and 124 communes formed on 01/07/2025, each from
two to four former communes (372 former units, ended 30/06/2025), 40 fields per level,
form-06 figures for 2025-Q1 (departments and former communes) and 2026-Q1 (departments
and new communes). Times ``tracu-desktop compare --period 2026-Q1 --with 2025-Q1`` by
unit and by field, as the command runs it (the comparison and its printed rows), median
of five runs each. Target: ≤ 1 s.

    python bench/bench_compare.py
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracu_desktop.core.compare import row_cells  # noqa: E402
from tracu_desktop.core.models import (  # noqa: E402
    Field,
    Level,
    Organisation,
    Unit,
    UnitKind,
    ValueKey,
)
from tracu_desktop.db.catalog import save_field, save_organisation, save_unit  # noqa: E402
from tracu_desktop.db.compare import compare_periods  # noqa: E402
from tracu_desktop.db.connection import open_database  # noqa: E402
from tracu_desktop.db.periods import add_period  # noqa: E402
from tracu_desktop.db.values import Change, apply_changes  # noqa: E402

DEPARTMENTS, COMMUNES, FIELDS = 20, 124, 40
TARGET = 1.0
REPEAT = 5
START, END = date(2025, 7, 1), date(2025, 6, 30)


def _cells(rng: random.Random, period: str, unit: str, fields: list[str]) -> list[Change]:
    out = []
    for f in fields:
        new = rng.randint(0, 400)
        online = rng.randint(0, new)
        late = rng.randint(0, new // 20)
        early = rng.randint(0, new - late)
        for ind, value in (
            ("received_online", online), ("received_direct", new - online),
            ("carried_over", 0), ("resolved_early", early),
            ("resolved_on_time", new - late - early), ("resolved_late", late),
            ("pending_on_time", 0), ("pending_overdue", 0),
            ("digitized_dossiers", rng.randint(0, new)),
        ):  # fmt: skip
            out.append(Change(ValueKey(period, unit, f, ind), value))
    return out


def build(db) -> int:
    save_organisation(
        db,
        Organisation("Văn phòng Ủy ban nhân dân tỉnh thử nghiệm", "Thử nghiệm",
                     "Văn phòng Chính phủ", "Cục Kiểm soát thủ tục hành chính", "Thử nghiệm",
                     level=Level.PROVINCE),
    )  # fmt: skip
    rng = random.Random(11)
    province_fields = [f"T_{i:02d}" for i in range(FIELDS)]
    commune_fields = [f"X_{i:02d}" for i in range(FIELDS)]
    for i in range(FIELDS):
        save_field(
            db, Field(province_fields[i], f"Lĩnh vực cấp tỉnh số {i + 1}", Level.PROVINCE, i)
        )
        save_field(db, Field(commune_fields[i], f"Lĩnh vực cấp xã số {i + 1}", Level.COMMUNE, i))
    for code in ("2025-Q1", "2026-Q1"):
        add_period(db, code)
    changes: list[Change] = []
    for d in range(DEPARTMENTS):
        code = f"SO_{d:02d}"
        save_unit(db, Unit(code, f"Sở thử nghiệm số {d + 1}", Level.PROVINCE, UnitKind.OFFICE,
                           sort=d))  # fmt: skip
        for period in ("2025-Q1", "2026-Q1"):
            changes += _cells(rng, period, code, province_fields)
    former = 0
    for c in range(COMMUNES):
        code = f"{27000 + c}"
        save_unit(db, Unit(code, f"Xã thử nghiệm số {c + 1}", Level.COMMUNE, UnitKind.COMMUNE,
                           sort=100 + c, valid_from=START))  # fmt: skip
        changes += _cells(rng, "2026-Q1", code, commune_fields)
        for k in range(2 + c % 3):
            old = f"cu-{code}-{k}"
            save_unit(db, Unit(old, f"Xã cũ {c + 1}.{k + 1}", Level.COMMUNE, UnitKind.COMMUNE,
                               sort=1000 + former, valid_to=END, successors=(code,)))  # fmt: skip
            changes += _cells(rng, "2025-Q1", old, commune_fields)
            former += 1
    apply_changes(db, changes, "demo")
    return former


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "province.sqlite3")
        t0 = time.perf_counter()
        former = build(db)
        print(
            f"province: {DEPARTMENTS} departments, {COMMUNES} communes from {former} former "
            f"communes, {FIELDS} fields (built in {time.perf_counter() - t0:.1f} s)"
        )
        worst = 0.0
        for by in ("unit", "field"):
            times = []
            for _ in range(REPEAT):
                t = time.perf_counter()
                c = compare_periods(db, "2026-Q1", "2025-Q1", by)
                lines = [row_cells(r) for r in (*c.rows, c.total)]
                times.append(time.perf_counter() - t)
            med = statistics.median(times)
            worst = max(worst, med)
            print(f"compare --by {by}: {len(lines) - 1} rows, median {med * 1000:.0f} ms")
        print(
            f"compare: {worst:.2f} s (target ≤ {TARGET:.0f} s): {'OK' if worst <= TARGET else 'TOO SLOW'}"
        )
        db.close()


if __name__ == "__main__":
    main()
