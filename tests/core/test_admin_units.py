"""The national list of units after 1/7/2025 and their lineage, as the wizard and presets use them."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import unicodedata
from pathlib import Path

import pytest

from tracu_desktop.core import admin_units as au
from tracu_desktop.core.resources import resource_path

ADMIN = resource_path("admin")
FILES = ("units-2025.json", "lineage-2025.json", "LICENSE-vietnamadminunits.txt")

# Trà Cú district (Trà Vinh) before 1/7/2025 → its six communes since (Vĩnh Long).
TRA_CU_2025 = {
    "Xã Trà Cú": {"Thị trấn Trà Cú", "Xã Ngãi Xuyên", "Xã Thanh Sơn"},
    "Xã Đại An": {"Thị trấn Định An", "Xã Đại An", "Xã Định An"},
    "Xã Lưu Nghiệp Anh": {"Xã An Quảng Hữu", "Xã Lưu Nghiệp Anh"},
    "Xã Hàm Giang": {"Xã Kim Sơn", "Xã Hàm Giang", "Xã Hàm Tân"},
    "Xã Long Hiệp": {"Xã Ngọc Biên", "Xã Long Hiệp", "Xã Tân Hiệp"},
    "Xã Tập Sơn": {"Xã Phước Hưng", "Xã Tập Sơn", "Xã Tân Sơn"},
}


def test_34_provinces_and_vinh_long_has_124_communes():
    provinces = au.provinces()
    assert len(provinces) == 34
    assert len({p.code for p in provinces}) == 34
    vinh_long = au.province("Vĩnh Long")
    assert (vinh_long.code, vinh_long.name) == ("86", "Tỉnh Vĩnh Long")
    assert vinh_long.authority == "Ủy ban nhân dân tỉnh Vĩnh Long"
    communes = au.communes(vinh_long)
    assert len(communes) == 124
    assert {c.kind for c in communes} == {"Xã", "Phường"}
    assert [p.name for p in au.former_provinces("86")] == [
        "Tỉnh Bến Tre",
        "Tỉnh Trà Vinh",
        "Tỉnh Vĩnh Long",
    ]
    assert sum(len(au.communes(p)) for p in provinces) == 3321


def test_tra_cu_district_became_six_communes():
    former = au.former_units("Trà Cú", "Trà Vinh")
    assert len(former) == 17
    assert {u.district for u in former} == {"Huyện Trà Cú"}
    assert {u.name for u in former} == set().union(*TRA_CU_2025.values())

    # Official codes of the six (Cục Thống kê list of 25/6/2025).
    codes = {n: au.commune(n, "86").code for n in TRA_CU_2025}
    assert codes == {
        "Xã Trà Cú": "29461",
        "Xã Đại An": "29491",
        "Xã Lưu Nghiệp Anh": "29476",
        "Xã Hàm Giang": "29489",
        "Xã Long Hiệp": "29506",
        "Xã Tập Sơn": "29467",
    }

    by_new: dict[str, set[str]] = {}
    for unit in former:
        (succ,) = au.successors(unit)  # none of the seventeen was divided
        assert not succ.divided and succ.default
        assert succ.commune.province == "Tỉnh Vĩnh Long"
        by_new.setdefault(succ.commune.name, set()).add(unit.name)
    assert by_new == TRA_CU_2025

    # And the other way round: each of the six has exactly these predecessors.
    for name, olds in TRA_CU_2025.items():
        preds = au.predecessors(au.commune(name, "Vĩnh Long"))
        assert {p.unit.name for p in preds} == olds
        assert {p.unit.district for p in preds} == {"Huyện Trà Cú"}


def test_xa_tap_son_is_former_tan_son_phuoc_hung_tap_son():
    tap_son = au.commune("xa tap son", "vinh long")
    assert tap_son.name == "Xã Tập Sơn"
    assert tap_son.kind == "Xã"
    assert tap_son.authority == "Ủy ban nhân dân xã Tập Sơn"
    assert au.commune(tap_son.code) == tap_son
    preds = au.predecessors(tap_son.code)
    assert [(p.unit.name, p.unit.district, p.unit.province) for p in preds] == [
        ("Xã Phước Hưng", "Huyện Trà Cú", "Tỉnh Trà Vinh"),
        ("Xã Tập Sơn", "Huyện Trà Cú", "Tỉnh Trà Vinh"),
        ("Xã Tân Sơn", "Huyện Trà Cú", "Tỉnh Trà Vinh"),
    ]
    assert all(not p.divided for p in preds)
    # Successors by former name with its district, or by former code.
    tan_son = au.successors("Tân Sơn", district="Huyện Trà Cú")
    assert [s.commune.name for s in tan_son] == ["Xã Tập Sơn"]
    assert au.successors(preds[0].unit.code)[0].commune == tap_son


def test_divided_former_unit_lists_its_shares_with_one_default():
    # Phường Điện Biên (Ba Đình, Hà Nội) was split among four new wards.
    unit = au.former_unit("Điện Biên", district="Ba Đình", in_province="Hà Nội")
    succ = au.successors(unit)
    assert len(succ) == 4
    assert all(s.divided for s in succ)
    assert [s.commune.name for s in succ if s.default] == ["Phường Ba Đình"]
    share = next(p for p in au.predecessors(succ[1].commune) if p.unit == unit)
    assert share.divided and share.default == succ[1].default


def test_lineage_covers_every_former_unit_once_with_one_default():
    lin = au._lineage()
    assert len(lin.former) == 10040
    for code, news in lin.successors.items():
        split = lin.divided.get(code)
        if split is None:
            assert len(news) == 1
        else:
            assert split[0] in news and set(split[1]) == set(news) and len(news) > 1
    assert set(lin.successors) == set(lin.former)
    assert set(lin.predecessors) == set(au._units().communes)


def test_default_shares_count_each_former_unit_once_across_all_communes():
    counted = [p.unit.code for c in au._units().communes.values() for p in au.predecessors(c, True)]
    assert len(counted) == len(set(counted)) == 10040
    # Hòa Hiệp (Vĩnh Long) keeps former Hòa Lộc of Tam Bình; the package also lists a
    # namesake in Mỏ Cày Bắc as a non-default share, which default_only leaves out.
    hoa_hiep = au.commune("Hòa Hiệp", "Vĩnh Long")
    every = {p.unit.label for p in au.predecessors(hoa_hiep)}
    kept = {p.unit.label for p in au.predecessors(hoa_hiep, default_only=True)}
    assert "Xã Hòa Lộc, Huyện Tam Bình, Tỉnh Vĩnh Long" in kept
    assert every - kept == {"Xã Hòa Lộc, Huyện Mỏ Cày Bắc, Tỉnh Bến Tre"}


def test_island_district_without_communes_is_a_former_unit():
    (con_dao,) = au.find_former("Côn Đảo")
    assert con_dao.name == "Huyện Côn Đảo" and con_dao.code == con_dao.district_code
    (succ,) = au.successors(con_dao)
    assert (succ.commune.name, succ.commune.kind) == ("Đặc khu Côn Đảo", "Đặc khu")


def test_name_lookup_is_accent_and_case_insensitive_with_optional_type_word():
    for query in ("Tập Sơn", "tap son", "XÃ TẬP SƠN", "Xa  Tap Son"):
        assert [c.name for c in au.find_communes(query, "86")] == ["Xã Tập Sơn"]
    assert au.find_communes("Phường Tập Sơn", "86") == []
    assert au.province("tp Hồ Chí Minh").code == "79"
    assert au.province("thanh pho hue").name == "Thành phố Huế"
    assert au.province("8").name == "Tỉnh Tuyên Quang"
    # Accents typed exactly pick one of names that differ only by accents.
    assert [c.name for c in au.find_communes("Văn Lăng", "Thái Nguyên")] == ["Xã Văn Lăng"]
    assert len(au.find_communes("Van Lang", "Thái Nguyên")) == 2


def test_vietnamese_messages_for_unknown_and_ambiguous_names():
    with pytest.raises(au.AdminUnitLookupError) as err:
        au.commune("Tân Sơn")
    assert err.value.message.startswith('Có 3 đơn vị cấp xã tên "Tân Sơn": ')
    assert "Xã Tân Sơn (Tỉnh Phú Thọ, mã 08566)" in err.value.message
    assert "Hãy ghi rõ tỉnh, thành phố hoặc mã đơn vị." in err.value.message
    assert len(err.value.candidates) == 3

    with pytest.raises(au.AdminUnitLookupError) as err:
        au.commune("Tập Sơnn", "Vĩnh Long")
    assert err.value.message.startswith(
        'Không tìm thấy xã, phường, đặc khu "Tập Sơnn" trong Tỉnh Vĩnh Long. Có phải: Xã Tập Sơn'
    )

    with pytest.raises(au.AdminUnitLookupError) as err:
        au.province("Trà Vinh")  # merged into Vĩnh Long: not a province since 1/7/2025
    assert err.value.message == (
        "Tỉnh Trà Vinh không còn là đơn vị hành chính cấp tỉnh từ 01/07/2025; "
        "nay thuộc Tỉnh Vĩnh Long (mã 86)."
    )
    with pytest.raises(au.AdminUnitLookupError) as err:
        au.province("Tỉnh Trà Vinhh")
    assert err.value.message.startswith('Không tìm thấy tỉnh, thành phố "Tỉnh Trà Vinhh"')

    # "Ủy ban nhân dân xã Kim Sơn" as a new user might type it: a former commune.
    with pytest.raises(au.AdminUnitLookupError) as err:
        au.commune("Kim Sơn", "Vĩnh Long")
    assert err.value.message == (
        "Xã Kim Sơn, Huyện Trà Cú, Tỉnh Trà Vinh không còn từ 01/07/2025; "
        "nay thuộc Xã Hàm Giang (Tỉnh Vĩnh Long, mã 29489)."
    )

    with pytest.raises(au.AdminUnitLookupError) as err:
        au.successors("Tân Sơn")
    assert err.value.message.startswith('Có 8 đơn vị cấp xã cũ tên "Tân Sơn": ')
    assert "Xã Tân Sơn, Huyện Trà Cú, Tỉnh Trà Vinh (mã 29470)" in err.value.message

    with pytest.raises(au.AdminUnitLookupError) as err:
        au.former_units("Duyên Hải")
    assert "Huyện Duyên Hải (Tỉnh Trà Vinh, mã 850)" in err.value.message
    assert "Thị xã Duyên Hải (Tỉnh Trà Vinh, mã 851)" in err.value.message
    assert len(au.former_units("Thị xã Duyên Hải")) == 7


def test_files_record_package_version_and_licence():
    src = au.source()
    assert (src.package, src.version, src.licence) == ("vietnamadminunits", "1.0.4", "MIT")
    assert src.effective.isoformat() == "2025-07-01"
    licence = (ADMIN / "LICENSE-vietnamadminunits.txt").read_text(encoding="utf-8")
    assert licence.startswith("MIT License")
    assert src.copyright == "Copyright (c) 2025 Tran Ngoc Minh Hieu"
    assert src.copyright in licence
    for name in FILES[:2]:
        header = json.loads((ADMIN / name).read_text(encoding="utf-8"))["source"]
        assert header["package"] == "vietnamadminunits" and header["version"] == "1.0.4"
        assert header["licence"] == "MIT" and header["copyright"] == src.copyright
        assert header["licence_file"] == "LICENSE-vietnamadminunits.txt"


def test_files_are_canonical_nfc_sorted_and_small():
    from tools.make_admin_units import dumps

    for name in FILES[:2]:
        text = (ADMIN / name).read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text)
        doc = json.loads(text)
        header = doc.pop("source")
        for section in doc.values():
            assert list(section) == sorted(section)
        assert dumps(header, doc) == text  # as the generator writes it: not edited by hand
        assert (ADMIN / name).stat().st_size < 700_000


def _package_dir() -> Path | None:
    env = os.environ.get("VIETNAMADMINUNITS_DIR")
    if env:
        return Path(env)
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations))).parent
    return None


def test_regenerating_gives_byte_identical_files(tmp_path, capsys):
    package_dir = _package_dir()
    if package_dir is None:
        pytest.skip("vietnamadminunits not installed (set VIETNAMADMINUNITS_DIR)")
    from tools.make_admin_units import main

    for name in FILES:
        shutil.copy(ADMIN / name, tmp_path / name)
    assert main(["--package-dir", str(package_dir), "--out", str(tmp_path)]) == 0
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (ADMIN / name).read_bytes(), name
    # From scratch with the recorded date: the same bytes too.
    fresh = tmp_path / "fresh"
    generated = au.source().generated.isoformat()
    assert main(["--package-dir", str(package_dir), "--out", str(fresh), "--date", generated]) == 0
    for name in FILES:
        assert (fresh / name).read_bytes() == (ADMIN / name).read_bytes(), name
    assert "10543 Phường Việt Hòa" in capsys.readouterr().out
