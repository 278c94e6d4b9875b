"""Run a service verb off the GUI thread: the one way the window does slow work.

:class:`BackgroundOp` takes a verb of :mod:`tracu_desktop.app` with its arguments bound
(``functools.partial``), calls it on a pool worker with ``progress`` and ``is_cancelled``
keyword arguments, shows a progress dialog with “Hủy” (or lets the caller show its own
progress through the ``progress`` signal) and hands the result back on the GUI thread by
signal. Verbs are given the database *path*, so the worker opens its own connection.
Operations that write (``writes=True``) run one at a time, in the order started, on a
pool of one thread; reading operations run in parallel on the global pool.
"""

from __future__ import annotations

import logging
import threading
from functools import partial
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from tracu_desktop.infra.progress import Cancelled, IsCancelled, Progress

log = logging.getLogger(__name__)

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
SHOW_AFTER_MS = 400  # quick operations finish without a dialog flashing up


class Verb(Protocol[T_co]):
    """A service verb with its arguments bound, waiting for the two callables."""

    def __call__(self, *, progress: Progress, is_cancelled: IsCancelled) -> T_co: ...


_write_pool: QThreadPool | None = None


def write_pool() -> QThreadPool:
    """One thread: writes queue up behind each other instead of racing for the file."""
    global _write_pool
    if _write_pool is None:
        _write_pool = QThreadPool()
        _write_pool.setMaxThreadCount(1)
        _write_pool.setExpiryTimeout(-1)
    return _write_pool


def failure_text(exc: BaseException) -> str:
    """The Vietnamese message of a failed verb; unexpected errors are logged in full."""
    cause = getattr(exc, "cause", None)  # ExportFailed carries the renderer's error
    if isinstance(cause, Exception):
        exc = cause
    if isinstance(exc, OSError | ValueError) or type(exc).__module__.startswith("tracu_desktop"):
        return str(exc)
    log.error("background operation failed", exc_info=exc)
    return f"Lỗi không mong đợi: {exc}"


class _Signals(QObject):
    """Created on the GUI thread, emitted from the worker: the slots run on the GUI thread."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class _Runner(QRunnable):
    _alive: set[_Runner] = set()  # the pool does not own Python runnables: keep them

    def __init__(self, verb: Verb[object], signals: _Signals, cancel: threading.Event):
        super().__init__()
        self.setAutoDelete(False)
        self.verb, self.signals, self.cancel = verb, signals, cancel
        _Runner._alive.add(self)

    def run(self) -> None:
        try:
            if self.cancel.is_set():
                raise Cancelled()
            result = self.verb(progress=self.signals.progress.emit, is_cancelled=self.cancel.is_set)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # noqa: BLE001 - every failure reaches the user
            self.signals.failed.emit(failure_text(exc))
        else:
            self.signals.finished.emit(result)
        finally:
            _Runner._alive.discard(self)


class BackgroundOp(QObject, Generic[T]):
    """One run of a verb (kept alive while it runs, even without a parent). Connect to the signals (or read ``result``/``error``), then
    :meth:`start`. ``progress`` is forwarded from the worker; ``finished`` carries the
    verb's result dataclass, ``failed`` a Vietnamese message, ``cancelled`` nothing."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    _live: set[BackgroundOp] = set()

    def __init__(
        self,
        parent: QWidget | None,
        verb: Verb[T],
        *,
        label: str,
        writes: bool = False,
        show_progress: bool = True,
    ) -> None:
        super().__init__(parent)
        self.label = label
        self.writes = writes
        self.result: T | None = None
        self.error: str | None = None
        self.was_cancelled = False
        self._verb = verb
        self._cancel = threading.Event()
        self._running = False
        self._signals = _Signals()
        self._signals.progress.connect(self._on_progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._signals.cancelled.connect(self._on_cancelled)
        self.dialog: QProgressDialog | None = None
        if show_progress:
            self.dialog = QProgressDialog(label, "Hủy", 0, 0, parent)
            self.dialog.setWindowTitle("Đang xử lý")
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(SHOW_AFTER_MS)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self.cancel)
            self.dialog.reset()  # created hidden; start() arms the timer

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> BackgroundOp[T]:
        if self._running:
            return self
        self._running = True
        BackgroundOp._live.add(self)
        # A parent closed before the worker ends takes the operation with it.
        self.destroyed.connect(partial(BackgroundOp._live.discard, self))
        if self.dialog is not None:
            self.dialog.setRange(0, 0)
            self.dialog.setValue(0)  # shows itself after SHOW_AFTER_MS if still busy
        runner = _Runner(self._verb, self._signals, self._cancel)
        (write_pool() if self.writes else QThreadPool.globalInstance()).start(runner)
        return self

    def cancel(self) -> None:
        """Ask the verb to stop at its next step; ``cancelled`` follows when it has."""
        self._cancel.set()
        if self.dialog is not None:
            self.dialog.setLabelText("Đang dừng…")

    # --- GUI thread ----------------------------------------------------------------

    def _on_progress(self, done: int, total: int) -> None:
        if self.dialog is not None and not self._cancel.is_set():
            self.dialog.setRange(0, max(total, 1))
            self.dialog.setValue(min(done, max(total, 1)))
        self.progress.emit(done, total)

    def _end(self) -> None:
        self._running = False
        BackgroundOp._live.discard(self)
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.hide()

    def _on_finished(self, result: object) -> None:
        self.result = result  # type: ignore[assignment]
        self._end()
        self.finished.emit(result)

    def _on_failed(self, message: str) -> None:
        self.error = message
        self._end()
        self.failed.emit(message)

    def _on_cancelled(self) -> None:
        self.was_cancelled = True
        self._end()
        self.cancelled.emit()
