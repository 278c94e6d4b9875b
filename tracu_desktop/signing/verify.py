"""Verify the signatures of a PDF: who signed, for which organisation, when, whether the
document changed after signing and whether the certificate chains to a trusted root."""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tracu_desktop.signing.appearance import signing_time_text
from tracu_desktop.signing.signer import subject_field


@dataclass
class SignatureReport:
    field: str
    signer: str
    organisation: str
    time: datetime | None
    intact: bool  # the signed bytes are unchanged and the signature is valid
    changed_after: bool  # content changed by a later revision (beyond signing, form filling)
    trusted: bool  # chains to a root of the trust list
    covers_whole_file: bool
    problems: list[str] = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.intact and self.trusted and not self.changed_after

    def lines(self) -> list[str]:
        when = signing_time_text(self.time) if self.time else "không rõ"
        state = "hợp lệ" if self.ok else "KHÔNG hợp lệ"
        return [
            f"Chữ ký {field_label(self.field)}: {state}",
            f"  Người ký: {self.signer or 'không rõ'}",
            f"  Cơ quan, tổ chức: {self.organisation or 'không rõ'}",
            f"  Thời gian ký: {when}",
            "  Nội dung: "
            + (
                "bị thay đổi sau khi ký"
                if self.changed_after or not self.intact
                else "nguyên vẹn từ khi ký"
            ),
            "  Chứng thư số: "
            + ("thuộc danh sách tin cậy" if self.trusted else "không dẫn tới gốc tin cậy nào"),
            *[f"  Lưu ý: {p}" for p in self.problems],
        ]


def field_label(name: str) -> str:
    """The signature field as the user knows it: whose signature, which appendix."""
    from tracu_desktop.export.signature_slots import (
        ATTACHMENT_PREFIX,
        ORGANISATION_FIELD,
        PERSON_FIELD,
    )

    if name == PERSON_FIELD:
        return "của người có thẩm quyền"
    if name == ORGANISATION_FIELD:
        return "của cơ quan, tổ chức (dấu)"
    if name.startswith(ATTACHMENT_PREFIX + "_"):
        return f"trên phụ lục {name.rsplit('_', 1)[1]}"
    return f"“{name}”"


class VerifyError(ValueError):
    """The file cannot be read as a PDF; message in Vietnamese."""


def validation_context(roots: list[Any]) -> Any:
    from pyhanko_certvalidator import ValidationContext

    # Offline: no revocation fetching; the trust list is the user's roots only.
    return ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")


def verify_pdf(data: bytes, roots: list[Any]) -> list[SignatureReport]:
    """One report per embedded signature, in signing order."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        sigs = list(reader.embedded_signatures)
    except Exception as exc:
        raise VerifyError(f"Tệp không phải PDF hoặc bị hỏng ({exc}).") from None
    out = []
    for sig in sigs:
        cert = sig.signer_cert
        rep = SignatureReport(
            sig.field_name,
            subject_field(cert, "common_name"),
            subject_field(cert, "organization_name"),
            sig.self_reported_timestamp,
            intact=False,
            changed_after=True,
            trusted=False,
            covers_whole_file=False,
        )
        try:
            status = validate_pdf_signature(sig, validation_context(roots))
        except Exception as exc:
            rep.problems.append(f"không kiểm tra được chữ ký ({exc})")
            out.append(rep)
            continue
        rep.intact = bool(status.intact and status.valid)
        level = status.modification_level
        rep.covers_whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        rep.changed_after = not (
            rep.covers_whole_file
            or (
                status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
                and level is not None
                and level <= ModificationLevel.FORM_FILLING
            )
        )
        rep.trusted = bool(status.trusted)
        if not rep.intact:
            rep.problems.append("chữ ký không khớp với nội dung (tệp bị sửa hoặc chữ ký hỏng)")
        if not status.trusted and not roots:
            rep.problems.append(
                "chưa có chứng thư gốc tin cậy (Thông tin chung › Ký số, hoặc lệnh trust --add)"
            )
        out.append(rep)
    return out


def describe(cert: Any) -> str:
    """“Nguyễn Văn An — UBND huyện Trà Cú (cấp bởi …, hiệu lực đến dd/mm/yyyy)”."""
    issuer = subject_field_issuer(cert)
    until = cert["tbs_certificate"]["validity"]["not_after"].native
    return (
        f"{subject_field(cert, 'common_name')} — {subject_field(cert, 'organization_name')} "
        f"(cấp bởi {issuer}, hiệu lực đến {until:%d/%m/%Y})"
    )


def subject_field_issuer(cert: Any) -> str:
    try:
        return str(cert.issuer.native.get("common_name", "") or cert.issuer.human_friendly)
    except Exception:
        return ""
