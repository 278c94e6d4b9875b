"""A real PKCS#11 token (SoftHSM2, initialised here) holding the test key and
certificate signs exactly as the .p12 file does."""

from __future__ import annotations

import io
import subprocess

import pytest

from tests.signing.fixtures import SOFTHSM_LIB, have_softhsm
from tests.signing.pki import PASSWORD
from tracu_desktop.cli.main import main
from tracu_desktop.export.signature_slots import PERSON_FIELD
from tracu_desktop.signing.signer import SignerError, pkcs11_signer

pytestmark = pytest.mark.skipif(not have_softhsm(), reason="softhsm2 is not installed")

PIN = "123456"
LABEL = "TraCu-Token"


@pytest.fixture
def token(tmp_path, director, monkeypatch):
    """A SoftHSM2 token in a temporary folder with the director's key and certificate."""
    tokens = tmp_path / "tokens"
    tokens.mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    run = lambda *a: subprocess.run(a, check=True, capture_output=True)  # noqa: E731
    run(
        "softhsm2-util",
        "--init-token",
        "--free",
        "--label",
        LABEL,
        "--pin",
        PIN,
        "--so-pin",
        "654321",
    )
    key, cert = tmp_path / "key.der", tmp_path / "cert.der"
    key.write_bytes(director.key_der())
    cert.write_bytes(director.cert_der())
    base = ["pkcs11-tool", "--module", SOFTHSM_LIB, "--token-label", LABEL, "--login", "--pin", PIN]
    run(*base, "--write-object", str(key), "--type", "privkey", "--id", "01", "--label", "ky-so")
    run(*base, "--write-object", str(cert), "--type", "cert", "--id", "01", "--label", "ky-so")
    return LABEL


def test_token_signs_the_same_way_as_the_p12(
    token, director, report_pdfs, images, pki, tmp_path, monkeypatch, capsys
):
    from pyhanko.pdf_utils.reader import PdfFileReader

    db = str(tmp_path / "s.sqlite3")
    monkeypatch.setenv("TRACU_SIGN_PIN", PIN)
    monkeypatch.setenv("TRACU_SIGN_PASSWORD", PASSWORD)
    keys = {
        "token": ["--pkcs11", SOFTHSM_LIB, "--token", token, "--key", "ky-so"],
        "p12": ["--p12", str(director.p12)],
    }
    sigs = {}
    for how, opts in keys.items():
        out = tmp_path / f"{how}.pdf"
        args = [
            "sign",
            str(report_pdfs["report"]),
            "-o",
            str(out),
            "--image",
            str(images["signature"]),
        ]
        assert main(["--db", db, *args, *opts]) == 0, capsys.readouterr().err
        capsys.readouterr()
        assert main(["--db", db, "verify", str(out), "--trust", str(pki.ca_pem)]) == 0
        text = capsys.readouterr().out
        assert "Người ký: Nguyễn Văn An" in text and "Cả 1 chữ ký hợp lệ." in text
        sigs[how] = PdfFileReader(io.BytesIO(out.read_bytes())).embedded_signatures[0]
    token_sig, p12_sig = sigs["token"], sigs["p12"]
    assert token_sig.field_name == p12_sig.field_name == PERSON_FIELD
    assert token_sig.signer_cert.dump() == p12_sig.signer_cert.dump()
    assert token_sig.sig_field["/Rect"] == p12_sig.sig_field["/Rect"]


def test_wrong_pin_is_explained(token):
    with pytest.raises(SignerError, match="mã PIN"):
        with pkcs11_signer(SOFTHSM_LIB, token, "000000", "ky-so"):
            pass


def test_unknown_token_label_is_explained(token):
    with pytest.raises(SignerError, match="Không thấy thiết bị ký tên “USB-khác”"):
        with pkcs11_signer(SOFTHSM_LIB, "USB-khác", PIN):
            pass
