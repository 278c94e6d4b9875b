"""Window sizes from the screen's usable area (without the taskbar), not fixed pixels.

A 1366×768 laptop with a 40 px taskbar, or a 1920×1080 screen at 150 % scaling
(1280×720 logical pixels), has less room than a fixed 1280×720 client area plus the
title bar: windows are sized to the available geometry, minus the window frame.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for the window frame and title bar, which are not known before the first show.
FRAME_WIDTH = 16
FRAME_HEIGHT = 40


def available(widget: QWidget | None = None) -> QRect:
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(widget: QWidget, width: int, height: int, center: bool = True) -> None:
    """Resize to ``width``×``height`` or less, so that frame and title stay on screen."""
    area = available(widget)
    w = max(320, min(width, area.width() - FRAME_WIDTH))
    h = max(240, min(height, area.height() - FRAME_HEIGHT))
    widget.resize(w, h)
    if center:
        widget.move(
            area.x() + (area.width() - w - FRAME_WIDTH) // 2,
            area.y() + max(0, (area.height() - h - FRAME_HEIGHT) // 2),
        )


def keep_on_screen(widget: QWidget) -> None:
    """Shrink and move a restored window that no longer fits (another screen, scaling)."""
    area = available(widget)
    geo = widget.geometry()
    if geo.width() + FRAME_WIDTH > area.width() or geo.height() + FRAME_HEIGHT > area.height():
        fit_to_screen(widget, geo.width(), geo.height())
    elif not area.contains(geo.topLeft()):
        widget.move(area.topLeft())
