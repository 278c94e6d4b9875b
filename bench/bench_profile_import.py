"""Time to map and import 124 commune exports of a one-stop layout that form 06 does not
know (receipts split into toàn trình / một phần / khác / bưu chính / phi địa giới, one
“Đúng và trước hạn” column, late split by apology letter), through an import profile.

The first export is mapped with ``--map`` items and saved as a profile; the 124 exports
are then read through the profile recognised by their header's shape, checked and
written in one transaction. Target: ≤ 15 s on the 2-core build machine.
Run: python bench/bench_profile_import.py
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.interchange.onestop_detail import build_detail_export  # noqa: E402
from tests.interchange.test_import_profiles import MAPS  # noqa: E402
from tracu_desktop.core.models import Level, Unit, UnitKind  # noqa: E402
from tracu_desktop.db.catalog import apply_preset, load_fields, save_unit  # noqa: E402
from tracu_desktop.db.connection import open_database  # noqa: E402
from tracu_desktop.db.periods import add_period  # noqa: E402
from tracu_desktop.interchange.header_grid import scan_workbook  # noqa: E402
from tracu_desktop.interchange.import_profile import (  # noqa: E402
    ImportProfile,
    apply_maps,
    save_profile,
)
from tracu_desktop.interchange.sheet_reader import read_workbook  # noqa: E402
from tracu_desktop.interchange.workbook_import import commit_import, plan_import  # noqa: E402

N = 124


def main() -> None:
    rng = random.Random(14)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = open_database(folder / "bench.sqlite3")
        apply_preset(db, "tra-cu")
        add_period(db, "2023", date(2023, 1, 1), date(2023, 11, 20))
        with db.atomic():
            for i in range(1, N + 1):
                save_unit(db, Unit(f"XA_B{i:03d}", f"Xã Thử {i:03d}", Level.COMMUNE,
                                   UnitKind.COMMUNE, sort=1000 + i))  # fmt: skip
        fields = [f.name for f in load_fields(db, Level.COMMUNE)][:12]
        files = []
        for i in range(1, N + 1):
            rows = []
            for name in fields:
                n = [rng.randint(0, 1500) for _ in range(12)]
                rows.append((name, *n))
            path = folder / f"xa_{i:03d}.xlsx"
            build_detail_export(path, rows, unit_line=f"Xã Thử {i:03d}", as_text=i % 2 == 0)
            files.append(path)
        start = time.perf_counter()
        grid = scan_workbook(read_workbook(files[0]))
        profile = apply_maps(ImportProfile("Một cửa tỉnh"), grid, MAPS)
        profile.columns.update({k: ("ignore",) for k in grid.shape() if k not in profile.columns})
        save_profile(db, profile)
        mapped = time.perf_counter() - start
        plan = plan_import(db, files)
        assert plan.ok, [str(p) for p in plan.problems[:5]]
        assert all(p.profile is not None for p in plan.files)
        done = commit_import(db, plan)
        elapsed = time.perf_counter() - start
        db.close()
    print(
        f"Mapped 1 layout ({mapped:.2f} s) and imported {N} commune exports through the "
        f"profile ({plan.figures:,} figures, {len(done):,} changes) in {elapsed:.2f} s "
        "(target ≤ 15 s)."
    )


if __name__ == "__main__":
    main()
