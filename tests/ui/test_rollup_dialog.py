"""Kỳ báo cáo → Tổng hợp từ các tháng: the plan first, replacing needs its own tick, one
undo step."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tests.core.test_rollup import NAMES
from tracu_desktop.core.models import ValueKey
from tracu_desktop.db.periods import add_period
from tracu_desktop.db.values import Change, apply_changes, get_value
from tracu_desktop.ui.rollup_dialog import RollupDialog

U, F = "XA_KIM_SON", "X_HO_TICH"
MONTHS = {
    "2024-M01": (10, 20, 5, 8, 12, 1, 12, 2),
    "2024-M02": (13, 30, 6, 10, 20, 0, 17, 2),  # carried 13, January left 14 pending
    "2024-M03": (19, 25, 4, 9, 15, 2, 19, 3),
}


def _months(db) -> None:
    for code, values in MONTHS.items():
        add_period(db, code)
        apply_changes(
            db, [Change(ValueKey(code, U, F, n), v) for n, v in zip(NAMES, values, strict=True)]
        )


def test_rollup_dialog_shows_the_plan_and_writes_one_undo_step(window, ctx, qtbot):
    _months(ctx.db)
    add_period(ctx.db, "2024-Q1")
    apply_changes(ctx.db, [Change(ValueKey("2024-Q1", U, F, "received_online"), 70)])
    window.reload_periods("2024-Q1")
    dialog = RollupDialog(ctx, window)
    qtbot.addWidget(dialog)
    assert dialog.busy  # the plan is read on a worker
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10000)
    text = dialog.details.toPlainText()
    assert "Tổng hợp từ: tháng 01 năm 2024, tháng 02 năm 2024, tháng 3 năm 2024." in text
    assert "Cảnh báo: Xã Kim Sơn — lĩnh vực Hộ tịch:" in text and "= 13 khác" in text
    assert "Xã Kim Sơn — Hộ tịch, Số mới tiếp nhận trực tuyến: 70 → 75" in text
    assert not dialog.write_button.isEnabled()  # replacing entered figures needs the tick
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.replace
    qtbot.mouseClick(box, Qt.LeftButton, pos=QPoint(8, box.height() // 2))  # the tick box
    assert dialog.replace.isChecked() and dialog.write_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.mouseClick(dialog.write_button, Qt.LeftButton)
        assert dialog.busy and dialog.op.writes and not dialog.write_button.isEnabled()
    key = ValueKey("2024-Q1", U, F, "received_online")
    assert get_value(ctx.db, key) == 75
    assert get_value(ctx.db, key._replace(indicator="carried_over")) == 10
    assert get_value(ctx.db, key._replace(indicator="pending_overdue")) == 3
    assert "Tổng hợp từ các tháng" in ctx.undo_stack.undoText()
    window.act_undo.trigger()
    assert get_value(ctx.db, key) == 70  # the entered figure is back
    assert get_value(ctx.db, key._replace(indicator="carried_over")) is None


def test_rollup_menu_is_off_on_a_locked_period(window, ctx):
    from tracu_desktop.db.periods import set_locked

    set_locked(ctx.db, "2023", True)
    window.reload_periods("2023")
    assert not window.act_rollup.isEnabled()


def test_rollup_plan_and_write_leave_the_window_responsive(window, ctx, qtbot, monkeypatch):
    """A slow plan (a province's months) runs on a worker: a timer keeps ticking, the
    plan arrives, and the write lands in the database from the write worker."""
    import threading
    import time

    from PySide6.QtCore import QTimer

    from tracu_desktop.db import rollup as db_rollup

    _months(ctx.db)
    add_period(ctx.db, "2024-Q1")
    window.reload_periods("2024-Q1")
    real_plan = db_rollup.plan_rollup
    threads: list[threading.Thread] = []

    def slow_plan(db, code, grain=None):
        threads.append(threading.current_thread())
        time.sleep(0.6)
        return real_plan(db, code, grain)

    monkeypatch.setattr(db_rollup, "plan_rollup", slow_plan)
    ticks = [0]
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start()
    dialog = RollupDialog(ctx, window)
    qtbot.addWidget(dialog)
    assert dialog.details.toPlainText() == "Đang đọc số liệu của các kỳ nhỏ hơn…"
    assert not dialog.write_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10000)
    timer.stop()
    assert ticks[0] >= 10  # events were processed while the plan was read
    assert threads and threads[0] is not threading.main_thread()
    assert "Tổng hợp từ: tháng 01 năm 2024" in dialog.details.toPlainText()
    assert dialog.write_button.isEnabled()  # nothing entered for 2024-Q1 to replace
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.write_button.click()
    assert get_value(ctx.db, ValueKey("2024-Q1", U, F, "received_online")) == 75


def test_rollup_refusal_is_shown_in_vietnamese(window, ctx, qtbot):
    add_period(ctx.db, "2024-M01")
    add_period(ctx.db, "2024-Q1")
    window.reload_periods("2024-Q1")
    dialog = RollupDialog(ctx, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    assert dialog.plan is None and not dialog.write_button.isEnabled()
    assert "chưa có kỳ tháng 02 năm 2024" in dialog.details.toPlainText()
