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
    from tracu_desktop.app.profiles import profile_infos

    profiles = profile_infos(ctx.db())
    if not profiles:
        out("Chưa có hồ sơ nhập nào.")
        return EXIT_OK
    for p in profiles:
        line = (
            f"{p.name}: {format_int(p.columns)} cột ({format_int(p.mapped)} cột lấy số liệu), "
            f"dòng {p.rows}"
        )
        if p.split is not None:
            line += f"; cột đúng và trước hạn: {p.split}"
        out(line)
    return EXIT_OK


def cmd_profile_export(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.profiles import export_profile_file
    from tracu_desktop.interchange.import_profile import ProfileError

    try:
        done = export_profile_file(ctx.db(), args.name, args.output)
    except ProfileError as exc:
        raise CliError(str(exc)) from exc
    out(f"Đã ghi hồ sơ nhập “{done.name}” ra {done.path}.")
    return EXIT_OK


def cmd_profile_import(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.profiles import import_profile_file
    from tracu_desktop.interchange.import_profile import ProfileError

    try:
        saved = import_profile_file(ctx.db(), args.file, args.name)
    except ProfileError as exc:
        raise CliError(str(exc)) from exc
    verb = "Đã thay" if saved.replaced else "Đã lưu"
    out(f"{verb} hồ sơ nhập “{saved.name}” ({format_int(saved.columns)} cột).")
    return EXIT_OK


def cmd_profile_delete(args: argparse.Namespace, ctx: Context) -> int:
    from tracu_desktop.app.profiles import delete_profile

    if not delete_profile(ctx.db(), args.name):
        raise CliError(f"Không có hồ sơ nhập “{args.name}”.")
    out(f"Đã xóa hồ sơ nhập “{args.name}”.")
    return EXIT_OK
