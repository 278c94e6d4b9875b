"""Time to map and import 124 commune exports shaped like real one-stop exports.

Each file is one commune's quarter as a provincial one-stop system exports it: title
lines, the reporting unit above the table, an empty first column, a three-row merged
header (two wordings), a “(1) (2) (3) …” row, numbers stored as text with “.” thousands
separators, a total row and footer signature lines. The 124 communes are the new Vĩnh
Long province's (resources/admin/units-2025.json).

Measured: reading, recognising the columns by the captions the form spec lists, finding
each commune and field, checking and writing (plan + commit), in one call as the import
dialog makes it. Target: ≤ 15 s on the 2-core build machine. Prints the figure.

Import profiles (a saved column mapping) are a second path through the same call: pass
``--profile NAME`` and the bench hands it to ``plan_import(..., profile=NAME)`` — see
:func:`plan_with_profile`, the hook to switch to once profiles are part of the importer.

Run: python bench/bench_import_exports.py [--files 124] [--profile NAME]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.interchange.onestop_exports import build_onestop_file  # noqa: E402
from tracu_desktop.core.models import Level, Unit, UnitKind  # noqa: E402
from tracu_desktop.core.resources import resource_path  # noqa: E402
from tracu_desktop.db.catalog import apply_preset, load_fields, load_units, save_unit  # noqa: E402
from tracu_desktop.db.connection import open_database  # noqa: E402
from tracu_desktop.db.handle import Database  # noqa: E402
from tracu_desktop.db.periods import add_period  # noqa: E402
from tracu_desktop.interchange.workbook_import import (  # noqa: E402
    ImportPlan,
    commit_import,
    plan_import,
)

PERIOD = "2026-Q1"
TARGET_S = 15.0


def vinh_long_communes() -> list[str]:
    data = json.loads(resource_path("admin", "units-2025.json").read_text(encoding="utf-8"))
    province = next(c for c, name in data["provinces"].items() if name == "Tỉnh Vĩnh Long")
    return [name for prov, name, _kind in data["communes"].values() if prov == province]


def add_communes(db: Database, names: list[str]) -> None:
    known = {u.name for u in load_units(db)}
    with db.atomic():
        for i, name in enumerate(names):
            if name not in known:
                save_unit(
                    db,
                    Unit(f"VL_{i:03d}", name, Level.COMMUNE, UnitKind.COMMUNE, "HUYEN", 1000 + i),
                )


def write_exports(folder: Path, communes: list[str], fields: list[str]) -> list[Path]:
    rng = random.Random(124)
    files = []
    for i, name in enumerate(communes):
        rows = []
        for label in fields:
            online, direct = rng.randint(0, 2600), rng.randint(0, 900)
            carried = rng.randint(0, 40)
            total = online + direct + carried
            late = rng.randint(0, total // 50)
            pending_in = rng.randint(0, (total - late) // 10)
            early = rng.randint(0, total - late - pending_in)
            on_time = total - late - pending_in - early
            rows.append((label, online, direct, carried, early, on_time, late, pending_in, 0))
        path = folder / f"xa_{i:03d}.xlsx"
        files.append(
            build_onestop_file(
                path, rows, unit_name=name, period_text="Quý I năm 2026", wording=i % 2
            )
        )
    return files


def plan_with_profile(db: Database, files: list[Path], profile: str | None) -> ImportPlan:
    """The import as the dialog makes it; with a profile once the importer accepts one."""
    if profile is None:
        return plan_import(db, files, period=PERIOD)
    return plan_import(db, files, period=PERIOD, profile=profile)  # type: ignore[call-arg]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=124)
    parser.add_argument("--profile", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = open_database(folder / "bench.sqlite3")
        apply_preset(db, "tra-cu")
        add_period(db, PERIOD)
        communes = vinh_long_communes()[: args.files]
        add_communes(db, communes)
        fields = [f.name for f in load_fields(db, Level.COMMUNE)][:8]
        files = write_exports(folder, communes, fields)
        start = time.perf_counter()
        plan = plan_with_profile(db, files, args.profile)
        planned = time.perf_counter() - start
        assert plan.ok, [str(p) for p in plan.problems[:5]]
        done = commit_import(db, plan)
        elapsed = time.perf_counter() - start
        units = {c.key.unit for c in done}
        db.close()
    verdict = "OK" if elapsed <= TARGET_S else "TOO SLOW"
    print(
        f"Mapped and imported {len(files)} commune exports ({len(units)} communes, "
        f"{plan.figures} figures, {len(done)} changes) in {elapsed:.2f} s "
        f"(plan {planned:.2f} s; target ≤ {TARGET_S:.0f} s): {verdict}."
    )


if __name__ == "__main__":
    main()
