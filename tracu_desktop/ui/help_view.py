"""User guide window (Hướng dẫn sử dụng, F1).

The guide is Markdown kept in the repository (``docs/huong-dan/``) so it is read the same
on the project site and inside the program. QTextBrowser renders it with its screenshots
(``docs/screenshots/``); images are scaled down to the window width so nothing needs
horizontal scrolling. One window is reused while it is open.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImageReader, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

GUIDE_FILE = "README.md"
_open_window: HelpWindow | None = None


def docs_dir() -> Path:
    """``docs/`` of the source tree, or its copy in a frozen bundle (``sys._MEIPASS``)."""
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base) / "docs"
    return Path(__file__).resolve().parents[2] / "docs"


def guide_path() -> Path:
    return docs_dir() / "huong-dan" / GUIDE_FILE


class HelpWindow(QWidget):
    """The guide with back/forward, a table-of-contents button and a search box."""

    def __init__(self, parent: QWidget | None = None, source: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowTitle("Hướng dẫn sử dụng")
        self.source = source or guide_path()

        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)  # _anchor_clicked decides where a link opens
        self.browser.anchorClicked.connect(self._anchor_clicked)
        self.browser.setSearchPaths([str(self.source.parent), str(docs_dir())])
        self.browser.sourceChanged.connect(lambda _url: self.fit_images())

        self.home_button = QPushButton("Mục lục")
        self.home_button.clicked.connect(self.browser.home)
        self.back_button = QPushButton("← Trở lại")
        self.back_button.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.back_button.setEnabled(False)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm trong hướng dẫn…")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.find_next)
        self.found_label = QLabel()

        bar = QHBoxLayout()
        bar.addWidget(self.home_button)
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        bar.addWidget(self.found_label)
        bar.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(self.search.setFocus)
        from tracu_desktop.ui.screen_fit import fit_to_screen

        fit_to_screen(self, 980, 700)

        if self.source.is_file():
            self.open_page(QUrl.fromLocalFile(str(self.source)))
        else:
            self.browser.setHtml(
                "<h2>Không tìm thấy tài liệu hướng dẫn</h2>"
                f"<p>Thiếu tệp <code>{self.source}</code>. Hãy cài đặt lại chương trình.</p>"
            )

    def _anchor_clicked(self, url: QUrl) -> None:
        """Chapters of the guide open here; web links and other files open outside."""
        target = self.browser.source().resolved(url)
        if target.isLocalFile() and target.toLocalFile().endswith(".md"):
            self.open_page(target)
        else:
            QDesktopServices.openUrl(target)

    def open_page(self, url: QUrl) -> None:
        self.browser.setSource(url, QTextDocument.ResourceType.MarkdownResource)

    def find_next(self) -> bool:
        """Select the next occurrence of the search text (wrapping round once)."""
        text = self.search.text().strip()
        if not text:
            return False
        found = self.browser.find(text)
        if not found:
            cursor = self.browser.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text)
        self.found_label.setText("" if found else "Không tìm thấy.")
        return found

    def fit_images(self) -> None:
        """Scale screenshots down to the text width, keeping their proportions."""
        doc = self.browser.document()
        width = max(self.browser.viewport().width() - 40, 200)
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                if fmt.isImageFormat():
                    image_fmt = fmt.toImageFormat()
                    url = self.browser.source().resolved(QUrl(image_fmt.name()))
                    size = QImageReader(url.toLocalFile()).size()
                    if size.isValid() and size.width() > 0:
                        w = min(size.width(), width)
                        image_fmt.setWidth(w)
                        image_fmt.setHeight(size.height() * w / size.width())
                        cursor = self.browser.textCursor()
                        cursor.setPosition(fragment.position())
                        cursor.setPosition(
                            fragment.position() + fragment.length(), cursor.MoveMode.KeepAnchor
                        )
                        cursor.setCharFormat(image_fmt)
                it += 1
            block = block.next()

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        super().resizeEvent(event)
        self.fit_images()


def show_help(parent: QWidget | None = None) -> HelpWindow:
    """Open the user guide (or raise the window already open); returns the window."""
    global _open_window
    window = _open_window
    if window is None or not _alive(window):
        window = HelpWindow(parent)
        window.destroyed.connect(_forget)
        _open_window = window
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def _alive(window: HelpWindow) -> bool:
    try:
        window.isVisible()
    except RuntimeError:  # the C++ object was deleted with its parent
        return False
    return True


def _forget(*_args: object) -> None:
    global _open_window
    _open_window = None
