"""``backup list|create|restore|check|compact``: the clerk's safety net from the command line."""

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
    no_database_message,
    out,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(sub, "backup", _help, "sao lưu và khôi phục tệp dữ liệu")
    bsub = p.add_subparsers(dest="backup_command", metavar="THAO_TÁC")
    add_command(bsub, "list", cmd_list, "liệt kê các bản sao lưu (mới nhất trước)")
    add_command(bsub, "create", cmd_create, "tạo một bản sao lưu ngay")
    r = add_command(
        bsub,
        "restore",
        cmd_restore,
        "khôi phục từ một bản sao lưu (mặc định: bản nguyên vẹn mới nhất)",
    )
    r.add_argument(
        "file", nargs="?", type=Path, help="tệp sao lưu (đường dẫn hoặc tên trong backups/)"
    )
    add_command(bsub, "check", cmd_check, "kiểm tra tính toàn vẹn của tệp dữ liệu")
    add_command(
        bsub, "compact", cmd_compact, "thu gọn dữ liệu (sao lưu trước, rồi bỏ các trang trống)"
    )


def _help(args: argparse.Namespace, ctx: Context) -> int:
    err("Cần chọn thao tác: list, create, restore, check, compact (xem: tracu-desktop backup -h).")
    return EXIT_USAGE


def _size(n: int) -> str:
    from tracu_desktop.core.vnformat import format_decimal_vi

    return (
        f"{format_decimal_vi(round(n / 1024 / 1024, 1))} MB"
        if n >= 1024 * 1024
        else f"{max(1, n // 1024)} KB"
    )


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.backups import list_backups

    found = list_backups(ctx.resolved_path())
    if not found.backups:
        out(f"Chưa có bản sao lưu nào trong {found.folder}.")
        return EXIT_OK
    out(f"Các bản sao lưu trong {found.folder} (mới nhất trước):")
    for b in found.backups:
        if b.original_size is not None:
            sizes = f"{_size(b.size)} (nén từ {_size(b.original_size)})"
        else:
            sizes = f"{_size(b.size)} (không nén)"
        out(f"  {b.path.name}  {b.label}  {sizes}")
    out(f"Tổng dung lượng: {_size(found.total)} (giới hạn {_size(found.budget)}).")
    return EXIT_OK


def cmd_create(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.backups import make_backup

    ctx.db()  # opens (and locks) the file, applying migrations if any
    result = make_backup(ctx.resolved_path())
    out(f"Đã tạo bản sao lưu {result.path}.")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.backups import BackupNotFound, choose_backup, restore

    path = ctx.resolved_path()
    ctx.lock()  # no other window or command may have the file open
    try:
        choice = choose_backup(path, args.file)
    except BackupNotFound as exc:
        raise CliError(
            f"Không tìm thấy bản sao lưu {exc.name} (xem: tracu-desktop backup list)."
        ) from None
    out(f"Bản sao lưu {choice.source.name} chứa: {choice.contents.describe()}.")
    result = restore(path, choice.source)
    out(f"Đã khôi phục tệp dữ liệu {path} từ {result.source.name}.")
    if result.safety is not None:
        out(f"Tệp trước khi khôi phục được giữ lại: {result.safety}.")
    return EXIT_OK


def cmd_check(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.db.backup import check_integrity, newest_good_backup
    from tracu_desktop.db.startup import recovery_message

    path = ctx.resolved_path()
    if not path.is_file():
        raise CliError(no_database_message(path, ctx.db_path is not None))
    result = check_integrity(path, quick=False)
    if result.ok:
        out(f"Tệp dữ liệu {path} nguyên vẹn.")
        return EXIT_OK
    err(recovery_message(path, result, newest_good_backup(path)))
    err("Khôi phục bằng lệnh: tracu-desktop backup restore")
    return EXIT_INVALID


def cmd_compact(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.db.maintenance import compact_database

    result = compact_database(ctx.db())
    if result.backup is not None:
        out(f"Đã sao lưu trước khi thu gọn: {result.backup}.")
    out(result.describe())
    return EXIT_OK
