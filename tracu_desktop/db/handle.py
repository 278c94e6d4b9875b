"""The program's database handle: plain reads at once, sqlite-utils from the first write.

Importing sqlite-utils (with click, dateutil and pluggy) costs more than drawing the
main window, while the first screen only reads. The handle therefore owns the
``sqlite3`` connection and runs ``SELECT`` and ``PRAGMA`` statements on it directly,
and starts write transactions itself (``atomic()``: ``BEGIN IMMEDIATE``); anything
else (writes, ``executescript``, table helpers, nested ``atomic()``) goes to a
:class:`sqlite_utils.Database` built around the same connection on first use. Reads
behave exactly as through sqlite-utils: in the default transaction mode neither
statement opens a transaction, so there is nothing for sqlite-utils to commit.
"""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils

_READ_KEYWORDS = ("SELECT", "PRAGMA")


def _is_read(sql: str) -> bool:
    head = sql.lstrip()[:6].upper()
    return head.startswith(_READ_KEYWORDS)


def _import_sqlite_utils() -> Any:
    """Import sqlite-utils without its optional pandas/numpy probe.

    sqlite-utils imports pandas and numpy, when installed, only to map their scalar
    types; tracu stores plain Python values and the bundle leaves both libraries out.
    On a machine that happens to have numpy, the probe alone costs ~75 ms. Other code
    may still import them later.
    """
    if "sqlite_utils" not in sys.modules:
        hidden = [name for name in ("numpy", "pandas") if name not in sys.modules]
        for name in hidden:
            sys.modules[name] = None  # type: ignore[assignment]  # makes the import fail
        try:
            import sqlite_utils  # noqa: F401
        finally:
            for name in hidden:
                if name in sys.modules and sys.modules[name] is None:
                    del sys.modules[name]
    return sys.modules["sqlite_utils"]


class Database:
    """A sqlite-utils database whose library is loaded when first needed.

    Belongs to the thread that opened it, like the connection under it.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None) -> None:
        self.conn = conn
        self.path = path
        self._utils: sqlite_utils.Database | None = None

    @property
    def utils(self) -> sqlite_utils.Database:
        """The sqlite-utils view of the same connection (imports the library once)."""
        if self._utils is None:
            module = _import_sqlite_utils()
            self._utils = module.Database(self.conn, execute_plugins=False)
        return self._utils

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        if _is_read(sql):
            if parameters is None:
                return self.conn.execute(sql)
            return self.conn.execute(sql, parameters)
        return self.utils.execute(sql, parameters)

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """One write transaction, started with ``BEGIN IMMEDIATE``.

        A deferred ``BEGIN`` followed by a read and then a write cannot wait for another
        program's write lock (SQLite fails at once to avoid a deadlock), so the busy
        timeout would never apply; taking the write lock first lets it wait. Nested
        blocks use sqlite-utils' savepoints.
        """
        if self.conn.in_transaction:
            with self.utils.atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Close, after ``PRAGMA optimize`` (refreshes the planner's statistics when useful)."""
        try:
            if not self.conn.in_transaction:
                self.conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass  # read-only or busy file: statistics wait for the next close
        self.conn.close()

    def __getattr__(self, name: str) -> Any:
        # Only reached for names the handle does not define: atomic(), executescript(),
        # table(), query(), ... all come from sqlite-utils.
        if name.startswith("__") or name == "_utils":
            raise AttributeError(name)
        return getattr(self.utils, name)

    def __getitem__(self, table: str) -> Any:
        return self.utils[table]

    def __repr__(self) -> str:
        return f"<Database {self.path or ':memory:'}>"
