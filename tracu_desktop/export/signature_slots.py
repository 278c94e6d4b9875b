"""Where a document's signatures go: the renderers record the signature block they drew
and leave it in the PDF as an empty, named signature field.

A :class:`SignatureSlot` is a rectangle on a page, in PDF points from the bottom left.
The report renderer records the space between the signer's title and name (``person``);
every renderer records the free corner above the top margin of the first page
(``attachment``). The organisation's seal is placed at signing time from the person's
rectangle (its left third), so no coordinate is fixed in advance.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

PERSON_FIELD = "tracu_person"
ORGANISATION_FIELD = "tracu_organisation"
ATTACHMENT_PREFIX = "tracu_attachment"
MM = 72 / 25.4
ATTACHMENT_WIDTH = 70 * MM


@dataclass(frozen=True)
class SignatureSlot:
    """An empty signature field: ``page`` counts from 0, ``box`` is (x1, y1, x2, y2)."""

    name: str
    page: int
    box: tuple[float, float, float, float]
    tooltip: str = ""  # e.g. the document's number for an attachment

    @property
    def role(self) -> str:
        if self.name.startswith(ATTACHMENT_PREFIX):
            return "attachment"
        return "person" if self.name == PERSON_FIELD else "organisation"

    def shifted(self, pages: int, name: str | None = None) -> SignatureSlot:
        """The same slot once ``pages`` pages were put before its document."""
        return replace(self, page=self.page + pages, name=name or self.name)


def attachment_slot(
    pagesize: tuple[float, float], right_margin: float, top_margin: float, tooltip: str = ""
) -> SignatureSlot:
    """The top right corner of the first page, inside the top margin the renderer keeps
    free (Nghị định 30/2020, Phụ lục I: information of the attachment's signature)."""
    width, height = pagesize
    top = height - 2.5 * MM
    bottom = max(height - top_margin + 0.5 * MM, top - 9 * MM)
    right = width - right_margin
    return SignatureSlot(
        f"{ATTACHMENT_PREFIX}_1", 0, (right - ATTACHMENT_WIDTH, bottom, right, top), tooltip
    )


def signature_space(width: float, height: float, name: str, record: list[SignatureSlot]) -> Any:
    """A reportlab flowable that leaves ``height`` empty and records, when drawn, its
    absolute rectangle and page in ``record`` (the last drawing wins)."""
    from reportlab.platypus import Flowable

    class SignatureSpace(Flowable):
        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            self.width = min(width, aw)
            self.height = height
            return self.width, self.height

        def draw(self) -> None:
            x1, y1 = self.canv.absolutePosition(0, 0)
            x2, y2 = self.canv.absolutePosition(self.width, self.height)
            page = self.canv.getPageNumber() - 1
            record[:] = [s for s in record if s.name != name]
            record.append(SignatureSlot(name, page, (x1, y1, x2, y2)))

    return SignatureSpace()


def add_signature_fields(pdf: bytes, slots: Iterable[SignatureSlot]) -> bytes:
    """``pdf`` with an empty signature field per slot; page contents stay byte-identical."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    slots = list(slots)
    if not slots:
        return pdf
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    root = writer._root_object
    form = root.get("/AcroForm")
    form = form.get_object() if form is not None else DictionaryObject()
    fields = form.get("/Fields")
    fields = fields.get_object() if fields is not None else ArrayObject()
    for slot in slots:
        page = writer.pages[slot.page]
        widget = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Widget"),
                NameObject("/FT"): NameObject("/Sig"),
                NameObject("/T"): TextStringObject(slot.name),
                NameObject("/F"): NumberObject(4),  # printed
                NameObject("/Rect"): ArrayObject([FloatObject(round(v, 2)) for v in slot.box]),
                NameObject("/P"): page.indirect_reference,
            }
        )
        if slot.tooltip:
            widget[NameObject("/TU")] = TextStringObject(slot.tooltip)
        ref = writer._add_object(widget)
        annots = page.get("/Annots")
        if annots is None:
            page[NameObject("/Annots")] = ArrayObject([ref])
        else:
            annots.get_object().append(ref)
        fields.append(ref)
    form[NameObject("/Fields")] = fields
    root[NameObject("/AcroForm")] = writer._add_object(form)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _page_id(page: Any) -> int | None:
    """Object number of a page read from a file (pages made in memory have none)."""
    ref = page.indirect_reference
    return ref.idnum if ref is not None else None


def read_slots(pdf: bytes) -> list[SignatureSlot]:
    """The signature fields of ``pdf`` (signed or not) as slots, in page order."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    pages = {_page_id(p): i for i, p in enumerate(reader.pages)}
    out: list[SignatureSlot] = []
    for i, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            if a.get("/FT") != "/Sig" and (a.get("/Parent") or {}).get("/FT") != "/Sig":
                continue
            name = str(a.get("/T", ""))
            x1, y1, x2, y2 = (float(v) for v in a["/Rect"])
            out.append(SignatureSlot(name, pages.get(_page_id(page), i), (x1, y1, x2, y2),
                                     str(a.get("/TU", ""))))  # fmt: skip
    return out


def renumber_attachments(slots: Sequence[SignatureSlot]) -> list[SignatureSlot]:
    """Unique names for the attachment slots of merged documents, in page order."""
    out, n = [], 0
    for slot in sorted(slots, key=lambda s: s.page):
        if slot.role == "attachment":
            n += 1
            slot = replace(slot, name=f"{ATTACHMENT_PREFIX}_{n}")
        out.append(slot)
    return out
