"""The ``export`` command: appendix forms of a period as Excel and/or PDF files.

Validation runs first: errors are listed and the export is refused (exit 1) unless
``--force``; warnings are printed and do not block. A target that cannot be written
(open in Excel, read-only folder) gives a Vietnamese message and exit 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tracu_desktop.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    Context,
    add_command,
    err,
    out,
    period_errors_block,
)
from tracu_desktop.core.formspec import form_codes, print_set

FORMATS = ("xlsx", "pdf")


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(sub, "export", cmd_export, "xuất biểu mẫu phụ lục của một kỳ ra Excel/PDF")
    p.add_argument("--period", required=True, help="mã kỳ báo cáo, ví dụ 2023")
    p.add_argument(
        "--form",
        required=True,
        help=f"biểu: {', '.join(form_codes())} hoặc all (có thể ghép: {','.join(print_set())})",
    )
    p.add_argument(
        "--format", dest="fmt", default="xlsx", help="định dạng: xlsx, pdf hoặc xlsx,pdf"
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="tệp đích (một biểu, một định dạng) hoặc thư mục (nhiều tệp)",
    )
    p.add_argument("--force", action="store_true", help="vẫn xuất khi số liệu của kỳ còn lỗi")
    p.add_argument(
        "--date",
        dest="on",
        help="ngày ký ghi dưới biểu, dạng DD/MM/YYYY (mặc định: ngày báo cáo của kỳ, "
        "đặt bằng report-meta --date; chưa đặt thì là ngày sau ngày cuối kỳ)",
    )


def _split(text: str, allowed: tuple[str, ...], what: str, allow_all: bool) -> list[str]:
    items = [t.strip().lower() for t in text.split(",") if t.strip()]
    if allow_all and "all" in items:
        return list(allowed)
    bad = [t for t in items if t not in allowed]
    if bad or not items:
        raise CliError(
            f"{what} không hợp lệ: {', '.join(bad) or '(trống)'} (chọn: {', '.join(allowed)}"
            + (", all" if allow_all else "")
            + ")."
        )
    return list(dict.fromkeys(items))


def plan_targets(
    output: Path, org_short: str, period: str, forms: list[str], fmts: list[str]
) -> list[tuple[str, str, Path]]:
    """(form, format, path) of every file to write. One file → ``output`` may be a file
    name (its extension must match); several → ``output`` is a folder."""
    from tracu_desktop.export.naming import export_filename

    pairs = [(f, x) for f in forms for x in fmts]
    single = len(pairs) == 1 and not output.is_dir() and output.suffix != ""
    if single:
        form, fmt = pairs[0]
        if output.suffix.lower() != f".{fmt}":
            raise CliError(f"Tệp đích {output} phải có đuôi .{fmt}.")
        return [(form, fmt, output)]
    if output.exists() and not output.is_dir():
        raise CliError(f"Xuất nhiều tệp cần một thư mục, nhưng {output} là một tệp.")
    return [(f, x, output / export_filename(org_short, period, f, x)) for f, x in pairs]


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.exports import ExportFailed, ExportItem, export_targets
    from tracu_desktop.core.formspec import FormSpecError
    from tracu_desktop.core.vnformat import parse_date
    from tracu_desktop.db.catalog import require_organisation
    from tracu_desktop.db.periods import require_period
    from tracu_desktop.infra.fileio import FileWriteError

    forms = _split(args.form, form_codes(), "Biểu", allow_all=True)
    on = parse_date(args.on) if args.on else None
    fmts = _split(args.fmt, FORMATS, "Định dạng", allow_all=False)
    db = ctx.db()
    p = require_period(db, args.period)
    org = require_organisation(db)

    if period_errors_block(db, p.code, args.force, "xuất biểu"):
        return EXIT_INVALID

    targets = plan_targets(args.output, org.short_name, p.code, forms, fmts)
    items = [(ExportItem("form", form, fmt), path) for form, fmt, path in targets]
    try:
        written = export_targets(db, p.code, items, on=on).paths
    except ExportFailed as exc:
        for path in exc.written:
            out(f"Đã xuất {path}")
        if isinstance(exc.cause, FormSpecError):
            err(f"Lỗi mẫu biểu: {exc}")
            return EXIT_USAGE
        if isinstance(exc.cause, FileWriteError):  # open in Excel, read-only folder
            err(f"Lỗi: {exc}")
            return EXIT_USAGE
        raise exc.cause from None
    for path in written:
        out(f"Đã xuất {path}")
    out(f"Xong: {len(written)} tệp.")
    return EXIT_OK
