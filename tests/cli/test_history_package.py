"""Moving history into a new commune: the former district sends the figures of three
communes for 2022 and 2023; Xã Tập Sơn imports them as its predecessor units and its
first year compares with them."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from tests.lineage_fixture import ORG
from tracu_desktop.cli.main import main
from tracu_desktop.core.models import Level, Unit, UnitKind, ValueKey
from tracu_desktop.db import open_database
from tracu_desktop.db.aggregate import sum_by_unit
from tracu_desktop.db.catalog import load_fields, save_field, save_organisation, save_unit, unit_map
from tracu_desktop.db.periods import add_period, get_period
from tracu_desktop.db.values import Change, apply_changes, get_value

SENT = ("XA_PHUOC_HUNG", "XA_TAN_SON", "XA_TAP_SON")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def commune_path(tmp_path, demo_db):
    """Xã Tập Sơn from 01/07/2025, with the former Xã Tập Sơn already listed (cu-29467)
    and the commune fields of the district's catalog."""
    path = tmp_path / "tap-son.sqlite3"
    db = open_database(path)
    save_organisation(db, ORG)
    save_unit(db, Unit("29467", "Xã Tập Sơn", Level.COMMUNE, UnitKind.BODY,
                       valid_from=date(2025, 7, 1)))  # fmt: skip
    save_unit(db, Unit("cu-29467", "Xã Tập Sơn", Level.COMMUNE, UnitKind.COMMUNE))
    for f in load_fields(demo_db, Level.COMMUNE):
        save_field(db, f)
    add_period(db, "2026")
    apply_changes(
        db,
        [
            Change(ValueKey("2026", "29467", "X_HO_TICH", "received_online"), 900),
            Change(ValueKey("2026", "29467", "X_HO_TICH", "received_direct"), 100),
        ],
    )
    db.close()
    return path


def test_package_of_three_communes_then_import_and_compare(
    tmp_path, capsys, demo_db_path, demo_db, commune_path
):
    pkg = tmp_path / "tra-cu-lich-su.tracu.zip"
    code, out, err = run(
        capsys, "--db", demo_db_path, "package", "--period", "2022,2023",
        "--units", ",".join(SENT), "-o", pkg,
    )  # fmt: skip
    assert code == 0, err
    assert "Xã Phước Hưng; Xã Tân Sơn; Xã Tập Sơn" in out and "kỳ 2022, 2023" in out
    expected = sum_by_unit(demo_db, "2023", ["received_online", "received_direct"])

    code, out, err = run(capsys, "--db", commune_path, "import", pkg, "--dry-run")
    assert code == 0, err
    assert "Xã Tập Sơn → cu-29467 (đơn vị có sẵn" in out
    assert "Xã Phước Hưng → cu-XA_PHUOC_HUNG (đơn vị mới" in out
    assert "tạo kỳ 2023 (01/01/2023 – 20/11/2023)" in out
    db = open_database(commune_path)
    assert get_period(db, "2023") is None  # a preview writes nothing
    db.close()

    code, out, err = run(capsys, "--db", commune_path, "import", pkg)
    assert code == 0, err
    db = open_database(commune_path)
    units = unit_map(db)
    for former in ("cu-29467", "cu-XA_PHUOC_HUNG", "cu-XA_TAN_SON"):
        assert units[former].valid_to == date(2025, 6, 30)
        assert units[former].successors == ("29467",)
    assert get_period(db, "2023").end == date(2023, 11, 20)
    for sent, own in (("XA_TAN_SON", "cu-XA_TAN_SON"), ("XA_TAP_SON", "cu-29467")):
        assert (
            get_value(db, ValueKey("2023", own, "X_HO_TICH", "received_online"))
            == (
                demo_db.execute(
                    "SELECT value FROM data_values WHERE period='2023' AND unit=? "
                    "AND field='X_HO_TICH' AND indicator='received_online'",
                    [sent],
                ).fetchone()[0]
            )
        )
    db.close()

    code, out, err = run(
        capsys, "--db", commune_path, "compare", "--period", "2026", "--with", "2023",
        "--format", "csv",
    )  # fmt: skip
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Đơn vị"] == "Xã Tập Sơn (từ 01/07/2025)"
    assert row["Gồm đơn vị trước đây"] == "Xã Tập Sơn; Xã Phước Hưng; Xã Tân Sơn"
    before = sum(sum(expected[u].values()) for u in SENT)
    assert row["Tiếp nhận mới 2023"] == f"{before:,}".replace(",", ".")
    assert row["Tiếp nhận mới 2026"] == "1.000"


