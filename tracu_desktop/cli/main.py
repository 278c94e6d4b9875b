"""Entry point: parses the global options and dispatches to the command modules."""

from __future__ import annotations

import argparse
import importlib
import logging
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
    "tracu_desktop.cli.backup_cmds",
)

# Commands that change the database take its lock (refused while a TraCu window has the
# file open). A command module can also mark its parser with ``set_defaults(writes=True)``.
WRITING_HANDLERS = frozenset(
    {
        "cmd_demo",
        "cmd_init",
        "cmd_period_add",
        "cmd_period_lock",
        "cmd_period_unlock",
        "cmd_values_import",
        "cmd_import",
        "cmd_report_meta",
        "cmd_create",
    }
)
log = logging.getLogger("tracu_desktop.cli")


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


def _writes(args: argparse.Namespace) -> bool:
    if getattr(args, "dry_run", False):
        return False
    marked = getattr(args, "writes", None)
    if marked is not None:
        return bool(marked)
    if getattr(args, "set_file", None) is not None:  # report-text --set
        return True
    handler = getattr(args, "handler", None)
    return getattr(handler, "__name__", "") in WRITING_HANDLERS


def _unexpected(command: str, log_file: object) -> int:
    """A bug, not a user error: keep the details for support, tell the clerk where."""
    log.exception("unexpected error in command %s", command)
    where = f" Chi tiết đã được ghi vào nhật ký: {log_file}." if log_file else ""
    err(
        "Lỗi không mong muốn của chương trình; số liệu đã lưu không bị thay đổi "
        f"(thao tác dở dang được hủy).{where} Hãy gửi tệp nhật ký cho cán bộ kỹ thuật."
    )
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_console()
    from tracu_desktop.logs import setup_logging

    log_file = setup_logging()
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = Context(db_path=args.db, writes=_writes(args))
    if args.command is None:
        from tracu_desktop.ui.app import run_gui

        return run_gui(args.db)
    from tracu_desktop.datavalues import CsvFormatError
    from tracu_desktop.db.catalog import CatalogError
    from tracu_desktop.db.connection import DatabaseError
    from tracu_desktop.db.periods import PeriodError
    from tracu_desktop.email_draft import DraftError
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
        DraftError,
    )
    try:
        return int(args.handler(args, ctx))
    except CliError as exc:
        err(f"Lỗi: {exc}")
        return exc.code
    except user_errors as exc:
        err(f"Lỗi: {exc}")
        return EXIT_USAGE
    except (sqlite3.DatabaseError, OverflowError, OSError) as exc:
        from tracu_desktop.db.errors import explain_database_error

        known = explain_database_error(exc)
        if known is not None:
            log.warning("%s in %s: %s", type(exc).__name__, args.command, exc)
            err(f"Lỗi: {known}")
            return EXIT_USAGE
        if not isinstance(exc, sqlite3.DatabaseError):
            return _unexpected(args.command, log_file)
        log.exception("database error in %s", args.command)
        err(f"Lỗi cơ sở dữ liệu: {exc}.")
        err("Kiểm tra tệp bằng: tracu-desktop backup check")
        return EXIT_USAGE
    except KeyboardInterrupt:
        err("Đã dừng theo yêu cầu; các thay đổi chưa hoàn tất không được ghi.")
        return EXIT_USAGE
    except Exception:
        return _unexpected(args.command, log_file)
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
