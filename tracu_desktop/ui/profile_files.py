"""Import profiles as files from the import window: a commune loads the profile its
province sent, a province writes one out to send."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from tracu_desktop.infra.fileio import FileWriteError
from tracu_desktop.interchange.import_profile import (
    FILE_SUFFIX,
    ProfileError,
    export_profile,
    get_profile,
    list_profiles,
    read_profile_file,
    save_profile,
)
from tracu_desktop.ui.context import AppContext

FILTER = f"Hồ sơ nhập (*{FILE_SUFFIX} *.json);;Tất cả các tệp (*)"


def load_profile_file(parent: QWidget, ctx: AppContext) -> str | None:
    """Ask for a profile file and save its profile; returns the profile's name."""
    start = str(ctx.settings.value("import/last_dir", str(Path.home())))
    name, _ = QFileDialog.getOpenFileName(parent, "Nạp hồ sơ nhập", start, FILTER)
    if not name:
        return None
    try:
        profile = read_profile_file(Path(name))
    except ProfileError as exc:
        QMessageBox.warning(parent, "Không nạp được hồ sơ nhập", str(exc))
        return None
    replaced = get_profile(ctx.db, profile.name) is not None
    save_profile(ctx.db, profile)
    verb = "Đã thay" if replaced else "Đã lưu"
    QMessageBox.information(
        parent,
        "Hồ sơ nhập",
        f"{verb} hồ sơ nhập “{profile.name}” ({len(profile.columns)} cột). Các tệp cùng dạng "
        "sẽ được đọc theo hồ sơ này.",
    )
    return profile.name


def write_profile_file(parent: QWidget, ctx: AppContext, name: str | None = None) -> Path | None:
    """Write a saved profile (``name``, or one the clerk picks) to a file."""
    names = [p.name for p in list_profiles(ctx.db)]
    if not names:
        QMessageBox.information(parent, "Hồ sơ nhập", "Chưa có hồ sơ nhập nào để ghi ra tệp.")
        return None
    if name not in names:
        name, ok = QInputDialog.getItem(
            parent, "Ghi hồ sơ nhập ra tệp", "Hồ sơ nhập:", names, 0, False
        )
        if not ok:
            return None
    profile = get_profile(ctx.db, name)
    if profile is None:
        return None
    start = str(ctx.settings.value("import/last_dir", str(Path.home())))
    target, _ = QFileDialog.getSaveFileName(
        parent, "Ghi hồ sơ nhập ra tệp", str(Path(start) / f"{profile.name}{FILE_SUFFIX}"), FILTER
    )
    if not target:
        return None
    try:
        path = export_profile(profile, Path(target))
    except (FileWriteError, OSError) as exc:
        QMessageBox.warning(parent, "Không ghi được tệp", str(exc))
        return None
    QMessageBox.information(parent, "Hồ sơ nhập", f"Đã ghi hồ sơ nhập “{profile.name}” ra {path}.")
    return path
