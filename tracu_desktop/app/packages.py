"""Make the exchange package of a period: its figures plus the rendered forms and report.

The documents are rendered on the same connection as the figures, each form's table
once (06b goes in as Excel and PDF). A document that cannot be rendered is listed as
skipped and does not block the figures.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from tracu_desktop.app.exports import standard_target, write_one
from tracu_desktop.app.session import Source, opened
from tracu_desktop.core.formtable import FormTable
from tracu_desktop.db.handle import Database
from tracu_desktop.export.api import ExportItem
from tracu_desktop.infra.progress import IsCancelled, Progress, check, report
from tracu_desktop.interchange.package import PackageResult, package_items, write_package

__all__ = ["PackageResult", "make_package"]


def _documents(
    db: Database,
    period: str,
    progress: Progress | None,
    is_cancelled: IsCancelled | None,
    total: int,
) -> tuple[dict[str, bytes], list[str]]:
    from tracu_desktop.db.catalog import require_organisation

    org = require_organisation(db)
    members: dict[str, bytes] = {}
    skipped: list[str] = []
    tables: dict[str, FormTable] = {}
    with tempfile.TemporaryDirectory(prefix="tracu-package-") as tmp:
        for done, (kind, code, fmt) in enumerate(package_items()):
            check(is_cancelled)
            report(progress, done, total)
            item = ExportItem(kind, code, fmt)
            target = standard_target(org.short_name, period, item, Path(tmp))
            try:
                path = write_one(db, period, item, target, tables, None)
            except ImportError:
                skipped.append(f"{code}.{fmt} (chương trình chưa có bộ xuất này)")
                continue
            except Exception as exc:  # a renderer failure must not block the figures
                skipped.append(f"{code}.{fmt} ({exc})")
                continue
            members[path.name] = path.read_bytes()
    return members, skipped


def make_package(
    source: Source,
    period: str,
    path: Path,
    *,
    with_documents: bool = True,
    sign: Callable[[bytes], bytes] | None = None,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> PackageResult:
    """Write the package to ``path`` (atomically); ``sign`` signs its manifest."""
    from tracu_desktop.db.periods import require_period

    total = (len(package_items()) if with_documents else 0) + 1
    with opened(source) as db:
        code = require_period(db, period).code
        documents: dict[str, bytes] = {}
        skipped: list[str] = []
        if with_documents:
            documents, skipped = _documents(db, code, progress, is_cancelled, total)
        check(is_cancelled)
        report(progress, total - 1, total)
        result = write_package(
            db, code, Path(path), documents=documents, skipped=skipped, sign=sign
        )
        report(progress, total, total)
        return result