def test_unknown_unit_in_package_is_named(capsys, demo_db_path, tmp_path):
    code, _out, err = run(
        capsys, "--db", demo_db_path, "package", "--period", "2023", "--units", "XA_KHONG_CO",
        "-o", tmp_path / "x.tracu.zip",
    )  # fmt: skip
    assert code != 0
    assert "Không có đơn vị “XA_KHONG_CO”" in err


def test_several_periods_need_units(capsys, demo_db_path, tmp_path):
    code, _out, err = run(
        capsys, "--db", demo_db_path, "package", "--period", "2022,2023", "-o",
        tmp_path / "x.tracu.zip",
    )  # fmt: skip
    assert code != 0
    assert "nhiều kỳ chỉ dùng với --units" in err


def test_a_name_fitting_two_former_units_is_refused_and_nothing_written(
    tmp_path, capsys, demo_db_path, commune_path
):
    db = open_database(commune_path)
    save_unit(db, Unit("cu-99999", "Xã Tân Sơn", Level.COMMUNE, UnitKind.COMMUNE,
                       valid_to=date(2025, 6, 30)))  # fmt: skip
    save_unit(db, Unit("cu-88888", "Xã Tân Sơn", Level.COMMUNE, UnitKind.COMMUNE,
                       valid_to=date(2025, 6, 30)))  # fmt: skip
    db.close()
    pkg = tmp_path / "p.tracu.zip"
    assert run(capsys, "--db", demo_db_path, "package", "--period", "2023", "--units",
               "XA_TAN_SON,XA_TAP_SON", "-o", pkg)[0] == 0  # fmt: skip
    code, _out, err = run(capsys, "--db", commune_path, "import", pkg)
    assert code != 0
    assert "Đơn vị “Xã Tân Sơn” (mã XA_TAN_SON)" in err and "cu-99999" in err
    db = open_database(commune_path)
    assert get_period(db, "2023") is None
    assert unit_map(db)["cu-29467"].valid_to is None
    db.close()


def test_history_package_among_period_packages_is_explained(tmp_path, demo_db_path):
    from tracu_desktop.interchange.history_package import write_history_package
    from tracu_desktop.interchange.workbook_import import plan_import

    db = open_database(demo_db_path)
    pkg = tmp_path / "h.tracu.zip"
    write_history_package(db, ["2023"], ["XA_TAN_SON"], pkg)
    plan = plan_import(db, [pkg])
    db.close()
    assert not plan.ok
    assert "gói số liệu cũ của một số đơn vị" in str(plan.problems[0])


def test_figures_after_the_change_are_refused(tmp_path, capsys, demo_db_path, commune_path):
    db = open_database(demo_db_path)
    add_period(db, "2025-Q4")
    apply_changes(
        db, [Change(ValueKey("2025-Q4", "XA_TAN_SON", "X_HO_TICH", "received_online"), 7)]
    )
    db.close()
    pkg = tmp_path / "late.tracu.zip"
    args = ("--db", demo_db_path, "package", "--period", "2025-Q4", "--units", "XA_TAN_SON",
            "-o", pkg)  # fmt: skip
    # The lone figure breaks (3) = (7) + (11) for that unit: refused unless --force.
    code, _out, err = run(capsys, *args)
    assert code == 1 and "Số liệu của các đơn vị đã chọn còn" in err and not pkg.exists()
    assert run(capsys, *args, "--force")[0] == 0
    code, _out, err = run(capsys, "--db", commune_path, "import", pkg)
    assert code != 0
    assert (
        "đơn vị Xã Tân Sơn (đến 30/06/2025) không tồn tại trong kỳ 2025-Q4; "
        "không nhận số liệu của kỳ đó." in err
    )
    db = open_database(commune_path)
    assert get_period(db, "2025-Q4") is None and "cu-XA_TAN_SON" not in unit_map(db)
    db.close()
