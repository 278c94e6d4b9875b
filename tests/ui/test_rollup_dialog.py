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
    qtbot.mouseClick(dialog.write_button, Qt.LeftButton)
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
