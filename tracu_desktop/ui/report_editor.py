"""Editing the narrative report in the GUI: document number and date, and each section's
text with its figure placeholders, previewed as it will print.

Texts are saved per period through :mod:`tracu_desktop.db.report_texts`; a text naming
an unknown placeholder is refused with the names, and nothing is saved.
"""

from __future__ import annotations

import html
import re
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeySequence,
    QShortcut,
    QSyntaxHighlighter,
    QTextCharFormat,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tracu_desktop.core.report.model import SECTION_KEYS
from tracu_desktop.core.report.placeholders import (
    UnknownPlaceholderError,
    placeholder_catalog,
    render_text,
)
from tracu_desktop.core.report.templates import builtin_template
from tracu_desktop.db.periods import PeriodError, require_period
from tracu_desktop.ui.context import AppContext
from tracu_desktop.ui.follow import follow

SECTION_NAMES = {"intro": "Mở đầu (căn cứ báo cáo)", "closing": "Câu kết"}


def section_label(key: str) -> str:
    """ "I.1 — Đánh giá tác động…": the heading without repeating its own number."""
    heading = re.sub(r"^[IVX\d]+\.\s*", "", builtin_template().headings.get(key, ""))
    return SECTION_NAMES.get(key) or (f"{key} — {heading}" if heading else key)


def markup_html(text: str) -> str:
    """The preview as printed: **bold** and *italic* rendered, not shown as stars."""
    out = html.escape(text)
    out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out, flags=re.S)
    out = re.sub(r"\*(.+?)\*", r"<i>\1</i>", out, flags=re.S)
    paragraphs = [p.replace("\n", "<br>") for p in out.split("\n\n")]
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _placeholder_text(name: str, label: str, value: str | None) -> str:
    """ "{online_rate} — tỷ lệ tiếp nhận trực tuyến: 69,85%" with the period's own value."""
    description = re.sub(r"\s*\([^()]*\)$", "", label)
    return f"{{{name}}} — {description}" + (f": {value}" if value else "")


FIELD_RE = re.compile(r"\{([A-Za-z0-9_]+)\}")


class FieldHighlighter(QSyntaxHighlighter):
    """Fields stand out as fields: known ones on blue, unknown ones on red."""

    def __init__(self, document, known: set[str]) -> None:
        super().__init__(document)
        self.known = known
        self.field = QTextCharFormat()
        self.field.setBackground(QColor("#dbe9fb"))
        self.field.setForeground(QColor("#0b4a8b"))
        self.unknown = QTextCharFormat()
        self.unknown.setBackground(QColor("#f6c6c6"))
        self.unknown.setForeground(QColor("#8b0000"))
        self.bold = QTextCharFormat()
        self.bold.setFontWeight(QFont.Weight.Bold)
        self.italic = QTextCharFormat()
        self.italic.setFontItalic(True)

    def highlightBlock(self, text: str) -> None:
        for m in re.finditer(r"\*\*(.+?)\*\*", text):
            self.setFormat(m.start(), m.end() - m.start(), self.bold)
        for m in re.finditer(r"(?<!\*)\*(?!\*)(.+?)(?<!\*)\*(?!\*)", text):
            self.setFormat(m.start(), m.end() - m.start(), self.italic)
        for m in FIELD_RE.finditer(text):
            fmt = self.field if m.group(1) in self.known else self.unknown
            self.setFormat(m.start(), m.end() - m.start(), fmt)


def unknown_message(exc: UnknownPlaceholderError) -> str:
    names = sorted({n for unknown in exc.names.values() for n in unknown})
    shown = ", ".join("{" + n + "}" for n in names)
    return (
        f"Không có trường số liệu {shown}. Xóa hoặc sửa lại, rồi chọn trường cần dùng trong "
        "danh sách “Chèn trường số liệu…” (bên cạnh mỗi trường là giá trị của kỳ này)."
    )


def _origin_text(origin: str) -> str:
    if origin == "saved":
        return "Đã lưu cho kỳ này."
    if origin == "template":
        return "Văn bản mẫu có sẵn (chưa lưu cho kỳ này)."
    return f"Lấy từ kỳ {origin} (chưa lưu cho kỳ này)."


