"""Time to export every appendix form as Excel and PDF.

Two cases: the demo period (Trà Cú 2023) and a province-sized period built in a
temporary database through ``apply_changes`` (120 units × 40 fields). Prints one line
per form and format, then the total of three runs each and their median. Targets: demo ≤ 1 s, province-sized ≤ 5 s.

    python bench/bench_forms.py
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

from tracu_desktop.core.models import Field, Level, Unit, UnitKind, ValueKey  # noqa: E402
from tracu_desktop.db.catalog import apply_preset, save_field, save_unit  # noqa: E402
from tracu_desktop.db.connection import open_database  # noqa: E402
from tracu_desktop.db.demo import create_demo  # noqa: E402
from tracu_desktop.db.periods import add_period  # noqa: E402
from tracu_desktop.db.values import Change, apply_changes  # noqa: E402
from tracu_desktop.export.api import FORM_CODES  # noqa: E402
from tracu_desktop.export.forms_export import export_form, form_table  # noqa: E402

UNITS, FIELDS = 120, 40
REPEAT = 3


def build_province(db, period: str = "2024", units: int = UNITS, fields: int = FIELDS) -> None:
    """120 units (20 offices, 100 communes), each with 40 fields of form-06 figures; the
    page-image tests build a smaller one (one office in six)."""
    apply_preset(db, "tra-cu")
    add_period(db, period, date(2023, 12, 15), date(2024, 12, 14), exist_ok=True)
    rng = random.Random(7)
    for i in range(fields):
        save_field(
            db, Field(f"BH_{i:02d}", f"Lĩnh vực cấp huyện số {i + 1}", Level.DISTRICT, 100 + i)
        )
        save_field(db, Field(f"BX_{i:02d}", f"Lĩnh vực cấp xã số {i + 1}", Level.COMMUNE, 100 + i))
    changes: list[Change] = []
    for u in range(units):
        office = u < units // 6
        code = f"B_{u:03d}"
        save_unit(
            db,
            Unit(
                code,
                f"{'Phòng chuyên môn' if office else 'Xã'} thử nghiệm số {u + 1}",
                Level.DISTRICT if office else Level.COMMUNE,
                UnitKind.OFFICE if office else UnitKind.COMMUNE,
                sort=100 + u,
            ),
        )
        prefix = "BH" if office else "BX"
        for f in range(fields):
            new = rng.randint(0, 400)
            online = rng.randint(0, new)
            late = rng.randint(0, new // 20)
            pending = rng.randint(0, new // 10)
            early = rng.randint(0, new - late - pending)
            cell = {
                "received_online": online,
                "received_direct": new - online,
                "carried_over": 0,
                "resolved_early": early,
                "resolved_on_time": new - late - pending - early,
                "resolved_late": late,
                "pending_on_time": pending,
                "pending_overdue": 0,
                "tthc_authority": rng.randint(0, 5),
                "pakn_received_regulation": 1 if rng.random() < 0.05 else 0,
                "pakn_done_regulation": 0,
                "pakn_pending_regulation": 0,
            }
            cell["pakn_done_regulation"] = cell["pakn_received_regulation"]
            changes += [
                Change(ValueKey(period, code, f"{prefix}_{f:02d}", k), v) for k, v in cell.items()
            ]
        changes.append(Change(ValueKey(period, code, "", "digitized_dossiers"), 0))
    apply_changes(db, changes, "bench")


def run(db, period: str, out: Path, label: str, verbose: bool = True) -> float:
    start = time.perf_counter()
    for code in FORM_CODES:
        t = time.perf_counter()
        table = form_table(db, period, code)  # built once, rendered twice (as the CLI does)
        print(
            f"  {label:9} {code:13} table {time.perf_counter() - t:6.3f} s  {len(table.rows):5d} rows"
        )
        for fmt in ("xlsx", "pdf"):
            t = time.perf_counter()
            path = export_form(db, period, code, fmt, out / f"{label}_{code}.{fmt}", table=table)
            print(
                f"  {label:9} {code:13} {fmt:5} {time.perf_counter() - t:6.3f} s  {path.stat().st_size:8d} B"
            )
    return time.perf_counter() - start


def timed(db, period: str, out: Path, label: str, repeat: int) -> float:
    """First run in detail, then ``repeat`` - 1 more; the median resists a busy machine."""
    runs = [run(db, period, out, label)]
    runs += [run(db, period, out, label, verbose=False) for _ in range(repeat - 1)]
    med = statistics.median(runs)
    print(
        f"{label}: {len(FORM_CODES) * 2} files; runs {', '.join(f'{r:.2f}' for r in runs)} s; median {med:.2f} s"
    )
    return med


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        demo = open_database(out / "demo.sqlite3")
        create_demo(demo)
        t = time.perf_counter()
        import openpyxl  # noqa: F401
        import reportlab.platypus  # noqa: F401

        from tracu_desktop.export.fonts import register_pdf_fonts

        register_pdf_fonts()
        print(
            f"library imports and font registration (once per process): {time.perf_counter() - t:.2f} s"
        )
        demo_total = timed(demo, "2023", out, "demo", REPEAT)
        prov = open_database(out / "province.sqlite3")
        t = time.perf_counter()
        build_province(prov)
        print(f"province-sized database built in {time.perf_counter() - t:.1f} s")
        prov_total = timed(prov, "2024", out, "province", REPEAT)
        print(
            f"TOTAL demo {demo_total:.2f} s (target ≤ 1 s); province {prov_total:.2f} s (target ≤ 5 s)"
        )


if __name__ == "__main__":
    main()
