"""Sample databases of the two-tier shapes (since 1/7/2025): a commune and a province.

``demo --preset xa-tap-son`` builds Xã Tập Sơn with its three former communes (ended
30/06/2025, successor the new commune); ``demo --preset vinh-long`` builds the Vĩnh Long
province office with sample departments, its 124 communes and their former units. The
organisations and units come from ``resources/admin`` (:mod:`tracu_desktop.core.admin_units`),
the figures are invented (:mod:`tracu_desktop.core.sample_figures`) and every period is
named "… (số liệu mẫu)", so nothing printed from these databases passes for real figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tracu_desktop.core import admin_units
from tracu_desktop.core.models import Field, Level, Organisation, Unit, UnitKind, ValueKey
from tracu_desktop.core.periods import default_period
from tracu_desktop.core.sample_figures import (
    COMMUNE_FIELDS,
    DEPARTMENTS,
    PROVINCE_FIELDS,
    SAMPLE_MARK,
    SAMPLE_NOTE,
    cell_figures,
    digitized,
)
from tracu_desktop.core.textnorm import strip_accents
from tracu_desktop.db.catalog import save_field, save_organisation, save_unit, set_setting
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import add_period
from tracu_desktop.db.values import Change, apply_changes

CHANGE_DAY = date(2025, 7, 1)  # the two-tier model's first day
FORMER_END = CHANGE_DAY - timedelta(days=1)
# Quarters before (Q1, Q2 2025) and after (Q4 2025, Q1 2026) the change; Q3 2025
# (15/06–14/09/2025) straddles it and is left to the clerk.
PERIODS = ("2025-Q1", "2025-Q2", "2025-Q4", "2026-Q1")
SAMPLE_SOURCE = "demo"
FORMER_PREFIX = "cu-"  # former units keep their official code behind a prefix


@dataclass(frozen=True)
class SamplePreset:
    """One row of the preset table: which organisation of ``resources/admin`` to build."""

    level: Level
    province: str  # official province code
    commune: str = ""  # official commune code, for a commune


# The preset names the command line accepts; the data itself is in resources/admin.
SAMPLE_PRESETS: dict[str, SamplePreset] = {
    "xa-tap-son": SamplePreset(Level.COMMUNE, "86", "29467"),
    "vinh-long": SamplePreset(Level.PROVINCE, "86"),
}


def field_code(level: Level, name: str) -> str:
    """ "Hộ tịch" at commune level → "X_HO_TICH" (stable, readable codes)."""
    prefix = {Level.PROVINCE: "T", Level.DISTRICT: "H", Level.COMMUNE: "X"}[level]
    words = re.findall(r"[A-Za-z0-9]+", strip_accents(name))
    return prefix + "_" + "_".join(w.upper() for w in words)


def sample_label(code: str) -> str:
    """ "Quý IV năm 2025 (số liệu mẫu)": the period's name, printed on every page."""
    return f"{default_period(code).base_label()} ({SAMPLE_MARK})"


def former_unit(unit: admin_units.FormerUnit, successor: str, sort: int) -> Unit:
    """A former commune as a unit of this database, ended the day before 1/7/2025."""
    return Unit(
        FORMER_PREFIX + unit.code,
        f"{unit.name} ({unit.district}, cũ)",
        Level.COMMUNE,
        UnitKind.COMMUNE,
        sort=sort,
        valid_to=FORMER_END,
        successors=(successor,),
    )


def create_sample(db: Database, name: str) -> int:
    """Build (or refresh) the sample database ``name``; returns how many values changed."""
    preset = SAMPLE_PRESETS[name]
    with db.atomic():
        if preset.level is Level.COMMUNE:
            reporting, weights = _commune_catalog(db, preset)
        else:
            reporting, weights = _province_catalog(db, preset)
        set_setting(db, "preset", name)
        set_setting(db, "sample_data", SAMPLE_NOTE)
        set_setting(db, "targets", {"online": 80, "on_time": 95, "digitized": 80})
        changed = 0
        pending: dict[tuple[str, str], int] = {}  # carried into the next, contiguous quarter
        for code in PERIODS:
            period = add_period(db, code, name=sample_label(code), exist_ok=True)
            units = [u for u in reporting if u.in_force(period.start, period.end)]
            figures = _figures(code, units, weights, pending)
            changed += len(apply_changes(db, figures, SAMPLE_SOURCE))
            _arrivals(db, code, period.end, units)
    return changed


def _organisation(
    name: str, short: str, superior: str, level: Level, place: str, upper_lower: str
) -> Organisation:
    return Organisation(
        name=name,
        short_name=short,
        superior=superior,
        recipient=superior if level is Level.COMMUNE else "Văn phòng Chính phủ",
        place=place,
        level=level,
        signer_name="",
        preparer_name="",
        header_lower=upper_lower,
        recipients=(superior,) if level is Level.COMMUNE else ("Văn phòng Chính phủ",),
    )


