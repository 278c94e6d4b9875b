"""Lineage: units in force for a date range, predecessors (transitively), groups that
count every former unit once."""

from datetime import date

from tracu_desktop.core.lineage import (
    comparison_groups,
    direct_predecessors,
    has_lineage,
    lineage_scope,
    predecessors,
    representatives,
    units_in_force,
)
from tracu_desktop.core.models import Level, Unit, UnitKind

END = date(2025, 6, 30)
START = date(2025, 7, 1)
Y2024 = (date(2023, 12, 15), date(2024, 12, 14))
Y2025 = (date(2024, 12, 15), date(2025, 12, 14))
Y2026Q1 = (date(2025, 12, 15), date(2026, 3, 14))


def _u(code, name, valid_from=None, valid_to=None, successors=()):
    return Unit(code, name, Level.COMMUNE, UnitKind.COMMUNE, valid_from=valid_from,
                valid_to=valid_to, successors=tuple(successors))  # fmt: skip


UNITS = [
    _u("29467", "Xã Tập Sơn", valid_from=START),
    _u("cu-29464", "Xã Phước Hưng", valid_to=END, successors=["29467"]),
    _u("cu-29467", "Xã Tập Sơn", valid_to=END, successors=["29467"]),
    _u("cu-29470", "Xã Tân Sơn", valid_to=END, successors=["29467"]),
    _u("cu-29473", "Xã Kim Sơn", valid_to=END),
]


def test_units_in_force_follow_the_dates():
    assert [u.code for u in units_in_force(UNITS, *Y2024)] == [
        "cu-29464", "cu-29467", "cu-29470", "cu-29473",
    ]  # fmt: skip
    assert [u.code for u in units_in_force(UNITS, *Y2026Q1)] == ["29467"]
    # The year 2025 (15/12/2024–14/12/2025) straddles the change: both generations.
    assert len(units_in_force(UNITS, *Y2025)) == 5


def test_predecessors_are_followed_transitively():
    chain = [
        _u("c", "Xã C", valid_from=date(2027, 1, 1)),
        _u("b", "Xã B", valid_from=START, valid_to=date(2026, 12, 31), successors=["c"]),
        _u("a1", "Xã A1", valid_to=END, successors=["b"]),
        _u("a2", "Xã A2", valid_to=END, successors=["b"]),
    ]
    assert predecessors(chain, "c") == ("b", "a1", "a2")
    assert predecessors(chain, "a1") == ()
    assert direct_predecessors(chain) == {"b": ("a1", "a2"), "c": ("b",)}


def test_a_divided_unit_counts_for_its_first_successor_only():
    units = [
        _u("n1", "Xã N1", valid_from=START),
        _u("n2", "Xã N2", valid_from=START),
        _u("old", "Xã Cũ", valid_to=END, successors=["n2", "n1"]),
    ]
    assert predecessors(units, "n1") == ("old",)
    assert predecessors(units, "n2") == ()


def test_groups_put_each_former_unit_under_one_unit_in_force():
    groups = comparison_groups(UNITS, *Y2026Q1)
    assert groups == {"29467": ("29467", "cu-29464", "cu-29467", "cu-29470")}
    # In the straddling year every unit is in force and stands for itself.
    assert all(len(g) == 1 for g in comparison_groups(UNITS, *Y2025).values())
    assert len(comparison_groups(UNITS, *Y2025)) == 5


def test_scope_leaves_out_former_units_that_went_elsewhere():
    scope = lineage_scope(UNITS, *Y2026Q1)
    assert scope == {"29467", "cu-29464", "cu-29467", "cu-29470"}
    assert representatives(UNITS, *Y2026Q1)["cu-29470"] == "29467"
    assert "cu-29473" not in representatives(UNITS, *Y2026Q1)


def test_a_catalog_without_lineage_counts_every_unit():
    plain = [_u("TT_TRA_CU", "Thị trấn Trà Cú"), _u("KIM_SON", "Xã Kim Sơn")]
    assert not has_lineage(plain)
    assert lineage_scope(plain, *Y2024) is None
    assert has_lineage(UNITS)


def test_a_successor_cycle_does_not_hang():
    units = [
        _u("a", "A", valid_to=END, successors=["b"]),
        _u("b", "B", valid_to=END, successors=["a"]),
    ]
    assert representatives(units, *Y2026Q1) == {}
    assert set(predecessors(units, "a")) == {"b"}
