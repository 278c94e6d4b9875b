"""Entry point: parses the global options and dispatches to the command modules."""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from tracu_desktop import __version__
from tracu_desktop.cli.common import EXIT_USAGE, CliError, Context, err

COMMAND_MODULES = (
    "tracu_desktop.cli.data_cmds",
    "tracu_desktop.cli.export_cmds",
    "tracu_desktop.cli.import_cmds",
    "tracu_desktop.cli.report_cmds",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # Vietnamese usage errors, exit 2
        self.print_usage(sys.stderr)
        err(f"Lỗi cú pháp lệnh: {message}")
        sys.exit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tracu-desktop",
        description="Báo cáo kiểm soát thủ tục hành chính (Thông tư 01/2020/TT-VPCP). "
        "Chạy không có lệnh để mở giao diện.",
    )
    parser.add_argument(
        "--db", type=Path, help="tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu người dùng)"
    )
    parser.add_argument("--version", action="version", version=f"tracu-desktop {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _utf8_console() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_console()
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = Context(db_path=args.db)
    if args.command is None:
        from tracu_desktop.ui.app import run_gui

        return run_gui(args.db)
    from tracu_desktop.datavalues import CsvFormatError
    from tracu_desktop.db.catalog import CatalogError
    from tracu_desktop.db.connection import DatabaseError
    from tracu_desktop.db.periods import PeriodError
    from tracu_desktop.exchange import PackageError
    from tracu_desktop.fileio import FileWriteError
    from tracu_desktop.periods import PeriodCodeError
    from tracu_desktop.preset import PresetError
    from tracu_desktop.sheet_reader import WorkbookError
    from tracu_desktop.vnformat import ParseError

    user_errors = (
        CsvFormatError,
        CatalogError,
        DatabaseError,
        PeriodError,
        PeriodCodeError,
        PresetError,
        ParseError,
        FileWriteError,
        PackageError,
        WorkbookError,
    )
    try:
        return int(args.handler(args, ctx))
    except CliError as exc:
        err(f"Lỗi: {exc}")
        return exc.code
    except user_errors as exc:
        err(f"Lỗi: {exc}")
        return EXIT_USAGE
    except sqlite3.DatabaseError as exc:
        err(f"Lỗi cơ sở dữ liệu: {exc}")
        return EXIT_USAGE
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
