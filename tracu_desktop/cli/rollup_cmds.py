"""``period rollup CODE``: a quarter, half-year or year from its stored months (or quarters)."""

from __future__ import annotations

import argparse

from tracu_desktop.cli.common import EXIT_INVALID, EXIT_OK, Context, add_command, out
from tracu_desktop.core.vnformat import format_int

GRAINS = {"thang": "month", "quy": "quarter"}
SHOWN = 20  # differences listed before "…"


def register_rollup(psub: argparse._SubParsersAction) -> None:
    p = add_command(
        psub,
        "rollup",
        cmd_period_rollup,
        "tổng hợp số liệu của kỳ từ các tháng (hoặc các quý) đã nhập: cộng số phát sinh, "
        "lấy số từ kỳ trước của kỳ đầu và số đang giải quyết của kỳ cuối",
    )
    p.add_argument("code", help="mã kỳ cần tổng hợp: 2024-Q1, 2024-H1, 2024-9M, 2024")
    p.add_argument("--from", dest="grain", choices=sorted(GRAINS), help="thang | quy")
    p.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi")
    p.add_argument(
        "--replace", action="store_true", help="thay các số đã nhập khác với số tổng hợp"
    )
    p.set_defaults(writes=True)


def cmd_period_rollup(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.rollup import commit_rollup, plan_rollup
    from tracu_desktop.core.periods import normalize_code
    from tracu_desktop.core.rollup import Grain

    db = ctx.db()
    grain = Grain(GRAINS[args.grain]) if args.grain else None
    plan = plan_rollup(db, normalize_code(args.code), grain)
    sources = ", ".join(p.label() for p in plan.sources)
    out(f"Tổng hợp {plan.target.label()} từ {sources}.")
    for warning in plan.warnings:
        out(f"Cảnh báo: {warning}")
    if plan.not_derived:
        out("Không tổng hợp (nhập trực tiếp cho kỳ): " + "; ".join(plan.not_derived) + ".")
    if plan.replaced:
        out(f"{len(plan.replaced)} số liệu đã nhập của kỳ khác với số tổng hợp:")
        for change in plan.replaced[:SHOWN]:
            _period, unit, fld, indicator = change.key
            place = f"{unit}/{fld}" if fld else unit
            out(f"  {place} {indicator}: {format_int(change.old)} → {format_int(change.new)}")
        if len(plan.replaced) > SHOWN:
            out(f"  … và {len(plan.replaced) - SHOWN} số liệu khác.")
    if args.dry_run:
        out(f"Sẽ ghi {len(plan.changes)} số liệu (chạy thử, chưa ghi gì).")
        return EXIT_OK
    if plan.replaced and not args.replace:
        out("Chưa ghi gì. Dùng --replace để thay các số đã nhập bằng số tổng hợp.")
        return EXIT_INVALID
    written = commit_rollup(db, plan, replace=args.replace).changes
    out(f"Đã ghi {format_int(len(written))} số liệu cho {plan.target.label()}.")
    return EXIT_OK
