"""Commands of the data core: demo, init, catalogs, periods, CSV values, validate, summary."""

from __future__ import annotations

import argparse
from decimal import Decimal
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
)
from tracu_desktop.cli.rollup_cmds import register_rollup
from tracu_desktop.core.vnformat import format_date, format_int, format_percent, parse_date


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub, "demo", cmd_demo, "tạo (hoặc làm mới) dữ liệu mẫu (mặc định: huyện Trà Cú năm 2023)"
    )
    p.add_argument(
        "--preset",
        choices=("tra-cu", "xa-tap-son", "vinh-long"),
        default="tra-cu",
        help="tra-cu: huyện Trà Cú 2023; xa-tap-son: xã Tập Sơn; vinh-long: tỉnh Vĩnh Long "
        "(hai cấp chính quyền, các quý trước và sau 01/7/2025)",
    )
    p = add_command(
        sub,
        "init",
        cmd_init,
        "khởi tạo cơ sở dữ liệu: một cơ quan mới (--level, --name, --superior) "
        "hoặc một bộ cấu hình có sẵn (--preset)",
    )
    p.add_argument(
        "--preset", default=None, help="bộ cấu hình: tra-cu (mặc định), xa-tap-son, vinh-long"
    )
    p.add_argument(
        "--level",
        choices=("commune", "district", "province"),
        help="cấp của cơ quan mới: commune (xã, phường), district (huyện), province (tỉnh)",
    )
    p.add_argument("--name", help="tên cơ quan, ví dụ “Ủy ban nhân dân xã Tập Sơn”")
    p.add_argument("--superior", help="cơ quan cấp trên, ví dụ “Ủy ban nhân dân tỉnh Vĩnh Long”")
    p.add_argument("--place", help="địa danh ghi ngày tháng (mặc định: theo tên)")
    p.add_argument("--code", help="mã đơn vị hành chính (mặc định: theo danh mục quốc gia)")

    for name, handler, text, importer, what in (
        ("units", cmd_units, "liệt kê đơn vị", cmd_units_import, "đơn vị"),
        ("fields", cmd_fields, "liệt kê lĩnh vực", cmd_fields_import, "lĩnh vực"),
    ):
        p = add_command(sub, name, handler, f"{text}; nhập danh sách {what} từ CSV (import)")
        p.add_argument("--format", choices=("text", "csv"), default="text")
        p.add_argument("--all", action="store_true", help="gồm cả mục đã ngừng sử dụng")
        csub = p.add_subparsers(dest=f"{name}_command", metavar="THAO_TÁC", parser_class=type(p))
        imp = add_command(
            csub,
            "import",
            importer,
            f"nhập danh sách {what} từ tệp CSV (tất cả hoặc không; cột như khi xuất --format csv)",
        )
        imp.add_argument("file", type=Path)
        imp.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
        imp.set_defaults(writes=True)
    add_command(
        sub, "indicators", cmd_indicators, "liệt kê chỉ tiêu (mã, tên, cột biểu mẫu, mức chi tiết)"
    )

    period = add_command(sub, "period", _period_help, "kỳ báo cáo: add, list, lock, unlock, rollup")
    psub = period.add_subparsers(
        dest="period_command", metavar="THAO_TÁC", parser_class=type(period)
    )
    p = add_command(
        psub, "add", cmd_period_add, "tạo kỳ báo cáo (ngày mặc định theo quy định chốt số liệu)"
    )
    p.add_argument("code", help="mã kỳ: 2023, 2024-Q1, 2024-H1, 2024-9M, 2024-M01")
    p.add_argument("--from", dest="start", help="ngày bắt đầu dd/mm/yyyy")
    p.add_argument("--to", dest="end", help="ngày kết thúc dd/mm/yyyy")
    p.add_argument("--name", default="", help="tên hiển thị của kỳ")
    add_command(psub, "list", cmd_period_list, "liệt kê kỳ báo cáo")
    p = add_command(psub, "lock", cmd_period_lock, "chốt số liệu kỳ báo cáo")
    p.add_argument("code")
    p = add_command(psub, "unlock", cmd_period_unlock, "mở lại kỳ đã chốt (cần lý do)")
    p.add_argument("code")
    p.add_argument("--reason", required=True, help="lý do mở lại")
    register_rollup(psub)

    values = add_command(sub, "values", _values_help, "nhập / xuất số liệu dạng CSV")
    vsub = values.add_subparsers(
        dest="values_command", metavar="THAO_TÁC", parser_class=type(values)
    )
    p = add_command(
        vsub, "import", cmd_values_import, "nhập số liệu từ tệp CSV (tất cả hoặc không)"
    )
    p.add_argument("file", type=Path)
    p.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    p = add_command(vsub, "export", cmd_values_export, "xuất số liệu của một kỳ ra CSV")
    p.add_argument("--period", required=True)
    p.add_argument("-o", "--output", type=Path, required=True)

    p = add_command(sub, "validate", cmd_validate, "kiểm tra số liệu của một kỳ")
    p.add_argument("--period", required=True)
    p = add_command(sub, "summary", cmd_summary, "các tổng số và tỷ lệ chính của một kỳ")
    p.add_argument("--period", required=True)


