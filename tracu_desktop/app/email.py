"""A draft e-mail (.eml) to the level above, optionally with the period's package attached.

Both faces write the draft through here, so the subject, the body and the package that
goes with it are the same whether the clerk used the window or the command line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tracu_desktop.app.packages import make_package
from tracu_desktop.app.session import Source, opened
from tracu_desktop.infra.progress import IsCancelled, Progress, check, report
from tracu_desktop.interchange.package import PackageResult


@dataclass
class DraftResult:
    path: Path
    attachments: list[Path] = field(default_factory=list)
    package: PackageResult | None = None


def package_name(org_short: str, period: str) -> str:
    """``TraCu_2023_GoiSoLieu.tracu.zip``: the name a package gets beside a draft."""
    from tracu_desktop.export.naming import export_filename

    return export_filename(org_short, period, "GoiSoLieu", "zip")[: -len(".zip")] + ".tracu.zip"


def draft_name(org_short: str, period: str) -> str:
    from tracu_desktop.export.naming import export_filename

    return export_filename(org_short, period, "ThuNhap", "eml")


def make_draft(
    source: Source,
    period: str,
    to: Sequence[str],
    attachments: Sequence[Path],
    output: Path,
    *,
    package: Path | None = None,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> DraftResult:
    """Write the draft to ``output``; with ``package``, first write the period's package
    there and attach it. ``DraftError`` (Vietnamese) for a missing file or a bad address."""
    from tracu_desktop.db.catalog import require_organisation
    from tracu_desktop.db.periods import require_period
    from tracu_desktop.infra.fileio import atomic_write_bytes
    from tracu_desktop.interchange.email_draft import (
        DraftError,
        build_draft,
        check_address,
        draft_body,
        draft_subject,
    )

    with opened(source) as db:
        org = require_organisation(db)
        p = require_period(db, period)
        files = [Path(f) for f in attachments]
        for f in files:
            if not f.is_file():
                raise DraftError(f"Không tìm thấy tệp đính kèm {f}.")
        for address in to:
            check_address(address)  # before the slow package, not after it
        made: PackageResult | None = None
        if package is not None:

            def package_progress(done: int, total: int) -> None:
                report(progress, done, total + 1)

            made = make_package(
                db, p.code, package, progress=package_progress, is_cancelled=is_cancelled
            )
            files.append(made.path)
        check(is_cancelled)
        data = build_draft(
            to=list(to),
            subject=draft_subject(org.name, p.label()),
            body=draft_body(org.name, p.label(), [f.name for f in files]),
            attachments=files,
        )
        path = atomic_write_bytes(output, data)
        report(progress, 1, 1)
        return DraftResult(Path(path), files, made)
