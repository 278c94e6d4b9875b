"""Service-index rates of the demo period and its trend, read from the database."""

from __future__ import annotations

from decimal import Decimal

from tracu_desktop.db.service_index import service_rates, service_trend


def test_demo_period_rates(demo_db):
    rates = service_rates(demo_db, "2023")
    assert rates is not None
    online = rates.value_of("online")
    # The real report: 15.561 / 22.278 = 69,85%; 21.829 / 22.278 = 97,98%;
    # 20.432 / 22.278 = 91,71%; one recommendation received and processed.
    assert (online.numerator, online.denominator, online.value) == (15561, 22278, Decimal("69.85"))
    assert rates.value_of("on_time").value == Decimal("97.98")
    assert rates.value_of("digitized").value == Decimal("91.71")
    assert rates.value_of("feedback").value == Decimal("100.00")
    # The demo has no fully-online, electronic-result or payment figures.
    for code in ("online_full", "electronic_result", "online_payment"):
        assert rates.value_of(code).value is None
        assert rates.value_of(code).reason == "chưa có số liệu"
    assert service_rates(demo_db, "1999") is None


def test_demo_trend(demo_db):
    points = service_trend(demo_db, "2023")
    assert [p.period for p in points] == ["2021", "2022", "2023"]
    # 2021: 7.850 / 18.930; 2022: 12.980 / 21.074.
    assert [p.value_of("online").value for p in points] == [
        Decimal("41.47"), Decimal("61.59"), Decimal("69.85"),
    ]  # fmt: skip
