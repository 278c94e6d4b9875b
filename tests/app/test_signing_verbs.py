# ruff: noqa: F811  (fixtures imported from tests/signing are requested by name)
"""Signing verbs on a database path (as the GUI's worker calls them): a PDF signed with
the stored images, a package's manifest signed in place, failures in Vietnamese with
nothing written, cancelling before the write."""

from __future__ import annotations

import pytest

from tests.signing.fixtures import director, images, pki, report_pdfs  # noqa: F401
from tests.signing.pki import PASSWORD
from tracu_desktop.app.packages import make_package
from tracu_desktop.app.signing import (
    SignerSource,
    UnreadableFile,
    sign_package_file,
    sign_pdf_file,
)
from tracu_desktop.infra.progress import Cancelled
from tracu_desktop.signing.errors import SIGNING_ERRORS
from tracu_desktop.signing.trust import SIGNATURE_IMAGE_KEY, import_roots, set_image
from tracu_desktop.signing.verify import verify_pdf


@pytest.fixture
def db_path(demo_db, demo_db_path, pki, images):
    set_image(demo_db, SIGNATURE_IMAGE_KEY, images["signature"].read_bytes())
    import_roots(demo_db, pki.ca_pem)
    return demo_db_path


def test_sign_a_pdf_by_path(db_path, report_pdfs, director, tmp_path):
    out = tmp_path / "ky.pdf"
    seen: list[tuple[int, int]] = []
    result = sign_pdf_file(
        db_path, report_pdfs["report"], out, SignerSource(p12=director.p12), PASSWORD,
        role="person", progress=lambda d, t: seen.append((d, t)),
    )  # fmt: skip
    assert result.path == out and result.signatures == 1
    assert seen[-1] == (3, 3)
    reports = verify_pdf(out.read_bytes(), [])
    assert len(reports) == 1 and "Nguyễn Văn An" in "\n".join(reports[0].lines())


def test_wrong_password_cancel_and_missing_file_write_nothing(
    db_path, report_pdfs, director, tmp_path
):
    out = tmp_path / "ky.pdf"
    source = SignerSource(p12=director.p12)
    with pytest.raises(SIGNING_ERRORS, match="sai mật khẩu"):
        sign_pdf_file(db_path, report_pdfs["report"], out, source, "sai", role="person")
    with pytest.raises(Cancelled):
        sign_pdf_file(
            db_path, report_pdfs["report"], out, source, PASSWORD, role="person",
            is_cancelled=lambda: True,
        )  # fmt: skip
    with pytest.raises(UnreadableFile, match="Không đọc được tệp"):
        sign_pdf_file(db_path, tmp_path / "khong-co.pdf", out, source, PASSWORD, role="person")
    assert not out.exists()


def test_sign_a_package_in_place(db_path, director, tmp_path):
    pkg = make_package(db_path, "2023", tmp_path / "goi.tracu.zip", with_documents=False).path
    result = sign_package_file(db_path, pkg, SignerSource(p12=director.p12), PASSWORD)
    assert result.path == pkg
    assert "Nguyễn Văn An" in result.note
