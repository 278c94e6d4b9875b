"""The local SQLite store (through sqlite-utils).

Threading: a :class:`~tracu_desktop.db.handle.Database` belongs to the thread that
opened it; a worker opens its own with :func:`open_database`. Every write goes through
``db.atomic()`` so a failure leaves nothing half-changed.
"""

from tracu_desktop.db.connection import (
    DatabaseError,
    default_db_path,
    open_database,
)
from tracu_desktop.db.handle import Database

__all__ = ["Database", "DatabaseError", "default_db_path", "open_database"]
