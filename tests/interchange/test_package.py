"""Exchange packages: commune → district → province round trip, tampering refused."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest

from tracu_desktop.app.packages import make_package
from tracu_desktop.cli.main import main
from tracu_desktop.core.models import Field, Level, Organisation, Unit, UnitKind, ValueKey
from tracu_desktop.db.aggregate import period_totals
from tracu_desktop.db.catalog import apply_preset, save_field, save_organisation, save_unit
from tracu_desktop.db.connection import open_database
from tracu_desktop.db.periods import add_period
from tracu_desktop.db.values import Change, apply_changes, get_values
from tracu_desktop.interchange.exchange import PackageError, read_package
from tracu_desktop.interchange.package import write_package
from tracu_desktop.interchange.workbook_import import import_files

START, END = date(2023, 1, 1), date(2023, 11, 20)


def _figures(db, unit, field, online, direct, early, late, digitized=None):
    changes = [
        Change(ValueKey("2023", unit, field, "received_online"), online),
        Change(ValueKey("2023", unit, field, "received_direct"), direct),
        Change(ValueKey("2023", unit, field, "carried_over"), 0),
        Change(ValueKey("2023", unit, field, "resolved_early"), early),
        Change(ValueKey("2023", unit, field, "resolved_on_time"), online + direct - early - late),
        Change(ValueKey("2023", unit, field, "resolved_late"), late),
        Change(ValueKey("2023", unit, field, "pending_on_time"), 0),
        Change(ValueKey("2023", unit, field, "pending_overdue"), 0),
    ]
    if digitized is not None:
        changes.append(Change(ValueKey("2023", unit, "", "digitized_dossiers"), digitized))
    apply_changes(db, changes, "typed")


@pytest.fixture
def commune_db(tmp_path):
    db = open_database(tmp_path / "commune.sqlite3")
    save_organisation(
        db,
        Organisation(
            name="Ủy ban nhân dân thị trấn Trà Cú",
            short_name="Thị trấn Trà Cú",
            superior="Ủy ban nhân dân huyện Trà Cú",
            recipient="Văn phòng HĐND và UBND huyện",
            place="Trà Cú",
            level=Level.COMMUNE,
        ),
    )
    save_unit(db, Unit("UBND_XA", "Ủy ban nhân dân thị trấn Trà Cú", Level.COMMUNE, UnitKind.BODY))
    for code, name in (("HT", "Hộ tịch"), ("CT", "Chứng thực"), ("DD", "Đất đai")):
        save_field(db, Field(code, name, Level.COMMUNE))
    add_period(db, "2023", START, END)
    _figures(db, "UBND_XA", "HT", 300, 120, 400, 5, digitized=380)
    _figures(db, "UBND_XA", "CT", 2500, 1000, 3000, 50)
    _figures(db, "UBND_XA", "DD", 40, 10, 45, 0)
    yield db
    db.close()


@pytest.fixture
def province_db(tmp_path):
    db = open_database(tmp_path / "province.sqlite3")
    save_organisation(
        db,
        Organisation(
            name="Ủy ban nhân dân tỉnh Trà Vinh",
            short_name="Trà Vinh",
            superior="Văn phòng Chính phủ",
            recipient="Cục Kiểm soát thủ tục hành chính",
            place="Trà Vinh",
            level=Level.PROVINCE,
        ),
    )
    save_unit(db, Unit("TINH", "Ủy ban nhân dân tỉnh Trà Vinh", Level.PROVINCE, UnitKind.BODY))
    for code, name in (("D_TRA_CU", "Huyện Trà Cú"), ("D_CAU_KE", "Huyện Cầu Kè")):
        save_unit(db, Unit(code, name, Level.DISTRICT, UnitKind.DISTRICT, "TINH"))
    for code, name in (("HT", "Hộ tịch"), ("CT", "Chứng thực"), ("DD", "Đất đai")):
        save_field(db, Field(code, name, Level.DISTRICT))
    add_period(db, "2023", START, END)
    yield db
    db.close()


@pytest.fixture
def district(tmp_path):
    db = open_database(tmp_path / "district.sqlite3")
    apply_preset(db, "tra-cu")
    add_period(db, "2023", START, END)
    yield db
    db.close()


def test_round_trip_commune_district_province(commune_db, district, province_db, tmp_path):
    commune_totals = period_totals(commune_db, "2023")
    pkg1 = write_package(commune_db, "2023", tmp_path / "xa.tracu.zip")
    assert pkg1.figures == 25

    plan, done = import_files(district, [pkg1.path])
    assert plan.ok, [str(p) for p in plan.problems]
    got = get_values(district, "2023")
    assert got[("TT_TRA_CU", "X_HO_TICH", "received_online")] == 300
    assert got[("TT_TRA_CU", "", "digitized_dossiers")] == 380
    assert period_totals(district, "2023") == commune_totals
    sub = district.execute("SELECT unit, method, file_name FROM submissions").fetchall()
    assert sub == [("TT_TRA_CU", "package", "xa.tracu.zip")]

    # The district adds its own office's figures, then reports upward.
    _figures(district, "P_TNMT", "H_DAT_DAI", 900, 300, 1100, 20)
    district_totals = period_totals(district, "2023")
    assert district_totals["received_online"] == 300 + 2500 + 40 + 900
    pkg2 = make_package(district, "2023", tmp_path / "huyen.tracu.zip")
    assert "documents/TraCu_2023_06b.xlsx" in pkg2.documents

    plan, _ = import_files(province_db, [pkg2.path])
    assert plan.ok, [str(p) for p in plan.problems]
    assert period_totals(province_db, "2023") == district_totals
    prov = get_values(province_db, "2023")
    assert {k[0] for k in prov} == {"D_TRA_CU"}
    # "Đất đai" of the district office and of the commune become one field.
    assert prov[("D_TRA_CU", "DD", "received_online")] == 40 + 900


def _tamper(path, member, change):
    with zipfile.ZipFile(path) as zf:
        items = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    items[member] = change(items[member])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in items.items():
            zf.writestr(name, data)
    path.write_bytes(buf.getvalue())


def test_tampered_package_is_refused(commune_db, district, tmp_path, capsys):
    pkg = write_package(commune_db, "2023", tmp_path / "xa.tracu.zip")
    _tamper(pkg.path, "figures.csv", lambda b: b.replace(b",300\r\n", b",900\r\n"))
    with pytest.raises(PackageError, match="đã bị thay đổi sau khi lập .tệp bị sửa: figures.csv"):
        read_package(pkg.path.read_bytes(), pkg.path.name)
    db_path = str(district.path)
    district.close()
    assert main(["--db", db_path, "import", str(pkg.path)]) == 2
    err = capsys.readouterr().err
    assert "Gói số liệu xa.tracu.zip đã bị thay đổi" in err
    db = open_database(db_path)
    assert get_values(db, "2023") == {}
    db.close()


def test_package_manifest_and_metadata(commune_db, tmp_path):
    pkg = write_package(commune_db, "2023", tmp_path / "xa.tracu.zip")
    with zipfile.ZipFile(pkg.path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        meta = json.loads(zf.read("metadata.json"))
    assert set(manifest["files"]) == {"figures.csv", "metadata.json"}
    assert all(len(h) == 64 for h in manifest["files"].values())
    assert meta["level"] == "commune" and meta["period"]["code"] == "2023"
    assert meta["units"] == [
        {
            "code": "UBND_XA",
            "name": "Ủy ban nhân dân thị trấn Trà Cú",
            "level": "commune",
            "kind": "body",
        }
    ]


def test_unknown_sender_is_explained(commune_db, province_db, tmp_path):
    pkg = write_package(commune_db, "2023", tmp_path / "xa.tracu.zip")
    plan, _ = import_files(province_db, [pkg.path])
    assert "Không tìm thấy đơn vị “Ủy ban nhân dân thị trấn Trà Cú” (bên gửi gói)" in str(
        plan.problems[0]
    )


def test_package_of_another_period(commune_db, district, tmp_path):
    add_period(district, "2024")
    pkg = write_package(commune_db, "2023", tmp_path / "xa.tracu.zip")
    plan, _ = import_files(district, [pkg.path], period="2024")
    assert "Gói là số liệu kỳ 2023, không phải kỳ 2024 đã chọn." in str(plan.problems[0])
