"""Shared fixtures: a fresh database per test, the demo database, offscreen Qt."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never write to the real per-user log folder.
os.environ.setdefault("TRACU_LOG_DIR", tempfile.mkdtemp(prefix="tracu-test-logs-"))

from tracu_desktop.db.connection import open_database  # noqa: E402


@pytest.fixture
def fresh_db(tmp_path: Path):
    """An empty, migrated database file with the Trà Cú preset loaded."""
    from tracu_desktop.db.catalog import apply_preset

    db = open_database(tmp_path / "fresh.sqlite3")
    apply_preset(db, "tra-cu")
    yield db
    db.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tracu_desktop.db.demo import create_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = open_database(path)
    create_demo(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def demo_db_path(_demo_template: Path, tmp_path: Path) -> Path:
    """Path of a private copy of the demo database (built once per session)."""
    target = tmp_path / "demo.sqlite3"
    shutil.copy(_demo_template, target)
    return target


@pytest.fixture
def demo_db(demo_db_path: Path):
    db = open_database(demo_db_path)
    yield db
    db.close()
