"""``selfcheck``: proves an installation can show and print what it makes."""

from __future__ import annotations

import argparse

from tracu_desktop.cli.common import EXIT_INVALID, EXIT_OK, Context, add_command, out


def register(sub: argparse._SubParsersAction) -> None:
    add_command(
        sub,
        "selfcheck",
        cmd_selfcheck,
        "kiểm tra cài đặt: các mô-đun Qt và bản xem trước khi in (trên dữ liệu mẫu tạm)",
    )


def cmd_selfcheck(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.ui.selfcheck import PREVIEW_FORM, run_selfcheck

    result = run_selfcheck()
    for module, error in result.modules.items():
        out(f"{module}: {'đã nạp' if not error else 'LỖI — ' + error}")
    if result.preview_pages:
        inked = "có nội dung" if result.preview_inked else "TRANG TRẮNG"
        out(f"Xem trước khi in biểu {PREVIEW_FORM}: {result.preview_pages} trang, {inked}.")
    if result.message:
        out(result.message)
    out("Cài đặt đầy đủ." if result.ok else "Cài đặt chưa đầy đủ.")
    return EXIT_OK if result.ok else EXIT_INVALID
