from tracu_desktop.db.outliers import history_periods, outlier_issues
from tracu_desktop.db.values import set_value
from tracu_desktop.models import ValueKey


def test_history_is_same_kind_earlier_periods(demo_db):
    assert history_periods(demo_db, "2023") == ["2021", "2022"]
    assert history_periods(demo_db, "2021") == []


def test_typed_slip_becomes_warning(demo_db):
    key = ValueKey("2023", "XA_KIM_SON", "X_HO_TICH", "received_direct")
    base = demo_db.execute(
        "SELECT value FROM data_values WHERE period='2022' AND unit=? AND field=? AND indicator=?",
        [key.unit, key.field, key.indicator],
    ).fetchone()[0]
    set_value(demo_db, key, base * 50)
    found = [
        i
        for i in outlier_issues(demo_db, "2023")
        if (i.unit, i.field, i.indicator) == (key.unit, key.field, key.indicator)
    ]
    assert len(found) == 1 and "cao hơn 3 lần" in found[0].message
