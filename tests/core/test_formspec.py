"""Form specs: every bundled spec is complete and agrees with the core's arithmetic;
broken specs give messages naming the file and the key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tracu_desktop.core.entry_spec import entry_spec
from tracu_desktop.core.formspec import FormSpecError, load_spec, load_specs, spec_for, specs_dir
from tracu_desktop.core.models import Level
from tracu_desktop.export.api import FORM_CODES


def test_every_export_code_has_a_spec():
    assert set(FORM_CODES) == {s.code for s in load_specs()}


@pytest.mark.parametrize("spec", load_specs(), ids=lambda s: s.source.name)
def test_spec_is_complete(spec):
    assert spec.title.strip() and spec.row_label.strip() and spec.version
    assert spec.orientation in ("landscape", "portrait")
    if spec.official:
        assert spec.label.startswith("Biểu số II.") and "Thông tư" in spec.regulation
        assert spec.unit_line.startswith("Đơn vị tính:")
    # every column has exactly one header leaf, every leaf a column
    assert sorted(spec.leaf_order()) == sorted(c.key for c in spec.columns)
    label_leaf = [
        leaf for n in spec.header for leaf in n.leaves() if leaf.column == spec.leaf_order()[1]
    ]
    assert label_leaf[0].text == spec.row_label
    assert spec.signature.right_title, "a form needs a signer"


def test_06a_prints_the_totals_of_the_06_entry_grid():
    """06a (province level) prints the figures typed in the "06" grid of the 06b spec:
    its total columns add up the same indicators, so the two printed forms agree."""
    spec = spec_for("06a")
    grid = entry_spec("06")
    sums = {c.key: c for c in spec.columns if c.kind == "sum"}
    assert set(sums) == set(grid.totals())
    for key, parts in grid.totals().items():
        assert tuple(spec.column(k).indicator for k in sums[key].of) == parts


def test_07b_and_dvc_sums_match_their_rules():
    spec = spec_for("07b")
    for group, first in (("authority", 3), ("onestop", 7), ("internal", 11)):
        total = spec.column(f"{group}_total")
        assert spec.column_number(total.key) == first
        assert [spec.column_number(k) for k in total.of] == [first + 1, first + 2, first + 3]
        assert [spec.column(k).level.value for k in total.of] == ["province", "district", "commune"]
    dvc = spec_for("dvc")
    assert dvc.column("digitized_rate").denominator == ("new_total",)
    assert dvc.column("new_total").of == ("received_online", "received_direct")


def test_06b_header_captions():
    spec = spec_for("06b")
    texts = [leaf.text for n in spec.header for leaf in n.leaves()]
    for caption in (
        "Trực tuyến",
        "Trực tiếp, dịch vụ bưu chính",
        "Trước hạn",
        "Đúng hạn",
        "Quá hạn",
        "Trong hạn",
    ):
        assert caption in texts
    assert len(spec.leaf_order()) == 13


def _write(tmp_path: Path, text: str, name: str = "x.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _base() -> str:
    return (specs_dir() / "05a-tt01-2020.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        ('title = "TÌNH HÌNH', 'xtitle = "TÌNH HÌNH', "'title'", "thiếu"),
        (
            'indicator = "pakn_published"',
            'indicator = "pakn_publishd"',
            "columns[11].indicator",
            "không có trong danh mục",
        ),
        ('column = "pakn_published"', 'column = "pakn_publish"', "'header'", "cột không có"),
        ('kind = "sum"', 'kind = "total"', "columns[2].kind", "không hợp lệ"),
        ("báo cáo: {org_name}", "báo cáo: {org_nam}", "'header_right'", "org_nam"),
        ('source = "field"', 'source = "fields"', "rows.source", "không hợp lệ"),
        (
            "valid_from = 2020-12-05\n",
            "valid_from = 2020-12-05\nvalid_to = 2019-01-01\n",
            "'valid_to'",
            "trước valid_from",
        ),
    ],
)
def test_broken_spec_names_file_and_key(tmp_path, old, new, key, problem):
    text = _base()
    assert old in text
    p = _write(tmp_path, text.replace(old, new, 1), "05a-broken.toml")
    with pytest.raises(FormSpecError) as exc:
        load_spec(p)
    msg = str(exc.value)
    assert "05a-broken.toml" in msg and key.strip("'") in msg and problem in msg


def test_toml_syntax_error_is_clear(tmp_path):
    p = _write(tmp_path, 'code = "06b\n', "bad.toml")
    with pytest.raises(FormSpecError, match="bad.toml sai cú pháp TOML"):
        load_spec(p)


def test_cyclic_sum_is_refused(tmp_path):
    text = _base().replace(
        'of = ["pakn_received_conduct", "pakn_received_regulation"]',
        'of = ["pakn_received_conduct", "pakn_received_total"]',
    )
    with pytest.raises(FormSpecError, match="tự cộng chính nó"):
        load_spec(_write(tmp_path, text))


def test_spec_chosen_by_period_date(tmp_path):
    old = _base().replace(
        "valid_from = 2020-12-05\n", "valid_from = 2020-12-05\nvalid_to = 2026-02-14\n"
    )
    new = (
        _base()
        .replace('version = "TT01-2020"', 'version = "TT05-2025"')
        .replace("valid_from = 2020-12-05", "valid_from = 2026-02-15")
        .replace('title = "TÌNH HÌNH, KẾT QUẢ XỬ LÝ', 'title = "MẪU MỚI: KẾT QUẢ XỬ LÝ')
    )
    _write(tmp_path, old, "05a-old.toml")
    _write(tmp_path, new, "05a-new.toml")
    assert spec_for("05a", date(2023, 11, 20), tmp_path).version == "TT01-2020"
    assert spec_for("05a", date(2026, 6, 30), tmp_path).version == "TT05-2025"
    assert spec_for("05a", date(2019, 1, 1), tmp_path).version == "TT01-2020"
    assert spec_for("05a", None, tmp_path).title.startswith("MẪU MỚI")
    with pytest.raises(FormSpecError, match="Không có mẫu biểu '99'"):
        spec_for("99", None, tmp_path)


def test_tt01_forms_stay_in_force_until_a_replacement_is_known() -> None:
    from datetime import date

    from tracu_desktop.core.formspec import spec_for

    for code in ("06b", "06a", "05a", "07b"):
        spec = spec_for(code, date(2026, 9, 14))
        assert spec.version == "TT01-2020" and spec.valid_to is None


def test_a_day_after_the_newest_version_is_refused_with_its_date(tmp_path) -> None:
    from datetime import date

    import pytest

    from tracu_desktop.core.formspec import FormSpecError, spec_for
    from tracu_desktop.core.resources import resource_path

    src = resource_path("forms", "06b-tt01-2020.toml")
    text = src.read_text(encoding="utf-8").replace(
        "valid_from = 2020-12-05\n", "valid_from = 2020-12-05\nvalid_to = 2025-12-14\n"
    )
    (tmp_path / "06b.toml").write_text(text, encoding="utf-8")
    assert spec_for("06b", date(2025, 12, 14), tmp_path).valid_to == date(2025, 12, 14)
    with pytest.raises(FormSpecError) as caught:
        spec_for("06b", date(2026, 3, 14), tmp_path)
    message = str(caught.value)
    assert "hết hiệu lực sau ngày 14/12/2025" in message and "14/03/2026" in message
    assert "Biểu số II.06b/VPCP/KSTT" in message


def test_07b_without_the_district_renumbers_its_columns():
    spec = spec_for("07b").without_levels({Level.DISTRICT})
    assert [c.key for c in spec.columns if c.level is Level.DISTRICT] == []
    for group, first in (("authority", 3), ("onestop", 6), ("internal", 9)):
        total = spec.column(f"{group}_total")
        assert spec.column_number(total.key) == first
        assert [spec.column_number(k) for k in total.of] == [first + 1, first + 2]
    captions = [leaf.text for node in spec.header for leaf in node.leaves()]
    assert not [c for c in captions if "huyện" in c]
    # the province columns are not optional: a district without province units keeps them
    assert spec_for("07b").without_levels({Level.PROVINCE}) is spec_for("07b")


def test_optional_column_needs_a_level(tmp_path):
    text = _base().replace(
        'indicator = "pakn_published"', 'indicator = "pakn_published"\noptional = true', 1
    )
    with pytest.raises(FormSpecError, match="optional.*chỉ dùng cho cột có level"):
        load_spec(_write(tmp_path, text, "05a-optional.toml"))
