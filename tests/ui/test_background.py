"""The background helper: results by signal, progress, cancel, failures in Vietnamese,
writes one at a time, and a window that keeps processing events during a long import."""

from __future__ import annotations

import threading
import time
from datetime import date
from functools import partial

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QPushButton

from tests.app.batch import commune_workbooks
from tracu_desktop.infra.progress import check
from tracu_desktop.ui.background import BackgroundOp


def _counting(n: int, *, progress, is_cancelled, pause: float = 0.0) -> dict:
    for i in range(n):
        check(is_cancelled)
        progress(i, n)
        time.sleep(pause)
    return {"thread": threading.current_thread(), "n": n}


def test_result_arrives_by_signal_from_a_worker_thread(qtbot):
    seen: list[tuple[int, int]] = []
    op = BackgroundOp(None, partial(_counting, 3), label="Đang đếm…", show_progress=False)
    op.progress.connect(lambda d, t: seen.append((d, t)))
    with qtbot.waitSignal(op.finished, timeout=5000) as signal:
        op.start()
    result = signal.args[0]
    assert result["n"] == 3 and result["thread"] is not threading.main_thread()
    assert op.result is result and not op.running
    assert seen == [(0, 3), (1, 3), (2, 3)]


def test_cancel_from_the_progress_dialog(qtbot):
    op = BackgroundOp(None, partial(_counting, 500, pause=0.01), label="Đang đếm…")
    op.start()
    qtbot.waitUntil(lambda: op.dialog.maximum() == 500, timeout=5000)
    with qtbot.waitSignal(op.cancelled, timeout=5000):
        button = op.dialog.findChild(QPushButton)
        assert button.text() == "Hủy"
        button.click()
    assert op.was_cancelled and op.result is None and not op.dialog.isVisible()


def test_failure_message_is_the_vietnamese_text(qtbot):
    def failing(*, progress, is_cancelled):
        raise ValueError("Chưa có kỳ báo cáo 2030.")

    op = BackgroundOp(None, failing, label="…", show_progress=False)
    with qtbot.waitSignal(op.failed, timeout=5000) as signal:
        op.start()
    assert signal.args == ["Chưa có kỳ báo cáo 2030."]

    def crashing(*, progress, is_cancelled):
        raise KeyError("x")

    op = BackgroundOp(None, crashing, label="…", show_progress=False)
    with qtbot.waitSignal(op.failed, timeout=5000) as signal:
        op.start()
    assert signal.args[0].startswith("Lỗi không mong đợi")


def test_writes_run_one_at_a_time(qtbot):
    spans: list[tuple[float, float]] = []

    def writing(*, progress, is_cancelled):
        start = time.monotonic()
        time.sleep(0.15)
        spans.append((start, time.monotonic()))
        return None

    ops = [
        BackgroundOp(None, writing, label="…", writes=True, show_progress=False) for _ in range(3)
    ]
    for op in ops:
        op.start()
    qtbot.waitUntil(lambda: not any(op.running for op in ops), timeout=10000)
    spans.sort()
    assert len(spans) == 3
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))  # no overlap


@pytest.fixture
def district_ctx(fresh_db, tmp_path, qapp):
    from tracu_desktop.db.periods import add_period
    from tracu_desktop.ui.context import AppContext

    add_period(fresh_db, "2023", date(2023, 1, 1), date(2023, 11, 20))
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(fresh_db.path, fresh_db, settings)
    ctx.set_period("2023")
    return ctx


def test_window_stays_responsive_while_100_workbooks_import(district_ctx, qtbot, tmp_path):
    from tracu_desktop.db.values import get_values
    from tracu_desktop.ui.import_dialog import ImportDialog

    ctx = district_ctx
    files = commune_workbooks(ctx.db, tmp_path / "xa", 100)
    dlg = ImportDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    ticks = [0]
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start()
    progress: list[tuple[int, int]] = []

    dlg.set_files(files)  # starts reading on a worker and returns at once
    assert dlg.busy
    dlg.op.progress.connect(lambda d, t: progress.append((d, t)))
    started = ticks[0]
    qtbot.waitUntil(lambda: not dlg.busy, timeout=120000)
    during_plan = ticks[0] - started
    assert dlg.plan is not None and dlg.plan.ok, [str(p) for p in dlg.plan.problems[:3]]
    assert len(dlg.plan.files) == 100 and dlg.plan.figures == 800
    assert during_plan >= 5  # the GUI thread kept running its timer while 100 files were read
    assert progress and progress[-1] == (100, 100)
    assert dlg.changes_table.rowCount() == 800

    with qtbot.waitSignal(ctx.data_changed, timeout=60000):
        dlg.commit()
        assert dlg.busy  # written on the write worker
    timer.stop()
    values = get_values(ctx.db, "2023")
    assert values[("XA_100", "X_CHUNG_THUC", "received_online")] == 200
    assert len({k[0] for k in values}) == 100
    assert "Đã nhập 800 giá trị" in dlg.done_message


def test_closing_the_import_dialog_stops_reading_but_not_writing(district_ctx, qtbot, tmp_path):
    from tracu_desktop.db.values import get_values
    from tracu_desktop.ui.import_dialog import ImportDialog

    ctx = district_ctx
    files = commune_workbooks(ctx.db, tmp_path / "xa", 30)
    dlg = ImportDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.set_files(files)
    reading = dlg.op
    dlg.reject()  # “Đóng” while the files are read
    assert not dlg.isVisible()
    qtbot.waitUntil(lambda: not reading.running, timeout=30000)
    assert reading.was_cancelled and dlg.plan is None

    dlg = ImportDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.set_files(files)
    qtbot.waitUntil(lambda: not dlg.busy, timeout=60000)
    with qtbot.waitSignal(ctx.data_changed, timeout=60000):
        dlg.commit()
        dlg.reject()  # closing while the figures are written waits for them
        assert dlg.isVisible() and "xin chờ" in dlg.summary.text()
    assert len({k[0] for k in get_values(ctx.db, "2023")}) == 30
