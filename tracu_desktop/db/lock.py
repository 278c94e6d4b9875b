"""One program per database file: an OS-level lock on ``<database>.lock`` beside it.

The lock is taken with ``fcntl.flock`` (Linux, macOS) or ``msvcrt.locking`` (Windows)
on an open file handle, so the operating system drops it when the process ends, even
when it is killed: a crash never leaves a stale lock behind. The GUI holds the lock
for its whole life; CLI commands that write take it for the duration of the command.
Taking it is refused for a file on a network share (see :mod:`tracu_desktop.db.location`).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from types import TracebackType

from tracu_desktop.db.connection import DatabaseError


class DatabaseInUseError(DatabaseError):
    """Another TraCu window or command already works on this database file."""


class NetworkLocationError(DatabaseError):
    """The database file is on a network share, where writing is not safe."""


def resolved_identity(db_path: Path | str) -> Path:
    """The database file as the operating system finds it.

    Symbolic links, ``..``, relative spellings and (on Windows) letter case or a mapped
    drive letter for a share all lead to the same path, so two spellings of one file
    share one lock.
    """
    real = os.path.realpath(os.path.abspath(os.fspath(db_path)))
    return Path(os.path.normcase(real))


def lock_path(db_path: Path | str) -> Path:
    p = resolved_identity(db_path)
    return p.with_name(p.name + ".lock")


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)


class DatabaseLock:
    """Exclusive, non-blocking lock of one database file.

    Each instance opens its own handle, so a second lock on the same file is refused
    even inside one process.
    """

    def __init__(self, db_path: Path | str):
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self._fd: int | None = None

    @property
    def locked(self) -> bool:
        return self._fd is not None

    def acquire(self) -> DatabaseLock:
        if self._fd is not None:
            return self
        from tracu_desktop.db.location import network_location, network_refusal

        where = network_location(self.db_path)
        if where is not None:
            raise NetworkLocationError(network_refusal(self.db_path, where))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            os.close(fd)
            raise DatabaseInUseError(
                f"Tệp dữ liệu {self.db_path} đang được một cửa sổ TraCu khác (hoặc một lệnh "
                "khác) sử dụng. Hãy dùng cửa sổ đang mở, hoặc đóng nó rồi thử lại. Không thể "
                "mở cùng một tệp dữ liệu hai lần, để tránh ghi đè số liệu của nhau."
            )
        if os.name != "nt":  # the pid helps support staff; Windows forbids reading a locked byte
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        _unlock(self._fd)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> DatabaseLock:
        return self.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def is_locked(db_path: Path | str) -> bool:
    """Whether another handle (this or another process) holds the database's lock."""
    probe = DatabaseLock(db_path)
    try:
        probe.acquire()
    except DatabaseInUseError:
        return True
    probe.release()
    return False
