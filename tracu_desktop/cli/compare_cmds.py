"""``compare``: two periods side by side, per unit (with predecessors) or per field."""

from __future__ import annotations

import argparse
import csv
import io

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
    from tracu_desktop.core.compare import COUNT_NAMES, RATE_NAMES, header, row_cells
    from tracu_desktop.db.compare import compare_periods

    c = compare_periods(ctx.db(), args.period, args.other, args.by)
    cols = header(c.by, c.current.code, c.other.code)
    rows = [row_cells(r) for r in (*c.rows, c.total)]
    if args.fmt == "csv":
        from tracu_desktop.core.cell_text import safe_cell_text

        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        w.writerows([safe_cell_text(cell) for cell in row] for row in rows)
        out(buf.getvalue().rstrip("\n"))
        if c.note():
            err(c.note())
        return EXIT_OK
    out(f"So sánh {c.current.label()} với {c.other.label()}")
    out(f"(mỗi dòng: {c.current.code} / {c.other.code} / chênh lệch)")
    names = [label for _n, label in (*COUNT_NAMES, *RATE_NAMES)]
    for cells in rows:
        out("")
        out(cells[0] + (f" (gồm các đơn vị trước đây: {cells[1]})" if cells[1] else ""))
        for k, name in enumerate(names):
            a, b, d = cells[2 + 3 * k : 5 + 3 * k]
            unit = " điểm %" if k >= len(COUNT_NAMES) and d != "–" else ""
            out(f"  {name}: {a} / {b} / {d}{unit}")
    if c.note():
        out("")
        out(c.note())
    return EXIT_OK
