"""Write the exchange package of a period for the level above."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tracu_desktop import __version__
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

# Documents put in the package when the renderers are installed.
DOCUMENTS = (("form", "06b", "xlsx"), ("form", "06a", "xlsx"), ("form", "05a", "xlsx"),
             ("form", "06b", "pdf"), ("report", "report", "docx"), ("report", "report", "pdf"))  # fmt: skip


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


def _documents(db: Database, period: str) -> tuple[dict[str, bytes], list[str]]:
    from tracu_desktop.export.api import ExportItem, run_exports

    members: dict[str, bytes] = {}
    skipped: list[str] = []
    db_path = getattr(db, "path", None)
    if not db_path or str(db_path) == ":memory:":
        return members, ["tài liệu (cơ sở dữ liệu trong bộ nhớ)"]
    with tempfile.TemporaryDirectory() as tmp:
        for kind, code, fmt in DOCUMENTS:
            label = f"{code}.{fmt}"
            try:
                paths = run_exports(Path(db_path), period, [ExportItem(kind, code, fmt)], Path(tmp))
            except ImportError:
                skipped.append(f"{label} (chương trình chưa có bộ xuất này)")
                continue
            except Exception as exc:  # a renderer failure must not block the figures
                skipped.append(f"{label} ({exc})")
                continue
            for p in paths:
                members[f"documents/{p.name}"] = p.read_bytes()
    return members, skipped


def write_package(
    db: Database,
    period: str,
    path: Path | str,
    *,
    with_documents: bool = True,
    sign: Callable[[bytes], bytes] | None = None,
) -> PackageResult:
    """``sign``: signs the manifest (detached CMS, :mod:`tracu_desktop.signing`)."""
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
    skipped: list[str] = []
    docs: dict[str, bytes] = {}
    if with_documents:
        docs, skipped = _documents(db, p.code)
        members.update(docs)
    atomic_write_bytes(path, build_package(members, sign))
    return PackageResult(Path(path), len(rows), sorted(docs), skipped)