class ReportEditor(QWidget):
    """Number, date and section texts of the selected period's report."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.number = QLineEdit()
        self.number.setPlaceholderText("để trống nếu chưa có số")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.recipient = QLineEdit()
        save_meta = QPushButton("Lưu số, ngày, nơi nhận")
        save_meta.clicked.connect(self.save_meta)
        meta = QFormLayout()
        meta.addRow("Số văn bản:", self.number)
        meta.addRow("Ngày ký:", self.date)
        meta.addRow("Kính gửi:", self.recipient)
        meta.addRow("", save_meta)

        self.section = QComboBox()
        for key in SECTION_KEYS:
            self.section.addItem(section_label(key), key)
        self.section.currentIndexChanged.connect(self._section_picked)
        self.placeholder = QComboBox()
        self.placeholder.addItem("Chèn trường số liệu…", "")
        for name, label in placeholder_catalog().items():
            self.placeholder.addItem(_placeholder_text(name, label, None), name)
        self.placeholder.activated.connect(self._insert_placeholder)
        # Long captions must not widen the window beyond a 1366-pixel screen.
        for combo in (self.section, self.placeholder):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(24)
        self.origin = QLabel()
        self.text = QPlainTextEdit()
        self.highlighter = FieldHighlighter(self.text.document(), set(placeholder_catalog()))
        self.text.textChanged.connect(self.update_preview)
        for keys, mark in (("Ctrl+B", "**"), ("Ctrl+I", "*")):
            sc = QShortcut(QKeySequence(keys), self.text)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(lambda m=mark: self.wrap_selection(m))
        self.bold_button = QPushButton("In đậm")
        self.bold_button.setToolTip("In đậm đoạn đã chọn (Ctrl+B)")
        self.bold_button.clicked.connect(lambda: self.wrap_selection("**"))
        self.italic_button = QPushButton("In nghiêng")
        self.italic_button.setToolTip("In nghiêng đoạn đã chọn (Ctrl+I)")
        self.italic_button.clicked.connect(lambda: self.wrap_selection("*"))
        self.preview = QTextBrowser()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        save = QPushButton("Lưu nội dung phần này")
        save.clicked.connect(lambda: self.save_section())

        top = QHBoxLayout()
        top.addWidget(QLabel("Phần:"))
        top.addWidget(self.section, 2)
        top.addWidget(self.placeholder, 1)
        top.addWidget(self.bold_button)
        top.addWidget(self.italic_button)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        left_lay.addWidget(
            QLabel("Nội dung (các trường {…} được thay bằng số liệu của kỳ khi in):")
        )
        left_lay.addWidget(self.text)
        right = QWidget()
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(0, 0, 0, 0)
        right_lay.addWidget(QLabel("Khi in sẽ là:"))
        right_lay.addWidget(self.preview)
        split.addWidget(left)
        split.addWidget(right)
        bottom = QHBoxLayout()
        bottom.addWidget(self.origin, 1)
        bottom.addWidget(save)

        lay = QVBoxLayout(self)
        lay.addLayout(meta)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addWidget(self.problem)
        lay.addLayout(bottom)
        self._context: dict[str, str | None] = {}
        self._shown_key = ""  # the section whose text is in the editor
        self._saved_text = ""  # that section's text as loaded
        self._saved_meta: tuple[str, QDate, str] = ("", QDate(), "")
        self._loaded_period: str | None = None
        follow(self, ctx.period_changed, lambda _c: self.reload())
        follow(self, ctx.data_changed, lambda _c: self.reload())
        self.reload()

    # --- loading ----------------------------------------------------------------------

    def reload(self) -> None:
        from tracu_desktop.db.report_figures import report_context
        from tracu_desktop.db.report_texts import load_report_texts

        if not self.ctx.period:
            return
        keep = self._loaded_period == self.ctx.period and bool(self.pending_edits())
        self._context = report_context(self.ctx.db, self.ctx.period)
        if keep:  # figures changed meanwhile: refresh the preview, keep the clerk's text
            self.update_preview()
            return
        self._loaded_period = self.ctx.period
        self.texts = load_report_texts(self.ctx.db, self.ctx.period)
        m = self.texts.meta
        self.number.setText(m.number or "")
        shown = m.report_date(require_period(self.ctx.db, self.ctx.period))
        self.date.setDate(QDate(shown.year, shown.month, shown.day))
        self.recipient.setText(self._rendered(m.recipient or ""))
        self._saved_meta = self._meta_now()
        self._fill_placeholders()
        self.load_section()

    def current_key(self) -> str:
        return str(self.section.currentData())

    def load_section(self) -> None:
        if not hasattr(self, "texts"):
            return
        key = self.current_key()
        self._shown_key = key
        self._saved_text = self.texts.sections.get(key, "")
        self.text.blockSignals(True)
        self.text.setPlainText(self._saved_text)
        self.text.blockSignals(False)
        self.origin.setText(_origin_text(self.texts.origin.get(key, "template")))
        self.update_preview()

    def _rendered(self, text: str) -> str:
        """A short text with its fields filled in ("Kính gửi: {recipient}." as printed)."""
        if "{" not in text:
            return text
        try:
            return render_text(text, self._context, "nơi nhận")
        except UnknownPlaceholderError:
            return text

    def _fill_placeholders(self) -> None:
        """The field list shows each field's value in the selected period."""
        for i in range(1, self.placeholder.count()):
            name = self.placeholder.itemData(i)
            value = self._context.get(name)
            label = placeholder_catalog().get(name, "")
            self.placeholder.setItemText(i, _placeholder_text(name, label, value))

    def wrap_selection(self, mark: str) -> None:
        """Bold (**…**) or italic (*…*) around the selection, as the toolbar and Ctrl+B/I do."""
        cursor = self.text.textCursor()
        chosen = cursor.selectedText().replace("\u2029", "\n")
        cursor.insertText(f"{mark}{chosen}{mark}")
        if not chosen:
            cursor.movePosition(cursor.MoveOperation.Left, n=len(mark))
            self.text.setTextCursor(cursor)
        self.text.setFocus()

    def _section_picked(self, _index: int) -> None:
        """Switching section asks first when the shown one has unsaved text."""
        from tracu_desktop.ui.unsaved import settle

        if self._shown_key and self._shown_key != self.current_key():
            wanted = self.current_key()
            self.section.blockSignals(True)
            self.section.setCurrentIndex(self.section.findData(self._shown_key))
            ok = settle(self, self)
            self.section.setCurrentIndex(self.section.findData(wanted if ok else self._shown_key))
            self.section.blockSignals(False)
            if not ok:
                return
        self.load_section()

    # --- unsaved edits (see tracu_desktop.ui.unsaved) ----------------------------------

    def _meta_now(self) -> tuple[str, QDate, str]:
        return (self.number.text().strip(), self.date.date(), self.recipient.text().strip())

    def pending_edits(self) -> str:
        parts = []
        if self._shown_key and self.text.toPlainText() != self._saved_text:
            parts.append(f"Nội dung phần “{section_label(self._shown_key)}”")
        if self._loaded_period and self._meta_now() != self._saved_meta:
            parts.append("Số, ngày, nơi nhận của báo cáo")
        return " và ".join(parts)

    def save_pending(self) -> bool:
        key = self._shown_key
        if self._loaded_period and self._meta_now() != self._saved_meta and not self.save_meta():
            return False
        if key and self.text.toPlainText() != self._saved_text:
            return self.save_section(key)
        return True

    def discard_pending(self) -> None:
        key = self._shown_key
        self._loaded_period = None
        self.reload()
        if key:
            self.section.blockSignals(True)
            self.section.setCurrentIndex(self.section.findData(key))
            self.section.blockSignals(False)
            self.load_section()

    def update_preview(self) -> None:
        try:
            rendered = render_text(
                self.text.toPlainText(), self._context, f"phần {self.current_key()}"
            )
        except UnknownPlaceholderError as exc:
            self.problem.setText(unknown_message(exc))
            self.preview.setPlainText("")
            return
        self.problem.setText("")
        self.preview.setHtml(markup_html(rendered))

    def _insert_placeholder(self, index: int) -> None:
        name = self.placeholder.itemData(index)
        if name:
            self.text.insertPlainText("{" + name + "}")
            self.text.setFocus()
        self.placeholder.setCurrentIndex(0)

    # --- saving -----------------------------------------------------------------------

    def save_section(self, key: str | None = None) -> bool:
        from tracu_desktop.db.report_texts import save_section_text

        key = key or self._shown_key or self.current_key()
        period = self.ctx.period
        if not period:
            return False
        text = self.text.toPlainText()
        try:
            render_text(text, self._context, f"phần {key}")
            save_section_text(self.ctx.db, period, key, text)
        except UnknownPlaceholderError as exc:
            QMessageBox.warning(self, "Chưa lưu được", unknown_message(exc))
            return False
        except PeriodError as exc:
            QMessageBox.warning(self, "Chưa lưu được", str(exc))
            return False
        self.reload_keep_section(key)
        return True

    def save_meta(self) -> bool:
        from tracu_desktop.db.report_texts import save_meta

        period = self.ctx.period
        if not period:
            return False
        d = self.date.date()
        try:
            save_meta(
                self.ctx.db,
                period,
                number=self.number.text().strip(),
                date=date(d.year(), d.month(), d.day()),
                recipient=self.recipient.text().strip(),
            )
        except PeriodError as exc:
            QMessageBox.warning(self, "Chưa lưu được", str(exc))
            return False
        self.reload_keep_section(self._shown_key or self.current_key(), keep_text=True)
        return True

    def reload_keep_section(self, key: str, keep_text: bool = False) -> None:
        """Show the saved state again, keeping the edits of the part not just saved."""
        text = self.text.toPlainText() if keep_text and key == self._shown_key else None
        saved_meta = self._meta_now()
        self._loaded_period = None
        self.reload()
        self.section.blockSignals(True)
        self.section.setCurrentIndex(self.section.findData(key))
        self.section.blockSignals(False)
        self.load_section()
        if text is not None and self.texts.sections.get(key, "") != text:
            self.text.setPlainText(text)  # saving the meta keeps this section's edits
        if not keep_text and self._meta_now() != saved_meta:
            self.number.setText(saved_meta[0])
            self.date.setDate(saved_meta[1])
            self.recipient.setText(saved_meta[2])
