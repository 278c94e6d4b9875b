"""“Đóng gói số liệu gửi cấp trên”: save the period's exchange package where the clerk chooses.

The package is made by :func:`tracu_desktop.app.packages.make_package` in the background
(rendering its forms and report takes seconds); what it holds is shown when it is written.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from tracu_desktop.app.packages import PackageResult, make_package
from tracu_desktop.core.vnformat import format_int
from tracu_desktop.ui.background import BackgroundOp
from tracu_desktop.ui.context import AppContext


def save_package(
    ctx: AppContext, parent: QWidget | None = None
) -> BackgroundOp[PackageResult] | None:
    """Ask for a file name and start writing the package; ``None`` if cancelled. When the
    package is written, say what it holds and offer to sign it."""
    from tracu_desktop.app.email import package_name
    from tracu_desktop.db.catalog import require_organisation

    if not ctx.period:
        QMessageBox.information(parent, "Đóng gói số liệu", "Hãy chọn kỳ báo cáo trước.")
        return None
    org = require_organisation(ctx.db)
    folder = Path(str(ctx.settings.value("package/last_dir", str(Path.home()))))
    suggested = folder / package_name(org.short_name, ctx.period)
    name, _ = QFileDialog.getSaveFileName(
        parent, "Lưu gói số liệu gửi cấp trên", str(suggested), "Gói số liệu (*.tracu.zip)"
    )
    if not name:
        return None
    path = Path(name)
    ctx.settings.setValue("package/last_dir", str(path.parent))
    verb = partial(make_package, ctx.db_path, ctx.period, path)
    op: BackgroundOp[PackageResult] = BackgroundOp(parent, verb, label="Đang lập gói số liệu…")
    op.finished.connect(lambda result: _written(ctx, result, parent))
    op.failed.connect(
        lambda message: QMessageBox.warning(parent, "Không tạo được gói số liệu", message)
    )
    return op.start()


def _written(ctx: AppContext, result: PackageResult, parent: QWidget | None) -> None:
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
