"""Load the signer's key: a certificate file (.p12/.pfx) or a USB token (PKCS#11).

Both give a pyHanko ``Signer``; everything after loading is the same for both.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class SignerError(ValueError):
    """The key cannot be used (wrong password/PIN, no token, no certificate); Vietnamese."""


@dataclass(frozen=True)
class SignerSource:
    """Where the key is: ``p12`` (file path) or ``pkcs11`` (library, token label, key label)."""

    p12: Path | None = None
    pkcs11: str | None = None
    token: str | None = None
    key: str | None = None

    @property
    def secret_name(self) -> str:
        return "mã PIN" if self.pkcs11 else "mật khẩu"


def load_p12(path: Path | str, password: str) -> Any:
    from pyhanko.sign.signers import SimpleSigner

    p = Path(path)
    if not p.is_file():
        raise SignerError(f"Không tìm thấy tệp chứng thư số {p}.")
    try:
        signer = SimpleSigner.load_pkcs12(str(p), passphrase=password.encode("utf-8"))
    except Exception:
        signer = None
    if signer is None:
        raise SignerError(
            f"Không mở được tệp chứng thư số {p.name}: sai mật khẩu hoặc tệp không phải .p12/.pfx."
        )
    return signer


@contextmanager
def pkcs11_signer(library: str, token: str, pin: str, key: str | None = None) -> Iterator[Any]:
    """A signer on the token labelled ``token``; the session closes on exit."""
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    if not Path(library).is_file():
        raise SignerError(f"Không tìm thấy thư viện PKCS#11 của thiết bị ký: {library}.")
    try:
        session = open_pkcs11_session(
            library, token_criteria=TokenCriteria(label=token), user_pin=pin
        )
    except Exception as exc:
        text = str(exc)
        if "PIN" in text.upper():
            raise SignerError(f"Sai mã PIN của thiết bị ký “{token}”.") from None
        if "no token" in text.lower():
            raise SignerError(
                f"Không thấy thiết bị ký tên “{token}”: cắm thiết bị, kiểm tra tên (nhãn) thiết bị."
            ) from None
        raise SignerError(
            f"Không mở được thiết bị ký “{token}” (cắm thiết bị, kiểm tra tên và mã PIN): {text}"
        ) from None
    try:
        signer = PKCS11Signer(session, cert_label=key, key_label=key)
        yield signer
    finally:
        session.close()


@contextmanager
def open_signer(source: SignerSource, secret: str) -> Iterator[Any]:
    """The signer of ``source`` unlocked with ``secret`` (password or PIN)."""
    if source.p12 is not None:
        yield load_p12(source.p12, secret)
    elif source.pkcs11 and source.token:
        with pkcs11_signer(source.pkcs11, source.token, secret, source.key) as signer:
            yield signer
    else:
        raise SignerError("Chọn tệp chứng thư số (.p12) hoặc thiết bị ký (PKCS#11) để ký.")


def subject_field(cert: Any, name: str) -> str:
    """A field of a certificate's subject (``common_name``, ``organization_name``)."""
    try:
        return str(cert.subject.native.get(name, "") or "")
    except Exception:
        return ""
