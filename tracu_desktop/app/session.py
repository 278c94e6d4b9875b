"""A database for one verb: the caller's open connection, or one opened from a path."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from tracu_desktop.db.handle import Database

Source = Database | Path | str


@contextlib.contextmanager
def opened(source: Source) -> Iterator[Database]:
    """Yield a connection; one opened here is closed on leaving (worker threads own theirs)."""
    if isinstance(source, Database):
        yield source
        return
    from tracu_desktop.db.connection import open_database

    db = open_database(Path(source), create=False)
    try:
        yield db
    finally:
        db.close()
