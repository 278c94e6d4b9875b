"""Commands of the collecting flow: template, import, package, email."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

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
from tracu_desktop.cli.profile_cmds import register_profiles
from tracu_desktop.cli.sign_cmds import add_signer_options, package_signing
from tracu_desktop.core.form_roles import BY_FIELD, DOSSIERS, FEEDBACK, form_of
from tracu_desktop.core.vnformat import format_int

if TYPE_CHECKING:
    from tracu_desktop.interchange.workbook_import import ImportPlan

PREVIEW_LIMIT = 300


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "template",
        cmd_template,
        f"tạo mẫu nhập Excel cho đơn vị (biểu {form_of(DOSSIERS)}, {form_of(FEEDBACK)}) "
        "để gửi xã, phòng",
    )
    p.add_argument("--period", required=True, help="mã kỳ báo cáo")
    p.add_argument("--unit", required=True, help="mã hoặc tên đơn vị, hoặc all cho mọi xã và phòng")
    p.add_argument("-o", "--output", type=Path, required=True, help="tệp .xlsx hoặc thư mục")

    p = add_command(
        sub,
        "import",
        cmd_import,
        f"nhập số liệu từ tệp Excel (mẫu nhập, biểu {form_of(BY_FIELD)} xuất từ phần mềm một cửa) "
        "hoặc gói số liệu",
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
        help="xác nhận lĩnh vực (hoặc đơn vị) cho một tên lạ (“Tên=MÃ”), hoặc ánh xạ cột "
        "(“Cột A+Cột B=mã chỉ tiêu”, “Cột C=ignore”); có thể lặp lại",
    )
    p.add_argument("--profile", metavar="TÊN", help="đọc bảng theo hồ sơ nhập đã lưu")
    p.add_argument(
        "--save-profile", metavar="TÊN", help="lưu cách ánh xạ cột đã dùng thành hồ sơ nhập"
    )
    register_profiles(sub)

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
    from tracu_desktop.app.templates import make_templates

    db = ctx.db()
    unit = args.unit if args.unit == "all" else resolve_unit(db, args.unit)
    result = make_templates(db, args.period, unit, args.output)
    for p in result.paths:
        out(f"Đã tạo mẫu nhập: {p}")
    out(f"Tổng cộng {format_int(len(result.paths))} tệp.")
    return EXIT_OK


def _parse_maps(items: list[str]) -> dict[str, str]:
    maps: dict[str, str] = {}
    for item in items:
        if "=" not in item:
            raise CliError(f"Tùy chọn --map cần dạng “Tên lĩnh vực=MÃ”, không phải “{item}”.")
        label, code = item.rsplit("=", 1)
        maps[label.strip()] = code.strip()
    return maps


def _print_rollups(plan: ImportPlan) -> None:
    """Each month's (or week's) figure beside the summed one, as the preview shows them."""
    from tracu_desktop.core.indicators import indicator_map

    for rollup in plan.rollups:
        out(f"Cộng dồn {len(rollup.sources)} kỳ nhỏ: {', '.join(rollup.sources)}")
        order = {code: i for i, code in enumerate(indicator_map())}
        cells = sorted(rollup.totals, key=lambda k: (k[0], k[1], order.get(k[2], 999)))
        for unit, fld, ind in cells[:PREVIEW_LIMIT]:
            parts = rollup.per_source.get((unit, fld, ind), [])
            shown = "; ".join(
                f"{src} = {'trống' if v is None else format_int(v)}"
                for src, v in zip(rollup.sources, parts, strict=False)
            )
            total = format_int(rollup.totals[(unit, fld, ind)])
            out(f"  {unit} {fld or '-'} {ind}: {shown} → {total}")
        if len(cells) > PREVIEW_LIMIT:
            out(f"  … và {format_int(len(cells) - PREVIEW_LIMIT)} số liệu khác.")


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.history import is_history_package
    from tracu_desktop.app.import_summary import file_summary
    from tracu_desktop.app.imports import (
        UnknownCode,
        choices_from_codes,
        commit_import,
        plan_import,
    )
    from tracu_desktop.core.indicators import all_indicators
    from tracu_desktop.interchange.import_profile import is_column_map

    if any(is_history_package(f) for f in args.files):
        return _history_import(args, ctx)
    db = ctx.db()
    codes = [i.code for i in all_indicators()]
    column_maps = tuple(m for m in args.map if is_column_map(m, codes))
    try:
        choices = choices_from_codes(db, _parse_maps([m for m in args.map if m not in column_maps]))
    except UnknownCode as exc:
        raise CliError(
            f"Không có lĩnh vực hay đơn vị mã “{exc.code}” (xem: tracu-desktop fields, units)."
        ) from None
    plan = plan_import(
        db, args.files, period=args.period, unit=args.unit, choices=choices,
        profile_name=args.profile, column_maps=column_maps,
    ).plan  # fmt: skip
    for n in plan.notes[:PREVIEW_LIMIT]:
        out(f"Ghi chú: {n}")
    if not plan.ok:
        err(f"Có {format_int(len(plan.problems))} lỗi, không nhập số liệu nào:")
        for p in plan.problems:
            err(f"  {p}")
        print_layouts(plan)
        return EXIT_USAGE
    _print_rollups(plan)
    many = len(args.files) > 1 or any(parsed.kind == "package" for parsed in plan.files)
    if many:
        _print_summary(plan, file_summary(db, plan))
    if plan.replaced:
        out(
            f"Thay {format_int(len(plan.replaced))} số liệu đã có bằng số mới "
            + ("(xem “cũ → mới” dưới đây):" if not many else "(xem bảng theo tệp ở trên).")
        )
    for c in plan.changes[:PREVIEW_LIMIT] if not many else ():
        old = "trống" if c.old is None else format_int(c.old)
        rule = " (theo quy tắc của hồ sơ nhập)" if c.key in plan.rule_notes else ""
        out(
            f"  {c.key.period} {c.key.unit} {c.key.field or '-'} {c.key.indicator}: "
            f"{old} → {format_int(c.new)}{rule}"
        )
    if len(plan.changes) > PREVIEW_LIMIT and not many:
        out(f"  … và {format_int(len(plan.changes) - PREVIEW_LIMIT)} giá trị khác.")
    if args.dry_run:
        out(
            f"Xem trước: {format_int(len(plan.changes))} giá trị sẽ thay đổi "
            f"(đọc {format_int(plan.figures)} số liệu từ {len(args.files)} tệp). Chưa ghi gì."
        )
        return EXIT_OK
    result = commit_import(db, plan, remember=choices, save_profile=args.save_profile)
    if args.save_profile:
        out(f"Đã lưu hồ sơ nhập “{args.save_profile}”.")
    out(
        f"Đã nhập {format_int(len(result.changes))} giá trị thay đổi từ {len(args.files)} tệp "
        f"({format_int(plan.figures)} số liệu đọc được)."
    )
    return EXIT_OK


def _print_summary(plan: ImportPlan, lines: list[str]) -> None:
    """One line per file (sender, receiving unit, period, totals): with a hundred
    packages the clerk checks this rather than every value."""
    out(f"Tổng hợp {len(plan.files)} tệp:")
    for line in lines:
        out(f"  {line}")


def cmd_package(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.packages import make_package
    from tracu_desktop.interchange.history_package import split_codes

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
        res = make_package(
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
    from tracu_desktop.app.history import (
        HistoryError,
        check_history_package,
        make_history_package,
    )

    db = ctx.db()
    if not units or not periods:
        raise CliError("Cần ít nhất một kỳ (--period) và một đơn vị (--units).")
    issues = check_history_package(db, periods, units).errors
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
            res = make_history_package(db, periods, units, args.output, sign=sign)
    except HistoryError as exc:
        raise CliError(str(exc)) from exc
    out(
        f"Đã lập gói số liệu cũ {res.path}: {format_int(res.figures)} số liệu của "
        f"{len(res.units)} đơn vị ({'; '.join(res.units)}), kỳ {', '.join(res.periods)}."
    )
    return EXIT_OK


def _history_import(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.history import commit_history, plan_history

    db = ctx.db()
    if len(args.files) != 1:
        raise CliError("Gói số liệu cũ của đơn vị được nhập riêng, mỗi lần một gói.")
    plan = plan_history(db, args.files[0], successor=args.unit).plan
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
    done = commit_history(db, plan).changes
    out(
        f"Đã nhập {format_int(len(done))} giá trị thay đổi "
        f"({format_int(plan.figures)} số liệu đọc được) từ {plan.file}."
    )
    return EXIT_OK


def cmd_email(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.email import make_draft

    result = make_draft(ctx.db(), args.period, args.to, args.files, args.output)
    out(f"Đã soạn thư nháp {result.path}; mở tệp bằng Outlook hoặc Thunderbird để gửi.")
    return EXIT_OK


def print_layouts(plan) -> None:
    """The header found in files whose columns need mapping, with suggested targets."""
    from tracu_desktop.interchange.profile_import import suggested_targets
    from tracu_desktop.interchange.sheet_reader import column_letter

    for parsed in plan.files:
        grid = parsed.layout
        if grid is None or parsed.profile is not None:
            continue
        err(f"Các cột của bảng trong {parsed.file} (trang “{grid.sheet}”) và gợi ý ánh xạ:")
        targets = suggested_targets(grid)
        for c in grid.columns:
            err(f"  {column_letter(c.col)}: {c.caption} → {'+'.join(targets[c.key])}")
