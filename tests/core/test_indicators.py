from decimal import Decimal

from tracu_desktop.core.indicators import (
    FORM05A_INPUTS,
    FORM06_INPUTS,
    all_indicators,
    compute_rates,
    indicator_map,
    rate,
    with_totals,
)
from tracu_desktop.core.models import Detail


def test_catalog_has_domain_codes_and_columns():
    m = indicator_map()
    cols = {c: m[c].column for c in FORM06_INPUTS}
    assert cols == {
        "received_online": 4,
        "received_direct": 5,
        "carried_over": 6,
        "resolved_early": 8,
        "resolved_on_time": 9,
        "resolved_late": 10,
        "pending_on_time": 12,
        "pending_overdue": 13,
    }
    assert [m[c].column for c in FORM05A_INPUTS] == [4, 5, 7, 8, 10, 11, 12]
    assert all(m[c].detail is Detail.UNIT_FIELD for c in (*FORM06_INPUTS, *FORM05A_INPUTS))
    assert m["digitized_dossiers"].detail is Detail.UNIT
    assert len({i.code for i in all_indicators()}) == len(all_indicators())


def test_totals():
    t = with_totals(
        {
            "received_online": 3,
            "received_direct": 2,
            "carried_over": 1,
            "resolved_late": 4,
            "pending_overdue": 2,
        }
    )
    assert (t["received_total"], t["resolved_total"], t["pending_total"]) == (6, 4, 2)


def test_reference_rates():
    r = compute_rates(
        {
            "received_online": 15561,
            "received_direct": 6717,
            "resolved_early": 16874,
            "resolved_on_time": 4955,
            "resolved_late": 449,
            "digitized_dossiers": 20432,
        }
    )
    assert (r.online, r.on_time, r.late, r.digitized) == (
        Decimal("69.85"),
        Decimal("97.98"),
        Decimal("2.02"),
        Decimal("91.71"),
    )


def test_rate_half_up_and_zero_base():
    assert rate(1, 8) == Decimal("12.50")
    assert rate(1, 800) == Decimal("0.13")  # 0.125 rounds up
    assert rate(5, 0) is None
