"""``compare``: two periods side by side, per unit (with predecessors) or per field."""

from __future__ import annotations

import argparse

from tracu_desktop.cli.common import EXIT_OK, Context, add_command, err, out


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "compare",
        cmd_compare,
        "so sánh hai kỳ theo đơn vị (cộng các đơn vị trước đây) hoặc theo lĩnh vực",
    )
    p.add_argument("--period", required=True, help="kỳ cần so sánh, ví dụ 2026-Q1")
    p.add_argument(
        "--with",
        dest="other",
        required=True,
        metavar="KỲ",
        help="kỳ để so sánh, ví dụ 2025-Q1",
    )
    p.add_argument(
        "--by", choices=("unit", "field"), default="unit", help="theo đơn vị hoặc lĩnh vực"
    )
    p.add_argument(
        "--format",
        dest="fmt",
        choices=("text", "csv"),
        default="text",
        help="text (mặc định) hoặc csv (một dòng cho mỗi đơn vị, lĩnh vực)",
    )


def cmd_compare(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.compare import compare

    c = compare(ctx.db(), args.period, args.other, args.by)
    if args.fmt == "csv":
        out(c.csv_text())
        if c.note:
            err(c.note)
        return EXIT_OK
    out(f"So sánh {c.current_label} với {c.other_label}")
    out(f"(mỗi dòng: {c.current_code} / {c.other_code} / chênh lệch)")
    for cells in c.rows:
        out("")
        out(cells[0] + (f" (gồm các đơn vị trước đây: {cells[1]})" if cells[1] else ""))
        for k, measure in enumerate(c.measures):
            a, b, d = cells[2 + 3 * k : 5 + 3 * k]
            unit = " điểm %" if measure.is_rate and d != "–" else ""
            out(f"  {measure.name}: {a} / {b} / {d}{unit}")
    if c.note:
        out("")
        out(c.note)
    return EXIT_OK
