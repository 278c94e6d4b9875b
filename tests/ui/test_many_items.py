"""Thousands of items through every role-data path of the program, in a child process.

PySide6 6.12.0 dropped a reference to ``None`` on each ``QTreeWidgetItem.setData(col,
role, tuple)`` and the interpreter aborted after ~3.300 calls ("none_dealloc"), which
killed the program on a province's period with 4.677 warnings. A Qt upgrade that brings
such a crash back fails here instead of on a clerk's PC.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
N = 6000

SCRIPT = textwrap.dedent(
    f"""
    import os, sys
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QApplication, QListWidget, QListWidgetItem, QTableWidget, QTableWidgetItem,
        QTreeWidget, QTreeWidgetItem,
    )
    from tracu_desktop.ui.unit_tree import UNIT_ROLE
    from tracu_desktop.ui.validation_panel import ISSUE_ROLE, IssueModel
    from tracu_desktop.core.validation import Issue, Severity

    app = QApplication([])
    role = Qt.UserRole + 2
    tree = QTreeWidget()
    listw = QListWidget()
    table = QTableWidget({N}, 1)
    for i in range({N}):
        item = QTreeWidgetItem([str(i)])
        item.setData(0, role, ("U" + str(i), "F", "received_online"))  # tuple (old panel)
        item.setData(0, UNIT_ROLE, "U" + str(i))  # unit tree
        tree.addTopLevelItem(item)
        entry = QListWidgetItem(str(i))
        entry.setData(Qt.UserRole, "/backups/" + str(i))  # backup dialog, navigation
        entry.setData(role, (i, None))
        listw.addItem(entry)
        cell = QTableWidgetItem(str(i))
        cell.setData(Qt.UserRole, (i, "x"))
        table.setItem(i, 0, cell)
    total = sum(len(tree.topLevelItem(i).data(0, role)) for i in range({N}))
    model = IssueModel()
    model.set_issues([
        Issue("outlier", Severity.WARNING, "Cảnh báo " + str(i), "U" + str(i), "F", "x")
        for i in range({N})
    ])
    for row in range(model.rowCount()):
        for role_ in (Qt.DisplayRole, Qt.ToolTipRole, Qt.BackgroundRole, ISSUE_ROLE):
            model.data(model.index(row, 0), role_)
            model.data(model.index(row, 1), role_)
    print("ok", total, model.rowCount())
    """
)


def test_thousands_of_role_data_items_do_not_crash() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["ok", str(3 * N), str(N)]
