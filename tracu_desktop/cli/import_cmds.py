"""Commands of the collecting flow: template, import, package, email."""

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
    resolve_unit,
)
from tracu_desktop.cli.sign_cmds import add_signer_options, package_signing
from tracu_desktop.core.vnformat import format_int

PREVIEW_LIMIT = 300


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "template",
        cmd_template,
        "tạo mẫu nhập Excel cho đơn vị (biểu 06, 05a) để gửi xã, phòng",
    )
    p.add_argument("--period", required=True, help="mã kỳ báo cáo")
    p.add_argument("--unit", required=True, help="mã hoặc tên đơn vị, hoặc all cho mọi xã và phòng")
    p.add_argument("-o", "--output", type=Path, required=True, help="tệp .xlsx hoặc thư mục")

    p = add_command(
        sub,
        "import",
        cmd_import,
        "nhập số liệu từ tệp Excel (mẫu nhập, biểu 06b xuất từ phần mềm một cửa) hoặc gói số liệu",
    )
    p.add_argument("files", type=Path, nargs="+", metavar="TỆP")
    p.add_argument("--period", help="kỳ báo cáo (khi tệp không ghi rõ)")
    p.add_argument("--unit", help="đơn vị nhận số liệu (mã hoặc tên)")
    p.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="TÊN=MÃ",
        help="xác nhận lĩnh vực (hoặc đơn vị) cho một tên lạ; ghi nhớ cho tệp cùng dạng; "
        "có thể lặp lại",
    )

    p = add_command(sub, "package", cmd_package, "lập gói số liệu gửi cấp trên (.tracu.zip)")
    p.add_argument(
        "--period",
        required=True,
        help="mã kỳ; với --units có thể nhiều kỳ, cách nhau dấu phẩy (2024,2025-H1)",
    )
    p.add_argument(
        "--units",
        metavar="DANH_SÁCH",
        help="chỉ số liệu của các đơn vị này (mã hoặc tên, cách nhau dấu phẩy): gói số liệu "
        "cũ gửi xã mới kế thừa các đơn vị",
    )
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument("--no-documents", action="store_true", help="không kèm biểu mẫu, báo cáo")
    p.add_argument("--force", action="store_true", help="vẫn lập gói khi số liệu của kỳ còn lỗi")
    add_signer_options(p)  # optional: sign the manifest (detached CMS)

    p = add_command(sub, "email", cmd_email, "soạn thư nháp (.eml) kèm tệp để gửi bằng Outlook")
    p.add_argument("--period", required=True)
    p.add_argument("--to", action="append", required=True, help="địa chỉ người nhận")
    p.add_argument("files", type=Path, nargs="+", metavar="TỆP", help="tệp đính kèm")
    p.add_argument("-o", "--output", type=Path, required=True, help="tệp thư nháp .eml")


