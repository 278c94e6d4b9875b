"""The program's trust list: root certificates the user imported from files (the
government CA's roots); none are bundled. Kept in the database's settings as PEM."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TRUST_KEY = "signing.trust_roots"
REQUIRE_KEY = "signing.require_signed_packages"
SIGNATURE_IMAGE_KEY = "signing.signature_image"
SEAL_IMAGE_KEY = "signing.seal_image"


class TrustError(ValueError):
    """A file is not a certificate; message in Vietnamese."""


@dataclass(frozen=True)
class TrustedRoot:
    subject: str
    fingerprint: str  # SHA-256, hex
    pem: str


def parse_certificates(data: bytes, name: str = "") -> list[Any]:
    """asn1crypto certificates from PEM (one or more) or DER bytes."""
    from asn1crypto import pem, x509

    try:
        if pem.detect(data):
            ders = [der for _t, _h, der in pem.unarmor(data, multiple=True)]
        else:
            ders = [data]
        certs = [x509.Certificate.load(der) for der in ders]
        for cert in certs:
            _ = cert.native  # parse now: a broken file fails here, not later
        if not certs:
            raise ValueError("no certificate")
        return certs
    except Exception:
        raise TrustError(f"Tệp {name} không phải chứng thư số (PEM/DER, .cer/.crt).") from None


def _root(cert: Any) -> TrustedRoot:
    from asn1crypto import pem

    return TrustedRoot(
        cert.subject.human_friendly,
        cert.sha256.hex(),
        pem.armor("CERTIFICATE", cert.dump()).decode("ascii"),
    )


def load_roots(db: Any) -> list[TrustedRoot]:
    from tracu_desktop.db.catalog import get_setting

    roots = []
    for text in get_setting(db, TRUST_KEY, []) or []:
        for cert in parse_certificates(text.encode("ascii")):
            roots.append(_root(cert))
    return roots


def import_roots(db: Any, path: Path) -> list[TrustedRoot]:
    """Add the certificates of ``path`` to the trust list (duplicates ignored)."""
    from tracu_desktop.db.catalog import set_setting

    try:
        data = Path(path).read_bytes()
    except OSError:
        raise TrustError(f"Không đọc được tệp {path}.") from None
    new = [_root(c) for c in parse_certificates(data, Path(path).name)]
    current = load_roots(db)
    known = {r.fingerprint for r in current}
    added = [r for r in new if r.fingerprint not in known]
    set_setting(db, TRUST_KEY, [r.pem for r in current + added])
    return added


def remove_root(db: Any, fingerprint: str) -> None:
    from tracu_desktop.db.catalog import set_setting

    set_setting(db, TRUST_KEY, [r.pem for r in load_roots(db) if r.fingerprint != fingerprint])


def root_certificates(roots: list[TrustedRoot]) -> list[Any]:
    out = []
    for r in roots:
        out += parse_certificates(r.pem.encode("ascii"))
    return out


def require_signed(db: Any) -> bool:
    from tracu_desktop.db.catalog import get_setting

    return bool(get_setting(db, REQUIRE_KEY, False))


def get_image(db: Any, key: str) -> bytes | None:
    from tracu_desktop.db.catalog import get_setting

    text = get_setting(db, key)
    return base64.b64decode(text) if text else None


def set_image(db: Any, key: str, data: bytes | None) -> None:
    from tracu_desktop.db.catalog import set_setting

    set_setting(db, key, base64.b64encode(data).decode("ascii") if data else None)
