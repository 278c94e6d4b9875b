"""A province consolidates its communes: six commune databases with different figures send
packages; one import run stores each under its sender, and the province's 06a rows, 06b
totals and completeness table equal what was sent."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tracu_desktop.core import admin_units
from tracu_desktop.core.entry_spec import entry_spec
from tracu_desktop.core.formtable import RowKind
from tracu_desktop.core.models import Field, Level, Organisation, Unit, UnitKind, ValueKey
from tracu_desktop.db.catalog import save_field, save_organisation, save_unit
from tracu_desktop.db.completeness import set_period_deadline, unit_statuses
from tracu_desktop.db.connection import open_database
from tracu_desktop.db.periods import add_period
from tracu_desktop.db.values import Change, apply_changes, get_values
from tracu_desktop.export.form_data import build_form_table
from tracu_desktop.interchange.package import write_package
from tracu_desktop.interchange.workbook_import import import_files

PERIOD = "2025-Q4"
SIX = ("Trà Cú", "Đại An", "Lưu Nghiệp Anh", "Hàm Giang", "Long Hiệp", "Tập Sơn")
FIELDS = (("X_HT", "Hộ tịch"), ("X_CT", "Chứng thực"), ("X_DD", "Đất đai"))


def _cell(seed: int, field: int) -> dict[str, int]:
    """Different, consistent figures per commune and field: (3) = (7) + (11)."""
    online, direct = 100 + 37 * seed + 11 * field, 40 + 13 * seed + 5 * field
    late, pending = seed + field, 2 * seed
    early = (online + direct - late - pending) // 2
    return {
        "received_online": online,
        "received_direct": direct,
        "carried_over": 0,
        "resolved_early": early,
        "resolved_on_time": online + direct - late - pending - early,
        "resolved_late": late,
        "pending_on_time": pending,
        "pending_overdue": 0,
    }


def _commune_db(path: Path, commune: admin_units.Commune, seed: int):
    db = open_database(path)
    province = admin_units.province(commune.province_code)
    save_organisation(
        db,
        Organisation(
            name=commune.authority,
            short_name=commune.short_name,
            superior=province.authority,
            recipient=province.authority,
            place=commune.short_name,
            level=Level.COMMUNE,
            header_lower=commune.name.upper(),
        ),
    )
    save_unit(db, Unit(commune.code, commune.name, Level.COMMUNE, UnitKind.BODY))
    for code, name in FIELDS:
        save_field(db, Field(code, name, Level.COMMUNE))
    add_period(db, PERIOD)
    changes = [
        Change(ValueKey(PERIOD, commune.code, code, k), v)
        for f, (code, _) in enumerate(FIELDS)
        for k, v in _cell(seed, f).items()
    ]
    apply_changes(db, changes)
    return db


def _province_db(path: Path, communes: list[admin_units.Commune], extra: int = 4):
    """Vĩnh Long with two departments (own figures) and the six communes plus ``extra``
    communes that send nothing; its commune fields carry other codes than the senders'."""
    db = open_database(path)
    vl = admin_units.province("86")
    save_organisation(
        db,
        Organisation(
            name=vl.authority,
            short_name=vl.short_name,
            superior="Văn phòng Chính phủ",
            recipient="Văn phòng Chính phủ",
            place=vl.short_name,
            level=Level.PROVINCE,
        ),
    )
    save_unit(db, Unit("T86", vl.authority, Level.PROVINCE, UnitKind.BODY))
    save_unit(db, Unit("S_TP", "Sở Tư pháp", Level.PROVINCE, UnitKind.OFFICE, sort=1))
    save_unit(db, Unit("S_YT", "Sở Y tế", Level.PROVINCE, UnitKind.OFFICE, sort=2))
    others = [c for c in admin_units.communes(vl) if c not in communes][:extra]
    for i, c in enumerate([*communes, *others]):
        save_unit(db, Unit(c.code, c.name, Level.COMMUNE, UnitKind.COMMUNE, sort=100 + i))
    save_field(db, Field("T_LLTP", "Lý lịch tư pháp", Level.PROVINCE))
    for code, name in FIELDS:
        save_field(db, Field("P" + code, name, Level.COMMUNE))
    add_period(db, PERIOD)
    apply_changes(
        db,
        [Change(ValueKey(PERIOD, "S_TP", "T_LLTP", k), v) for k, v in _cell(9, 0).items()],
    )
    return db, others


@pytest.fixture
def sent(tmp_path):
    """The six communes' packages and what each sent: {commune code: {indicator: sum}}."""
    communes = [admin_units.commune(name, "86") for name in SIX]
    paths, sums = [], {}
    for seed, commune in enumerate(communes, start=1):
        db = _commune_db(tmp_path / f"{commune.code}.sqlite3", commune, seed)
        try:
            pkg = write_package(db, PERIOD, tmp_path / f"{commune.code}.tracu.zip")
            totals: dict[str, int] = {}
            for key, value in get_values(db, PERIOD).items():
                totals[key[2]] = totals.get(key[2], 0) + value
            sums[commune.code] = totals
        finally:
            db.close()
        paths.append(pkg.path)
    return communes, paths, sums


