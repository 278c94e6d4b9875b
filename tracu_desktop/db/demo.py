"""Create or refresh the built-in Trà Cú demo database."""

from __future__ import annotations

from sqlite_utils import Database

from tracu_desktop.db.catalog import apply_preset, load_units
from tracu_desktop.db.periods import add_period
from tracu_desktop.db.values import Change, apply_changes, get_values
from tracu_desktop.demo_data import DEMO_END, DEMO_PERIOD, DEMO_START, HISTORY, build_demo_values
from tracu_desktop.models import UnitKind, ValueKey
from tracu_desktop.periods import default_period

DEMO_SOURCE = "demo"


def create_demo(db: Database) -> int:
    """Load the preset and the demo periods; idempotent. Returns how many values changed."""
    with db.atomic():
        apply_preset(db, "tra-cu")
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
    return changed
