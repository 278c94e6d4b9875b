"""Service-index rates (Quyết định 766/QĐ-TTg) from summed figures, by hand-computed values."""

from __future__ import annotations

from decimal import Decimal

from tracu_desktop.core.service_index import (
    compute_service_rates,
    load_service_index,
    rate_tooltip,
)

FIGURES = {
    "received_online": 1_200,
    "received_direct": 800,
    "received_online_full": 450,
    "resolved_early": 900,
    "resolved_on_time": 850,
    "resolved_late": 50,
    "digitized_dossiers": 1_500,
    "results_electronic": 1_620,
    "fee_dossiers": 300,
    "paid_online": 87,
    "pakn_received_conduct": 2,
    "pakn_received_regulation": 1,
    "pakn_done_conduct": 1,
    "pakn_done_regulation": 1,
}


def _by_code(values):
    return {r.definition.code: r for r in compute_service_rates(values)}


def test_rates_match_hand_computation():
    rates = _by_code(FIGURES)
    assert rates["online"].value == Decimal("60.00")  # 1.200 / 2.000
    assert rates["online_full"].value == Decimal("22.50")  # 450 / 2.000
    assert rates["on_time"].value == Decimal("97.22")  # 1.750 / 1.800
    assert rates["digitized"].value == Decimal("75.00")  # 1.500 / 2.000
    assert rates["electronic_result"].value == Decimal("90.00")  # 1.620 / 1.800
    assert rates["online_payment"].value == Decimal("29.00")  # 87 / 300
    assert rates["feedback"].value == Decimal("66.67")  # 2 / 3
    assert (rates["on_time"].numerator, rates["on_time"].denominator) == (1750, 1800)


def test_never_entered_is_not_zero_percent():
    figures = {k: v for k, v in FIGURES.items() if k not in ("paid_online", "fee_dossiers")}
    figures["results_electronic"] = 0  # entered as zero: a real 0%
    rates = _by_code(figures)
    assert rates["online_payment"].value is None
    assert rates["online_payment"].reason == "chưa có số liệu"
    assert rates["electronic_result"].value == Decimal("0.00")
    empty = _by_code({"received_online": 0, "received_direct": 0})
    assert empty["online"].value is None and empty["online"].reason == "mẫu số bằng 0"


def test_definitions_cite_the_decision_and_invent_no_points():
    index = load_service_index()
    assert index.source.startswith("Quyết định số 766/QĐ-TTg ngày 23/6/2022")
    assert sum(g.max_points for g in index.groups) == 82  # the four groups with rates here
    assert [r.code for r in index.rates] == [
        "online", "online_full", "online_payment", "on_time", "digitized",
        "electronic_result", "feedback",
    ]  # fmt: skip
    assert all(not r.scoring for r in index.rates)
    on_time = next(r for r in index.rates if r.code == "on_time")
    tip = rate_tooltip(on_time, index.source, index.scoring_note)
    assert "Công thức: [Trước hạn (8) + đúng hạn (9)] / tổng số đã giải quyết (7)" in tip
    assert "nhóm “Tiến độ giải quyết” (tối đa 20 điểm)" in tip
    assert "không tự chấm điểm" in tip
    feedback = next(r for r in index.rates if r.code == "feedback")
    assert "không phải tỷ lệ đúng hạn" in rate_tooltip(feedback, index.source, "")
