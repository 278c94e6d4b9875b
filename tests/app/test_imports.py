"""Import verbs: plan from a path writes nothing, commit writes all, cancel writes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from tests.app.batch import commune_workbooks
from tests.interchange.workbooks import build_onestop_06b
from tracu_desktop.app.imports import (
    MappingChoice,
    UnknownCode,
    choices_from_codes,
    commit_import,
    plan_import,
)
from tracu_desktop.db.periods import add_period
from tracu_desktop.db.values import get_values
from tracu_desktop.infra.progress import Cancelled


@pytest.fixture
def district(fresh_db):
    add_period(fresh_db, "2023", date(2023, 1, 1), date(2023, 11, 20))
    return fresh_db


def test_plan_counts_files_then_commit_writes(district, tmp_path):
    files = commune_workbooks(district, tmp_path / "in", 3)
    seen: list[tuple[int, int]] = []
    preview = plan_import(district.path, files, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert preview.plan.ok, [str(p) for p in preview.plan.problems]
    assert get_values(district, "2023") == {}  # the plan wrote nothing
    result = commit_import(district.path, preview.plan)
    assert result.periods == ["2023"] and result.files == 3
    values = get_values(district, "2023")
    assert values[("XA_002", "X_CHUNG_THUC", "received_online")] == 102
    assert {k[0] for k in values} == {"XA_001", "XA_002", "XA_003"}


def test_cancelled_plan_reads_no_more_files(district, tmp_path):
    files = commune_workbooks(district, tmp_path / "in", 3)
    with pytest.raises(Cancelled):
        plan_import(district.path, files, is_cancelled=lambda: True)
    assert get_values(district, "2023") == {}


def test_check_rules_lists_the_errors_an_import_would_add(district, tmp_path):
    rows = [("Chứng thực", 10, 0, 0, 500, 0, 0, 0, 0)]  # resolves more than it received
    path = build_onestop_06b(tmp_path / "sai.xlsx", district_rows=[], commune_rows=rows)
    preview = plan_import(district, [path], unit="Thị trấn Trà Cú", check_rules=True)
    assert preview.plan.ok
    assert preview.new_errors and all(i.is_error for i in preview.new_errors)


def test_confirmed_name_is_remembered_for_the_next_file(district, tmp_path):
    rows = [("Chứng thực bản sao", 7, 0, 0, 7, 0, 0, 0, 0)]
    first = build_onestop_06b(tmp_path / "f1.xlsx", district_rows=[], commune_rows=rows)
    unknown = plan_import(district, [first], unit="Thị trấn Trà Cú").plan
    assert not unknown.ok
    choices = choices_from_codes(district, {"Chứng thực bản sao": "X_CHUNG_THUC"})
    assert choices == [
        MappingChoice("field", choices[0].level, "Chứng thực bản sao", "X_CHUNG_THUC")
    ]
    plan = plan_import(district, [first], unit="Thị trấn Trà Cú", choices=choices).plan
    assert plan.ok, [str(p) for p in plan.problems]
    commit_import(district, plan, remember=choices)
    second = build_onestop_06b(tmp_path / "f2.xlsx", district_rows=[], commune_rows=rows)
    assert plan_import(district, [second], unit="Thị trấn Trà Cú").plan.ok
    with pytest.raises(UnknownCode):
        choices_from_codes(district, {"Lạ": "KHONG_CO"})


def test_csv_round_trip_through_the_verbs(demo_db_path, tmp_path):
    from tracu_desktop.app.imports import export_csv, import_csv
    from tracu_desktop.db.connection import open_database

    exported = export_csv(demo_db_path, "2023", tmp_path / "2023.csv")
    assert exported.values > 100
    lines = exported.path.read_text(encoding="utf-8-sig").splitlines()
    row = next(
        i for i, line in enumerate(lines) if ",XA_KIM_SON,X_HO_TICH,received_online," in line
    )
    lines[row] = lines[row].rsplit(",", 1)[0] + ",4321"
    changed = tmp_path / "sua.csv"
    changed.write_text("\n".join([lines[0], lines[row]]) + "\n", encoding="utf-8")

    dry = import_csv(demo_db_path, changed, dry_run=True)
    assert dry.ok and [c.new for c in dry.changes] == [4321]
    key = ("XA_KIM_SON", "X_HO_TICH", "received_online")
    db = open_database(demo_db_path, create=False)
    try:
        assert get_values(db, "2023")[key] != 4321  # a dry run writes nothing
        assert import_csv(db, changed).ok
        assert get_values(db, "2023")[key] == 4321
    finally:
        db.close()
