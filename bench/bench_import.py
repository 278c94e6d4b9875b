"""Time to import 100 filled commune workbooks (entry templates) into a district database.

Target: ≤ 10 s on the 2-core build machine. Prints the figure.
Run: python bench/bench_import.py
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tracu_desktop.core.models import UnitKind  # noqa: E402
from tracu_desktop.db.catalog import apply_preset, load_units  # noqa: E402
from tracu_desktop.db.connection import open_database  # noqa: E402
from tracu_desktop.db.periods import add_period  # noqa: E402
from tracu_desktop.interchange.template_xlsx import write_template  # noqa: E402
from tracu_desktop.interchange.workbook_import import commit_import, plan_import  # noqa: E402

N = 100


def main() -> None:
    import openpyxl

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = open_database(folder / "bench.sqlite3")
        apply_preset(db, "tra-cu")
        periods = [f"2024-M{m:02d}" for m in range(1, 7)]
        for code in periods:
            add_period(db, code)
        add_period(db, "2023", date(2023, 1, 1), date(2023, 11, 20))
        communes = [u.code for u in load_units(db) if u.kind is UnitKind.COMMUNE]
        # 100 distinct (unit, period) workbooks, filled like a clerk would.
        jobs = [(communes[i % len(communes)], periods[i // len(communes)]) for i in range(N)]
        files: list[Path] = []
        for unit, period in jobs:
            tpl = write_template(db, period, unit, folder / f"tpl_{unit}_{period}.xlsx")
            wb = openpyxl.load_workbook(tpl)
            for sheet, cols in (("Bieu06", "DEFHIJLM"), ("Bieu05a", "DEGHJKL")):
                ws = wb[sheet]
                row = 9
                while ws[f"B{row}"].value and ws[f"B{row}"].value != "Tổng cộng":
                    for col in cols:
                        v = rng.randint(0, 2500)
                        ws[f"{col}{row}"] = f"{v:,}".replace(",", ".") if v > 999 else v
                    row += 1
            target = folder / f"filled_{unit}_{period}.xlsx"
            wb.save(target)
            files.append(target)
        start = time.perf_counter()
        plan = plan_import(db, files)
        assert plan.ok, [str(p) for p in plan.problems[:5]]
        done = commit_import(db, plan)
        elapsed = time.perf_counter() - start
        db.close()
    print(
        f"Imported {N} filled commune workbooks ({plan.figures} figures, {len(done)} changes) "
        f"in {elapsed:.2f} s (target ≤ 10 s)."
    )


if __name__ == "__main__":
    main()
