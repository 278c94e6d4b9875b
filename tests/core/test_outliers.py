from tracu_desktop.core.outliers import find_outliers
from tracu_desktop.core.validation import Names

NAMES = Names(units={"X": "Xã Kim Sơn"}, fields={"F": "Hộ tịch"})
K = ("X", "F", "received_online")


def test_extra_zero_is_flagged_with_average():
    hist = [{K: 100}, {K: 120}, {K: 80}, {K: 100}]
    issues = find_outliers({K: 1000}, hist, NAMES, {"received_online": "Trực tuyến"})
    assert len(issues) == 1
    assert issues[0].severity.value == "warning"
    assert "Xã Kim Sơn — lĩnh vực Hộ tịch" in issues[0].message
    assert "1.000" in issues[0].message and "100,0" in issues[0].message


def test_within_range_small_numbers_and_no_history_are_quiet():
    hist = [{K: 100}, {K: 100}]
    assert find_outliers({K: 300}, hist, NAMES) == []  # exactly 3× is not over 3×
    assert find_outliers({K: 34}, hist, NAMES) == []
    assert len(find_outliers({K: 33}, hist, NAMES)) == 1  # under a third
    assert find_outliers({K: 7}, [{K: 2}], NAMES) == []  # tiny counts
    assert find_outliers({K: 7}, [{}], NAMES) == []
