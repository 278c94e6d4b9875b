"""Templates and e-mail drafts through the application layer."""

from __future__ import annotations

import email
from email.policy import default

import pytest

from tracu_desktop.app.email import make_draft, package_name
from tracu_desktop.app.templates import make_templates
from tracu_desktop.infra.progress import Cancelled
from tracu_desktop.interchange.email_draft import DraftError


def test_templates_for_all_units_report_progress(demo_db_path, tmp_path):
    seen: list[tuple[int, int]] = []
    result = make_templates(
        demo_db_path, "2023", "all", tmp_path / "mau", progress=lambda d, t: seen.append((d, t))
    )
    assert len(result.paths) > 5 and all(p.suffix == ".xlsx" for p in result.paths)
    assert seen[0] == (0, len(result.paths)) and seen[-1] == (len(result.paths),) * 2


def test_templates_stop_when_cancelled(demo_db_path, tmp_path):
    calls = []
    with pytest.raises(Cancelled):
        make_templates(
            demo_db_path,
            "2023",
            "all",
            tmp_path / "mau",
            is_cancelled=lambda: calls.append(1) or len(calls) > 2,
        )
    assert len(list((tmp_path / "mau").iterdir())) == 2


def test_draft_with_package_attaches_it(demo_db_path, tmp_path):
    note = tmp_path / "ghi_chu.txt"
    note.write_text("x", encoding="utf-8")
    pkg = tmp_path / package_name("Trà Cú", "2023")
    result = make_draft(
        demo_db_path, "2023", ["vp@travinh.gov.vn"], [note], tmp_path / "thu.eml", package=pkg
    )
    assert result.package is not None and result.package.path == pkg and pkg.is_file()
    msg = email.message_from_bytes(result.path.read_bytes(), policy=default)
    assert msg["X-Unsent"] == "1"
    names = [part.get_filename() for part in msg.iter_attachments()]
    assert names == ["ghi_chu.txt", "TraCu_2023_GoiSoLieu.tracu.zip"]
    assert "Tệp đính kèm:" in msg.get_body().get_content()


def test_draft_refuses_a_missing_attachment_before_writing(demo_db_path, tmp_path):
    with pytest.raises(DraftError, match="Không tìm thấy tệp đính kèm"):
        make_draft(demo_db_path, "2023", ["a@b.vn"], [tmp_path / "khong.pdf"], tmp_path / "t.eml")
    assert not (tmp_path / "t.eml").exists()
