"""Word renderer of the composed report (python-docx), laid out per Nghị định 30/2020/NĐ-CP.

A4 portrait, margins 20/20/30/15 mm, Times New Roman for every script, the borderless
two-column header with its short rules, justified body with first-line indent, real
Word footnotes (a ``word/footnotes.xml`` part) for the legal-basis notes, and the
"Nơi nhận" list beside the signature block, kept on the page of the closing lines.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracu_desktop.core.report.compose import ComposedReport
from tracu_desktop.core.report.markup import Paragraph, Run
from tracu_desktop.export.fonts import DOCUMENT_FONT

if TYPE_CHECKING:  # pragma: no cover
    from docx.document import Document as DocxDocument

# Page geometry in millimetres (Nghị định 30/2020: top/bottom 20–25, left 30–35, right 15–20).
PAGE_W, PAGE_H = 210, 297
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 20, 20, 30, 15
LEFT_COL_MM = 65  # issuing body / "Nơi nhận"
RIGHT_COL_MM = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT - LEFT_COL_MM  # motto / signature
BODY_PT = 14
ISSUER_RULE_MM = 22  # under the issuing body, centred on it
MOTTO_RULE_MM = 58  # as long as "Độc lập - Tự do - Hạnh phúc" at 13,5 pt bold
SUBJECT_RULE_MM = 50  # the rule under the subject: 1/3–1/2 of the line (Nghị định 30/2020)
INDENT_MM = 10

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PPR_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_TBLPR_AFTER_BORDERS = (
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
)


def _set_fonts(rpr_parent: Any) -> None:
    """Times New Roman for ascii, hAnsi, eastAsia and cs, so Word substitutes nothing."""
    from docx.oxml.ns import qn

    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), DOCUMENT_FONT)


def _run(par: Any, text: str, size: float, bold: bool = False, italic: bool = False) -> Any:
    from docx.shared import Pt

    run = par.add_run(text)
    run.font.name = DOCUMENT_FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    _set_fonts(run._r)
    return run


def _para(
    container: Any,
    text: str = "",
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: str = "center",
    before: float = 0,
    after: float = 0,
    indent_mm: float = 0,
    keep_next: bool = False,
) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    par = container.add_paragraph()
    fmt = par.paragraph_format
    fmt.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.0
    if indent_mm:
        fmt.first_line_indent = Mm(indent_mm)
    fmt.keep_with_next = keep_next
    if text:
        _run(par, text, size, bold, italic)
    return par


def _rule(cell: Any, width_mm: float, col_mm: float, margins: float = 2) -> None:
    """A short horizontal rule centred in the cell (or the page body, ``margins=0``): an
    empty paragraph with a top border."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    par = cell.add_paragraph()
    side = max((col_mm - width_mm) / 2 - margins, 0)  # minus the cell's own margins
    fmt = par.paragraph_format
    fmt.left_indent = Mm(side)
    fmt.right_indent = Mm(side)
    fmt.space_before = Pt(3)
    fmt.space_after = Pt(0)
    ppr = par._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    top.set(qn("w:val"), "single")
    top.set(qn("w:sz"), "6")
    top.set(qn("w:space"), "1")
    top.set(qn("w:color"), "000000")
    borders.append(top)
    # Schema order matters to Word: pBdr precedes shd, tabs, spacing, ind, jc …
    ppr.insert_element_before(borders, *_PPR_AFTER_PBDR)
    _run(par, "", 2)


