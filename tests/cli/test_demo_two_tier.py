"""``demo --preset xa-tap-son`` and ``demo --preset vinh-long``: sample databases of the
two-tier shapes, quarters before and after 1/7/2025, labelled as sample figures."""

from __future__ import annotations

from tracu_desktop.cli.main import main
from tracu_desktop.core.formtable import RowKind
from tracu_desktop.db.catalog import get_setting, load_units, require_organisation
from tracu_desktop.db.completeness import unit_statuses
from tracu_desktop.db.connection import open_database
from tracu_desktop.db.periods import list_periods
from tracu_desktop.export.form_data import build_form_table


def _sections(db, period: str, form: str) -> list[str]:
    table = build_form_table(db, period, form)
    return [r.cells[1] for r in table.rows if r.kind is RowKind.SECTION]


def _data_labels(db, period: str, form: str) -> list[str]:
    table = build_form_table(db, period, form)
    return [r.cells[1] for r in table.rows if r.kind is RowKind.DATA]


def test_commune_sample(tmp_path, capsys):
    path = tmp_path / "xa.sqlite3"
    assert main(["--db", str(path), "demo", "--preset", "xa-tap-son"]) == 0
    assert "SỐ LIỆU MẪU" in capsys.readouterr().out
    db = open_database(path)
    try:
        org = require_organisation(db)
        assert org.name == "Ủy ban nhân dân xã Tập Sơn"
        assert org.superior == "Ủy ban nhân dân tỉnh Vĩnh Long"
        assert org.header_lower == "XÃ TẬP SƠN"
        assert get_setting(db, "sample_data").startswith("Số liệu mẫu")
        periods = {p.code: p.label() for p in list_periods(db)}
        assert periods["2025-Q2"] == "Quý II năm 2025 (số liệu mẫu)"
        assert set(periods) == {"2025-Q1", "2025-Q2", "2025-Q4", "2026-Q1"}
        assert not any(u.level == "district" for u in load_units(db))
        # before 1/7/2025 the three former communes, after it the new commune
        assert _data_labels(db, "2025-Q2", "06a") == [
            "Xã Phước Hưng (Huyện Trà Cú, cũ)",
            "Xã Tập Sơn (Huyện Trà Cú, cũ)",
            "Xã Tân Sơn (Huyện Trà Cú, cũ)",
        ]
        assert _data_labels(db, "2025-Q4", "06a") == ["Xã Tập Sơn"]
        assert _sections(db, "2025-Q4", "06b") == ["Cấp xã"]
        former = [u for u in load_units(db) if u.code.startswith("cu-")]
        assert {u.successors for u in former} == {("29467",)}
        assert {u.valid_to.isoformat() for u in former} == {"2025-06-30"}
    finally:
        db.close()


def test_province_sample(tmp_path, capsys):
    path = tmp_path / "vl.sqlite3"
    assert main(["--db", str(path), "demo", "--preset", "vinh-long"]) == 0
    capsys.readouterr()
    db = open_database(path)
    try:
        assert require_organisation(db).name == "Ủy ban nhân dân tỉnh Vĩnh Long"
        assert _sections(db, "2025-Q4", "06a") == ["Sở, ban, ngành", "UBND cấp xã"]
        assert _sections(db, "2025-Q4", "06b") == ["Cấp tỉnh", "Cấp xã"]
        statuses = unit_statuses(db, "2025-Q4")
        communes = [s for s in statuses if s.unit.level == "commune"]
        assert len(communes) == 124 and all(s.sent for s in communes)
        assert any(s.late for s in communes) and any(not s.late for s in communes)
        before = [s for s in unit_statuses(db, "2025-Q2") if s.unit.level == "commune"]
        assert before and all(s.unit.code.startswith("cu-") for s in before)
        table = build_form_table(db, "2025-Q4", "06a")
        assert "(số liệu mẫu)" in " ".join(table.texts.subtitle)
    finally:
        db.close()
