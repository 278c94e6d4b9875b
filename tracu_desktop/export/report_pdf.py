"""PDF renderer of the composed report (reportlab), the same layout as the Word file.

A4 portrait with the Word margins, the serif family of :func:`register_pdf_fonts`
(Times New Roman or Liberation Serif), every string NFC. Footnotes sit at the bottom
of the page that cites them (:mod:`.pdf_footnotes`); the closing lines, "Nơi nhận"
and the signature are kept on one page; page numbers at the top from page 2.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from tracu_desktop.core.report.compose import ComposedReport
from tracu_desktop.core.report.markup import Run
from tracu_desktop.export.pdf_footnotes import build_with_footnotes, note_mark
from tracu_desktop.export.report_docx import (
    BODY_PT,
    INDENT_MM,
    ISSUER_RULE_MM,
    LEFT_COL_MM,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MOTTO_RULE_MM,
    RIGHT_COL_MM,
    SUBJECT_RULE_MM,
)
from tracu_desktop.export.signature_slots import PERSON_FIELD, SignatureSlot, signature_space

SIGN_SPACE_MM = 22  # between the signer's title and name: signature image, seal
SIGN_WIDTH_MM = 60  # the signature image's room, centred under the title


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _markup(runs: Iterable[Run]) -> str:
    """Runs as reportlab paragraph markup (escaped, NFC)."""
    parts: list[str] = []
    for r in runs:
        if r.note is not None:
            parts.append(note_mark(r.note))
            continue
        text = escape(_nfc(r.text))
        if r.bold:
            text = f"<b>{text}</b>"
        if r.italic:
            text = f"<i>{text}</i>"
        parts.append(text)
    return "".join(parts)


def _styles(font: str) -> dict[str, Any]:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm

    def style(name: str, size: float = BODY_PT, **kw: Any) -> ParagraphStyle:
        kw.setdefault("alignment", TA_CENTER)
        kw.setdefault("fontName", font)
        return ParagraphStyle(name, fontSize=size, leading=size * 1.2, **kw)

    return {
        # Both lines are the issuing body's name: bold (a superior body would be regular).
        "head_b": style("head_b", 13, fontName=font + "-Bold"),
        "motto1": style("motto1", 12.5, fontName=font + "-Bold"),
        "motto2": style("motto2", 13.5, fontName=font + "-Bold"),
        "number": style("number", 13),
        "date": style("date", 14, fontName=font + "-Italic"),
        "title": style("title", 14, fontName=font + "-Bold", spaceBefore=18),
        "subject": style("subject", 14, fontName=font + "-Bold", spaceAfter=2),
        "recipient": style("recipient", 14, spaceBefore=6, spaceAfter=12),
        "body": style("body", alignment=TA_JUSTIFY, firstLineIndent=INDENT_MM * mm, spaceAfter=6),
        "heading": style(  # headings are left-aligned: justified, a short line gapes
            "heading",
            fontName=font + "-Bold",
            alignment=TA_LEFT,
            firstLineIndent=INDENT_MM * mm,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "note": style("note", 10, alignment=TA_JUSTIFY, spaceAfter=2),
        "noi_nhan": style("noi_nhan", 12, fontName=font + "-BoldItalic", alignment=TA_LEFT),
        "list": style("list", 11, alignment=TA_LEFT),
        "sign": style("sign", 14, fontName=font + "-Bold"),
    }


def _two_columns(
    rows: list[list[Any]], font: str, top_padding: float = 0, centre: bool = False
) -> Any:
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=[LEFT_COL_MM * mm, RIGHT_COL_MM * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),  # else an unembedded Helvetica
                # centres the short rules (HRFlowable) under their text, like the Word file
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), top_padding),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                *([("ALIGN", (1, 0), (1, -1), "CENTER")] if centre else []),
            ]
        )
    )
    return table


def build_story(
    report: ComposedReport, font: str, record: list[SignatureSlot] | None = None
) -> list[Any]:
    """The report's flowables; ``record`` receives where the signer's space was drawn."""
    from reportlab.lib.units import mm
    from reportlab.platypus import HRFlowable, KeepTogether, Paragraph, Spacer

    st = _styles(font)

    def p(text: str, style: str) -> Paragraph:
        return Paragraph(escape(_nfc(text)), st[style])

    def rule(width_mm: float) -> HRFlowable:
        return HRFlowable(
            width=width_mm * mm,
            thickness=0.6,
            color="black",
            hAlign="CENTER",
            spaceBefore=1.5,
            spaceAfter=0,
        )

    story: list[Any] = [
        _two_columns(
            [
                [
                    [
                        p(report.header_upper, "head_b"),
                        p(report.header_lower, "head_b"),
                        rule(ISSUER_RULE_MM),
                    ],
                    [
                        p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "motto1"),
                        p("Độc lập - Tự do - Hạnh phúc", "motto2"),
                        rule(MOTTO_RULE_MM),
                    ],
                ],
                [p(report.number_line, "number"), p(report.date_line, "date")],
            ],
            font,
            top_padding=4,
        ),
        p("BÁO CÁO", "title"),
        p(report.subject, "subject"),
        rule(SUBJECT_RULE_MM),
        p(report.recipient_line, "recipient"),
    ]
    for block in report.blocks:
        style = "body" if block.kind == "para" else "heading"
        story.append(Paragraph(_markup(block.paragraph.runs), st[style]))

    closing = [Paragraph(_markup(par.runs), st["body"]) for par in report.closing]
    left = [Paragraph(escape("Nơi nhận:"), st["noi_nhan"])]
    left += [p(line, "list") for line in report.recipients]
    right = [p(report.signer_authority, "sign")]
    if report.signer_title:
        right.append(p(report.signer_title, "sign"))
    space = (
        Spacer(1, SIGN_SPACE_MM * mm)
        if record is None
        else signature_space(SIGN_WIDTH_MM * mm, SIGN_SPACE_MM * mm, PERSON_FIELD, record)
    )
    right += [space, p(report.signer_name, "sign")]
    story.append(
        KeepTogether([*closing, _two_columns([[left, right]], font, top_padding=4, centre=True)])
    )
    return story


def _page_number(font: str) -> Any:
    """Draws the page number at the top centre from page 2 (Nghị định 30/2020)."""
    from reportlab.lib.units import mm

    def draw(canvas: Any, doc: Any) -> None:
        if doc.page < 2:
            return
        canvas.saveState()
        canvas.setFont(font, 13)
        width, height = doc.pagesize
        x = MARGIN_LEFT * mm + (width - (MARGIN_LEFT + MARGIN_RIGHT) * mm) / 2
        canvas.drawCentredString(x, height - 12 * mm, str(doc.page))
        canvas.restoreState()

    return draw


def write_pdf(report: ComposedReport, path: Path) -> Path:
    """Render the report to PDF atomically (temporary name, then rename), with an empty
    signature field where the signer's signature goes (see :mod:`tracu_desktop.signing`)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    from tracu_desktop.export.fonts import register_pdf_fonts
    from tracu_desktop.export.signature_slots import add_signature_fields
    from tracu_desktop.infra.fileio import atomic_path

    font = register_pdf_fonts()
    notes = {n.number: _markup(n.runs) for n in report.footnotes}
    record: list[SignatureSlot] = []
    with atomic_path(path) as tmp:
        build_with_footnotes(
            tmp,
            lambda: build_story(report, font, record),
            notes,
            _styles(font)["note"],
            on_page=_page_number(font),
            pagesize=A4,
            leftMargin=MARGIN_LEFT * mm,
            rightMargin=MARGIN_RIGHT * mm,
            topMargin=MARGIN_TOP * mm,
            bottomMargin=MARGIN_BOTTOM * mm,
            title=_nfc(f"Báo cáo {report.subject}"),
            author=_nfc(report.header_lower),
            initialFontName=font,
            initialFontSize=BODY_PT,
        )
        tmp.write_bytes(add_signature_fields(tmp.read_bytes(), record))
    return Path(path)