def cmd_template(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.interchange.template_xlsx import write_templates

    db = ctx.db()
    unit = args.unit if args.unit == "all" else resolve_unit(db, args.unit)
    paths = write_templates(db, args.period, unit, args.output)
    for p in paths:
        out(f"Đã tạo mẫu nhập: {p}")
    out(f"Tổng cộng {format_int(len(paths))} tệp.")
    return EXIT_OK


def _parse_maps(items: list[str]) -> dict[str, str]:
    maps: dict[str, str] = {}
    for item in items:
        if "=" not in item:
            raise CliError(f"Tùy chọn --map cần dạng “Tên lĩnh vực=MÃ”, không phải “{item}”.")
        label, code = item.rsplit("=", 1)
        maps[label.strip()] = code.strip()
    return maps


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.db.catalog import field_map, unit_map
    from tracu_desktop.interchange.history_package import is_history_package
    from tracu_desktop.interchange.workbook_import import (
        commit_import,
        plan_import,
        remember_mapping,
    )
    from tracu_desktop.interchange.workbook_parse import mapping_key

    if any(is_history_package(f) for f in args.files if f.is_file()):
        return _history_import(args, ctx)
    db = ctx.db()
    maps = _parse_maps(args.map)
    extra: dict[str, dict[str, str]] = {"field": {}, "unit": {}}
    fields = field_map(db)
    units = unit_map(db)
    for label, code in maps.items():
        if code in fields:
            extra["field"][mapping_key(fields[code].level, label)] = code
        elif code in units:
            extra["unit"][mapping_key(None, label)] = code
        else:
            raise CliError(
                f"Không có lĩnh vực hay đơn vị mã “{code}” (xem: tracu-desktop fields, units)."
            )
    plan = plan_import(db, args.files, period=args.period, unit=args.unit, extra_mappings=extra)
    for n in plan.notes[:PREVIEW_LIMIT]:
        out(f"Ghi chú: {n}")
    if not plan.ok:
        err(f"Có {format_int(len(plan.problems))} lỗi, không nhập số liệu nào:")
        for p in plan.problems:
            err(f"  {p}")
        return EXIT_USAGE
    for c in plan.changes[:PREVIEW_LIMIT]:
        old = "trống" if c.old is None else format_int(c.old)
        out(
            f"  {c.key.period} {c.key.unit} {c.key.field or '-'} {c.key.indicator}: "
            f"{old} → {format_int(c.new)}"
        )
    if len(plan.changes) > PREVIEW_LIMIT:
        out(f"  … và {format_int(len(plan.changes) - PREVIEW_LIMIT)} giá trị khác.")
    if args.dry_run:
        out(
            f"Xem trước: {format_int(len(plan.changes))} giá trị sẽ thay đổi "
            f"(đọc {format_int(plan.figures)} số liệu từ {len(args.files)} tệp). Chưa ghi gì."
        )
        return EXIT_OK
    done = commit_import(db, plan)
    for parsed in plan.files:
        for label, code in maps.items():
            if code in fields:
                remember_mapping(db, parsed.shape, "field", str(fields[code].level), label, code)
            else:
                remember_mapping(db, parsed.shape, "unit", "unit", label, code)
    out(
        f"Đã nhập {format_int(len(done))} giá trị thay đổi từ {len(args.files)} tệp "
        f"({format_int(plan.figures)} số liệu đọc được)."
    )
    return EXIT_OK


def cmd_package(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.interchange.history_package import split_codes
    from tracu_desktop.interchange.package import write_package

    db = ctx.db()
    periods = split_codes(args.period)
    if args.units is not None:
        return _history_package(args, ctx, periods, split_codes(args.units))
    if len(periods) != 1:
        raise CliError("Gói số liệu gửi cấp trên là của một kỳ; nhiều kỳ chỉ dùng với --units.")
    args.period = periods[0]
    if period_errors_block(db, args.period, args.force, "lập gói số liệu"):
        return EXIT_INVALID
    with package_signing(args) as sign:
        res = write_package(
            db, args.period, args.output, with_documents=not args.no_documents, sign=sign
        )
    out(f"Đã lập gói số liệu {res.path} ({format_int(res.figures)} số liệu).")
    for d in res.documents:
        out(f"  kèm {d}")
    for s in res.skipped:
        out(f"  không kèm: {s}")
    return EXIT_OK


def _history_package(
    args: argparse.Namespace, ctx: Context, periods: list[str], units: list[str]
) -> int:
    from tracu_desktop.interchange.history_package import (
        HistoryError,
        unit_errors,
        write_history_package,
    )

    db = ctx.db()
    if not units or not periods:
        raise CliError("Cần ít nhất một kỳ (--period) và một đơn vị (--units).")
    issues = unit_errors(db, periods, units)
    for text in issues:
        err(f"Lỗi: {text}")
    if issues and not args.force:
        err(
            f"Số liệu của các đơn vị đã chọn còn {len(issues)} lỗi: chưa lập gói. Sửa lỗi "
            "rồi làm lại, hoặc dùng --force để vẫn lập gói."
        )
        return EXIT_INVALID
    try:
        with package_signing(args) as sign:
            res = write_history_package(db, periods, units, args.output, sign=sign)
    except HistoryError as exc:
        raise CliError(str(exc)) from exc
    out(
        f"Đã lập gói số liệu cũ {res.path}: {format_int(res.figures)} số liệu của "
        f"{len(res.units)} đơn vị ({'; '.join(res.units)}), kỳ {', '.join(res.periods)}."
    )
    return EXIT_OK


def _history_import(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.interchange.history_import import (
        commit_history_import,
        plan_history_import,
    )

    db = ctx.db()
    if len(args.files) != 1:
        raise CliError("Gói số liệu cũ của đơn vị được nhập riêng, mỗi lần một gói.")
    plan = plan_history_import(db, args.files[0], successor=args.unit)
    for n in plan.notes:
        out(f"Ghi chú: {n}")
    if not plan.ok:
        err(f"Có {format_int(len(plan.problems))} lỗi, không nhập số liệu nào:")
        for p in plan.problems:
            err(f"  {p}")
        return EXIT_USAGE
    for sent, own, created in plan.mapping:
        what = "đơn vị mới" if created else "đơn vị có sẵn"
        out(f"  {sent} → {own} ({what}, kế thừa: {plan.successor.name if plan.successor else ''})")
    for code, start, end in plan.periods:
        out(f"  tạo kỳ {code} ({start:%d/%m/%Y} – {end:%d/%m/%Y})")
    if args.dry_run:
        out(f"Xem trước: {format_int(plan.figures)} số liệu sẽ được nhập. Chưa ghi gì.")
        return EXIT_OK
    done = commit_history_import(db, plan)
    out(
        f"Đã nhập {format_int(len(done))} giá trị thay đổi "
        f"({format_int(plan.figures)} số liệu đọc được) từ {plan.file}."
    )
    return EXIT_OK


def cmd_email(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.db.catalog import require_organisation
    from tracu_desktop.db.periods import require_period
    from tracu_desktop.infra.fileio import atomic_write_bytes
    from tracu_desktop.interchange.email_draft import build_draft, draft_body, draft_subject

    db = ctx.db()
    org = require_organisation(db)
    p = require_period(db, args.period)
    for f in args.files:
        if not f.is_file():
            raise CliError(f"Không tìm thấy tệp đính kèm {f}.")
    data = build_draft(
        to=args.to,
        subject=draft_subject(org.name, p.label()),
        body=draft_body(org.name, p.label(), [f.name for f in args.files]),
        attachments=args.files,
    )
    atomic_write_bytes(args.output, data)
    out(f"Đã soạn thư nháp {args.output}; mở tệp bằng Outlook hoặc Thunderbird để gửi.")
    return EXIT_OK
