"""Commands of the data core: demo, init, catalogs, periods, CSV values, validate, summary."""

from __future__ import annotations

import argparse
import csv
import io
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
    add_command(sub, "demo", cmd_demo, "tạo (hoặc làm mới) dữ liệu mẫu huyện Trà Cú năm 2023")
    p = add_command(sub, "init", cmd_init, "khởi tạo cơ sở dữ liệu từ bộ cấu hình có sẵn")
    p.add_argument("--preset", default="tra-cu", help="bộ cấu hình (mặc định: tra-cu)")

    for name, handler, text in (
        ("units", cmd_units, "liệt kê đơn vị"),
        ("fields", cmd_fields, "liệt kê lĩnh vực"),
    ):
        p = add_command(sub, name, handler, text)
        p.add_argument("--format", choices=("text", "csv"), default="text")
        p.add_argument("--all", action="store_true", help="gồm cả mục đã ngừng sử dụng")
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
    from tracu_desktop.db.demo import create_demo

    db = ctx.db()
    changed = create_demo(db)
    out(
        f"Đã tạo dữ liệu mẫu huyện Trà Cú (kỳ 2023 và các năm 2021, 2022 để so sánh; {format_int(changed)} giá trị thay đổi)."
    )
    out(f"Tệp dữ liệu: {getattr(db, 'path', '')}")
    return EXIT_OK


def cmd_init(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.core.preset import load_preset
    from tracu_desktop.db.catalog import apply_preset

    preset = load_preset(args.preset)  # an unknown preset fails before any file is made
    preset = apply_preset(ctx.db(), preset)
    out(
        f"Đã khởi tạo: {preset.organisation.name} ({len(preset.units)} đơn vị, {len(preset.fields)} lĩnh vực)."
    )
    return EXIT_OK


def _emit_csv(header: list[str], rows: list[list[str]]) -> None:
    from tracu_desktop.core.cell_text import safe_cell_text

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows([safe_cell_text(cell) for cell in row] for row in rows)
    out(buf.getvalue().rstrip("\n"))


def cmd_units(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.db.catalog import load_units

    units = load_units(ctx.db(), include_inactive=args.all)
    rows = [[u.code, u.name, str(u.level), u.parent or ""] for u in units]
    if args.format == "csv":
        _emit_csv(["code", "name", "level", "parent"], rows)
    else:
        for u in units:
            state = "" if u.active else " (ngừng sử dụng)"
            out(f"{u.code:<20} {u.level.label:<10} {u.name}{state}")
    return EXIT_OK


def cmd_fields(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.db.catalog import load_fields

    fields = load_fields(ctx.db(), include_inactive=args.all)
    if args.format == "csv":
        _emit_csv(
            ["code", "name", "level", "parent"],
            [[f.code, f.name, str(f.level), ""] for f in fields],
        )
    else:
        for f in fields:
            state = "" if f.active else " (ngừng sử dụng)"
            out(f"{f.code:<45} {f.level.label:<10} {f.name}{state}")
    return EXIT_OK


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
    from tracu_desktop.interchange.csv_io import import_values_csv

    outcome = import_values_csv(ctx.db(), args.file, dry_run=args.dry_run)
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
    from tracu_desktop.interchange.csv_io import export_values_csv

    n = export_values_csv(ctx.db(), args.period, args.output)
    out(f"Đã xuất {format_int(n)} giá trị ra {args.output}.")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.db.checks import validate_period
    from tracu_desktop.db.periods import require_period

    p = require_period(ctx.db(), args.period)
    issues = validate_period(ctx.db(), p.code)
    errors = [i for i in issues if i.is_error]
    for i in issues:
        out(f"{i.severity.label}: {i.message}")
    out(f"Kỳ {p.label()}: {len(errors)} lỗi, {len(issues) - len(errors)} cảnh báo.")
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
