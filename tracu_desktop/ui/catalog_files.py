"""The settings page's catalog actions: import and export units and fields as CSV files,
end a unit on a date (with the unit that takes over).

An import is checked in full first (a dry run); the clerk sees every error with its line
number, or what will change, before anything is written.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from tracu_desktop.core.models import Unit
from tracu_desktop.core.vnformat import ParseError, format_date, format_int, parse_date
from tracu_desktop.db.catalog import CatalogError, save_unit
from tracu_desktop.db.handle import Database
from tracu_desktop.infra.fileio import FileWriteError
from tracu_desktop.interchange import catalog_io
from tracu_desktop.interchange.datavalues import CsvFormatError

UNITS, FIELDS = "units", "fields"
WHAT = {UNITS: "đơn vị", FIELDS: "lĩnh vực"}
CSV_FILTER = "Tệp CSV (*.csv)"
MAX_SHOWN_ERRORS = 25


def import_catalog(parent: QWidget, db: Database, which: str, path: str | None = None) -> bool:
    """Ask for a CSV file, check it, confirm, import; True when something was saved."""
    what = WHAT[which]
    if path is None:
        path, _ = QFileDialog.getOpenFileName(parent, f"Nhập danh sách {what}", "", CSV_FILTER)
        if not path:
            return False
    importer = catalog_io.import_units_file if which == UNITS else catalog_io.import_fields_file
    title = f"Nhập danh sách {what}"
    try:
        plan = importer(db, path, dry_run=True)
    except CsvFormatError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return False
    if not plan.ok:
        shown = plan.errors[:MAX_SHOWN_ERRORS]
        more = len(plan.errors) - len(shown)
        QMessageBox.warning(
            parent,
            title,
            f"Tệp {plan.file}: {len(plan.errors)} lỗi, không nhập {what} nào.\n\n"
            + "\n".join(shown)
            + (f"\n… và {more} lỗi khác." if more > 0 else ""),
        )
        return False
    if not plan.to_save:
        QMessageBox.information(
            parent, title, f"Tệp {plan.file}: danh sách {what} đã giống hệt, không có gì thay đổi."
        )
        return False
    question = (
        f"Tệp {plan.file}: sẽ thêm {format_int(len(plan.added))} {what}, sửa "
        f"{format_int(len(plan.changed))}, giữ nguyên {format_int(plan.unchanged)}. Nhập ngay?"
    )
    if QMessageBox.question(parent, title, question) != QMessageBox.StandardButton.Yes:
        return False
    try:
        importer(db, path)
    except (CatalogError, CsvFormatError) as exc:
        QMessageBox.warning(parent, title, f"{exc}\nKhông nhập {what} nào.")
        return False
    return True


def export_catalog(parent: QWidget, db: Database, which: str, path: str | None = None) -> bool:
    """Ask where, write the CSV file (the columns ``import`` reads)."""
    what = WHAT[which]
    if path is None:
        default = "DonVi.csv" if which == UNITS else "LinhVuc.csv"
        path, _ = QFileDialog.getSaveFileName(parent, f"Xuất danh sách {what}", default, CSV_FILTER)
        if not path:
            return False
    writer = catalog_io.export_units_file if which == UNITS else catalog_io.export_fields_file
    try:
        n = writer(db, Path(path))
    except (FileWriteError, OSError) as exc:
        QMessageBox.warning(parent, f"Xuất danh sách {what}", str(exc))
        return False
    QMessageBox.information(
        parent, f"Xuất danh sách {what}", f"Đã xuất {format_int(n)} {what} ra {path}."
    )
    return True


NO_SUCCESSOR = "(không có đơn vị kế thừa)"


def end_unit(parent: QWidget, db: Database, unit: Unit, units: list[Unit]) -> bool:
    """Ask the last day of ``unit`` and the unit that takes over; save both together."""
    title = f"Kết thúc đơn vị {unit.name}"
    current = format_date(unit.valid_to) if unit.valid_to else "30/06/2025"
    text, ok = QInputDialog.getText(
        parent, title, "Ngày cuối cùng đơn vị còn hoạt động (ngày/tháng/năm):", text=current
    )
    if not ok or not text.strip():
        return False
    try:
        last_day = parse_date(text.strip())
    except ParseError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return False
    after = last_day + timedelta(days=1)
    others = [u for u in units if u.code != unit.code and u.in_force(after, date.max)]
    labels = [NO_SUCCESSOR] + [f"{u.name} ({u.code})" for u in others]
    choice, ok = QInputDialog.getItem(
        parent, title, "Đơn vị tiếp nhận (kế thừa) sau ngày đó:", labels, 0, False
    )
    if not ok:
        return False
    successors = () if choice == NO_SUCCESSOR else (others[labels.index(choice) - 1].code,)
    try:
        save_unit(db, replace(unit, valid_to=last_day, successors=successors))
    except CatalogError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return False
    return True
