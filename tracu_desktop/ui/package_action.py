"""“Đóng gói số liệu gửi cấp trên”: save the period's exchange package where the clerk chooses."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from tracu_desktop.core.vnformat import format_int
from tracu_desktop.ui.context import AppContext


def save_package(ctx: AppContext, parent: QWidget | None = None) -> Path | None:
    """Ask for a file name, write the package, report what it holds; ``None`` if cancelled."""
    from tracu_desktop.db.catalog import require_organisation
    from tracu_desktop.export.naming import export_filename
    from tracu_desktop.interchange.package import write_package

    if not ctx.period:
        QMessageBox.information(parent, "Đóng gói số liệu", "Hãy chọn kỳ báo cáo trước.")
        return None
    org = require_organisation(ctx.db)
    folder = Path(str(ctx.settings.value("package/last_dir", str(Path.home()))))
    suggested = folder / export_filename(org.short_name, ctx.period, "GoiSoLieu", "tracu.zip")
    name, _ = QFileDialog.getSaveFileName(
        parent, "Lưu gói số liệu gửi cấp trên", str(suggested), "Gói số liệu (*.tracu.zip)"
    )
    if not name:
        return None
    path = Path(name)
    ctx.settings.setValue("package/last_dir", str(path.parent))
    QGuiApplication.setOverrideCursor(Qt.WaitCursor)
    try:
        result = write_package(ctx.db, ctx.period, path)
    except (OSError, ValueError) as exc:
        QGuiApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, "Không tạo được gói số liệu", str(exc))
        return None
    QGuiApplication.restoreOverrideCursor()
    lines = [
        f"Đã lưu gói số liệu: {result.path}",
        f"Số liệu: {format_int(result.figures)} giá trị; tài liệu kèm theo: {len(result.documents)}.",
    ]
    if result.skipped:
        lines.append("Không kèm được: " + "; ".join(result.skipped))
    lines.append("\nKý số gói số liệu (chứng thư số của cơ quan) để cấp trên biết ai lập gói?")
    answer = QMessageBox.question(parent, "Đóng gói số liệu", "\n".join(lines))
    if answer == QMessageBox.StandardButton.Yes:
        from tracu_desktop.ui.signing_dialog import SigningDialog

        SigningDialog(ctx, result.path, parent, package=True).exec()
    return result.path
