"""Consolidating a province: importing its communes' packages, then printing every form.

A province database (Vĩnh Long: 20 departments with their own figures, its 124 communes)
receives 124 commune packages of one quarter, each commune with 40 fields of form-06
figures, in one ``import`` run (checked, then written all or nothing). Then every form is
exported as Excel and PDF. Prints the figures; targets: import ≤ 15 s, each form (both
formats) ≤ 3 s.

    python bench/bench_province.py
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracu_desktop.core import admin_units  # noqa: E402
from tracu_desktop.core.models import Field, Level, Organisation, Unit, UnitKind, ValueKey  # noqa: E402
from tracu_desktop.db.catalog import save_field, save_organisation, save_unit  # noqa: E402
from tracu_desktop.db.connection import open_database  # noqa: E402
from tracu_desktop.db.periods import add_period  # noqa: E402
from tracu_desktop.db.values import Change, apply_changes  # noqa: E402
from tracu_desktop.export.api import FORM_CODES  # noqa: E402
from tracu_desktop.export.forms_export import export_form, form_table  # noqa: E402
from tracu_desktop.interchange.package import write_package  # noqa: E402
from tracu_desktop.interchange.workbook_import import import_files  # noqa: E402

PERIOD = "2025-Q4"
DEPARTMENTS, FIELDS = 20, 40
IMPORT_TARGET, FORM_TARGET = 15.0, 3.0


def _cell(rng: random.Random) -> dict[str, int]:
    new = rng.randint(0, 400)
    online = rng.randint(0, new)
    late = rng.randint(0, new // 20)
    pending = rng.randint(0, new // 10)
    early = rng.randint(0, new - late - pending)
    return {
        "received_online": online,
        "received_direct": new - online,
        "carried_over": 0,
        "resolved_early": early,
        "resolved_on_time": new - late - pending - early,
        "resolved_late": late,
        "pending_on_time": pending,
        "pending_overdue": 0,
    }


def _figures(unit: str, fields: list[str], rng: random.Random) -> list[Change]:
    changes = [
        Change(ValueKey(PERIOD, unit, f, k), v) for f in fields for k, v in _cell(rng).items()
    ]
    new = sum(
        c.new or 0 for c in changes if c.key.indicator in ("received_online", "received_direct")
    )
    changes.append(Change(ValueKey(PERIOD, unit, "", "digitized_dossiers"), new * 9 // 10))
    return changes


def _organisation(name: str, short: str, level: Level) -> Organisation:
    return Organisation(name, short, "Ủy ban nhân dân tỉnh Vĩnh Long", "Văn phòng UBND tỉnh",
                        short, level)  # fmt: skip


def build_packages(folder: Path, communes: list[admin_units.Commune]) -> list[Path]:
    """One commune database per commune, built from a template copy, and its package."""
    template = folder / "template.sqlite3"
    db = open_database(template)
    for i in range(FIELDS):
        save_field(db, Field(f"X{i:02d}", f"Lĩnh vực cấp xã số {i + 1}", Level.COMMUNE, i))
    add_period(db, PERIOD)
    db.close()
    paths = []
    for n, c in enumerate(communes):
        path = folder / f"{c.code}.sqlite3"
        shutil.copy(template, path)
        db = open_database(path)
        save_organisation(db, _organisation(c.authority, c.short_name, Level.COMMUNE))
        save_unit(db, Unit(c.code, c.name, Level.COMMUNE, UnitKind.BODY))
        fields = [f"X{i:02d}" for i in range(FIELDS)]
        apply_changes(db, _figures(c.code, fields, random.Random(n)), "bench")
        pkg = write_package(db, PERIOD, folder / f"{c.code}.tracu.zip")
        db.close()
        paths.append(pkg.path)
    return paths


def build_province(path: Path, communes: list[admin_units.Commune]):
    db = open_database(path)
    save_organisation(db, _organisation("Ủy ban nhân dân tỉnh Vĩnh Long", "Vĩnh Long",
                                        Level.PROVINCE))  # fmt: skip
    save_unit(db, Unit("T86", "Ủy ban nhân dân tỉnh Vĩnh Long", Level.PROVINCE, UnitKind.BODY))
    for i in range(FIELDS):
        save_field(db, Field(f"T{i:02d}", f"Lĩnh vực cấp tỉnh số {i + 1}", Level.PROVINCE, i))
        save_field(db, Field(f"PX{i:02d}", f"Lĩnh vực cấp xã số {i + 1}", Level.COMMUNE, i))
    rng = random.Random(99)
    changes: list[Change] = []
    for d in range(DEPARTMENTS):
        code = f"S{d:02d}"
        save_unit(db, Unit(code, f"Sở thử nghiệm số {d + 1}", Level.PROVINCE, UnitKind.OFFICE,
                           sort=10 + d))  # fmt: skip
        changes += _figures(code, [f"T{i:02d}" for i in range(FIELDS)], rng)
    for n, c in enumerate(communes):
        save_unit(db, Unit(c.code, c.name, Level.COMMUNE, UnitKind.COMMUNE, sort=100 + n))
    add_period(db, PERIOD)
    apply_changes(db, changes, "bench")
    return db


def main() -> None:
    communes = admin_units.communes("86")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        packages = build_packages(folder, communes)
        print(f"{len(packages)} commune packages built in {time.perf_counter() - t:.1f} s")
        db = build_province(folder / "province.sqlite3", communes)

        t = time.perf_counter()
        plan, done = import_files(db, packages)
        took = time.perf_counter() - t
        assert plan.ok, [str(p) for p in plan.problems[:5]]
        print(
            f"import of {len(packages)} packages ({len(done):,} values): {took:.2f} s "
            f"(target ≤ {IMPORT_TARGET:.0f} s)"
        )

        t = time.perf_counter()
        import openpyxl  # noqa: F401
        import reportlab.platypus  # noqa: F401

        from tracu_desktop.export.fonts import register_pdf_fonts

        register_pdf_fonts()
        print(f"library imports and fonts (once per process): {time.perf_counter() - t:.2f} s")
        worst = 0.0
        for code in FORM_CODES:
            t = time.perf_counter()
            table = form_table(db, PERIOD, code)
            times = []
            for fmt in ("xlsx", "pdf"):
                f = time.perf_counter()
                export_form(db, PERIOD, code, fmt, folder / f"{code}.{fmt}", table=table)
                times.append(time.perf_counter() - f)
            took_form = time.perf_counter() - t
            worst = max(worst, took_form)
            print(
                f"  form {code:13} xlsx {times[0]:5.2f} s, pdf {times[1]:5.2f} s, "
                f"with table {took_form:5.2f} s  {len(table.rows):4d} rows"
            )
        print(f"slowest form: {worst:.2f} s (target ≤ {FORM_TARGET:.0f} s)")
        db.close()


if __name__ == "__main__":
    main()
