"""Settings, organisation, units and fields as stored in the database.

Units and fields are never deleted once they hold figures: they are deactivated, so
history keeps its names.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from tracu_desktop.core.models import Field, Level, Organisation, Unit, UnitKind
from tracu_desktop.core.preset import DEFAULT_PRESET, Preset, load_preset
from tracu_desktop.core.textnorm import match_key, nfc
from tracu_desktop.db.handle import Database


class CatalogError(ValueError):
    """Invalid catalog change; the message is Vietnamese."""


# --- settings --------------------------------------------------------------------


def get_setting(db: Database, key: str, default: Any = None) -> Any:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return json.loads(row[0]) if row else default


def set_setting(db: Database, key: str, value: Any) -> None:
    with db.atomic():
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, json.dumps(value, ensure_ascii=False)],
        )


def get_organisation(db: Database) -> Organisation | None:
    data = get_setting(db, "organisation")
    return Organisation.from_dict(data) if data else None


def require_organisation(db: Database) -> Organisation:
    org = get_organisation(db)
    if org is None:
        raise CatalogError(
            "Cơ sở dữ liệu chưa có thông tin cơ quan. Hãy chạy “tracu-desktop init” hoặc “tracu-desktop demo”."
        )
    return org


def save_organisation(db: Database, org: Organisation) -> None:
    set_setting(db, "organisation", org.to_dict())


def get_deadlines(db: Database) -> dict[str, Any]:
    """Day-of-month rules (ints) and ``periods``: per-period ISO dates set by the clerk."""
    return dict(get_setting(db, "deadlines", {}) or {})


# --- units -------------------------------------------------------------------------


_UNIT_COLUMNS = "code, name, level, kind, parent, sort, active, valid_from, valid_to"


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _unit(row: tuple, successors: dict[str, tuple[str, ...]]) -> Unit:
    code, name, level, kind, parent, sort, active, valid_from, valid_to = row
    return Unit(
        code,
        name,
        Level(level),
        UnitKind(kind),
        parent,
        sort,
        bool(active),
        _day(valid_from),
        _day(valid_to),
        successors.get(code, ()),
    )


def _successor_map(db: Database) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for unit, successor in db.execute(
        "SELECT unit, successor FROM unit_successors ORDER BY unit, successor"
    ).fetchall():
        found.setdefault(unit, []).append(successor)
    return {k: tuple(v) for k, v in found.items()}


def load_units(db: Database, include_inactive: bool = True) -> list[Unit]:
    sql = f"SELECT {_UNIT_COLUMNS} FROM units"
    if not include_inactive:
        sql += " WHERE active = 1"
    successors = _successor_map(db)
    return [_unit(r, successors) for r in db.execute(sql + " ORDER BY sort, code").fetchall()]


def unit_map(db: Database) -> dict[str, Unit]:
    return {u.code: u for u in load_units(db)}


def save_unit(db: Database, unit: Unit) -> None:
    """Insert or update a unit (rename, move, (de)activate, dates and successors)."""
    name = nfc(unit.name)
    if not name:
        raise CatalogError("Tên đơn vị không được để trống.")
    if not unit.code.strip():
        raise CatalogError("Mã đơn vị không được để trống.")
    if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
        raise CatalogError(f"Đơn vị {unit.code}: ngày kết thúc trước ngày bắt đầu hiệu lực.")
    if unit.code in unit.successors:
        raise CatalogError(f"Đơn vị {unit.code} không thể kế thừa chính nó.")
    with db.atomic():
        db.execute(
            f"INSERT INTO units ({_UNIT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(code) DO UPDATE SET name=excluded.name, level=excluded.level, kind=excluded.kind, "
            "parent=excluded.parent, sort=excluded.sort, active=excluded.active, "
            "valid_from=excluded.valid_from, valid_to=excluded.valid_to",
            [
                unit.code,
                name,
                str(unit.level),
                str(unit.kind),
                unit.parent,
                unit.sort,
                int(unit.active),
                unit.valid_from.isoformat() if unit.valid_from else None,
                unit.valid_to.isoformat() if unit.valid_to else None,
            ],
        )
        db.execute("DELETE FROM unit_successors WHERE unit = ?", [unit.code])
        for successor in unit.successors:
            db.execute(
                "INSERT INTO unit_successors (unit, successor) VALUES (?, ?)",
                [unit.code, successor],
            )


def save_units(db: Database, units: Iterable[Unit]) -> None:
    """Insert or update many units in one transaction: all saved or none.

    Parents are saved before their children and successors after every unit exists, so
    the foreign keys hold whatever the order of ``units``.
    """
    pending = list(units)
    with db.atomic():
        done: set[str] = {u.code for u in load_units(db)}
        later: list[Unit] = []
        while pending:
            progressed = False
            for u in list(pending):
                if u.parent is None or u.parent in done:
                    save_unit(db, replace(u, successors=()) if u.successors else u)
                    if u.successors:
                        later.append(u)
                    done.add(u.code)
                    pending.remove(u)
                    progressed = True
            if not progressed:
                raise CatalogError(
                    "Đơn vị cấp trên không tồn tại: "
                    + ", ".join(f"{u.code} → {u.parent}" for u in pending)
                )
        for u in later:
            missing = [c for c in u.successors if c not in done]
            if missing:
                raise CatalogError(
                    f"Đơn vị {u.code}: đơn vị kế thừa không tồn tại: {', '.join(missing)}."
                )
            save_unit(db, u)


# --- fields ------------------------------------------------------------------------


def _field(row: tuple) -> Field:
    code, name, level, sort, active = row
    return Field(code, name, Level(level), sort, bool(active))


def load_fields(
    db: Database, level: Level | None = None, include_inactive: bool = True
) -> list[Field]:
    sql = "SELECT code, name, level, sort, active FROM fields WHERE 1=1"
    args: list[Any] = []
    if level is not None:
        sql += " AND level = ?"
        args.append(str(level))
    if not include_inactive:
        sql += " AND active = 1"
    return [_field(r) for r in db.execute(sql + " ORDER BY level, sort, code", args).fetchall()]


def field_map(db: Database) -> dict[str, Field]:
    return {f.code: f for f in load_fields(db)}


def save_field(db: Database, field: Field) -> None:
    name = nfc(field.name)
    if not name:
        raise CatalogError("Tên lĩnh vực không được để trống.")
    existing = {
        match_key(f.name): f.code for f in load_fields(db, field.level) if f.code != field.code
    }
    if match_key(name) in existing:
        raise CatalogError(
            f"Lĩnh vực “{name}” đã có ở {field.level.label} (mã {existing[match_key(name)]})."
        )
    with db.atomic():
        db.execute(
            "INSERT INTO fields (code, name, level, sort, active) VALUES (?,?,?,?,?) "
            "ON CONFLICT(code) DO UPDATE SET name=excluded.name, level=excluded.level, "
            "sort=excluded.sort, active=excluded.active",
            [field.code, name, str(field.level), field.sort, int(field.active)],
        )


def save_fields(db: Database, fields: Iterable[Field]) -> None:
    """Insert or update many fields in one transaction: all saved or none."""
    with db.atomic():
        for f in fields:
            save_field(db, f)


# --- presets -----------------------------------------------------------------------


def is_initialised(db: Database) -> bool:
    return get_organisation(db) is not None


def apply_preset(db: Database, preset: Preset | str = DEFAULT_PRESET) -> Preset:
    """Load a preset's organisation, units and fields; existing rows are updated, none removed."""
    p = load_preset(preset) if isinstance(preset, str) else preset
    with db.atomic():
        save_organisation(db, p.organisation)
        set_setting(db, "deadlines", p.deadlines)
        set_setting(db, "preset", p.name)
        save_units(db, p.units)
        for f in p.fields:
            save_field(db, f)
    return p
