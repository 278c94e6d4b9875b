"""The Trà Cú 2023 demo figures, spread plausibly over units and fields.

Totals equal the real report (Số 533/BC-UBND, 21/11/2023): 22.278 dossiers (15.561
online, 6.717 direct, none carried over), 21.829 resolved early or on time, 449 late,
none pending, 20.432 digitised; one recommendation on Hộ tịch processed and published;
and the figures of sections 1–4 and 8. The spread is deterministic (fixed seed).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date

DEMO_PERIOD = "2023"
DEMO_START = date(2023, 1, 1)
DEMO_END = date(2023, 11, 20)
DEMO_NUMBER = "533"  # Số 533/BC-UBND, the real report's number
# The real report does not name who prepared its appendices: a made-up demo name, so the
# "NGƯỜI LẬP BIỂU" block shows how a name prints (set the real one in Cài đặt).
DEMO_PREPARER = "Nguyễn Thị Thanh Hương"

TOTAL_NEW = 22_278
TOTAL_ONLINE = 15_561
TOTAL_LATE = 449
TOTAL_EARLY = 16_874  # early + on time = 21.829 in the report; the split is not published
TOTAL_DIGITIZED = 20_432

# Earlier years, for trends and comparisons (form 06 and digitisation only; invented
# but plausible): year -> (new, online, late, early, digitised).
HISTORY: dict[int, tuple[int, int, int, int, int]] = {
    2021: (18_930, 7_850, 803, 12_400, 9_870),
    2022: (21_074, 12_980, 612, 15_020, 17_115),
}

Cell = tuple[str, str, str]

# District fields: (field code, handling office, relative weight of dossiers).
DISTRICT_FIELDS: tuple[tuple[str, str, int], ...] = (
    ("H_DAT_DAI", "P_TNMT", 260),
    ("H_THANH_LAP_VA_HOAT_DONG_CUA_HO_KINH_DOANH", "P_TCKH", 95),
    ("H_HO_TICH", "P_TP", 22),
    ("H_CHUNG_THUC", "P_TP", 120),
    ("H_HOAT_DONG_XAY_DUNG", "P_KTHT", 40),
    ("H_BAO_TRO_XA_HOI", "P_LDTBXH", 55),
    ("H_NGUOI_CO_CONG", "P_LDTBXH", 18),
    ("H_GIAO_DUC_VA_DAO_TAO", "P_GDDT", 16),
    ("H_MOI_TRUONG", "P_TNMT", 6),
    ("H_VAN_HOA", "P_VHTT", 5),
    ("H_KINH_TE_HOP_TAC_VA_PHAT_TRIEN_NONG_THON", "P_NNPTNT", 4),
    ("H_THI_DUA_KHEN_THUONG", "P_NV", 8),
    ("H_LUU_THONG_HANG_HOA_TRONG_NUOC", "P_KTHT", 7),
)
# Commune fields: (field code, relative weight per commune).
COMMUNE_FIELDS: tuple[tuple[str, int], ...] = (
    ("X_CHUNG_THUC", 300),
    ("X_HO_TICH", 210),
    ("X_BAO_TRO_XA_HOI", 45),
    ("X_DAT_DAI", 20),
    ("X_NGUOI_CO_CONG", 12),
    ("X_NGHIA_VU_QUAN_SU", 4),
    ("X_GIAM_NGHEO", 6),
)

PAKN_CELL = ("TT_TRA_CU", "X_HO_TICH")

UNIT_FIGURES: dict[str, dict[str, int]] = {
    "HUYEN": {
        "tthc_assessed": 2,
        "tthc_issued_assessed": 9,
        "appraised_tthc": 0,
        "appraised_drafts": 0,
        "announce_decisions": 6,
        "announce_legal_docs": 0,
        "announced_new": 9,
        "announced_amended": 0,
        "announced_abolished": 9,
        "tthc_published": 18,
        "managed_central": 270,
        "managed_provincial": 22,
        "authority_set_central": 402,
        "authority_set_provincial": 33,
        "portal_integrated_period": 6,
        "portal_integrated_total": 334,
        "dvc_full": 17,
        "dvc_partial": 108,
        "dvc_other": 46,
    },
    "XA_CHUNG": {"dvc_full": 10, "dvc_partial": 80, "dvc_other": 73},
}
SIMPLIFY = {
    "H_GIAO_DUC_VA_DAO_TAO": 2,
    "H_VAN_HOA": 5,
    "H_KINH_TE_HOP_TAC_VA_PHAT_TRIEN_NONG_THON": 2,
}
AUTHORITY_DISTRICT = 270
AUTHORITY_COMMUNE = 165


def allocate(total: int, weights: Sequence[float], caps: Sequence[int] | None = None) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder), within caps."""
    n = len(weights)
    cap = list(caps) if caps is not None else [total] * n
    if sum(cap) < total:
        raise ValueError("caps too small for total")
    out = [0] * n
    remaining = total
    active = [i for i in range(n) if cap[i] > 0 and weights[i] > 0] or [
        i for i in range(n) if cap[i] > 0
    ]
    while remaining > 0:
        w = sum(weights[i] for i in active) or len(active)
        shares = {i: remaining * ((weights[i] or 1) if w else 1) / w for i in active}
        given = 0
        for i in active:
            take = min(int(shares[i]), cap[i] - out[i])
            out[i] += take
            given += take
        remaining -= given
        if remaining > 0:
            order = sorted(active, key=lambda i: shares[i] - int(shares[i]), reverse=True)
            for i in order:
                if remaining == 0:
                    break
                if out[i] < cap[i]:
                    out[i] += 1
                    remaining -= 1
        active = [i for i in active if out[i] < cap[i]]
        if not active and remaining:
            active = [i for i in range(n) if out[i] < cap[i]]
    return out