def _rows(table, kind=RowKind.DATA):
    return [r for r in table.rows if r.kind is kind]


def _col(table, key: str) -> int:
    return table.spec.leaf_order().index(key)


def test_six_commune_packages_add_up_in_the_province(sent, tmp_path):
    communes, paths, sums = sent
    db, others = _province_db(tmp_path / "province.sqlite3", communes)
    try:
        plan, done = import_files(db, paths)
        assert plan.ok, [str(p) for p in plan.problems]
        assert done
        stored = get_values(db, PERIOD)
        for c in communes:  # each package under its own sender, fields by name
            got: dict[str, int] = {}
            for key, value in stored.items():
                if key[0] == c.code:
                    got[key[2]] = got.get(key[2], 0) + value
            assert got == sums[c.code]

        # 06a: sections of a province, one row per commune with its own figures, a total
        t06a = build_form_table(db, PERIOD, "06a")
        sections = [r.cells[1] for r in _rows(t06a, RowKind.SECTION)]
        assert sections == ["Sở, ban, ngành", "UBND cấp xã"]
        online = _col(t06a, "received_online")
        by_name = {r.cells[1]: r for r in _rows(t06a)}
        assert set(by_name) == {"Sở Tư pháp", *(c.name for c in communes)}
        for c in communes:
            assert by_name[c.name].cells[online] == sums[c.code]["received_online"]
        sent_online = sum(s["received_online"] for s in sums.values())
        sub = _rows(t06a, RowKind.SUBTOTAL)
        assert [r.cells[1] for r in sub] == ["Cộng sở, ban, ngành", "Cộng UBND cấp xã"]
        assert sub[1].cells[online] == sent_online
        total = _rows(t06a, RowKind.TOTAL)[0]
        assert total.cells[online] == sent_online + _cell(9, 0)["received_online"]
        resolved = _col(t06a, "resolved_total")
        assert sub[1].cells[resolved] == sum(
            s["resolved_early"] + s["resolved_on_time"] + s["resolved_late"] for s in sums.values()
        )

        # 06b: the province's figures by field, "Cấp tỉnh" and "Cấp xã", no "Cấp huyện"
        t06b = build_form_table(db, PERIOD, "06b")
        assert [r.cells[1] for r in _rows(t06b, RowKind.SECTION)] == ["Cấp tỉnh", "Cấp xã"]
        assert "CẤP TỈNH, CẤP XÃ" in t06b.texts.title
        hotich = next(r for r in _rows(t06b) if r.cells[1] == "Hộ tịch")
        assert hotich.cells[online] == sum(_cell(s, 0)["received_online"] for s in range(1, 7))
        for ind in entry_spec("06").inputs():
            col = _col(t06b, ind)
            want = sum(s.get(ind, 0) for s in sums.values()) + _cell(9, 0)[ind]
            assert _rows(t06b, RowKind.TOTAL)[0].cells[col] == want

        # completeness: every commune listed; the six with the day their package arrived
        set_period_deadline(db, PERIOD, date.today())
        statuses = {s.unit.code: s for s in unit_statuses(db, PERIOD)}
        assert set(statuses) == {"S_TP", "S_YT", *(c.code for c in communes),
                                 *(c.code for c in others)}  # fmt: skip
        for c in communes:
            st = statuses[c.code]
            assert st.sent and st.method == "package"
            assert st.received_at.date() == date.today()
            assert st.note == f"Đúng hạn; tệp {c.code}.tracu.zip"
        for c in others:
            assert statuses[c.code].note == "Chưa gửi"
        set_period_deadline(db, PERIOD, date.today() - timedelta(days=1))
        late = {s.unit.code for s in unit_statuses(db, PERIOD) if s.late}
        assert late == {"S_TP", *(c.code for c in communes)}  # all arrived today
        table = build_form_table(db, PERIOD, "completeness")
        assert [r.cells[1] for r in _rows(table, RowKind.SECTION)] == [
            "Sở, ban, ngành",
            "UBND cấp xã",
        ]
        by_unit = {r.cells[1]: r.cells for r in _rows(table)}
        tap_son = by_unit["Xã Tập Sơn"]
        assert date.today() in tap_son and "Gửi trễ hạn; tệp 29467.tracu.zip" in tap_son
        assert by_unit[others[0].name][-1] == ""  # nothing sent, no note
        total = _rows(table, RowKind.TOTAL)[0]
        assert 7 in total.cells  # six communes + Sở Tư pháp (typed) sent
    finally:
        db.close()


