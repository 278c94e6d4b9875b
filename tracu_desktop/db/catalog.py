"""Settings, organisation, units and fields as stored in the database.

Units and fields are never deleted once they hold figures: they are deactivated, so
history keeps its names.
"""

from __future__ import annotations

import json
from typing import Any

from tracu_desktop.db.handle import Database
from tracu_desktop.models import Field, Level, Organisation, Unit, UnitKind
from tracu_desktop.preset import DEFAULT_PRESET, Preset, load_preset
from tracu_desktop.textnorm import match_key, nfc


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


def get_deadlines(db: Database) -> dict[str, int]:
    return dict(get_setting(db, "deadlines", {}) or {})


# --- units -------------------------------------------------------------------------


def _unit(row: tuple) -> Unit:
    code, name, level, kind, parent, sort, active = row
    return Unit(code, name, Level(level), UnitKind(kind), parent, sort, bool(active))


def load_units(db: Database, include_inactive: bool = True) -> list[Unit]:
    sql = "SELECT code, name, level, kind, parent, sort, active FROM units"
    if not include_inactive:
        sql += " WHERE active = 1"
    return [_unit(r) for r in db.execute(sql + " ORDER BY sort, code").fetchall()]


def unit_map(db: Database) -> dict[str, Unit]:
    return {u.code: u for u in load_units(db)}


def save_unit(db: Database, unit: Unit) -> None:
    """Insert or update a unit (rename, move, (de)activate)."""
    name = nfc(unit.name)
    if not name:
        raise CatalogError("Tên đơn vị không được để trống.")
    if not unit.code.strip():
        raise CatalogError("Mã đơn vị không được để trống.")
    with db.atomic():
        db.execute(
            "INSERT INTO units (code, name, level, kind, parent, sort, active) VALUES (?,?,?,?,?,?,?) "
            "ON CONFLICT(code) DO UPDATE SET name=excluded.name, level=excluded.level, kind=excluded.kind, "
            "parent=excluded.parent, sort=excluded.sort, active=excluded.active",
            [
                unit.code,
                name,
                str(unit.level),
                str(unit.kind),
                unit.parent,
                unit.sort,
                int(unit.active),
            ],
        )


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
        # Parents first so the foreign key holds.
        pending = list(p.units)
        done: set[str] = {u.code for u in load_units(db)}
        while pending:
            progressed = False
            for u in list(pending):
                if u.parent is None or u.parent in done:
                    save_unit(db, u)
                    done.add(u.code)
                    pending.remove(u)
                    progressed = True
            if not progressed:
                raise CatalogError(
                    "Đơn vị cấp trên không tồn tại: "
                    + ", ".join(f"{u.code} → {u.parent}" for u in pending)
                )
        for f in p.fields:
            save_field(db, f)
    return p
