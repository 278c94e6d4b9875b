"""Detached CMS signature of an exchange package's ``manifest.json``.

The manifest lists every member's SHA-256, so signing it signs the whole package: the
receiver learns who made the package, not only that it is consistent.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from tracu_desktop.signing.signer import subject_field


def sign_manifest(manifest: bytes, signer: Any) -> bytes:
    """DER of a detached CMS SignedData over ``manifest`` (SHA-256)."""
    info = asyncio.run(signer.async_sign_general_data(manifest, "sha256", detached=True))
    return info.dump()


@dataclass(frozen=True)
class PackageSignature:
    signer: str
    organisation: str
    certificate: str  # one line: subject, issuer, validity
    intact: bool
    trusted: bool

    def note(self) -> str:
        trust = (
            "chứng thư số thuộc danh sách tin cậy"
            if self.trusted
            else "chứng thư số KHÔNG dẫn tới chứng thư gốc tin cậy nào của chương trình"
        )
        return f"Gói được ký số bởi {self.certificate}; {trust}."


def verify_manifest(manifest: bytes, signature: bytes, roots: list[Any]) -> PackageSignature:
    """Check ``signature`` against ``manifest``; ``intact`` False when they do not match."""
    from asn1crypto import cms
    from pyhanko.sign.validation import async_validate_detached_cms

    from tracu_desktop.signing.verify import describe, validation_context

    try:
        info = cms.ContentInfo.load(signature)
        signed = info["content"]
        certs = [c.chosen for c in signed["certificates"]]
        serial = signed["signer_infos"][0]["sid"].chosen["serial_number"].native
        cert = next((c for c in certs if c.serial_number == serial), certs[0])
    except Exception:
        return PackageSignature("", "", "(chữ ký hỏng)", False, False)
    try:
        status = asyncio.run(
            async_validate_detached_cms(manifest, signed, validation_context(roots))
        )
        intact, trusted = bool(status.intact and status.valid), bool(status.trusted)
        cert = status.signing_cert or cert
    except Exception:
        intact, trusted = False, False
    return PackageSignature(
        subject_field(cert, "common_name"),
        subject_field(cert, "organization_name"),
        describe(cert),
        intact,
        trusted,
    )


def package_signature_check(db: Any, pkg: Any) -> tuple[list[str], list[str]]:
    """(notes, problems) of a read package's signature for the import preview: signer
    shown; a signature that does not match refuses the package; an unsigned package is
    noted, or refused when the settings require signed packages."""
    from tracu_desktop.signing.trust import load_roots, require_signed, root_certificates

    if pkg.signature is None:
        if require_signed(db):
            return [], [
                "Gói số liệu không có chữ ký số, nhưng cài đặt yêu cầu gói phải được ký: "
                "không nhập. Hãy đề nghị đơn vị gửi gói đã ký số."
            ]
        return ["Gói số liệu không có chữ ký số (không xác định được người lập gói)."], []
    sig = verify_manifest(pkg.manifest, pkg.signature, root_certificates(load_roots(db)))
    if not sig.intact:
        return [], [
            "Chữ ký số của gói không khớp với bảng kê (gói bị sửa sau khi ký hoặc chữ ký "
            "bị hỏng): không nhập gói này; hãy đề nghị đơn vị gửi lại."
        ]
    if not sig.trusted and require_signed(db):
        return [], [sig.note() + " Cài đặt yêu cầu gói được ký bởi chứng thư tin cậy: không nhập."]
    return [sig.note()], []


def add_package_signature(package: bytes, sign: Any) -> bytes:
    """``package`` (an exchange zip already written) with its manifest signed by ``sign``
    (manifest bytes → DER); an older signature is replaced. Members stay byte-identical."""
    import io
    import zipfile

    from tracu_desktop.interchange.exchange import MANIFEST, SIGNATURE, PackageError

    try:
        with zipfile.ZipFile(io.BytesIO(package)) as zf:
            members = [(i, zf.read(i.filename)) for i in zf.infolist() if i.filename != SIGNATURE]
    except (zipfile.BadZipFile, OSError):
        raise PackageError("Gói số liệu bị hỏng (không giải nén được).") from None
    manifest = next((data for info, data in members if info.filename == MANIFEST), None)
    if manifest is None:
        raise PackageError("Gói số liệu không có bảng kê (manifest.json).")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            out.writestr(info, data)
            if info.filename == MANIFEST:
                out.writestr(SIGNATURE, sign(manifest))
    return buf.getvalue()