def test_a_sender_with_two_namesakes_is_refused_with_the_candidates(sent, tmp_path):
    """No code in common and two units of the sender's name: nothing is written, not even
    the other five packages of the run, and the message lists both candidates."""
    communes, paths, _ = sent
    db, _ = _province_db(tmp_path / "province.sqlite3", communes)
    try:
        tap_son = communes[-1]
        db.execute("UPDATE units SET code = 'VL-' || code WHERE code = ?", [tap_son.code])
        save_unit(db, Unit("cu-29467", tap_son.name, Level.COMMUNE, UnitKind.COMMUNE))
        plan, done = import_files(db, paths)
        assert not done
        message = " ".join(str(p) for p in plan.problems)
        assert "có 2 đơn vị phù hợp" in message
        assert f"Xã Tập Sơn (mã VL-{tap_son.code})" in message
        assert "Xã Tập Sơn (mã cu-29467)" in message
        assert {k[0] for k in get_values(db, PERIOD)} == {"S_TP"}
    finally:
        db.close()


def test_a_sender_is_found_by_code_when_the_province_names_it_otherwise(sent, tmp_path):
    communes, paths, sums = sent
    db, _ = _province_db(tmp_path / "province.sqlite3", communes)
    try:
        dai_an = communes[1]
        save_unit(db, Unit(dai_an.code, "UBND xã Đại An (mới)", Level.COMMUNE, UnitKind.COMMUNE))
        plan, _ = import_files(db, [paths[1]])
        assert plan.ok
        got = sum(v for k, v in get_values(db, PERIOD).items() if k[0] == dai_an.code)
        assert got == sum(sums[dai_an.code].values())
    finally:
        db.close()


def test_a_commune_prints_only_the_commune_level(tmp_path):
    commune = admin_units.commune("Tập Sơn", "86")
    db = _commune_db(tmp_path / "c.sqlite3", commune, 3)
    try:
        t06b = build_form_table(db, PERIOD, "06b")
        assert [r.cells[1] for r in _rows(t06b, RowKind.SECTION)] == ["Cấp xã"]
        assert t06b.texts.title.endswith("THUỘC THẨM QUYỀN CỦA CẤP XÃ")
        t06a = build_form_table(db, PERIOD, "06a")
        assert [r.cells[1] for r in _rows(t06a, RowKind.SECTION)] == ["Cấp xã"]
    finally:
        db.close()


def test_import_command_takes_every_package_and_prints_a_summary(sent, tmp_path, capsys):
    from tracu_desktop.cli.main import main
    from tracu_desktop.core.vnformat import format_int

    communes, paths, sums = sent
    db, _ = _province_db(tmp_path / "province.sqlite3", communes)
    db.close()
    argv = ["--db", str(tmp_path / "province.sqlite3"), "import", *map(str, paths)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Tổng hợp 6 tệp:" in out
    lines = out.splitlines()
    tap_son = next(ln for ln in lines if "29467.tracu.zip" in ln and "Ghi chú" not in ln)
    received = sums["29467"]["received_online"] + sums["29467"]["received_direct"]
    assert tap_son.split()[2:6] == ["Xã", "Tập", "Sơn", "2025-Q4"]
    assert tap_son.split()[-2] == format_int(received)
    total = next(line for line in lines if "Tổng cộng" in line)
    all_received = sum(s["received_online"] + s["received_direct"] for s in sums.values())
    assert "6 đơn vị" in total and total.split()[-2] == format_int(all_received)
    assert "Đã nhập" in out


def test_refusal_messages_read_as_vietnamese_sentences():
    from tracu_desktop.interchange.sender_match import SenderMatch, sender_problem

    two = (
        Unit("29467", "Xã Tập Sơn", Level.COMMUNE, UnitKind.COMMUNE),
        Unit("cu-29467", "Xã Tập Sơn", Level.COMMUNE, UnitKind.COMMUNE),
    )
    text = sender_problem(SenderMatch(None, two, True), "Ủy ban nhân dân xã Tập Sơn", "T1")
    assert text.startswith(
        "Không xác định được đơn vị “Ủy ban nhân dân xã Tập Sơn” (bên gửi gói, mã T1): có 2 "
        "đơn vị phù hợp: Xã Tập Sơn (mã 29467); Xã Tập Sơn (mã cu-29467)."
    )
    text = sender_problem(SenderMatch(None, two[:1]), "Ủy ban nhân dân xã Tập Sơ", "T1")
    assert text.startswith(
        "Không tìm thấy đơn vị “Ủy ban nhân dân xã Tập Sơ” (bên gửi gói) trong danh mục đơn vị "
        "(mã trong gói: T1). Gần giống: Xã Tập Sơn (mã 29467)."
    )