def _commune_catalog(db: Database, preset: SamplePreset) -> tuple[list[Unit], dict]:
    commune = admin_units.commune(preset.commune, preset.province)
    province = admin_units.province(preset.province)
    save_organisation(
        db,
        _organisation(
            commune.authority,
            commune.short_name,
            province.authority,
            Level.COMMUNE,
            commune.short_name,
            commune.name.upper(),
        ),
    )
    own = Unit(commune.code, commune.name, Level.COMMUNE, UnitKind.BODY, sort=10,
               valid_from=CHANGE_DAY)  # fmt: skip
    save_unit(db, own)
    units = [own]
    for i, p in enumerate(admin_units.predecessors(commune, default_only=True), start=1):
        unit = former_unit(p.unit, commune.code, 100 + i)
        save_unit(db, unit)
        units.append(unit)
    weights = _save_fields(db, Level.COMMUNE, COMMUNE_FIELDS)
    return units, {Level.COMMUNE: weights}


def _province_catalog(db: Database, preset: SamplePreset) -> tuple[list[Unit], dict]:
    province = admin_units.province(preset.province)
    save_organisation(
        db,
        _organisation(
            province.authority,
            province.short_name,
            "Thủ tướng Chính phủ",
            Level.PROVINCE,
            province.short_name,
            province.name.upper(),
        ),
    )
    save_unit(db, Unit("T" + province.code, province.authority, Level.PROVINCE, UnitKind.BODY))
    units: list[Unit] = []
    for i, (code, name) in enumerate(DEPARTMENTS, start=1):
        unit = Unit(code, name, Level.PROVINCE, UnitKind.OFFICE, sort=10 + i)
        save_unit(db, unit)
        units.append(unit)
    for i, c in enumerate(admin_units.communes(province), start=1):
        unit = Unit(c.code, c.name, Level.COMMUNE, UnitKind.COMMUNE, sort=1000 + i,
                    valid_from=CHANGE_DAY)  # fmt: skip
        save_unit(db, unit)
        units.append(unit)
        for j, p in enumerate(admin_units.predecessors(c, default_only=True), start=1):
            former = former_unit(p.unit, c.code, 5000 + i * 10 + j)
            save_unit(db, former)
            units.append(former)
    by_office: dict[str, list[tuple[str, int]]] = {}
    for name, office, weight in PROVINCE_FIELDS:
        by_office.setdefault(office, []).append((name, weight))
    _save_fields(db, Level.PROVINCE, [(n, w) for n, _, w in PROVINCE_FIELDS])
    weights = {
        Level.PROVINCE: {
            office: {field_code(Level.PROVINCE, n): w for n, w in items}
            for office, items in by_office.items()
        },
        Level.COMMUNE: _save_fields(db, Level.COMMUNE, COMMUNE_FIELDS),
    }
    return units, weights


def _save_fields(db: Database, level: Level, items) -> dict[str, int]:  # noqa: ANN001
    weights: dict[str, int] = {}
    for i, (name, weight) in enumerate(items, start=1):
        code = field_code(level, name)
        save_field(db, Field(code, name, level, sort=i * 10))
        weights[code] = weight
    return weights


def _figures(
    period: str, units: list[Unit], weights: dict, pending: dict[tuple[str, str], int]
) -> list[Change]:
    """The quarter's figures; ``pending`` holds the previous quarter's pending dossiers
    (replaced by this quarter's), so carried-over figures agree across quarters."""
    contiguous = _follows(period)
    previous = dict(pending) if contiguous else {}
    pending.clear()
    changes: list[Change] = []
    for unit in units:
        if unit.level is Level.PROVINCE:
            fields = weights[Level.PROVINCE].get(unit.code, {})
        else:
            fields = weights[Level.COMMUNE]
        new_total = 0
        for field, weight in fields.items():
            carried = previous.get((unit.code, field), 0)
            cell = cell_figures(unit.code, field, period, weight, carried)
            pending[(unit.code, field)] = cell["pending_on_time"] + cell["pending_overdue"]
            new_total += cell["received_online"] + cell["received_direct"]
            changes += [Change(ValueKey(period, unit.code, field, k), v) for k, v in cell.items()]
        if fields:
            value = digitized(unit.code, period, new_total)
            changes.append(Change(ValueKey(period, unit.code, "", "digitized_dossiers"), value))
    return changes


def _follows(period: str) -> bool:
    """The quarter starts the day after the previous sample quarter ends."""
    i = PERIODS.index(period)
    if i == 0:
        return False
    before, this = default_period(PERIODS[i - 1]), default_period(period)
    return before.end + timedelta(days=1) == this.start


def _arrivals(db: Database, period: str, end: date, units: list[Unit]) -> None:
    """Sample arrival dates: most within two days of the period's end, one in nine late."""
    db.execute("DELETE FROM submissions WHERE period = ? AND method = 'demo'", [period])
    rows = []
    for i, unit in enumerate(u for u in units if u.kind is not UnitKind.BODY):
        late = i % 9 == 4
        day = end + timedelta(days=(4 + i % 3) if late else i % 2)
        at = datetime(day.year, day.month, day.day, 8 + i % 9, (i * 17) % 60)
        rows.append((period, unit.code, at.isoformat(), "demo", None, None, SAMPLE_NOTE))
    db.conn.executemany(
        "INSERT INTO submissions (period, unit, received_at, method, file_name, checksum, note) "
        "VALUES (?,?,?,?,?,?,?)",
        rows,
    )
