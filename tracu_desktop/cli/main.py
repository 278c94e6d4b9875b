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
from tracu_desktop.cli.parser import VietnameseParser

COMMAND_MODULES = (
    "tracu_desktop.cli.data_cmds",
    "tracu_desktop.cli.export_cmds",
    "tracu_desktop.cli.import_cmds",
    "tracu_desktop.cli.report_cmds",
    "tracu_desktop.cli.backup_cmds",
    "tracu_desktop.cli.selfcheck_cmds",
    "tracu_desktop.cli.sign_cmds",
    "tracu_desktop.cli.compare_cmds",
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
        "cmd_trust",
    }
)
# Commands that may make a new database file; every other one needs an existing file.
CREATING_HANDLERS = frozenset({"cmd_demo", "cmd_init"})
# Shell convention for a program ended by a closed pipe (128 + SIGPIPE).
EXIT_PIPE = 141
log = logging.getLogger("tracu_desktop.cli")


def build_parser() -> argparse.ArgumentParser:
    parser = VietnameseParser(
        prog="tracu-desktop",
        description="Báo cáo kiểm soát thủ tục hành chính (Thông tư 01/2020/TT-VPCP). "
        "Chạy không có lệnh để mở giao diện.",
    )
    parser.add_argument(
        "--db", type=Path, help="tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu người dùng)"
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"tracu-desktop {__version__}",
        help="in số phiên bản rồi thoát",
    )
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=VietnameseParser)
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


def _creates(args: argparse.Namespace) -> bool:
    return getattr(getattr(args, "handler", None), "__name__", "") in CREATING_HANDLERS


def _silence_stdout() -> None:
    """After a closed pipe: point stdout at the null device so the flush at exit does
    not fail a second time (Python's documented recipe)."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # stdout replaced (tests) or already gone


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
    from tracu_desktop.infra.logs import setup_logging

    log_file = setup_logging()
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = Context(db_path=args.db, writes=_writes(args), creates=_creates(args))
    if args.command is None:
        from tracu_desktop.ui.app import run_gui

        return run_gui(args.db)
    from tracu_desktop.core.formspec import FormSpecError
    from tracu_desktop.core.periods import PeriodCodeError
    from tracu_desktop.core.preset import PresetError
    from tracu_desktop.core.rollup import RollupError
    from tracu_desktop.core.vnformat import ParseError
    from tracu_desktop.db.catalog import CatalogError
    from tracu_desktop.db.connection import DatabaseError
    from tracu_desktop.db.periods import PeriodError
    from tracu_desktop.infra.fileio import FileWriteError
    from tracu_desktop.interchange.datavalues import CsvFormatError
    from tracu_desktop.interchange.email_draft import DraftError
    from tracu_desktop.interchange.exchange import PackageError
    from tracu_desktop.interchange.import_profile import ProfileError
    from tracu_desktop.interchange.sheet_reader import WorkbookError
    from tracu_desktop.signing.errors import SIGNING_ERRORS

    user_errors: tuple[type[Exception], ...] = (
        CsvFormatError,
        CatalogError,
        DatabaseError,
        PeriodError,
        PeriodCodeError,
        PresetError,
        RollupError,
        ParseError,
        FileWriteError,
        PackageError,
        WorkbookError,
        *SIGNING_ERRORS,
        DraftError,
        FormSpecError,
        ProfileError,
    )
    failed = True  # a failed command takes away a database file it has just created
    try:
        code = int(args.handler(args, ctx))
        failed = code != 0
        sys.stdout.flush()  # a closed pipe shows here, not in the flush at exit
        return code
    except BrokenPipeError:
        # Output piped into ``head`` or a pager that quit: end quietly, as Unix tools do.
        # What the command finished before printing stays (its writes are committed).
        failed = False
        _silence_stdout()
        return EXIT_PIPE
    except CliError as exc:
        err(f"Lỗi: {exc}")
        return exc.code
    except user_errors as exc:
        err(f"Lỗi: {exc}")
        return EXIT_USAGE
    except (sqlite3.DatabaseError, OverflowError, OSError) as exc:
        from tracu_desktop.db.errors import explain_database_error

        named_file = isinstance(exc, OSError) and bool(exc.filename)
        known = None if named_file else explain_database_error(exc)
        if known is not None:
            log.warning("%s in %s: %s", type(exc).__name__, args.command, exc)
            err(f"Lỗi: {known}")
            return EXIT_USAGE
        if isinstance(exc, OSError):
            from tracu_desktop.infra.oserror_text import describe_os_error

            log.info("OS error in %s: %s", args.command, exc)
            err(f"Lỗi: {describe_os_error(exc)}")
            return EXIT_USAGE
        if not isinstance(exc, sqlite3.DatabaseError):
            return _unexpected(args.command, log_file)
        log.exception("database error in %s", args.command)
        from tracu_desktop.infra.oserror_text import sqlite_error_reason

        err(f"Lỗi cơ sở dữ liệu: {sqlite_error_reason(exc)}.")
        err("Kiểm tra tệp bằng: tracu-desktop backup check")
        return EXIT_USAGE
    except KeyboardInterrupt:
        err("Đã dừng theo yêu cầu; các thay đổi chưa hoàn tất không được ghi.")
        return EXIT_USAGE
    except Exception:
        return _unexpected(args.command, log_file)
    finally:
        ctx.close(failed=failed)


if __name__ == "__main__":
    sys.exit(main())
