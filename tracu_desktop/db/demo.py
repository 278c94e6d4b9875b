"""Create or refresh the built-in Trà Cú demo database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from tracu_desktop.core.demo_data import (
    DEMO_END,
    DEMO_NUMBER,
    DEMO_PERIOD,
    DEMO_PREPARER,
    DEMO_START,
    HISTORY,
    build_demo_values,
)
from tracu_desktop.core.models import UnitKind, ValueKey
from tracu_desktop.core.periods import default_period
from tracu_desktop.db.catalog import apply_preset, load_units, save_organisation
from tracu_desktop.db.completeness import set_period_deadline
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import add_period
from tracu_desktop.db.values import Change, apply_changes, get_values

DEMO_SOURCE = "demo"


def create_demo(db: Database) -> int:
    """Load the preset and the demo periods; idempotent. Returns how many values changed."""
    with db.atomic():
        preset = apply_preset(db, "tra-cu")
        save_organisation(db, replace(preset.organisation, preparer_name=DEMO_PREPARER))
        communes = [u.code for u in load_units(db) if u.kind is UnitKind.COMMUNE]
        changed = 0
        years = [*sorted(HISTORY), int(DEMO_PERIOD)]
        for year in years:
            code = str(year)
            if year == int(DEMO_PERIOD):
                add_period(db, code, DEMO_START, DEMO_END, exist_ok=True)
            else:
                p = default_period(code)
                add_period(db, code, p.start, p.end, exist_ok=True)
            wanted = build_demo_values(communes, year)
            current = get_values(db, code)
            changes = [Change(ValueKey(code, u, f, i), v) for (u, f, i), v in wanted.items()]
            changes += [Change(ValueKey(code, *k), None) for k in current if k not in wanted]
            changed += len(apply_changes(db, changes, DEMO_SOURCE))
        _demo_submissions(db)
        # The province asked for figures up to 20/11/2023; units were due on 16/11/2023.
        set_period_deadline(db, DEMO_PERIOD, date(2023, 11, 16))
        _demo_report_number(db)
    return changed


def _demo_report_number(db: Database) -> None:
    """The 2023 report is Số 533/BC-UBND: a known fact of the demo (a number the clerk
    already changed stays)."""
    from tracu_desktop.db.report_texts import load_report_texts, save_meta

    if not load_report_texts(db, DEMO_PERIOD).meta.number.strip():
        save_meta(db, DEMO_PERIOD, number=DEMO_NUMBER)


# Units that sent their 2023 figures after the deadline (16/11/2023), for the completeness view.
LATE_UNITS = ("XA_TAN_SON", "P_LDTBXH")


def _demo_submissions(db: Database) -> None:
    """Plausible arrivals of the 2023 figures (10/11–20/11/2023); replaced on each run."""
    db.execute("DELETE FROM submissions WHERE period = ? AND method = 'demo'", [DEMO_PERIOD])
    with_data = {
        r[0]
        for r in db.execute(
            "SELECT DISTINCT unit FROM data_values WHERE period = ?", [DEMO_PERIOD]
        ).fetchall()
    }
    reporting = [
        u
        for u in load_units(db)
        if u.kind in (UnitKind.OFFICE, UnitKind.COMMUNE) and u.code in with_data
    ]
    rows = []
    for i, unit in enumerate(reporting):
        if unit.code in LATE_UNITS:
            day, hour = 18 + (i % 3), 9
        else:
            day, hour = 10 + (i * 5) % 7, 8 + (i * 3) % 9
        at = datetime(2023, 11, day, hour, (i * 17) % 60)
        name = f"{unit.code}_2023.xlsx" if unit.kind is UnitKind.COMMUNE else None
        rows.append((DEMO_PERIOD, unit.code, at.isoformat(), "demo", name, None, "Dữ liệu mẫu"))
    db.conn.executemany(
        "INSERT INTO submissions (period, unit, received_at, method, file_name, checksum, note) "
        "VALUES (?,?,?,?,?,?,?)",
        rows,
    )
