"""Asking before typed text is dropped: Lưu / Không lưu / Hủy.

Pages holding text that is saved by a button (the report sections, “Thông tin chung”)
implement :class:`PendingEdits`; the main window calls :func:`settle` before it closes,
switches page or switches period, so an edit is never dropped without a word.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtWidgets import QMessageBox, QWidget

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


@runtime_checkable
class PendingEdits(Protocol):
    def pending_edits(self) -> str:
        """What is edited and not saved ("" when nothing), named for the clerk."""

    def save_pending(self) -> bool:
        """Save the edits; ``False`` (after saying why) when they cannot be saved."""

    def discard_pending(self) -> None:
        """Drop the edits and show the saved text again."""


def ask(parent: QWidget | None, what: str) -> str:
    """Lưu / Không lưu / Hủy for unsaved ``what``; returns SAVE, DISCARD or CANCEL."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Chưa lưu")
    box.setText(f"{what} đã sửa nhưng chưa lưu.")
    box.setInformativeText("Lưu các thay đổi trước khi tiếp tục?")
    save = box.addButton("Lưu", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Không lưu", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("Hủy", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return SAVE
    if clicked is discard:
        return DISCARD
    return CANCEL


def settle(parent: QWidget | None, widget: object) -> bool:
    """Ask about ``widget``'s unsaved edits; ``True`` when it is fine to go on."""
    if not isinstance(widget, PendingEdits):
        return True
    what = widget.pending_edits()
    if not what:
        return True
    choice = ask(parent, what)
    if choice == SAVE:
        return widget.save_pending()
    if choice == DISCARD:
        widget.discard_pending()
        return True
    return False
