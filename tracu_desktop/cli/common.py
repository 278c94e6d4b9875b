"""Shared plumbing of the command modules: context, errors, output."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A user-facing failure: message printed in Vietnamese, exit code 2 by default."""

    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code


@dataclass
class Context:
    db_path: Path | None
    _db: Database | None = field(default=None, repr=False)

    def db(self) -> Database:
        if self._db is None:
            from tracu_desktop.db.connection import open_database

            self._db = open_database(self.db_path)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


Handler = Callable[[argparse.Namespace, Context], int]


def add_command(
    sub: argparse._SubParsersAction, name: str, handler: Handler, help_text: str
) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help_text, description=help_text)
    parser.set_defaults(handler=handler)
    return parser


def out(text: str = "") -> None:
    print(text)


def err(text: str) -> None:
    print(text, file=sys.stderr)
