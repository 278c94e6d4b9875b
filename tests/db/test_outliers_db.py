from tracu_desktop.core.models import ValueKey
from tracu_desktop.db.outliers import history_periods, outlier_issues
from tracu_desktop.db.values import set_value


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


def test_sql_preselection_flags_exactly_what_the_full_check_flags(demo_db):
    """Cells chosen in SQL give the same warnings as the check over every stored figure."""
    import random

    from tracu_desktop.core.indicators import indicator_map
    from tracu_desktop.core.outliers import find_outliers
    from tracu_desktop.db.checks import names
    from tracu_desktop.db.values import Change, apply_changes, get_values

    rng = random.Random(7)
    cells = sorted(get_values(demo_db, "2023").items())
    changes = []
    for (unit, field, indicator), value in rng.sample(cells, 60):
        new = rng.choice([0, 1, 9, 10, 11, value * 3, value * 3 + 1, value // 3, value * 40])
        changes.append(Change(ValueKey("2023", unit, field, indicator), new))
    apply_changes(demo_db, changes)
    labels = {code: ind.label for code, ind in indicator_map().items()}

    def full(unit=None):
        history = [get_values(demo_db, c, unit) for c in ("2021", "2022")]
        return find_outliers(get_values(demo_db, "2023", unit), history, names(demo_db), labels)

    expected = full()
    assert len(expected) >= 10
    assert outlier_issues(demo_db, "2023") == expected
    unit = expected[0].unit
    assert outlier_issues(demo_db, "2023", unit) == full(unit)
    assert outlier_issues(demo_db, "2023", "NO_SUCH_UNIT") == []
