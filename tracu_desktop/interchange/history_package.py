"""History packages: the figures of some units over several periods, sent by a former
district to the commune that took those units over.

``package --period 2024,2025-H1 --units A,B -o FILE`` writes one (no documents: they
describe the whole organisation); the commune reads it with
:mod:`tracu_desktop.interchange.history_import`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tracu_desktop import __version__
from tracu_desktop.core.models import Unit
from tracu_desktop.db.catalog import (
    load_fields,
    load_units,
    require_organisation,
)
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import require_period
from tracu_desktop.db.values import now_text
from tracu_desktop.infra.fileio import atomic_write_bytes
from tracu_desktop.interchange.csv_io import period_rows
from tracu_desktop.interchange.datavalues import (
    Catalog,
    write_csv_text,
)
from tracu_desktop.interchange.exchange import (
    FIGURES,
    METADATA,
    PACKAGE_KIND,
    PACKAGE_VERSION,
    PackageError,
    build_package,
    read_package_file,
)

HISTORY = "history"  # metadata "content" of a history package
FORMER_PREFIX = "cu-"  # code of a former unit kept beside a new one of the same code
REFORM_START = date(2025, 7, 1)  # two-tier local government (Nghị quyết 1687/NQ-UBTVQH15 etc.)


class HistoryError(ValueError):
    """A history package that cannot be written; the message is Vietnamese."""


@dataclass
class HistoryPackageResult:
    path: Path
    figures: int
    periods: list[str]
    units: list[str]


def split_codes(text: str) -> list[str]:
    """``"2024, 2025-H1"`` → ``["2024", "2025-H1"]`` (order kept, repeats dropped)."""
    out: list[str] = []
    for part in text.split(","):
        part = part.strip()
        if part and part not in out:
            out.append(part)
    return out


def write_history_package(
    db: Database,
    periods: list[str],
    units: list[str],
    path: Path | str,
    *,
    sign: Callable[[bytes], bytes] | None = None,
) -> HistoryPackageResult:
    """The figures of ``units`` in ``periods`` as one package (``units``: codes or names)."""
    org = require_organisation(db)
    stored = [require_period(db, code) for code in periods]
    catalog = Catalog(load_units(db), load_fields(db), ())
    chosen: list[Unit] = []
    for text in units:
        unit = catalog.unit(text)
        if unit is None:
            raise HistoryError(f"Không có đơn vị “{text}” (xem danh sách: tracu-desktop units).")
        if unit not in chosen:
            chosen.append(unit)
    codes = {u.code for u in chosen}
    rows = [r for p in stored for r in period_rows(db, p.code) if r[1] in codes]
    used_fields = {r[2] for r in rows if r[2]}
    metadata = {
        "kind": PACKAGE_KIND,
        "version": PACKAGE_VERSION,
        "content": HISTORY,
        "program_version": __version__,
        "created_at": now_text(),
        "organisation": org.to_dict(),
        "level": str(org.level),
        "periods": [
            {
                "code": p.code,
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "label": p.label(),
            }
            for p in stored
        ],  # fmt: skip
        "units": [
            {
                "code": u.code,
                "name": u.name,
                "level": str(u.level),
                "kind": str(u.kind),
                "valid_from": u.valid_from.isoformat() if u.valid_from else None,
                "valid_to": u.valid_to.isoformat() if u.valid_to else None,
            }
            for u in chosen
        ],
        "fields": [
            {"code": f.code, "name": f.name, "level": str(f.level)}
            for f in load_fields(db)
            if f.code in used_fields
        ],
    }
    members = {
        METADATA: json.dumps(metadata, ensure_ascii=False, indent=2).encode("utf-8"),
        FIGURES: ("\ufeff" + write_csv_text(rows)).encode("utf-8"),
    }
    atomic_write_bytes(path, build_package(members, sign))
    return HistoryPackageResult(Path(path), len(rows), [p.code for p in stored],
                                [u.name for u in chosen])  # fmt: skip


def is_history_package(path: Path | str) -> bool:
    """Whether ``path`` is a readable package whose metadata says it holds history."""
    try:
        return read_package_file(path).metadata.get("content") == HISTORY
    except (PackageError, OSError, AttributeError):
        return False


def unit_errors(db: Database, periods: list[str], units: list[str]) -> list[str]:
    """Validation errors of the chosen units in the chosen periods (other units' errors do
    not hold back their history), as Vietnamese lines."""
    from tracu_desktop.db.checks import validate_period

    catalog = Catalog(load_units(db), (), ())
    codes = {u.code for u in (catalog.unit(t) for t in units) if u is not None}
    out: list[str] = []
    for code in periods:
        p = require_period(db, code)
        out += [
            f"{p.label()}: {i.message}"
            for i in validate_period(db, p.code)
            if i.is_error and i.unit in codes
        ]
    return out
