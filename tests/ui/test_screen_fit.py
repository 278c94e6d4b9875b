"""Windows fit the screen's usable area; dialog titles are not cut by a program suffix."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from tracu_desktop.ui.screen_fit import FRAME_HEIGHT, FRAME_WIDTH, available


def _fits(widget) -> bool:
    area = available(widget)
    geo = widget.geometry()
    return (
        geo.width() + FRAME_WIDTH <= area.width()
        and geo.height() + FRAME_HEIGHT <= area.height()
        and area.contains(geo.topLeft())
    )


def test_main_window_and_preview_fit_the_available_area(ctx, qtbot, messages):
    from tracu_desktop.ui.main_window import MainWindow
    from tracu_desktop.ui.print_preview import PrintPreviewDialog

    area = available()
    assert area.width() < 1280 + FRAME_WIDTH or area.height() < 720 + FRAME_HEIGHT, (
        "the offscreen screen must be smaller than the old fixed size for this test"
    )
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    assert _fits(win)
    preview = PrintPreviewDialog(ctx, None, "05a")
    qtbot.addWidget(preview)
    assert _fits(preview)
    qtbot.waitUntil(lambda: preview.document.pageCount() > 0 and not preview.busy, timeout=8000)


def test_restored_geometry_larger_than_the_screen_is_shrunk(ctx, qtbot, tmp_path):
    from tracu_desktop.ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(3000, 2000)
    ctx.settings.setValue("main/geometry", win.saveGeometry())
    win2 = MainWindow(ctx)
    qtbot.addWidget(win2)
    assert _fits(win2)


def test_dialog_title_has_no_program_suffix(qapp, qtbot):
    from tracu_desktop.ui.app import make_app

    assert make_app() is qapp
    dlg = QDialog()
    dlg.setWindowTitle("Chốt số liệu")
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.windowHandle().title() == "Chốt số liệu"
    # Windows and X11 append a display name that differs from the application name
    # to every title ("Chốt số liệu — TraCu — …"): the program sets none.
    assert qapp.applicationDisplayName() == qapp.applicationName()
