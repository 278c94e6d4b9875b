from decimal import Decimal

from tracu_desktop.core.entry_spec import entry_spec, with_totals
from tracu_desktop.core.indicators import all_indicators, indicator_map, rate
from tracu_desktop.core.models import Detail
from tracu_desktop.core.rates import compute_rates


def test_entry_grids_have_the_printed_column_numbers():
    m = indicator_map()
    cols = {c.key: c.number for c in entry_spec("06").columns if c.kind == "input"}
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
    f05a = entry_spec("05a")
    assert [c.number for c in f05a.columns if c.kind == "input"] == [4, 5, 7, 8, 10, 11, 12]
    inputs = (*entry_spec("06").inputs(), *f05a.inputs())
    assert all(m[c].detail is Detail.UNIT_FIELD for c in inputs)
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
