"""A successor commune's database built unit by unit: Xã Tập Sơn (from 01/07/2025) with
its three predecessor communes of the former Trà Cú district (ended 30/06/2025), plus one
former commune that went elsewhere (Xã Kim Sơn, now part of Xã Hàm Giang) whose history
was also kept, so comparisons must leave it out. Figures are test figures."""

from __future__ import annotations

from datetime import date

from tracu_desktop.core.models import Field, Level, Organisation, Unit, UnitKind, ValueKey
from tracu_desktop.db.catalog import save_field, save_organisation, save_unit
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import add_period
from tracu_desktop.db.values import Change, apply_changes

CHANGE_END = date(2025, 6, 30)
NEW = "29467"
FORMER = {"cu-29464": "Xã Phước Hưng", "cu-29467": "Xã Tập Sơn", "cu-29470": "Xã Tân Sơn"}
ELSEWHERE = "cu-29473"

ORG = Organisation(
    name="Ủy ban nhân dân xã Tập Sơn",
    short_name="Tập Sơn",
    superior="Ủy ban nhân dân tỉnh Vĩnh Long",
    recipient="Văn phòng Ủy ban nhân dân tỉnh",
    place="Tập Sơn",
    level=Level.COMMUNE,
    signer_authority="KT. CHỦ TỊCH",
    signer_title="PHÓ CHỦ TỊCH",
    header_lower="XÃ TẬP SƠN",
)

# (unit, field): (online, direct, early, on time, late, digitised) per period.
FIGURES = {
    "2025-Q1": {
        ("cu-29464", "x-hotich"): (30, 70, 50, 45, 5, 60),
        ("cu-29467", "x-hotich"): (40, 60, 60, 38, 2, 70),
        ("cu-29470", "x-datdai"): (10, 40, 20, 25, 5, 30),
        (ELSEWHERE, "x-hotich"): (500, 500, 500, 400, 100, 900),
    },
    "2026-Q1": {
        (NEW, "x-hotich"): (150, 100, 120, 120, 10, 220),
        (NEW, "x-datdai"): (30, 20, 25, 20, 5, 40),
    },
}
INDICATORS = (
    "received_online", "received_direct", "resolved_early", "resolved_on_time",
    "resolved_late", "digitized_dossiers",
)  # fmt: skip


def build_successor_commune(db: Database) -> None:
    save_organisation(db, ORG)
    save_unit(
        db,
        Unit(NEW, "Xã Tập Sơn", Level.COMMUNE, UnitKind.BODY, sort=1, valid_from=date(2025, 7, 1)),
    )
    for i, (code, name) in enumerate(FORMER.items(), start=2):
        save_unit(
            db,
            Unit(code, name, Level.COMMUNE, UnitKind.COMMUNE, sort=i, valid_to=CHANGE_END,
                 successors=(NEW,)),
        )  # fmt: skip
    save_unit(
        db,
        Unit(ELSEWHERE, "Xã Kim Sơn", Level.COMMUNE, UnitKind.COMMUNE, sort=9,
             valid_to=CHANGE_END),
    )  # fmt: skip
    save_field(db, Field("x-hotich", "Hộ tịch", Level.COMMUNE, 1))
    save_field(db, Field("x-datdai", "Đất đai", Level.COMMUNE, 2))
    changes = []
    for period, cells in FIGURES.items():
        add_period(db, period, exist_ok=True)
        for (unit, field), values in cells.items():
            for indicator, value in zip(INDICATORS, values, strict=True):
                changes.append(Change(ValueKey(period, unit, field, indicator), value))
    apply_changes(db, changes, "demo")
