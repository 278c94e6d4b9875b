"""Backup verbs: make one, list it, choose it and restore the figures it holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracu_desktop.app.backups import (
    BackupNotFound,
    choose_backup,
    list_backups,
    make_backup,
    restore,
)
from tracu_desktop.db.connection import open_database
from tracu_desktop.db.values import get_values


def _value(path: Path) -> int | None:
    db = open_database(path, create=False)
    try:
        return get_values(db, "2023").get(("XA_KIM_SON", "X_HO_TICH", "received_online"))
    finally:
        db.close()


def test_backup_then_restore_brings_the_figures_back(demo_db_path: Path):
    from tracu_desktop.core.models import ValueKey
    from tracu_desktop.db.values import Change, apply_changes

    before = _value(demo_db_path)
    made = make_backup(demo_db_path)
    assert made.path is not None and made.path.is_file()
    listed = list_backups(demo_db_path)
    assert [b.path for b in listed.backups] == [made.path]
    assert listed.total == made.path.stat().st_size <= listed.budget

    db = open_database(demo_db_path, create=False)
    apply_changes(db, [Change(ValueKey("2023", "XA_KIM_SON", "X_HO_TICH", "received_online"), 7)])
    db.close()
    assert _value(demo_db_path) == 7

    choice = choose_backup(demo_db_path)  # the newest intact one
    assert choice.source == made.path and "2023" in choice.contents.periods
    result = restore(demo_db_path, choice.source)
    assert result.safety is not None and result.safety.is_file()
    assert _value(demo_db_path) == before


def test_a_backup_by_name_or_a_clear_refusal(demo_db_path: Path):
    made = make_backup(demo_db_path).path
    assert choose_backup(demo_db_path, Path(made.name)).source == made
    with pytest.raises(BackupNotFound, match="Không tìm thấy bản sao lưu"):
        choose_backup(demo_db_path, Path("khong-co.sqlite3.gz"))
