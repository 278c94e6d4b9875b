"""PAdES signing of the program's PDFs in the field the layout left for each role.

``person`` fills the ``tracu_person`` field (the space between the signer's title and
name); ``organisation`` adds the seal over the left third of it; ``attachment`` fills the
next unsigned field at the top right of a document's first page. Each signature is an
incremental update: the pages already drawn, and earlier signatures, stay as they are.
"""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from tracu_desktop.export.signature_slots import (
    ORGANISATION_FIELD,
    PERSON_FIELD,
    SignatureSlot,
    read_slots,
)
from tracu_desktop.signing.appearance import (
    ROLES,
    attachment_appearance,
    now_vietnam,
    organisation_appearance,
    organisation_box,
    person_appearance,
    signing_time_text,
)
from tracu_desktop.signing.signer import SignerError, subject_field


@dataclass(frozen=True)
class SignRequest:
    role: str  # person, organisation, attachment
    signature_png: bytes | None = None
    seal_png: bytes | None = None
    organisation: str = ""  # default: the certificate's organisation
    number: str = ""  # attachment: the document's number; default: the field's note
    reason: str = ""


def _signed_names(pdf: bytes) -> set[str]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    return {s.field_name for s in reader.embedded_signatures}


def _target(pdf: bytes, role: str) -> tuple[SignatureSlot | None, SignatureSlot]:
    """(existing empty field to fill or None for a new one, the reference slot)."""
    slots = read_slots(pdf)
    signed = _signed_names(pdf)
    if role == "attachment":
        free = [s for s in slots if s.role == "attachment" and s.name not in signed]
        if not free:
            raise SignerError(
                "Tệp không còn ô ký phụ lục (góc trên bên phải trang đầu) chưa ký; "
                "chỉ ký được tệp biểu mẫu, bộ in do chương trình xuất."
            )
        return free[0], free[0]
    person = next((s for s in slots if s.name == PERSON_FIELD), None)
    if person is None:
        raise SignerError(
            "Tệp không có vị trí chữ ký của người có thẩm quyền; chỉ ký được báo cáo PDF "
            "hoặc bộ in do chương trình xuất."
        )
    if role == "person":
        if PERSON_FIELD in signed:
            raise SignerError("Người có thẩm quyền đã ký tệp này.")
        return person, person
    if ORGANISATION_FIELD in signed:
        raise SignerError("Cơ quan, tổ chức đã ký tệp này.")
    if PERSON_FIELD not in signed:
        raise SignerError("Người có thẩm quyền ký trước, sau đó mới đóng dấu (ký số cơ quan).")
    return None, person


def _timed_signer(when: datetime) -> Any:
    """A PdfSigner whose signing time is ``when``, the time the appearance shows."""
    from pyhanko.sign import signers

    class TimedPdfSigner(signers.PdfSigner):
        def init_signing_session(self, *args: Any, **kwargs: Any) -> Any:
            session = super().init_signing_session(*args, **kwargs)
            session.system_time = when
            return session

    return TimedPdfSigner


def sign_pdf(pdf: bytes, signer: Any, request: SignRequest, when: datetime | None = None) -> bytes:
    """``pdf`` with one more signature for ``request.role``; returns the new file."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    if request.role not in ROLES:
        raise SignerError(f"Vai trò ký “{request.role}” không có; chọn: {', '.join(ROLES)}.")
    when = when or now_vietnam()
    existing, ref = _target(pdf, request.role)
    cert = signer.signing_cert
    org = request.organisation or subject_field(cert, "organization_name")
    if request.role == "person":
        if not request.signature_png:
            raise SignerError(
                "Chưa có ảnh chữ ký: chọn ảnh ở Thông tin chung › Ký số (hoặc --image)."
            )
        box = ref.box
        look = person_appearance(box, request.signature_png)
        name = PERSON_FIELD
    elif request.role == "organisation":
        if not request.seal_png:
            raise SignerError(
                "Chưa có ảnh con dấu: chọn ảnh ở Thông tin chung › Ký số (hoặc --image)."
            )
        box = organisation_box(ref, request.seal_png)
        look = organisation_appearance(box, request.seal_png, org, when)
        name = ORGANISATION_FIELD
    else:
        box = ref.box
        number = request.number or ref.tooltip or ""
        look = attachment_appearance(box, number, when)
        name = ref.name
    meta = signers.PdfSignatureMetadata(
        field_name=name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=request.reason or ROLES[request.role].label,
        location=org or None,
        name=subject_field(cert, "common_name") or None,
    )
    spec = None
    if existing is None:
        rect = (round(box[0], 2), round(box[1], 2), round(box[2], 2), round(box[3], 2))
        # pyHanko writes the coordinates as given; its annotation asks for ints
        spec = fields.SigFieldSpec(name, on_page=ref.page, box=rect)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory(prefix="tracu-sign-") as tmp:
        look_path = Path(tmp) / "appearance.pdf"
        look_path.write_bytes(look)
        style = StaticStampStyle.from_pdf_file(str(look_path), border_width=0)
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        pdf_signer = _timed_signer(when)(meta, signer, stamp_style=style, new_field_spec=spec)
        out = io.BytesIO()
        try:
            pdf_signer.sign_pdf(writer, output=out)
        except SignerError:
            raise
        except Exception as exc:
            raise SignerError(f"Ký số không thành công: {exc}") from exc
    return out.getvalue()


def signing_summary(request: SignRequest, signer: Any, when: datetime) -> str:
    cert = signer.signing_cert
    return (
        f"{ROLES[request.role].label}: {subject_field(cert, 'common_name')} "
        f"({signing_time_text(when)})"
    )


def free_attachments(pdf: bytes) -> list[SignatureSlot]:
    """The attachment fields not signed yet (one per appendix of a print package)."""
    signed = _signed_names(pdf)
    return [s for s in read_slots(pdf) if s.role == "attachment" and s.name not in signed]