def _period_help(args: argparse.Namespace, ctx: Context) -> int:
    err("Cần chọn thao tác: add, list, lock, unlock, rollup (xem: tracu-desktop period -h).")
    return EXIT_USAGE


def _values_help(args: argparse.Namespace, ctx: Context) -> int:
    err("Cần chọn thao tác: import, export (xem: tracu-desktop values -h).")
    return EXIT_USAGE


def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.setup import make_demo

    db = ctx.db()
    demo = make_demo(db, getattr(args, "preset", "tra-cu"))
    if not demo.periods:
        out(
            f"Đã tạo dữ liệu mẫu huyện Trà Cú (kỳ 2023 và các năm 2021, 2022 để so sánh; {format_int(demo.changed)} giá trị thay đổi)."
        )
    else:
        out(
            f"Đã tạo dữ liệu mẫu {demo.organisation} ({format_int(demo.changed)} giá trị thay đổi). "
            "Đây là SỐ LIỆU MẪU để xem thử, không phải số liệu thật."
        )
        for code, label in demo.periods:
            out(f"  Kỳ {code}: {label}")
    out(f"Tệp dữ liệu: {getattr(db, 'path', '')}")
    return EXIT_OK


def cmd_init(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.setup import SetupError, initialise, organisation_preset

    try:
        # An unknown preset or organisation fails before any file is made.
        preset = organisation_preset(
            preset=args.preset,
            level=args.level,
            name=args.name,
            superior=args.superior,
            place=args.place,
            code=args.code,
        )
        done = initialise(ctx.db(), preset)
    except SetupError as exc:
        raise CliError(str(exc)) from None
    preset = done.preset
    out(
        f"Đã khởi tạo: {preset.organisation.name} ({len(preset.units)} đơn vị, {len(preset.fields)} lĩnh vực)."
    )
    if not done.bundled:
        out("Việc tiếp theo: tạo kỳ báo cáo (tracu-desktop period add 2026-Q1), rồi nhập số liệu")
        out("hoặc nhập từ tệp (tracu-desktop values import / import); danh sách đơn vị, lĩnh vực")
        out("có thể nhập từ tệp CSV (tracu-desktop units import, fields import).")
    return EXIT_OK


def cmd_units(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.catalogs import UNITS, catalog_csv
    from tracu_desktop.db.catalog import load_units

    if args.format == "csv":
        out(catalog_csv(ctx.db(), UNITS, include_inactive=args.all))
        return EXIT_OK
    for u in load_units(ctx.db(), include_inactive=args.all):
        state = "" if u.active else " (ngừng sử dụng)"
        if u.valid_to is not None:
            state += f" (đến {format_date(u.valid_to)})"
        out(f"{u.code:<20} {u.level.label:<10} {u.name}{state}")
    return EXIT_OK


def cmd_fields(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.catalogs import FIELDS, catalog_csv
    from tracu_desktop.db.catalog import load_fields

    if args.format == "csv":
        out(catalog_csv(ctx.db(), FIELDS, include_inactive=args.all))
        return EXIT_OK
    for f in load_fields(ctx.db(), include_inactive=args.all):
        state = "" if f.active else " (ngừng sử dụng)"
        out(f"{f.code:<45} {f.level.label:<10} {f.name}{state}")
    return EXIT_OK


def _catalog_import(args: argparse.Namespace, ctx: Context, what: str) -> int:
    from tracu_desktop.app.catalogs import FIELDS, UNITS, import_catalog

    kind = UNITS if what == "đơn vị" else FIELDS
    plan = import_catalog(ctx.db(), kind, args.file, dry_run=args.dry_run)
    if not plan.ok:
        err(f"Tệp {plan.file}: {len(plan.errors)} lỗi, không nhập {what} nào.")
        for e in plan.errors:
            err(f"  {e}")
        return EXIT_USAGE
    verb = "Sẽ" if args.dry_run else "Đã"
    out(
        f"{verb} thêm {format_int(len(plan.added))} {what}, sửa {format_int(len(plan.changed))}, "
        f"giữ nguyên {format_int(plan.unchanged)} ({format_int(plan.rows)} dòng của {plan.file})."
    )
    for item in plan.added:
        out(f"  + {item.code}: {item.name}")
    for item in plan.changed:
        out(f"  ~ {item.code}: {item.name}")
    return EXIT_OK


def cmd_units_import(args: argparse.Namespace, ctx: Context) -> int:
    return _catalog_import(args, ctx, "đơn vị")


def cmd_fields_import(args: argparse.Namespace, ctx: Context) -> int:
    return _catalog_import(args, ctx, "lĩnh vực")


def cmd_indicators(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.core.entry_spec import column_number
    from tracu_desktop.core.indicators import all_indicators

    for i in all_indicators():
        number = column_number(i.code)  # on the newest entry forms
        column = f"({number})" if number else ""
        detail = "đơn vị × lĩnh vực" if i.detail == "unit_field" else "đơn vị"
        out(f"{i.code:<28} biểu {i.form:<4} {column:<5} {detail:<18} {i.label}")
    return EXIT_OK


def cmd_period_add(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.db.periods import add_period

    start = parse_date(args.start) if args.start else None
    end = parse_date(args.end) if args.end else None
    p = add_period(ctx.db(), args.code, start, end, args.name)
    out(f"Đã tạo kỳ {p.code}: {p.label()} {p.range_text()}.")
    return EXIT_OK


def cmd_period_list(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.db.periods import is_locked, list_periods

    db = ctx.db()
    periods = list_periods(db)
    if not periods:
        out("Chưa có kỳ báo cáo nào.")
    for p in periods:
        lock = "  [đã chốt]" if is_locked(db, p.code) else ""
        out(f"{p.code:<10} {format_date(p.start)} – {format_date(p.end)}  {p.label()}{lock}")
    return EXIT_OK


def cmd_period_lock(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.db.periods import is_locked, require_period, set_locked

    p = require_period(ctx.db(), args.code)
    if is_locked(ctx.db(), p.code):
        out(f"Kỳ {p.label()} đã được chốt số liệu từ trước; không thay đổi gì.")
        return EXIT_OK
    set_locked(ctx.db(), p.code, True)
    out(f"Đã chốt số liệu kỳ {p.label()}.")
    return EXIT_OK


def cmd_period_unlock(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.db.periods import is_locked, require_period, set_locked

    p = require_period(ctx.db(), args.code)
    if not is_locked(ctx.db(), p.code):
        out(f"Kỳ {p.label()} đang mở (chưa chốt số liệu); không thay đổi gì.")
        return EXIT_OK
    set_locked(ctx.db(), p.code, False, args.reason)
    out(f"Đã mở lại kỳ {p.label()} (lý do: {args.reason}).")
    return EXIT_OK


def cmd_values_import(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.imports import import_csv

    outcome = import_csv(ctx.db(), args.file, dry_run=args.dry_run)
    if not outcome.ok:
        err(f"Tệp {outcome.file}: {len(outcome.errors)} lỗi, không nhập số liệu nào.")
        for e in outcome.errors:
            err(f"  {e}")
        return EXIT_USAGE
    for code in outcome.new_periods:
        out(f"Kỳ báo cáo mới: {code}.")
    verb = "Sẽ thay đổi" if args.dry_run else "Đã nhập"
    out(
        f"{verb} {format_int(len(outcome.changes))} giá trị từ {format_int(outcome.rows)} dòng của {outcome.file}."
    )
    if args.dry_run:
        for c in outcome.changes[:200]:
            old = "trống" if c.old is None else format_int(c.old)
            out(
                f"  {c.key.period} {c.key.unit} {c.key.field or '-'} {c.key.indicator}: {old} → {format_int(c.new)}"
            )
        if len(outcome.changes) > 200:
            out(f"  … và {format_int(len(outcome.changes) - 200)} giá trị khác.")
    return EXIT_OK


def cmd_values_export(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.imports import export_csv

    result = export_csv(ctx.db(), args.period, args.output)
    out(f"Đã xuất {format_int(result.values)} giá trị ra {args.output}.")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.validation import validate_period

    checked = validate_period(ctx.db(), args.period)
    issues, errors = checked.issues, checked.errors
    for i in issues:
        out(f"{i.severity.label}: {i.message}")
    out(f"Kỳ {checked.label}: {len(errors)} lỗi, {len(issues) - len(errors)} cảnh báo.")
    return EXIT_INVALID if errors else EXIT_OK


def cmd_summary(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.core.entry_spec import key_figure_lines
    from tracu_desktop.db.aggregate import key_figures
    from tracu_desktop.db.catalog import require_organisation
    from tracu_desktop.db.periods import require_period

    db = ctx.db()
    p = require_period(db, args.period)
    org = require_organisation(db)
    f = key_figures(db, p.code)
    out(f"{org.name} — {p.label()}")
    for line in key_figure_lines(p.end):
        v = f.get(line.key)
        if line.is_rate:
            shown = format_percent(v if isinstance(v, Decimal) else None)
        else:
            shown = format_int(v if isinstance(v, int) else 0)
        out(f"{line.text}: {shown}")
    return EXIT_OK


__all__ = ["register", "CliError"]