def _table(doc: DocxDocument, rows: int, widths_mm: tuple[float, float]) -> Any:
    """A borderless table with fixed column widths that Word and LibreOffice both honour."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table = doc.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.insert_element_before(borders, *_TBLPR_AFTER_BORDERS)  # autofit=False: fixed layout
    for col, width in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(width)
    grid = table._tbl.tblGrid
    for gc, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=True):
        gc.set(qn("w:w"), str(int(width / 25.4 * 1440)))
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        cant = OxmlElement("w:cantSplit")
        tr_pr.append(cant)
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
            # Drop the empty first paragraph python-docx puts in every cell.
            for p in list(cell.paragraphs):
                p._p.getparent().remove(p._p)
    return table


class _Footnotes:
    """Real Word footnotes: a ``footnotes.xml`` part holding separators and the notes."""

    def __init__(self, doc: DocxDocument):
        from docx.opc.constants import CONTENT_TYPE as CT
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import XmlPart
        from docx.oxml import parse_xml

        xml = (
            f'<w:footnotes xmlns:w="{_W}">'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
            'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing '
            'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/>'
            "</w:r></w:p></w:footnote></w:footnotes>"
        )
        self.element = parse_xml(xml)
        self._doc = doc  # the story the footnote paragraphs' runs resolve styles through
        _footnote_styles(doc)
        part = XmlPart(
            PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, self.element, doc.part.package
        )
        doc.part.relate_to(part, RT.FOOTNOTES)

    def add(self, number: int, runs: tuple[Run, ...]) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import qn
        from docx.text.paragraph import Paragraph as DocxParagraph

        note = parse_xml(
            f'<w:footnote xmlns:w="{_W}" w:id="{number}"><w:p><w:pPr><w:spacing w:after="0"/>'
            '<w:jc w:val="both"/></w:pPr></w:p></w:footnote>'
        )
        self.element.append(note)
        par = DocxParagraph(note.find(qn("w:p")), self._doc)
        par._p.get_or_add_pPr().insert(
            0, parse_xml(f'<w:pStyle xmlns:w="{_W}" w:val="FootnoteText"/>')
        )
        ref = _run(par, "", 10)
        _reference_style(ref)
        ref._r.append(parse_xml(f'<w:footnoteRef xmlns:w="{_W}"/>'))
        _run(par, " ", 10)
        for r in runs:
            _run(par, r.text, 10, r.bold, r.italic)

    @staticmethod
    def reference(par: Any, number: int) -> None:
        from docx.oxml import parse_xml

        run = _run(par, "", BODY_PT)
        _reference_style(run)
        run._r.append(parse_xml(f'<w:footnoteReference xmlns:w="{_W}" w:id="{number}"/>'))


def _footnote_styles(doc: DocxDocument) -> None:
    """Word's built-in footnote styles. LibreOffice draws the number in the footnote area
    with the "footnote reference" character style and ignores direct formatting there:
    without the style the number comes out full size."""
    from docx.oxml import parse_xml

    styles = doc.styles.element
    styles.append(
        parse_xml(
            f'<w:style xmlns:w="{_W}" w:type="character" w:styleId="FootnoteReference">'
            '<w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/>'
            '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
            '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
        )
    )
    styles.append(
        parse_xml(
            f'<w:style xmlns:w="{_W}" w:type="paragraph" w:styleId="FootnoteText">'
            '<w:name w:val="footnote text"/><w:basedOn w:val="Normal"/>'
            '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
            '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr>'
            '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'
        )
    )


def _reference_style(run: Any) -> None:
    """A footnote mark: the "footnote reference" style and superscript set directly too."""
    from docx.oxml import parse_xml

    rpr = run._r.get_or_add_rPr()
    rpr.insert(0, parse_xml(f'<w:rStyle xmlns:w="{_W}" w:val="FootnoteReference"/>'))
    run.font.superscript = True


def _body_paragraph(doc: DocxDocument, p: Paragraph, notes: _Footnotes, bold: bool = False) -> Any:
    # headings (bold) are left-aligned: justified, their short lines gape
    align = "left" if bold else "justify"
    par = _para(doc, align=align, after=6, indent_mm=INDENT_MM, keep_next=bold)
    for r in p.runs:
        if r.note is not None:
            notes.reference(par, r.note)
        else:
            _run(par, r.text, BODY_PT, bold or r.bold, r.italic)
    return par


def _page_field(par: Any) -> None:
    """A PAGE field (Word and LibreOffice compute the number)."""
    from docx.oxml import parse_xml

    run = _run(par, "", 13)
    run._r.append(parse_xml(f'<w:fldChar xmlns:w="{_W}" w:fldCharType="begin"/>'))
    run = _run(par, "", 13)
    run._r.append(
        parse_xml(f'<w:instrText xmlns:w="{_W}" xml:space="preserve"> PAGE </w:instrText>')
    )
    run = _run(par, "", 13)
    run._r.append(parse_xml(f'<w:fldChar xmlns:w="{_W}" w:fldCharType="separate"/>'))
    _run(par, "2", 13)
    run = _run(par, "", 13)
    run._r.append(parse_xml(f'<w:fldChar xmlns:w="{_W}" w:fldCharType="end"/>'))


def _setup(doc: DocxDocument) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP), Mm(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT), Mm(MARGIN_RIGHT)
    # Page numbers at the top centre from the second page (Nghị định 30/2020).
    section.different_first_page_header_footer = True
    section.header_distance = Mm(10)
    number = section.header.paragraphs[0]
    number.alignment = 1  # centre
    _page_field(number)
    normal = doc.styles["Normal"]
    normal.font.name = DOCUMENT_FONT
    normal.font.size = Pt(BODY_PT)
    _set_fonts(normal.element)
    doc.core_properties.language = "vi-VN"


def build_docx(report: ComposedReport) -> DocxDocument:
    """The Word document of a composed report (not yet saved)."""
    import docx

    doc = docx.Document()
    _setup(doc)
    # The default template starts with one empty paragraph: remove it.
    for p in list(doc.paragraphs):
        p._p.getparent().remove(p._p)
    doc.core_properties.title = f"Báo cáo {report.subject}"[:250]

    head = _table(doc, 2, (LEFT_COL_MM, RIGHT_COL_MM))
    left, right = head.rows[0].cells
    # Both lines name the issuing body: bold (only a superior body's name is regular).
    _para(left, report.header_upper, size=13, bold=True)
    _para(left, report.header_lower, size=13, bold=True)
    _rule(left, ISSUER_RULE_MM, LEFT_COL_MM)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12.5, bold=True)
    _para(right, "Độc lập - Tự do - Hạnh phúc", size=13.5, bold=True)
    _rule(right, MOTTO_RULE_MM, RIGHT_COL_MM)
    left, right = head.rows[1].cells
    _para(left, report.number_line, size=13, before=4)
    _para(right, report.date_line, size=14, italic=True, before=4)

    _para(doc, "BÁO CÁO", bold=True, before=18)
    _para(doc, report.subject, bold=True, after=4)  # the rule below must not touch it
    _rule(doc, SUBJECT_RULE_MM, PAGE_W - MARGIN_LEFT - MARGIN_RIGHT, margins=0)
    _para(doc, report.recipient_line, before=6, after=12)

    notes = _Footnotes(doc)
    for note in report.footnotes:
        notes.add(note.number, note.runs)
    for block in report.blocks:
        _body_paragraph(doc, block.paragraph, notes, bold=block.kind != "para")
    for i, closing in enumerate(report.closing):
        par = _body_paragraph(doc, closing, notes)
        par.paragraph_format.keep_with_next = True
        if i == len(report.closing) - 1:
            par.paragraph_format.space_after = 0

    end = _table(doc, 1, (LEFT_COL_MM, RIGHT_COL_MM))
    left, right = end.rows[0].cells
    _para(
        left, "Nơi nhận:", size=12, bold=True, italic=True, align="left", before=6, keep_next=True
    )
    for line in report.recipients:
        _para(left, line, size=11, align="left", keep_next=True)
    _para(right, report.signer_authority, bold=True, before=6, keep_next=True)
    if report.signer_title:
        _para(right, report.signer_title, bold=True, keep_next=True)
    for _ in range(4):
        _para(right, "", keep_next=True)
    _para(right, report.signer_name, bold=True)
    # Word ends a body with a paragraph mark; a tiny one avoids an extra line after the table.
    _para(doc, size=1)
    return doc


def write_docx(report: ComposedReport, path: Path) -> Path:
    """Save the report as ``.docx`` atomically (temporary name, then rename)."""
    from tracu_desktop.infra.fileio import atomic_write_with

    doc = build_docx(report)
    return atomic_write_with(path, lambda tmp: doc.save(str(tmp)))
