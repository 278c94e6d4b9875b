"""Write the exchange package of a period for the level above.

The rendered documents come from the caller (:func:`tracu_desktop.app.packages.make_package`
renders them with the export loop); this module only assembles and writes the package.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tracu_desktop import __version__
from tracu_desktop.core.formspec import package_documents
from tracu_desktop.core.models import Organisation, UnitKind
from tracu_desktop.db.catalog import load_fields, load_units, require_organisation
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import require_period
from tracu_desktop.db.values import now_text
from tracu_desktop.infra.fileio import atomic_write_bytes
from tracu_desktop.interchange.csv_io import period_rows
from tracu_desktop.interchange.datavalues import write_csv_text
from tracu_desktop.interchange.exchange import (
    FIGURES,
    METADATA,
    PACKAGE_KIND,
    PACKAGE_VERSION,
    build_package,
)

# The report's files put in the package after the forms the specs name (``package``).
REPORT_DOCUMENTS = (("report", "report", "docx"), ("report", "report", "pdf"))


def package_items() -> list[tuple[str, str, str]]:
    """``(kind, code, format)`` of every document put in the package, in order."""
    forms = [("form", code, fmt) for code, fmt in package_documents()]
    return [*forms, *REPORT_DOCUMENTS]


@dataclass
class PackageResult:
    path: Path
    figures: int
    documents: list[str]
    skipped: list[str]  # documents that could not be produced, with the reason


def own_unit_code(db: Database, org: Organisation) -> str:
    """The code of the unit that is the organisation itself (its People's Committee at its
    own level), or "" when the catalog does not say which one it is."""
    own = [u for u in load_units(db) if u.kind is UnitKind.BODY and u.level is org.level]
    return own[0].code if len(own) == 1 else ""


def write_package(
    db: Database,
    period: str,
    path: Path | str,
    *,
    documents: Mapping[str, bytes] | None = None,
    skipped: Sequence[str] = (),
    sign: Callable[[bytes], bytes] | None = None,
) -> PackageResult:
    """``documents``: rendered files by name, put under ``documents/``; ``skipped``: those
    that could not be rendered, with the reason. ``sign``: signs the manifest (detached
    CMS, :mod:`tracu_desktop.signing`)."""
    org = require_organisation(db)
    p = require_period(db, period)
    rows = period_rows(db, p.code)
    used_units = {r[1] for r in rows}
    used_fields = {r[2] for r in rows if r[2]}
    metadata = {
        "kind": PACKAGE_KIND,
        "version": PACKAGE_VERSION,
        "program_version": __version__,
        "created_at": now_text(),
        "organisation": org.to_dict(),
        "level": str(org.level),
        # Who sends: the code of the organisation's own unit lets the level above find it
        # among units of the same name.
        "sender": {"code": own_unit_code(db, org), "name": org.name},
        "period": {
            "code": p.code,
            "start": p.start.isoformat(),
            "end": p.end.isoformat(),
            "label": p.label(),
        },
        "units": [
            {"code": u.code, "name": u.name, "level": str(u.level), "kind": str(u.kind)}
            for u in load_units(db)
            if u.code in used_units
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
    docs = {f"documents/{name}": data for name, data in (documents or {}).items()}
    members.update(docs)
    atomic_write_bytes(path, build_package(members, sign))
    return PackageResult(Path(path), len(rows), sorted(docs), list(skipped))
