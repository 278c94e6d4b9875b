"""The two callables every long operation takes, and the exception that ends one early.

Services report ``progress(done, total)`` between steps and ask ``is_cancelled()`` before
each; a cancelled operation raises :class:`Cancelled`, leaving what was finished before.
Both faces pass their own: the command line none, the GUI's background helper signals.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]


class Cancelled(Exception):
    """The user cancelled; finished steps stay, the one in progress is not written."""


def report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def check(is_cancelled: IsCancelled | None) -> None:
    """Raise :class:`Cancelled` when the user asked to stop."""
    if is_cancelled is not None and is_cancelled():
        raise Cancelled()
