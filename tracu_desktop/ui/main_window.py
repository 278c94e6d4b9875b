"""The main window: period selector, section navigation, pages, validation panel.

Pages come from :mod:`tracu_desktop.ui.pages` and are built on first display. Hook
points for separately built modules are imported lazily and stay disabled while the
module is missing: ``tracu_desktop.ui.export_dialog.ExportDialog(ctx, parent)``
(Tệp → Xuất biểu mẫu, báo cáo…), ``tracu_desktop.ui.print_preview.show_print_preview(ctx,
parent)`` (Tệp → Xem trước khi in…), ``tracu_desktop.ui.help_view.show_help(parent)``
(Trợ giúp → Hướng dẫn sử dụng, F1) and the optional pages of the registry.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from tracu_desktop import APP_TITLE, __version__
from tracu_desktop.core.indicators import get_indicator
from tracu_desktop.core.periods import sort_key
from tracu_desktop.core.vnformat import format_int
from tracu_desktop.db.periods import PeriodError, get_period, is_locked, list_periods, set_locked
from tracu_desktop.ui.context import AppContext
from tracu_desktop.ui.pages import FORM_PAGES, PageSpec, all_pages
from tracu_desktop.ui.validation_panel import ValidationPanel

PAGE_KEY_ROLE = Qt.ItemDataRole.UserRole + 3


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(f"{APP_TITLE} — {ctx.db_path.name}")
        self.specs: dict[str, PageSpec] = {}
        self.pages: dict[str, QWidget] = {}

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setMaximumWidth(172)
        self.nav.setMinimumWidth(140)
        self.stack = QStackedWidget()
        for spec in all_pages():
            item = QListWidgetItem(spec.label)
            item.setData(PAGE_KEY_ROLE, spec.key)
            self.nav.addItem(item)
            self.specs[spec.key] = spec
        self.nav.currentItemChanged.connect(self._nav_changed)
        nav_dock = QDockWidget("Mục", self)
        nav_dock.setObjectName("navDock")
        nav_dock.setWidget(self.nav)
        nav_dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        nav_dock.setTitleBarWidget(QWidget())
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, nav_dock)
        self.setCentralWidget(self.stack)

        self.validation = ValidationPanel(ctx)
        self.validation.jump_requested.connect(self.jump_to)
        self.validation.summary_changed.connect(self._update_status)
        self.validation.summary_changed.connect(lambda *_: self._fit_validation_dock())
        vdock = QDockWidget("Kiểm tra số liệu", self)
        vdock.setObjectName("validationDock")
        vdock.setWidget(self.validation)
        vdock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, vdock)
        self.validation_dock = vdock

        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self.db_label = QLabel(f"Dữ liệu: {ctx.db_path}")
        self.state_label = QLabel()
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.state_label)

        ctx.period_changed.connect(self._period_changed)
        self.reload_periods()
        self._update_undo_actions()
        self._restore()
        if self.nav.currentItem() is None:
            self.show_page("f06")

    # --- actions ----------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None, enabled: bool = True) -> QAction:
        act = QAction(text, self)
        act.triggered.connect(slot)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.setEnabled(enabled)
        return act

    def _build_actions(self) -> None:
        ctx = self.ctx
        self.act_new_period = self._action("Tạo kỳ báo cáo mới…", self.new_period)
        self.act_edit_period = self._action("Sửa ngày, tên kỳ báo cáo…", self.edit_period)
        self.act_lock = self._action("Chốt số liệu (khóa kỳ)…", self.lock_period)
        self.act_unlock = self._action("Mở khóa kỳ báo cáo…", self.unlock_period)
        self.act_rollup = self._action("Tổng hợp từ các tháng, các quý…", self.open_rollup)
        self.act_export = self._action("Xuất biểu mẫu, báo cáo…", self.open_export, "Ctrl+E")
        self.act_preview = self._action("Xem trước khi in…", self.open_print_preview, "Ctrl+P")
        self.act_import = self._action(
            "Nhập số liệu từ tệp Excel, gói số liệu…", self.open_import, "Ctrl+I"
        )
        self.act_template = self._action("Tạo mẫu nhập liệu cho đơn vị…", self.open_templates)
        self.act_package = self._action("Đóng gói số liệu gửi cấp trên…", self.save_package)
        self.act_email = self._action("Gửi email…", self.open_email)
        self.act_help = self._action(
            "Hướng dẫn sử dụng", self.open_help, QKeySequence.StandardKey.HelpContents
        )
        self.act_backup = self._action("Sao lưu và khôi phục…", self.open_backups)
        self.act_compact = self._action("Thu gọn dữ liệu", self.compact_data)
        self.act_about = self._action("Giới thiệu", self.about)
        self.act_quit = self._action("Thoát", self.close, QKeySequence.StandardKey.Quit)
        # Own actions rather than QUndoStack's: a step refused on a locked period must not
        # move the stack, and the toolbar keeps a fixed width (the menu names the step).
        self.act_undo = self._action("Hoàn tác", self.undo, QKeySequence.StandardKey.Undo, False)
        self.act_redo = self._action("Làm lại", self.redo, QKeySequence.StandardKey.Redo, False)
        ctx.undo_stack.indexChanged.connect(self._update_undo_actions)
        self.act_validation = self.validation_dock.toggleViewAction()
        self.act_validation.setText("Bảng kiểm tra số liệu")
        self._validation_wanted = True  # the clerk's own choice (Xem → Bảng kiểm tra số liệu)
        self.act_validation.triggered.connect(self._validation_toggled)

    def _build_toolbar(self) -> None:
        tb = self.addToolBar("Kỳ báo cáo")
        tb.setObjectName("periodToolbar")
        tb.setMovable(False)
        tb.addWidget(QLabel(" Kỳ báo cáo: "))
        self.period_box = QComboBox()
        self.period_box.setMinimumContentsLength(34)
        self.period_box.currentIndexChanged.connect(self._period_picked)
        tb.addWidget(self.period_box)
        tb.addAction(self.act_new_period)
        self.act_new_period.setIconText("Kỳ mới…")
        tb.addAction(self.act_edit_period)
        self.act_edit_period.setIconText("Sửa kỳ…")
        tb.addSeparator()
        tb.addAction(self.act_lock)
        self.act_lock.setIconText("Chốt số liệu")
        tb.addAction(self.act_unlock)
        self.act_unlock.setIconText("Mở khóa")
        tb.addSeparator()
        tb.addAction(self.act_undo)
        tb.addAction(self.act_redo)
        tb.addSeparator()
        tb.addAction(self.act_export)
        self.act_export.setIconText("Xuất…")

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu("&Tệp")
        m.addAction(self.act_import)
        m.addAction(self.act_template)
        m.addSeparator()
        m.addAction(self.act_export)
        m.addAction(self.act_preview)
        m.addAction(self.act_package)
        m.addAction(self.act_email)
        m.addSeparator()
        m.addAction(self.act_backup)
        m.addAction(self.act_compact)
        m.addSeparator()
        m.addAction(self.act_quit)
        m = mb.addMenu("&Sửa")
        m.addAction(self.act_undo)
        m.addAction(self.act_redo)
        m = mb.addMenu("&Kỳ báo cáo")
        for a in (self.act_new_period, self.act_edit_period, self.act_lock, self.act_unlock):
            m.addAction(a)
        m.addSeparator()
        m.addAction(self.act_rollup)
        m = mb.addMenu("&Xem")
        m.addAction(self.act_validation)
        m = mb.addMenu("T&rợ giúp")
        m.addAction(self.act_help)
        m.addAction(self.act_about)

    # --- undo -------------------------------------------------------------------------

    def _update_undo_actions(self, *_args) -> None:
        stack = self.ctx.undo_stack
        try:
            stack.count()
        except RuntimeError:  # the stack is being destroyed with the context
            return
        for act, can, verb, text in (
            (self.act_undo, stack.canUndo(), "Hoàn tác", stack.undoText()),
            (self.act_redo, stack.canRedo(), "Làm lại", stack.redoText()),
        ):
            act.setEnabled(can)
            act.setText(f"{verb}: {text}" if can and text else verb)
            act.setIconText(verb)
            act.setToolTip(act.text())

    def undo(self) -> None:
        self._step(undo=True)

    def redo(self) -> None:
        self._step(undo=False)

    def _step(self, undo: bool) -> None:
        """Undo or redo one step, unless refused, then show its target cell and name it."""
        from tracu_desktop.ui.edits import refusal

        stack = self.ctx.undo_stack
        if not (stack.canUndo() if undo else stack.canRedo()):
            return
        command = stack.command(stack.index() - 1 if undo else stack.index())
        reason = refusal(self.ctx, command)
        if reason:
            QMessageBox.warning(
                self, "Không hoàn tác được" if undo else "Không làm lại được", reason
            )
            return
        target = getattr(command, "target", None)
        if target is not None and target.period != self.ctx.period and not self.settle_all():
            return  # the step is in another period: the report text shown must be settled
        if undo:
            stack.undo()
        else:
            stack.redo()
        if target is not None:
            if target.period != self.ctx.period:
                self.reload_periods(target.period)
            self.jump_to(target.unit, target.field, target.indicator)
        done = "Đã hoàn tác" if undo else "Đã làm lại"
        self.statusBar().showMessage(f"{done}: {command.text()}", 15000)

    # --- pages ------------------------------------------------------------------------

    def page(self, key: str) -> QWidget:
        """The page of ``key``, created on first use."""
        if key not in self.pages:
            cls = self.specs[key].load()
            widget = cls(self.ctx, self)
            self.pages[key] = widget
            self.stack.addWidget(widget)
        return self.pages[key]

    def show_page(self, key: str) -> QWidget:
        for i in range(self.nav.count()):
            if self.nav.item(i).data(PAGE_KEY_ROLE) == key:
                self.nav.setCurrentRow(i)
                break
        return self.page(key)

    def _nav_changed(self, item: QListWidgetItem | None, prev: QListWidgetItem | None) -> None:
        if item is None:
            return
        if prev is not None and not self._settle_page(prev.data(PAGE_KEY_ROLE)):
            self.nav.blockSignals(True)  # "Hủy": stay on the page with the edits
            self.nav.setCurrentItem(prev)
            self.nav.blockSignals(False)
            return
        key = item.data(PAGE_KEY_ROLE)
        self.stack.setCurrentWidget(self.page(key))
        self.ctx.settings.setValue("main/page", key)
        self._fit_validation_dock()

    # --- validation dock ----------------------------------------------------------------

    VALIDATION_HEIGHT = 150  # with issues to list
    VALIDATION_LINE = 56  # nothing to say: one line

    def _validation_toggled(self, checked: bool) -> None:
        self._validation_wanted = checked

    def _fit_validation_dock(self) -> None:
        """The panel only where figures are entered, and collapsed to a line when empty."""
        page = self.stack.currentWidget()
        dock = self.validation_dock
        show = self._validation_wanted and hasattr(page, "model")
        if dock.isVisible() != show:
            dock.setVisible(show)
        if show:
            empty = not self.validation.issues
            # The list itself is hidden when empty (whatever view the panel uses for it),
            # leaving the panel's one-line summary.
            for view in self.validation.findChildren(QAbstractItemView):
                if view.parentWidget() is self.validation:
                    view.setVisible(not empty)
            height = self.VALIDATION_LINE if empty else self.VALIDATION_HEIGHT
            # After the layout has taken the hidden list into account.
            self._dock_height = height
            # Queued with the window as context: dropped if the window is deleted first
            # (a bare singleShot would call into a deleted window).
            QTimer.singleShot(0, self, self._apply_dock_height)

    def _apply_dock_height(self) -> None:
        self.resizeDocks([self.validation_dock], [self._dock_height], Qt.Orientation.Vertical)

    def _settle_page(self, key: str) -> bool:
        """Ask Lưu / Không lưu / Hủy when the page ``key`` holds unsaved text."""
        from tracu_desktop.ui.unsaved import settle

        page = self.pages.get(key)
        return page is None or settle(self, page)

    def settle_all(self) -> bool:
        """Every page's unsaved text saved or dropped on purpose; ``False`` on “Hủy”."""
        return all(self._settle_page(key) for key in list(self.pages))

    def jump_to(self, unit: str, field: str, indicator: str) -> None:
        ind = get_indicator(indicator)
        key = FORM_PAGES.get(ind.form if ind else "", "f06")
        page = self.show_page(key)
        select = getattr(page, "select_cell", None)
        if select is not None:
            select(unit, field, indicator)

    # --- periods ----------------------------------------------------------------------

    def open_backups(self) -> None:
        """Backup window; a restore goes into the open connection, then every page reloads."""
        from tracu_desktop.ui.backup_dialog import BackupDialog

        dlg = BackupDialog(self.ctx.db_path, parent=self, db=self.ctx.db)
        self.backup_dialog = dlg
        dlg.exec()
        if dlg.restored:
            self.ctx.undo_stack.clear()  # undo steps refer to the figures before the restore
            self.after_restore()

    def compact_data(self) -> str:
        """“Thu gọn dữ liệu”: backup, VACUUM, then tell the clerk the space freed."""
        from tracu_desktop.db.backup import BackupError
        from tracu_desktop.db.maintenance import compact_database

        try:
            result = compact_database(self.ctx.db)
        except BackupError as exc:
            QMessageBox.warning(self, "Thu gọn dữ liệu", str(exc))
            return str(exc)
        text = result.describe()
        QMessageBox.information(self, "Thu gọn dữ liệu", text)
        return text

    def after_restore(self) -> None:
        self.reload_periods(self.ctx.period)
        self.ctx.catalog_changed.emit()
        if self.ctx.period:
            self.ctx.data_changed.emit(self.ctx.period)

    def reload_periods(self, select: str | None = None) -> None:
        periods = sorted(list_periods(self.ctx.db), key=lambda p: sort_key(p.code))
        wanted = select or self.ctx.period or self.ctx.settings.value("last_period", "")
        self.period_box.blockSignals(True)
        self.period_box.clear()
        for p in periods:
            self.period_box.addItem(p.title_label(), p.code)
        idx = self.period_box.findData(wanted)
        if idx < 0:
            idx = self.period_box.count() - 1
        self.period_box.setCurrentIndex(idx)
        self.period_box.blockSignals(False)
        self.ctx.set_period(self.period_box.currentData())
        self._update_lock_actions()

    def _period_picked(self, _idx: int) -> None:
        if not self.settle_all():  # the report text belongs to the period shown
            self.period_box.blockSignals(True)
            self.period_box.setCurrentIndex(self.period_box.findData(self.ctx.period))
            self.period_box.blockSignals(False)
            return
        self.ctx.set_period(self.period_box.currentData())

    def _period_changed(self, _code: str) -> None:
        self._update_lock_actions()  # the validation panel refreshes itself on the same signal

    def new_period(self) -> None:
        from tracu_desktop.ui.period_dialog import PeriodDialog

        dlg = PeriodDialog(self.ctx, None, self)
        if dlg.exec() and dlg.result_code:
            self.reload_periods(dlg.result_code)

    def edit_period(self) -> None:
        from tracu_desktop.ui.period_dialog import PeriodDialog

        if not self.ctx.period:
            return
        dlg = PeriodDialog(self.ctx, get_period(self.ctx.db, self.ctx.period), self)
        if dlg.exec() and dlg.result_code:
            self.reload_periods(dlg.result_code)
            self.ctx.period_changed.emit(dlg.result_code)

    def _ask_reason(self, title: str, prompt: str, required: bool) -> str | None:
        from tracu_desktop.ui.period_dialog import ReasonDialog

        dlg = ReasonDialog(title, prompt, required, self)
        return dlg.reason() if dlg.exec() else None

    def _reporting_units(self) -> list:
        """Active offices and communes in force during the selected period."""
        from tracu_desktop.db.catalog import load_units
        from tracu_desktop.db.periods import get_period

        p = get_period(self.ctx.db, self.ctx.period) if self.ctx.period else None
        return [
            u
            for u in load_units(self.ctx.db, include_inactive=False)
            if u.kind.value in ("office", "commune") and (p is None or u.in_force(p.start, p.end))
        ]

    def units_without_data(self) -> list[str]:
        """Names of the units in force with no figure at all in the selected period."""
        from tracu_desktop.db.values import get_values

        if not self.ctx.period:
            return []
        with_data = {u for (u, _f, _i) in get_values(self.ctx.db, self.ctx.period)}
        return [u.name for u in self._reporting_units() if u.code not in with_data]

    def open_rollup(self) -> None:
        """The current period from its months (or quarters): plan first, write on confirm."""
        from tracu_desktop.ui.rollup_dialog import RollupDialog

        dialog = RollupDialog(self.ctx, self)
        if dialog.exec() and dialog.written:
            self.statusBar().showMessage(
                f"Đã ghi {format_int(dialog.written)} số liệu tổng hợp. Nhấn Hoàn tác để bỏ.", 8000
            )

    def lock_period(self) -> None:
        prompt = (
            "Sau khi chốt, số liệu của kỳ này không sửa hay nhập đè được cho đến khi mở khóa. "
            "Ghi chú (ví dụ: đã gửi báo cáo số …):"
        )
        missing = self.units_without_data()
        if missing:
            total = len(self._reporting_units())
            shown = ", ".join(missing[:5]) + (
                f" và {len(missing) - 5} đơn vị khác" if len(missing) > 5 else ""
            )
            prompt = (
                f"Lưu ý: còn {len(missing)}/{total} đơn vị chưa có số liệu nào trong kỳ này "
                f"({shown}).\n\n" + prompt
            )
        self._set_lock(True, self._ask_reason("Chốt số liệu", prompt, False))

    def unlock_period(self) -> None:
        self._set_lock(
            False,
            self._ask_reason("Mở khóa kỳ báo cáo", "Lý do mở lại kỳ đã chốt (bắt buộc):", True),
        )

    def _set_lock(self, locked: bool, reason: str | None) -> None:
        if reason is None or not self.ctx.period:
            return
        try:
            set_locked(self.ctx.db, self.ctx.period, locked, reason)
        except PeriodError as exc:
            QMessageBox.warning(self, "Kỳ báo cáo", str(exc))
            return
        self.ctx.period_changed.emit(self.ctx.period)

    def _update_lock_actions(self) -> None:
        locked = bool(self.ctx.period and is_locked(self.ctx.db, self.ctx.period))
        has = bool(self.ctx.period)
        self.act_lock.setEnabled(has and not locked)
        self.act_unlock.setEnabled(has and locked)
        self.act_edit_period.setEnabled(has)
        self.act_rollup.setEnabled(has and not locked)
        self._update_status(*self._counts())

    def _counts(self) -> tuple[int, int]:
        issues = self.validation.issues
        errors = sum(1 for i in issues if i.is_error)
        return errors, len(issues) - errors

    def _update_status(self, errors: int, warnings: int) -> None:
        if not self.ctx.period:
            self.state_label.setText("Chưa có kỳ báo cáo")
            return
        parts = [f"Kỳ {self.period_box.currentText()}"]
        try:
            locked = is_locked(self.ctx.db, self.ctx.period)
        except sqlite3.ProgrammingError:
            return  # a check finished after the window closed its database
        if locked:
            parts.append("đã chốt số liệu")
        parts.append("hợp lệ" if errors == 0 else f"{errors} lỗi")
        if warnings:
            parts.append(f"{warnings} cảnh báo")
        self.state_label.setText(": ".join(parts[:1]) + " — " + ", ".join(parts[1:]))
        self.state_label.setMinimumWidth(self.state_label.sizeHint().width())  # never cut

    # --- dialogs (imported when first used, to keep start-up fast) -------------------

    def open_export(self) -> None:
        from tracu_desktop.ui.export_dialog import ExportDialog

        ExportDialog(self.ctx, self).exec()

    def open_print_preview(self) -> None:
        from tracu_desktop.ui.print_preview import show_print_preview

        show_print_preview(self.ctx, self)

    def open_import(self) -> None:
        from tracu_desktop.ui.import_dialog import ImportDialog

        dlg = ImportDialog(self.ctx, self)
        accepted = dlg.exec()
        if getattr(dlg, "periods_created", None):  # a history package added periods
            self.reload_periods()
        if accepted and dlg.done_message:
            self.statusBar().showMessage(dlg.done_message, 15000)
            QMessageBox.information(self, "Đã nhập số liệu", dlg.done_message)

    def open_templates(self) -> None:
        from tracu_desktop.ui.template_dialog import TemplateDialog

        TemplateDialog(self.ctx, self).exec()

    def open_email(self) -> None:
        from tracu_desktop.ui.template_dialog import EmailDialog

        EmailDialog(self.ctx, self).exec()

    def save_package(self) -> None:
        from tracu_desktop.ui.package_action import save_package

        save_package(self.ctx, self)

    def open_help(self) -> None:
        from tracu_desktop.ui.help_view import show_help

        show_help(self)

    def about(self) -> None:
        QMessageBox.about(
            self,
            "Giới thiệu",
            f"<b>{APP_TITLE}</b><br>Phiên bản {__version__}<br><br>"
            "Nhập, kiểm tra số liệu kiểm soát thủ tục hành chính và lập biểu mẫu, báo cáo "
            "theo Thông tư 01/2020/TT-VPCP. Chạy hoàn toàn trên máy, không cần Internet.<br><br>"
            f"Tệp dữ liệu: {self.ctx.db_path}",
        )

    # --- window state -----------------------------------------------------------------

    def _restore(self) -> None:
        s = self.ctx.settings
        geo = s.value("main/geometry")
        from tracu_desktop.ui.screen_fit import fit_to_screen, keep_on_screen

        if isinstance(geo, QByteArray) and self.restoreGeometry(geo):
            keep_on_screen(self)
        else:
            fit_to_screen(self, 1280, 720)
        state = s.value("main/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        key = s.value("main/page", "")
        if key in self.specs:
            self.show_page(key)

    def closeEvent(self, event) -> None:
        if not self.settle_all():
            event.ignore()
            return
        s = self.ctx.settings
        s.setValue("main/geometry", self.saveGeometry())
        s.setValue("main/state", self.saveState())
        self.validation.stop()  # a check still running must not report into a closed window
        super().closeEvent(event)
