"""Commands of the narrative report: report (Word/PDF/package), report-text, report-meta."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tracu_desktop.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    CliError,
    Context,
    add_command,
    err,
    out,
    period_errors_block,
)
from tracu_desktop.core.formspec import print_set


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(sub, "report", cmd_report, "xuất báo cáo (Word, PDF, hoặc PDF kèm phụ lục)")
    p.add_argument("--period", required=True, help="mã kỳ báo cáo, ví dụ 2023")
    p.add_argument(
        "--format",
        choices=("docx", "pdf", "package"),
        default="docx",
        help="docx (Word), pdf, package (PDF báo cáo kèm các phụ lục)",
    )
    p.add_argument("-o", "--output", type=Path, required=True, help="tệp kết quả")
    p.add_argument(
        "--forms",
        default=",".join(print_set()),
        help="phụ lục trong bộ in (package), theo thứ tự, cách nhau dấu phẩy "
        f"(mặc định: {','.join(print_set())})",
    )
    p.add_argument("--force", action="store_true", help="vẫn xuất khi số liệu của kỳ còn lỗi")

    p = add_command(
        sub, "report-text", cmd_report_text, "xem hoặc thay văn bản một phần của báo cáo"
    )
    p.add_argument("--period", help="mã kỳ báo cáo")
    p.add_argument(
        "--section", help="phần: 1…9 (mục I.1…I.9), II, III, intro (mở đầu), closing (câu kết)"
    )
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--show", action="store_true", help="in văn bản hiện tại (có trường số liệu)")
    g.add_argument("--preview", action="store_true", help="in văn bản đã điền số liệu")
    g.add_argument(
        "--set", dest="set_file", type=Path, help="thay bằng nội dung tệp (UTF-8; - là stdin)"
    )
    g.add_argument("--placeholders", action="store_true", help="liệt kê các trường số liệu")

    p = add_command(
        sub, "report-meta", cmd_report_meta, "xem hoặc sửa số, ngày, nơi nhận… của báo cáo"
    )
    p.add_argument("--period", required=True)
    p.add_argument("--number", help="số văn bản, ví dụ 533 (in ra “Số: 533/BC-UBND”)")
    p.add_argument("--date", help="ngày ban hành dd/mm/yyyy")
    p.add_argument("--place", help="địa danh ở dòng ngày tháng")
    p.add_argument("--subject", help="trích yếu (có thể dùng {period_label})")
    p.add_argument("--recipient", help="dòng “Kính gửi”")
    p.add_argument("--recipients", help="danh sách “Nơi nhận”, cách nhau dấu chấm phẩy")
    p.add_argument("--signer-authority", help="thẩm quyền ký, ví dụ “KT. CHỦ TỊCH”")
    p.add_argument("--signer-title", help="chức vụ người ký, ví dụ “PHÓ CHỦ TỊCH”")
    p.add_argument("--signer-name", help="họ tên người ký")

    p = add_command(
        sub,
        "report-phrases",
        cmd_report_phrases,
        "chỉ tiêu tỷ lệ và bật/tắt các câu đánh giá, so sánh trong báo cáo",
    )
    p.add_argument(
        "--target",
        action="append",
        default=[],
        metavar="TÊN=SỐ",
        help="chỉ tiêu (%%) của tỷ lệ online, on_time hoặc digitized, ví dụ online=80; "
        "online= để bỏ chỉ tiêu",
    )
    p.add_argument(
        "--off", action="append", default=[], help="tắt một câu, ví dụ online_rate_assessment"
    )
    p.add_argument(
        "--on", action="append", default=[], help="bật lại một câu, ví dụ online_rate_vs_prev"
    )


def cmd_report(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.exports import ExportFailed, ExportItem, export_targets
    from tracu_desktop.core.report.markup import MarkupError
    from tracu_desktop.core.report.placeholders import UnknownPlaceholderError
    from tracu_desktop.export.report_export import ReportExportError

    forms = tuple(f.strip() for f in args.forms.split(",") if f.strip())
    db = ctx.db()
    if period_errors_block(db, args.period, args.force, "xuất báo cáo"):
        return EXIT_INVALID
    item = ExportItem("report", "report", args.format)
    try:
        path = export_targets(db, args.period, [(item, args.output)], appendices=forms).paths[0]
    except ExportFailed as exc:
        if isinstance(exc.cause, UnknownPlaceholderError | MarkupError | ReportExportError):
            raise CliError(str(exc)) from None
        raise exc.cause from None
    out(f"Đã ghi báo cáo: {path}")
    return EXIT_OK


def _section(args: argparse.Namespace) -> str:
    from tracu_desktop.core.report.model import SectionKeyError, normalize_section

    if not args.period or not args.section:
        raise CliError("Cần --period và --section (ví dụ: --period 2023 --section 6).")
    try:
        return normalize_section(args.section)
    except SectionKeyError as exc:
        raise CliError(str(exc)) from None


def _read_input(path: Path) -> str:
    if str(path) == "-":
        return sys.stdin.read()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        from tracu_desktop.infra.oserror_text import os_error_reason

        raise CliError(f"Không đọc được tệp {path}: {os_error_reason(exc)}.") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CliError(f"Tệp {path} không phải văn bản UTF-8; hãy lưu lại với mã UTF-8.") from None


def cmd_report_text(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.core.report.placeholders import placeholder_catalog

    if args.placeholders:
        for name, text in placeholder_catalog().items():
            out(f"{{{name}}}\t{text}")
        return EXIT_OK

    from tracu_desktop.core.report.markup import MarkupError, parse_section
    from tracu_desktop.core.report.placeholders import UnknownPlaceholderError, render_text
    from tracu_desktop.db.periods import require_period
    from tracu_desktop.db.report_figures import report_context
    from tracu_desktop.db.report_texts import SAVED, TEMPLATE, load_report_texts, save_section_text

    key = _section(args)
    db = ctx.db()
    period = require_period(db, args.period).code
    if args.set_file is not None:
        text = _read_input(args.set_file)
        try:
            rendered = render_text(text, report_context(db, period), f"phần {key}")
            parse_section(rendered, where=f"phần {key}")
        except (UnknownPlaceholderError, MarkupError) as exc:
            raise CliError(f"{exc} Văn bản chưa được lưu.") from None
        save_section_text(db, period, key, text)
        out(f"Đã lưu văn bản phần {key} của kỳ {period}.")
        return EXIT_OK
    texts = load_report_texts(db, period)
    text = texts.sections[key]
    origin = texts.origin.get(key, TEMPLATE)
    if origin == SAVED:
        err(f"(phần {key}: văn bản đã lưu của kỳ {period})")
    elif origin == TEMPLATE:
        err(f"(phần {key}: mẫu có sẵn của chương trình)")
    else:
        err(f"(phần {key}: chép từ kỳ {origin})")
    if args.preview:
        try:
            text = render_text(text, report_context(db, period), f"phần {key}")
        except UnknownPlaceholderError as exc:
            raise CliError(str(exc)) from None
    out(text)
    return EXIT_OK


def cmd_report_meta(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.core.vnformat import format_date, parse_date
    from tracu_desktop.db.periods import require_period
    from tracu_desktop.db.report_texts import load_report_texts, save_meta

    db = ctx.db()
    period = require_period(db, args.period)
    changes: dict[str, object] = {}
    for name in (
        "number",
        "place",
        "subject",
        "recipient",
        "signer_authority",
        "signer_title",
        "signer_name",
    ):
        value = getattr(args, name)
        if value is not None:
            changes[name] = value
    if args.number is not None and args.number.strip() and not args.number.strip().isdigit():
        raise CliError(f"Số văn bản “{args.number}” phải là số (ví dụ 533).")
    if args.date is not None:
        changes["date"] = parse_date(args.date) if args.date.strip() else None
    if args.recipients is not None:
        changes["recipients"] = [r.strip() for r in args.recipients.split(";") if r.strip()]
    meta = (
        save_meta(db, period.code, **changes)
        if changes
        else load_report_texts(db, period.code).meta
    )
    if changes:
        out(f"Đã lưu thông tin văn bản của kỳ {period.code}.")
    out(f"Số: {meta.number_line()[4:].strip()}")
    out(f"Ngày: {format_date(meta.report_date(period))}" + ("" if meta.date else " (mặc định)"))
    out(f"Địa danh: {meta.place}")
    out(f"Trích yếu: {meta.subject}")
    out(f"Kính gửi: {meta.recipient}")
    out("Nơi nhận: " + "; ".join(meta.recipients))
    out(f"Người ký: {meta.signer_authority} / {meta.signer_title} / {meta.signer_name}")
    return EXIT_OK


def cmd_report_phrases(args: argparse.Namespace, ctx: Context) -> int:
    """Targets of the rates and which assessments / comparisons the report prints."""
    from decimal import Decimal, InvalidOperation

    from tracu_desktop.core.report.placeholders import ASSESSED_RATES, optional_phrases
    from tracu_desktop.core.vnformat import format_percent
    from tracu_desktop.db.catalog import get_setting, set_setting
    from tracu_desktop.db.report_figures import phrases_off, set_phrase
    from tracu_desktop.db.trends import RATE_LABELS, targets

    db = ctx.db()
    known = optional_phrases()
    for name in [*args.off, *args.on]:
        if name not in known:
            raise CliError(f"Không có câu “{name}”. Chọn một trong: {', '.join(sorted(known))}.")
    raw = dict(get_setting(db, "targets", {}) or {})
    for item in args.target:
        key, eq, value = item.partition("=")
        key = key.strip()
        if not eq or key not in ASSESSED_RATES:
            raise CliError(
                f"Chỉ tiêu “{item}” không hợp lệ: dùng TÊN=SỐ với TÊN là "
                f"{', '.join(ASSESSED_RATES)} (ví dụ online=80)."
            )
        if not value.strip():
            raw.pop(key, None)
            continue
        try:
            number = Decimal(value.strip().rstrip("%").replace(",", "."))
        except InvalidOperation:
            number = Decimal(-1)
        if not 0 <= number <= 100:
            raise CliError(f"Chỉ tiêu “{item}”: cần một số từ 0 đến 100.")
        raw[key] = float(number) if number != number.to_integral_value() else int(number)
    if args.target:
        set_setting(db, "targets", raw)
    for name in args.off:
        set_phrase(db, name, on=False)
    for name in args.on:
        set_phrase(db, name, on=True)
    goals = targets(db)
    for key in ASSESSED_RATES:
        goal = goals.get(key)
        shown = (
            format_percent(goal, 0 if goal == goal.to_integral_value() else 2)
            if goal
            else "chưa đặt"
        )
        out(f"Chỉ tiêu {RATE_LABELS[key].lower()} ({key}): {shown}")
    off = set(phrases_off(db))
    for name in known:
        out(f"{'tắt' if name in off else 'bật'}\t{{{name}}}")
    return EXIT_OK
