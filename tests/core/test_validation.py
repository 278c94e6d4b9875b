from tracu_desktop.core.entry_spec import entry_spec
from tracu_desktop.core.validation import Names, Severity, rules, validate

NAMES = Names(units={"XA_A": "Xã An Quảng Hữu"}, fields={"X_HT": "Hộ tịch"})


def f06(**kw):
    base = dict.fromkeys(entry_spec("06").inputs(), 0)
    base.update(kw)
    return {("XA_A", "X_HT", k): v for k, v in base.items()}


def rules_of(issues):
    return {i.rule for i in issues}


def test_balanced_form06_passes():
    values = f06(
        received_online=10,
        received_direct=5,
        carried_over=2,
        resolved_early=8,
        resolved_on_time=4,
        resolved_late=1,
        pending_on_time=3,
        pending_overdue=1,
    )
    assert validate(values, NAMES) == []


def test_unbalanced_form06_names_unit_field_and_columns():
    values = f06(received_online=10, resolved_on_time=9)
    issues = validate(values, NAMES)
    assert rules_of(issues) == {"f06_balance"}
    msg = issues[0].message
    assert "Xã An Quảng Hữu" in msg and "Hộ tịch" in msg
    assert msg == (
        "Xã An Quảng Hữu — lĩnh vực Hộ tịch: tổng số hồ sơ nhận giải quyết (3) = 10 khác "
        "số đã giải quyết (7) + đang giải quyết (11) = 9 + 0 = 9."
    )
    assert issues[0].severity is Severity.ERROR
    assert issues[0].indicator == "received_online"


def test_negative_value_is_error():
    issues = validate({("XA_A", "", "dvc_full"): -1}, NAMES)
    assert rules_of(issues) == {"nonnegative"}


def test_carry_over_mismatch_is_warning_only():
    values = f06(carried_over=3, resolved_on_time=3)
    ok = validate(values, NAMES, {("XA_A", "X_HT"): 3})
    assert ok == []
    issues = validate(values, NAMES, {("XA_A", "X_HT"): 5})
    assert rules_of(issues) == {"f06_carryover"}
    assert issues[0].severity is Severity.WARNING
    assert "(6) = 3" in issues[0].message and "= 5" in issues[0].message


def test_carry_over_skipped_without_previous_data():
    values = f06(carried_over=3, resolved_on_time=3)
    assert validate(values, NAMES, {}) == []
    assert validate(values, NAMES, None) == []


def test_digitized_dossiers_not_above_new_dossiers():
    values = f06(received_online=10, received_direct=5, resolved_on_time=15)
    assert validate({**values, ("XA_A", "", "digitized_dossiers"): 15}, NAMES) == []
    issues = validate({**values, ("XA_A", "", "digitized_dossiers"): 16}, NAMES)
    assert rules_of(issues) == {"digitized_dossiers"}
    assert "16" in issues[0].message and "(4) + (5) = 15" in issues[0].message


def test_digitized_results_not_above_resolved():
    values = f06(received_online=10, resolved_on_time=7, pending_on_time=3)
    assert validate({**values, ("XA_A", "", "digitized_results"): 7}, NAMES) == []
    issues = validate({**values, ("XA_A", "", "digitized_results"): 8}, NAMES)
    assert rules_of(issues) == {"digitized_results"}


def pakn(**kw):
    return {("XA_A", "X_HT", k): v for k, v in kw.items()}


def test_pakn_balance():
    ok = pakn(
        pakn_received_regulation=2, pakn_done_regulation=1, pakn_pending_conduct=1, pakn_published=1
    )
    assert validate(ok, NAMES) == []
    bad = pakn(pakn_received_regulation=2, pakn_done_regulation=1)
    issues = validate(bad, NAMES)
    assert rules_of(issues) == {"f05a_balance"}
    assert "(3) = 2" in issues[0].message


def test_pakn_published_not_above_processed():
    bad = pakn(pakn_received_conduct=1, pakn_done_conduct=1, pakn_published=2)
    issues = validate(bad, NAMES)
    assert rules_of(issues) == {"f05a_published"}
    assert "(12) = 2" in issues[0].message


def test_every_rule_has_a_test_case_above():
    tested = {
        "nonnegative",
        "f06_balance",
        "f06_carryover",
        "digitized_dossiers",
        "digitized_results",
        "f05a_balance",
        "f05a_published",
    }
    # The detail rules are tested one by one in test_detail_indicators.py.
    tested |= {
        "detail_online",
        "detail_postal",
        "detail_late",
        "detail_nonboundary",
        "detail_reused",
        "detail_results",
        "detail_paid",
    }
    assert {r.code for r in rules()} == tested


def test_errors_sorted_before_warnings():
    values = f06(received_online=1, carried_over=2, resolved_on_time=2)
    issues = validate(values, NAMES, {("XA_A", "X_HT"): 0})
    assert [i.severity for i in issues] == [Severity.ERROR, Severity.WARNING]