def build_demo_values(commune_codes: Sequence[str], year: int = 2023) -> dict[Cell, int]:
    """Every stored figure of a demo year as ``{(unit, field, indicator): value}``.

    2023 is the reference report; earlier years (:data:`HISTORY`) carry form 06 and
    digitisation figures only.
    """
    # One structure for every year (which units handle how many dossiers of which field),
    # so a unit's figures stay close to its own history; earlier years only vary a little.
    rng = random.Random(2023)
    wobble = random.Random(year)

    def vary(w: float) -> float:
        return w if year == 2023 else w * (0.9 + 0.2 * wobble.random())

    if year == 2023:
        total_new, total_online, total_late, total_early, total_digitized = (
            TOTAL_NEW,
            TOTAL_ONLINE,
            TOTAL_LATE,
            TOTAL_EARLY,
            TOTAL_DIGITIZED,
        )
    else:
        total_new, total_online, total_late, total_early, total_digitized = HISTORY[year]
    cells: list[tuple[str, str]] = []
    weights: list[float] = []
    online_share: list[float] = []
    for field, office, weight in DISTRICT_FIELDS:
        cells.append((office, field))
        weights.append(weight * 9.0)
        online_share.append(0.55 + 0.3 * rng.random())
    for commune in commune_codes:
        size = 0.6 + 0.8 * rng.random()
        for field, weight in COMMUNE_FIELDS:
            cells.append((commune, field))
            weights.append(weight * size * (0.7 + 0.6 * rng.random()))
            online_share.append(0.5 + 0.4 * rng.random())

    weights = [vary(w) for w in weights]
    new = allocate(total_new, weights, [total_new] * len(cells))
    online = allocate(
        total_online, [w * s for w, s in zip(weights, online_share, strict=True)], new
    )
    late = allocate(total_late, [w * (0.5 + rng.random()) for w in weights], new)
    room = [n - lt for n, lt in zip(new, late, strict=True)]
    early = allocate(total_early, [r * (0.6 + 0.4 * rng.random()) for r in room], room)

    values: dict[Cell, int] = {}
    for i, (unit, field) in enumerate(cells):
        if new[i] == 0:
            continue
        cell = {
            "received_online": online[i],
            "received_direct": new[i] - online[i],
            "carried_over": 0,
            "resolved_early": early[i],
            "resolved_on_time": new[i] - late[i] - early[i],
            "resolved_late": late[i],
            "pending_on_time": 0,
            "pending_overdue": 0,
        }
        for indicator, v in cell.items():
            values[(unit, field, indicator)] = v

    per_unit_new: dict[str, int] = {}
    for i, (unit, _field) in enumerate(cells):
        per_unit_new[unit] = per_unit_new.get(unit, 0) + new[i]
    units = sorted(per_unit_new)
    digitized = allocate(
        total_digitized,
        [per_unit_new[u] * (0.85 + 0.15 * rng.random()) for u in units],
        [per_unit_new[u] for u in units],
    )
    for unit, d in zip(units, digitized, strict=True):
        values[(unit, "", "digitized_dossiers")] = d
    if year != 2023:
        return values

    unit, field = PAKN_CELL
    for indicator, v in {
        "pakn_received_conduct": 0,
        "pakn_received_regulation": 1,
        "pakn_done_conduct": 0,
        "pakn_done_regulation": 1,
        "pakn_pending_conduct": 0,
        "pakn_pending_regulation": 0,
        "pakn_published": 1,
    }.items():
        values[(unit, field, indicator)] = v

    for unit_code, figures in UNIT_FIGURES.items():
        for indicator, v in figures.items():
            values[(unit_code, "", indicator)] = v
    for field, v in SIMPLIFY.items():
        values[("HUYEN", field, "simplify_proposed")] = v

    district_fields = [f for f, _o, _w in DISTRICT_FIELDS]
    commune_fields = [f for f, _w in COMMUNE_FIELDS]
    for unit_code, fields, total in (
        ("HUYEN_CHUNG", district_fields, AUTHORITY_DISTRICT),
        ("XA_CHUNG", commune_fields, AUTHORITY_COMMUNE),
    ):
        split = allocate(total, [3 + rng.random() * 10 for _ in fields])
        for field, n in zip(fields, split, strict=True):
            values[(unit_code, field, "tthc_authority")] = n
            values[(unit_code, field, "tthc_onestop")] = n
            values[(unit_code, field, "tthc_internal_procedures")] = n
    return values
