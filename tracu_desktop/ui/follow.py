"""Connections from a long-lived object's signal that end with the widget listening.

PySide drops a connection when the QObject whose bound method is the slot is deleted, but
not one made with a lambda: a page deleted while the application context lives on would
still be called by the context's next signal, on a deleted widget or a closed database.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, SignalInstance


class _Relay(QObject):
    """A child of the listener: deleted with it, which drops the connection."""

    def __init__(self, listener: QObject, slot: Callable[..., object]) -> None:
        super().__init__(listener)
        self._slot = slot

    def fire(self, *args: object) -> None:
        self._slot(*args)


def follow(listener: QObject, signal: SignalInstance, slot: Callable[..., object]) -> None:
    """Call ``slot`` with the signal's arguments for as long as ``listener`` exists."""
    signal.connect(_Relay(listener, slot).fire)
