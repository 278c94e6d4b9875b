"""Every Qt module the program imports loads, and the real print preview opens a form."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tracu_desktop.ui import selfcheck

PKG = Path(__file__).resolve().parents[2] / "tracu_desktop"


def _qt_modules_in_source() -> set[str]:
    found: set[str] = set()
    for path in PKG.rglob("*.py"):
        found |= set(re.findall(r"\bPySide6\.Qt[A-Za-z]+", path.read_text(encoding="utf-8")))
    return found


def test_self_check_lists_every_qt_module_the_program_imports() -> None:
    assert _qt_modules_in_source() <= set(selfcheck.QT_MODULES)


def test_every_qt_module_imports() -> None:
    assert selfcheck.check_qt_modules() == {name: "" for name in selfcheck.QT_MODULES}


def test_print_preview_of_a_form_opens(qapp) -> None:
    pages, inked, message = selfcheck.check_print_preview()
    assert pages >= 1 and inked, message


def test_selfcheck_command_in_a_fresh_process(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tracu_desktop", "selfcheck"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=PKG.parent,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "PySide6.QtPdf: đã nạp" in proc.stdout
    assert "Xem trước khi in biểu 06b" in proc.stdout and "Cài đặt đầy đủ." in proc.stdout


def test_a_missing_module_fails_the_check(monkeypatch) -> None:
    real = selfcheck.importlib.import_module

    def fake(name: str, *a, **k):
        if name == "PySide6.QtPdf":
            raise ModuleNotFoundError("No module named 'PySide6.QtPdf'")
        return real(name, *a, **k)

    monkeypatch.setattr(selfcheck.importlib, "import_module", fake)
    result = selfcheck.run_selfcheck()
    assert not result.ok and "QtPdf" in result.modules["PySide6.QtPdf"]
    assert result.message == "Thiếu mô-đun Qt, không thể mở bản xem trước khi in."
