"""``import-profile list|export|import|delete``: column mappings of export layouts, by name."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracu_desktop.cli.common import EXIT_OK, CliError, Context, add_command, out
from tracu_desktop.core.vnformat import format_int


def register_profiles(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "import-profile",
        cmd_profile_list,
        "hồ sơ nhập: cách ánh xạ các cột của một dạng tệp xuất sang chỉ tiêu (list, export, import)",
    )
    psub = p.add_subparsers(dest="profile_cmd", metavar="LỆNH")
    add_command(psub, "list", cmd_profile_list, "liệt kê các hồ sơ nhập đã lưu")
    q = add_command(
        psub, "export", cmd_profile_export, "ghi một hồ sơ nhập ra tệp để gửi đơn vị khác"
    )
    q.add_argument("name", metavar="TÊN")
    q.add_argument("-o", "--output", type=Path, required=True, help="tệp .tracu-profile.json")
    q = add_command(psub, "import", cmd_profile_import, "nạp hồ sơ nhập từ tệp")
    q.add_argument("file", type=Path, metavar="TỆP")
    q.add_argument("--name", help="lưu với tên khác")
    q.set_defaults(writes=True)
    q = add_command(psub, "delete", cmd_profile_delete, "xóa một hồ sơ nhập")
    q.add_argument("name", metavar="TÊN")
    q.set_defaults(writes=True)


def cmd_profile_list(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.interchange.import_profile import ROW_KINDS, SPLIT_RULES, list_profiles

    profiles = list_profiles(ctx.db())
    if not profiles:
        out("Chưa có hồ sơ nhập nào.")
        return EXIT_OK
    for p in profiles:
        mapped = sum(1 for ts in p.columns.values() if ts != ("ignore",))
        line = (
            f"{p.name}: {format_int(len(p.columns))} cột ({format_int(mapped)} cột lấy số liệu), "
            f"dòng {ROW_KINDS[p.rows]}"
        )
        if p.uses_split():
            line += f"; cột đúng và trước hạn: {SPLIT_RULES[p.split]}"
        out(line)
    return EXIT_OK


def cmd_profile_export(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.interchange.import_profile import (
        ProfileError,
        export_profile,
        require_profile,
    )

    try:
        profile = require_profile(ctx.db(), args.name)
    except ProfileError as exc:
        raise CliError(str(exc)) from exc
    path = export_profile(profile, args.output)
    out(f"Đã ghi hồ sơ nhập “{profile.name}” ra {path}.")
    return EXIT_OK


def cmd_profile_import(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.interchange.import_profile import (
        ProfileError,
        get_profile,
        read_profile_file,
        save_profile,
    )

    try:
        profile = read_profile_file(args.file)
    except ProfileError as exc:
        raise CliError(str(exc)) from exc
    if args.name:
        profile.name = args.name
    db = ctx.db()
    replaced = get_profile(db, profile.name) is not None
    save_profile(db, profile)
    verb = "Đã thay" if replaced else "Đã lưu"
    out(f"{verb} hồ sơ nhập “{profile.name}” ({format_int(len(profile.columns))} cột).")
    return EXIT_OK


def cmd_profile_delete(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.interchange.import_profile import delete_profile

    if not delete_profile(ctx.db(), args.name):
        raise CliError(f"Không có hồ sơ nhập “{args.name}”.")
    out(f"Đã xóa hồ sơ nhập “{args.name}”.")
    return EXIT_OK
