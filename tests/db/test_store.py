import sqlite3

import pytest

from tracu_desktop.core.models import Field, Level, UnitKind, ValueKey
from tracu_desktop.db.catalog import (
    CatalogError,
    get_organisation,
    load_fields,
    load_units,
    save_field,
    save_unit,
)
from tracu_desktop.db.connection import DatabaseError, open_database
from tracu_desktop.db.migrations import SCHEMA_VERSION, schema_version
from tracu_desktop.db.periods import (
    PeriodError,
    PeriodLockedError,
    add_period,
    is_locked,
    list_periods,
    set_locked,
)
from tracu_desktop.db.values import Change, apply_changes, get_value, history, set_value


def test_migrations_from_empty_file(tmp_path):
    path = tmp_path / "new.sqlite3"
    db = open_database(path)
    assert schema_version(db) == SCHEMA_VERSION
    assert {"settings", "units", "fields", "periods", "figures", "figure_history", "edits"} <= set(
        db.table_names()
    )
    assert {"data_values", "audit"} <= set(db.view_names())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()
    again = open_database(path)  # reopening runs nothing and keeps the version
    assert schema_version(again) == SCHEMA_VERSION
    again.close()


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(DatabaseError, match="phiên bản mới hơn"):
        open_database(path)


def test_not_a_database_is_refused(tmp_path):
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseError, match="không phải cơ sở dữ liệu"):
        open_database(path)


def test_migration_backs_up_existing_file(tmp_path, monkeypatch):
    from tracu_desktop.db import migrations

    path = tmp_path / "old.sqlite3"
    open_database(path).close()

    def m_extra(db):
        db.execute("CREATE TABLE extra (x INTEGER)")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, m_extra])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    db = open_database(path)
    assert "extra" in db.table_names()
    backups = list((tmp_path / "backups").glob("old-before-*.sqlite3.gz"))
    assert len(backups) == 1
    from tracu_desktop.db.backup import open_backup_copy

    with open_backup_copy(backups[0]) as plain:
        old = sqlite3.connect(plain)
        assert old.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        old.close()
    db.close()


def test_preset_loaded(fresh_db):
    org = get_organisation(fresh_db)
    assert org.name == "Ủy ban nhân dân huyện Trà Cú"
    assert org.header_lower == "HUYỆN TRÀ CÚ"
    units = load_units(fresh_db)
    communes = [u for u in units if u.kind is UnitKind.COMMUNE]
    assert len(communes) == 17
    assert {u.name for u in units if u.kind is UnitKind.GENERAL} == {
        "Cấp huyện (số liệu chung)",
        "Các xã, thị trấn (số liệu chung)",
    }
    assert "Phòng Tư pháp" in {u.name for u in units if u.kind is UnitKind.OFFICE}
    assert "Hộ tịch" in {f.name for f in load_fields(fresh_db, Level.COMMUNE)}
    assert "Đất đai" in {f.name for f in load_fields(fresh_db, Level.DISTRICT)}


def test_units_and_fields_deactivate_keeps_history(fresh_db):
    add_period(fresh_db, "2024-Q1")
    key = ValueKey("2024-Q1", "XA_TAN_HIEP", "X_HO_TICH", "received_online")
    set_value(fresh_db, key, 12)
    unit = next(u for u in load_units(fresh_db) if u.code == "XA_TAN_HIEP")
    from dataclasses import replace

    save_unit(fresh_db, replace(unit, active=False, name="Xã Tân Hiệp (cũ)"))
    assert "XA_TAN_HIEP" not in {u.code for u in load_units(fresh_db, include_inactive=False)}
    assert get_value(fresh_db, key) == 12


def test_duplicate_field_name_at_same_level_refused(fresh_db):
    with pytest.raises(CatalogError, match="đã có"):
        save_field(fresh_db, Field("X_NEW", "hộ  tịch", Level.COMMUNE))
    save_field(fresh_db, Field("X_NEW", "Hộ tịch lưu động", Level.COMMUNE))


def test_apply_changes_records_audit_and_skips_unchanged(fresh_db):
    add_period(fresh_db, "2024-Q1")
    key = ValueKey("2024-Q1", "TT_TRA_CU", "X_HO_TICH", "received_online")
    assert set_value(fresh_db, key, 5)
    assert not set_value(fresh_db, key, 5)
    assert set_value(fresh_db, key, 7, "import:xa.xlsx")
    assert set_value(fresh_db, key, None)
    h = history(fresh_db, key)
    assert [(e.old_value, e.new_value, e.source) for e in h] == [
        (7, None, "typed"),
        (5, 7, "import:xa.xlsx"),
        (None, 5, "typed"),
    ]
    assert get_value(fresh_db, key) is None


def test_failed_batch_changes_nothing(fresh_db):
    add_period(fresh_db, "2024-Q1")
    good = ValueKey("2024-Q1", "TT_TRA_CU", "X_HO_TICH", "received_online")
    bad = ValueKey("2024-Q1", "NO_SUCH_UNIT", "X_HO_TICH", "received_online")
    with pytest.raises(sqlite3.IntegrityError):
        apply_changes(fresh_db, [Change(good, 1), Change(bad, 2)])
    assert get_value(fresh_db, good) is None
    assert fresh_db.execute("SELECT COUNT(*) FROM audit").fetchone()[0] == 0


def test_locked_period_refuses_edits_until_reopened_with_reason(fresh_db):
    add_period(fresh_db, "2024-Q1")
    key = ValueKey("2024-Q1", "TT_TRA_CU", "X_HO_TICH", "received_online")
    set_value(fresh_db, key, 1)
    set_locked(fresh_db, "2024-Q1", True)
    assert is_locked(fresh_db, "2024-Q1")
    with pytest.raises(PeriodLockedError, match="đã chốt"):
        set_value(fresh_db, key, 2)
    with pytest.raises(PeriodError, match="lý do"):
        set_locked(fresh_db, "2024-Q1", False, "")
    set_locked(fresh_db, "2024-Q1", False, "Bổ sung số liệu xã")
    assert set_value(fresh_db, key, 2)
    log = fresh_db.execute("SELECT action, reason FROM period_log ORDER BY id").fetchall()
    assert log == [("lock", ""), ("unlock", "Bổ sung số liệu xã")]


def test_periods_add_and_list(fresh_db):
    from datetime import date

    add_period(fresh_db, "2024-q2")
    add_period(fresh_db, "2023", date(2023, 1, 1), date(2023, 11, 20))
    with pytest.raises(PeriodError, match="đã có"):
        add_period(fresh_db, "2024-Q2")
    assert [p.code for p in list_periods(fresh_db)] == ["2023", "2024-Q2"]
    assert list_periods(fresh_db)[0].label() == "năm 2023 (từ ngày 01/01/2023 đến ngày 20/11/2023)"


def test_typed_arrival_recorded_once_per_unit(fresh_db):
    from tracu_desktop.db.submissions import note_typed_arrival, submissions_of

    add_period(fresh_db, "2024-Q1")
    assert note_typed_arrival(fresh_db, "2024-Q1", {"TT_TRA_CU", "XA_DAI_AN"}) == [
        "TT_TRA_CU",
        "XA_DAI_AN",
    ]
    assert note_typed_arrival(fresh_db, "2024-Q1", {"TT_TRA_CU"}) == []
    assert [s.method for s in submissions_of(fresh_db, "2024-Q1", "TT_TRA_CU")] == ["typed"]
