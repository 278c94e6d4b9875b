"""GUI fixtures: an AppContext on a private demo database, settings in a temporary file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tracu_desktop.ui.context import AppContext


@pytest.fixture
def ctx(demo_db_path: Path, demo_db, tmp_path: Path, qapp) -> AppContext:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    context = AppContext(demo_db_path, demo_db, settings)
    context.set_period("2023")
    return context
