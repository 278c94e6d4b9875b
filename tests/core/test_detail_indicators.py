"""Optional detail of form 06 (toàn trình, bưu chính, thư xin lỗi, thanh toán…) checked
against form 06 where they overlap."""

from __future__ import annotations

from tracu_desktop.core.indicators import get_indicator
from tracu_desktop.core.models import Aggregation
from tracu_desktop.core.validation import Names, validate

U, F = "XA_KIM_SON", "X_HO_TICH"
NAMES = Names(units={U: "Xã Kim Sơn"}, fields={F: "Hộ tịch"})
BASE = {  # a balanced form-06 row: 10 + 20 + 5 = 35 = (8 + 12 + 3) + (10 + 2)
    "carried_over": 10, "received_online": 20, "received_direct": 5,
    "resolved_early": 8, "resolved_on_time": 12, "resolved_late": 3,
    "pending_on_time": 10, "pending_overdue": 2,
}  # fmt: skip


def _issues(**detail: int):
    values = {(U, F, k): v for k, v in {**BASE, **detail}.items()}
    return [i for i in validate(values, NAMES) if i.rule.startswith("detail_")]


def test_detail_indicators_are_catalog_entries_summed_over_months() -> None:
    for code in (
        "received_online_full",
        "received_postal",
        "resolved_late_apology",
        "paid_online",
        "results_electronic",
        "digitized_reused",
    ):
        ind = get_indicator(code)
        assert ind is not None and ind.form == "06ct" and ind.aggregation is Aggregation.SUM


def test_consistent_detail_raises_nothing() -> None:
    assert (
        _issues(
            received_online_full=12,
            received_online_partial=6,
            received_online_other=2,
            received_postal=4,
            resolved_late_apology=2,
            resolved_late_no_apology=1,
            fee_dossiers=9,
            paid_online=9,
            results_electronic=23,
            digitized_reused=25,
        )
        == []
    )


def test_online_split_must_add_up_to_column_4() -> None:
    (issue,) = _issues(received_online_full=12, received_online_partial=6)
    assert issue.rule == "detail_online" and issue.indicator == "received_online_full"
    assert issue.message == (
        "Xã Kim Sơn — lĩnh vực Hộ tịch: trực tuyến toàn trình + trực tuyến một phần = 12 + 6 = 18 "
        "khác số mới tiếp nhận trực tuyến (4) = 20."
    )


def test_bounds_against_form_06_name_both_sides() -> None:
    by_rule = {
        i.rule: i.message
        for i in _issues(
            received_postal=6,
            resolved_late_apology=4,
            received_nonboundary=26,
            results_electronic=24,
            fee_dossiers=3,
            paid_online=4,
            digitized_reused=30,
        )
    }
    assert "qua bưu chính công ích = 6 lớn hơn số tiếp nhận trực tiếp" in by_rule["detail_postal"]
    assert (
        "quá hạn, đã xin lỗi = 4 khác số đã giải quyết quá hạn (10) = 3" in by_rule["detail_late"]
    )
    assert "lớn hơn số hồ sơ mới tiếp nhận (4) + (5) = 25" in by_rule["detail_nonboundary"]
    assert "kết quả điện tử = 24 lớn hơn số đã giải quyết (7) = 23" in by_rule["detail_results"]
    assert "thanh toán trực tuyến = 4 lớn hơn số hồ sơ có thu phí" in by_rule["detail_paid"]
    assert "có tái sử dụng = 30" in by_rule["detail_reused"]


def test_detail_figures_import_from_csv_and_are_checked(tmp_path) -> None:
    from tracu_desktop.core.vnformat import format_int
    from tracu_desktop.db import open_database
    from tracu_desktop.db.checks import validate_period
    from tracu_desktop.db.demo import create_demo
    from tracu_desktop.db.values import get_values
    from tracu_desktop.interchange.csv_io import import_values_csv

    db = open_database(tmp_path / "d.sqlite3")
    create_demo(db)
    online = get_values(db, "2023", "TT_TRA_CU", ["received_online"])
    (fld,) = [f for (_u, f, _i), v in online.items() if v > 1][:1]
    total_online = online[("TT_TRA_CU", fld, "received_online")]
    csv = tmp_path / "chi-tiet.csv"
    csv.write_text(
        "period,unit,field,indicator,value\n"
        f"2023,TT_TRA_CU,{fld},received_online_full,{total_online - 1}\n"
        f"2023,TT_TRA_CU,{fld},received_online_partial,0\n",
        encoding="utf-8",
    )
    assert import_values_csv(db, csv).ok
    (issue,) = [i for i in validate_period(db, "2023") if i.rule == "detail_online"]
    assert issue.unit == "TT_TRA_CU" and f"= {format_int(total_online)}." in issue.message
    db.close()


def test_detail_placeholders_print_only_where_entered(tmp_path) -> None:
    from tracu_desktop.core.models import ValueKey
    from tracu_desktop.core.report.placeholders import render_text
    from tracu_desktop.db import open_database
    from tracu_desktop.db.demo import create_demo
    from tracu_desktop.db.report_figures import report_context
    from tracu_desktop.db.values import Change, apply_changes

    db = open_database(tmp_path / "d.sqlite3")
    create_demo(db)
    text = (
        "Toàn trình {received_online_full} hồ sơ[[ ({online_full_rate})]]"
        "[[; thanh toán trực tuyến {online_payment_rate}]]"
        "[[; kết quả điện tử {electronic_result_rate}]]."
    )
    assert render_text(text, report_context(db, "2023")).startswith("Toàn trình")
    assert "thanh toán" not in render_text(
        "x[[ {online_payment_rate}]]", report_context(db, "2023")
    )
    key = ValueKey("2023", "TT_TRA_CU", "X_HO_TICH", "")
    apply_changes(
        db,
        [
            Change(key._replace(indicator="received_online_full"), 2227),
            Change(key._replace(indicator="fee_dossiers"), 4),
            Change(key._replace(indicator="paid_online"), 3),
        ],
    )
    shown = render_text(text, report_context(db, "2023"))
    assert shown == "Toàn trình 2.227 hồ sơ (10,00%); thanh toán trực tuyến 75,00%."
    db.close()
