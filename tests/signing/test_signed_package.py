"""Signed exchange packages: the manifest's detached CMS signature is checked on import,
the sender's certificate shown, a signature that does not match refused."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from tests.interchange.test_package import commune_db, district  # noqa: F401  (fixtures)
from tests.signing.pki import PASSWORD
from tracu_desktop.cli.main import main
from tracu_desktop.db.catalog import set_setting
from tracu_desktop.interchange.exchange import SIGNATURE, read_package, sha256
from tracu_desktop.interchange.workbook_import import plan_import
from tracu_desktop.signing.trust import REQUIRE_KEY, import_roots


@pytest.fixture
def signed_package(commune_db, director, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv("TRACU_SIGN_PASSWORD", PASSWORD)
    path = tmp_path / "xa.tracu.zip"
    db_path = str(commune_db.path)
    commune_db.close()
    args = ["--db", db_path, "package", "--period", "2023", "-o", str(path), "--no-documents"]
    assert main([*args, "--p12", str(director.p12)]) == 0
    return path


def _rewrite(path, change):
    with zipfile.ZipFile(path) as zf:
        items = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    change(items)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in items.items():
            zf.writestr(name, data)
    path.write_bytes(buf.getvalue())


def test_signed_package_imports_with_the_signer_shown(signed_package, district, pki, capsys):  # noqa: F811
    assert read_package(signed_package.read_bytes()).signature is not None
    import_roots(district, pki.ca_pem)
    db_path = str(district.path)
    district.close()
    assert main(["--db", db_path, "import", str(signed_package)]) == 0
    out = capsys.readouterr().out
    assert (
        "Gói được ký số bởi Nguyễn Văn An — UBND huyện Trà Cú (cấp bởi CA thử nghiệm TraCu" in out
    )
    assert "chứng thư số thuộc danh sách tin cậy" in out
    assert "Đã nhập" in out


def test_signer_outside_the_trust_list_is_shown_as_such(signed_package, district):  # noqa: F811
    plan = plan_import(district, [signed_package])
    assert plan.ok
    notes = " ".join(str(n) for n in plan.notes)
    assert "Nguyễn Văn An" in notes and "KHÔNG dẫn tới chứng thư gốc tin cậy" in notes


def test_tampered_signature_is_refused(signed_package, district, capsys):  # noqa: F811
    def flip(items):
        sig = bytearray(items[SIGNATURE])
        sig[-20] ^= 0xFF  # inside the signature value
        items[SIGNATURE] = bytes(sig)

    _rewrite(signed_package, flip)
    db_path = str(district.path)
    district.close()
    assert main(["--db", db_path, "import", str(signed_package)]) == 2
    assert "Chữ ký số của gói không khớp với bảng kê" in capsys.readouterr().err


def test_consistent_rebuild_with_the_old_signature_is_refused(signed_package, district):  # noqa: F811
    """Anyone can rebuild a consistent manifest; the signature then no longer matches."""

    def rebuild(items):
        items["figures.csv"] = items["figures.csv"].replace(b",300\r\n", b",900\r\n")
        manifest = json.loads(items["manifest.json"])
        manifest["files"]["figures.csv"] = sha256(items["figures.csv"])
        items["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=2).encode()

    _rewrite(signed_package, rebuild)
    plan = plan_import(district, [signed_package])
    assert not plan.ok
    assert any("không khớp với bảng kê" in str(p) for p in plan.problems)


def test_unsigned_package_noted_or_refused_by_the_settings(commune_db, district, tmp_path):  # noqa: F811
    from tracu_desktop.interchange.package import write_package

    path = write_package(commune_db, "2023", tmp_path / "xa.tracu.zip").path
    plan = plan_import(district, [path])
    assert plan.ok
    assert any("không có chữ ký số" in str(n) for n in plan.notes)
    set_setting(district, REQUIRE_KEY, True)
    plan = plan_import(district, [path])
    assert not plan.ok
    assert any("cài đặt yêu cầu gói phải được ký" in str(p) for p in plan.problems)
