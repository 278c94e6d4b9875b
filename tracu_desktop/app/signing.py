"""Sign a PDF the program made, or an exchange package's manifest, as service verbs.

Opening a USB token or a certificate file and signing takes a second or more (a token
asks its chip for every signature), so the GUI runs these on a worker through its
background helper. Nothing is written until every signature is made; the signed file is
written atomically, so cancelling before that leaves everything as it was. The PIN or
password is passed in and never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tracu_desktop.app.session import Source, opened
from tracu_desktop.infra.progress import IsCancelled, Progress, check, report
from tracu_desktop.signing.signer import SignerSource

__all__ = [
    "PackageSigned",
    "PdfSigned",
    "SignerSource",
    "UnreadableFile",
    "sign_package_file",
    "sign_pdf_file",
]


class UnreadableFile(ValueError):
    """The file to sign cannot be read; the message is Vietnamese."""


@dataclass
class PdfSigned:
    path: Path
    signatures: int  # made in this run (an attachment role signs every free appendix field)
    when: datetime | None = None  # the signing time written into every signature


@dataclass
class PackageSigned:
    path: Path
    note: str  # the signature as the receiver will see it (signer, trusted or not)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"Không đọc được tệp {path}: {exc.strerror}.") from None


def sign_pdf_file(
    source: Source | None,
    pdf: Path,
    output: Path,
    signer_source: SignerSource,
    secret: str,
    *,
    role: str,
    number: str = "",
    organisation: str = "",
    signature_png: bytes | None = None,
    seal_png: bytes | None = None,
    when: datetime | None = None,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> PdfSigned:
    """Sign ``pdf`` as ``role`` (person, organisation, attachment) and write the signed
    copy to ``output``. The signature and seal images are the stored ones unless given;
    ``when`` (default: now, Vietnam time) is the signing time of every signature.
    ``source`` may be ``None`` (a file signed on a computer without the database)."""
    from tracu_desktop.infra.fileio import atomic_write_bytes
    from tracu_desktop.signing.appearance import now_vietnam
    from tracu_desktop.signing.pdf_sign import SignRequest, free_attachments, sign_pdf
    from tracu_desktop.signing.signer import open_signer
    from tracu_desktop.signing.trust import SEAL_IMAGE_KEY, SIGNATURE_IMAGE_KEY, get_image

    if source is not None and (signature_png is None or seal_png is None):
        with opened(source) as db:
            signature_png = signature_png or get_image(db, SIGNATURE_IMAGE_KEY)
            seal_png = seal_png or get_image(db, SEAL_IMAGE_KEY)
    request = SignRequest(
        role, signature_png=signature_png, seal_png=seal_png, organisation=organisation,
        number=number,
    )  # fmt: skip
    when = when or now_vietnam()
    data = _read(Path(pdf))
    rounds = max(1, len(free_attachments(data))) if role == "attachment" else 1
    total = rounds + 2  # open the key, each signature, write
    report(progress, 0, total)
    check(is_cancelled)
    with open_signer(signer_source, secret) as signer:
        for done in range(rounds):
            report(progress, done + 1, total)
            check(is_cancelled)
            data = sign_pdf(data, signer, request, when)
    check(is_cancelled)
    atomic_write_bytes(Path(output), data)
    report(progress, total, total)
    return PdfSigned(Path(output), rounds, when)


def sign_package_file(
    source: Source,
    package: Path,
    signer_source: SignerSource,
    secret: str,
    *,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> PackageSigned:
    """Sign the manifest of the package at ``package`` (in place; members unchanged) and
    say how its receiver will see the signature."""
    from tracu_desktop.infra.fileio import atomic_write_bytes
    from tracu_desktop.interchange.exchange import read_package
    from tracu_desktop.interchange.package_signature import (
        add_package_signature,
        sign_manifest,
        verify_manifest,
    )
    from tracu_desktop.signing.signer import open_signer
    from tracu_desktop.signing.trust import load_roots, root_certificates

    path = Path(package)
    data = _read(path)
    report(progress, 0, 2)
    check(is_cancelled)
    with open_signer(signer_source, secret) as signer:
        data = add_package_signature(data, lambda m: sign_manifest(m, signer))
    check(is_cancelled)
    atomic_write_bytes(path, data)
    report(progress, 1, 2)
    pkg = read_package(data, path.name)
    with opened(source) as db:
        roots = root_certificates(load_roots(db))
    note = verify_manifest(pkg.manifest, pkg.signature or b"", roots).note()
    report(progress, 2, 2)
    return PackageSigned(path, note)
