"""What each kind of signature looks like on the page and where it goes, as data
(Nghị định 30/2020/NĐ-CP, Phụ lục I), and the appearance drawn with reportlab.

The appearance is a one-page PDF the size of the signature's rectangle, drawn in the
program's serif font (Times New Roman or the bundled Liberation Serif); pyHanko puts it
in the signature field as is.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from tracu_desktop.core.textnorm import nfc
from tracu_desktop.export.signature_slots import MM, SignatureSlot

VIETNAM_TIME = timezone(timedelta(hours=7))


@dataclass(frozen=True)
class AppearanceRule:
    role: str
    label: str  # Vietnamese, shown to the user
    legal_basis: str
    image: str  # "signature", "seal" or "" (none)
    placement: str
    info: str


ROLES: dict[str, AppearanceRule] = {
    "person": AppearanceRule(
        "person",
        "Người có thẩm quyền ký",
        "Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II, khoản 8 điểm b",
        "signature",
        "canh giữa giữa chức vụ và họ tên người ký",
        "chữ ký (ảnh PNG nền trong suốt)",
    ),
    "organisation": AppearanceRule(
        "organisation",
        "Cơ quan, tổ chức (dấu)",
        "Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II, khoản 9 điểm b",
        "seal",
        "trùm lên khoảng 1/3 chữ ký của người có thẩm quyền về phía bên trái",
        "tên cơ quan, tổ chức; thời gian ký theo ISO 8601, múi giờ Việt Nam",
    ),
    "attachment": AppearanceRule(
        "attachment",
        "Văn bản kèm theo (phụ lục)",
        "Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II, khoản 9 điểm c",
        "",
        "góc trên, bên phải, trang đầu của tệp",
        "số và ký hiệu văn bản; thời gian ký (ISO 8601); Times New Roman, cỡ 10, chữ đứng, màu đen",
    ),
}
ATTACHMENT_FONT_PT = 10
SEAL_DEFAULT_MM = 36.0  # a seal image without resolution is drawn 36 mm wide
SEAL_INFO_PT = 7


class AppearanceError(ValueError):
    """An image cannot be used for the signature; message in Vietnamese."""


def signing_time_text(when: datetime) -> str:
    """ISO 8601 with Vietnam's offset, seconds precision: 2026-12-01T10:15:30+07:00."""
    return when.astimezone(VIETNAM_TIME).replace(microsecond=0).isoformat()


def now_vietnam() -> datetime:
    return datetime.now(VIETNAM_TIME).replace(microsecond=0)


def _image(data: bytes, what: str) -> tuple[object, float, float]:
    """A reportlab ImageReader and its real size in points (from the PNG's DPI, else
    ``SEAL_DEFAULT_MM`` wide)."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    try:
        img = Image.open(io.BytesIO(data))
        img.load()
    except Exception:
        raise AppearanceError(f"Tệp ảnh {what} không đọc được (cần ảnh PNG).") from None
    w, h = img.size
    dpi = img.info.get("dpi")
    if dpi and float(dpi[0]) > 1:
        width = w / float(dpi[0]) * 72
    else:
        width = SEAL_DEFAULT_MM * MM
    return ImageReader(img), width, width * h / w


def organisation_box(person: SignatureSlot, seal_png: bytes) -> tuple[float, float, float, float]:
    """The seal at real size centred on the left third of the person's signature, with
    room below it for the organisation's name and the signing time."""
    _img, w, h = _image(seal_png, "dấu")
    x1, y1, x2, y2 = person.box
    cx, cy = x1 + (x2 - x1) / 6, (y1 + y2) / 2
    text_h = 2 * SEAL_INFO_PT * 1.2
    width = max(w, 60 * MM)
    return (cx - width / 2, cy - h / 2 - text_h, cx + width / 2, cy + h / 2)


def _canvas(box: tuple[float, float, float, float]) -> tuple[Any, io.BytesIO, float, float]:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    w, h = box[2] - box[0], box[3] - box[1]
    c = canvas.Canvas(buf, pagesize=(w, h), initialFontName=_font())
    return c, buf, w, h


def _font() -> str:
    from tracu_desktop.export.fonts import register_pdf_fonts

    return register_pdf_fonts()


def person_appearance(box: tuple[float, float, float, float], signature_png: bytes) -> bytes:
    """The signature image, as large as fits, centred in the space the layout left."""
    c, buf, w, h = _canvas(box)
    img, iw, ih = _image(signature_png, "chữ ký")
    scale = min(w / iw, h / ih)
    dw, dh = iw * scale, ih * scale
    c.drawImage(img, (w - dw) / 2, (h - dh) / 2, dw, dh, mask="auto")
    c.showPage()
    c.save()
    return buf.getvalue()


def organisation_appearance(
    box: tuple[float, float, float, float], seal_png: bytes, organisation: str, when: datetime
) -> bytes:
    c, buf, w, h = _canvas(box)
    img, iw, ih = _image(seal_png, "dấu")
    text_h = 2 * SEAL_INFO_PT * 1.2
    c.drawImage(img, (w - iw) / 2, text_h, iw, ih, mask="auto")
    c.setFont(_font(), SEAL_INFO_PT)
    c.drawCentredString(w / 2, SEAL_INFO_PT * 1.2 + 1, nfc(organisation))
    c.drawCentredString(w / 2, 1.5, signing_time_text(when))
    c.showPage()
    c.save()
    return buf.getvalue()


def attachment_appearance(
    box: tuple[float, float, float, float], number: str, when: datetime
) -> bytes:
    """Two right-aligned lines, Times New Roman 10 pt: the number, the signing time."""
    c, buf, w, h = _canvas(box)
    c.setFont(_font(), ATTACHMENT_FONT_PT)
    lead = ATTACHMENT_FONT_PT * 1.15
    top = h - ATTACHMENT_FONT_PT
    c.drawRightString(w, top, nfc(number))
    c.drawRightString(w, top - lead, signing_time_text(when))
    c.showPage()
    c.save()
    return buf.getvalue()


def read_png(path: Path | str, what: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:
        raise AppearanceError(f"Không đọc được tệp ảnh {what}: {path}.") from None
