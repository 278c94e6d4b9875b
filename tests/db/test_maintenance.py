"""“Thu gọn dữ liệu”: VACUUM after a backup frees the pages of deleted figures."""

from __future__ import annotations

from tracu_desktop.cli.main import main
from tracu_desktop.core.models import ValueKey
from tracu_desktop.db import backup as bk
from tracu_desktop.db.aggregate import key_figures
from tracu_desktop.db.connection import open_database
from tracu_desktop.db.maintenance import compact_database
from tracu_desktop.db.values import Change, apply_changes, get_values


def _delete_period(db, period: str) -> int:
    cells = get_values(db, period)
    apply_changes(db, [Change(ValueKey(period, *k), None) for k in cells], "test")
    return len(cells)


def test_compact_frees_space_and_keeps_every_figure(demo_db, demo_db_path):
    assert _delete_period(demo_db, "2021") > 500
    before = key_figures(demo_db, "2023")
    result = compact_database(demo_db)
    assert result.size_after < result.size_before and result.freed > 0
    assert demo_db_path.stat().st_size == result.size_after
    assert key_figures(demo_db, "2023") == before
    assert demo_db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert result.backup is not None and result.backup.exists()
    with bk.open_backup_copy(result.backup) as plain:
        copy = open_database(plain)
        assert key_figures(copy, "2023") == before and not get_values(copy, "2021")
        copy.close()
    text = result.describe()
    assert text.startswith("Đã thu gọn dữ liệu: ") and "giải phóng" in text and " MB" in text


def test_cli_backup_compact(demo_db_path, capsys):
    db = open_database(demo_db_path)
    _delete_period(db, "2022")
    db.close()
    size = demo_db_path.stat().st_size
    assert main(["--db", str(demo_db_path), "backup", "compact"]) == 0
    out = capsys.readouterr().out
    assert "Đã sao lưu trước khi thu gọn" in out and "giải phóng" in out
    assert demo_db_path.stat().st_size < size
    [copy] = bk.list_backups(demo_db_path, bk.KIND_BEFORE_COMPACT)
    assert copy.compressed and "trước khi thu gọn" in copy.label
