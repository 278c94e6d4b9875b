"""Compose the finished report (all placeholders filled) that the Word and PDF renderers draw.

Every text is rendered first, so one error lists *all* unknown placeholders of the
report (section by section) before any file is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from tracu_desktop.core.models import Organisation
from tracu_desktop.core.periods import Period
from tracu_desktop.core.report.markup import Paragraph, Run, parse_section
from tracu_desktop.core.report.model import SECTION_KEYS, ReportTexts
from tracu_desktop.core.report.placeholders import (
    UnknownPlaceholderError,
    render_text,
    unknown_placeholders,
)
from tracu_desktop.core.report.templates import Template
from tracu_desktop.core.textnorm import nfc
from tracu_desktop.core.vnformat import format_place_date

# Heading levels: parts (I, II, III) and numbered sections (1. …).
PART_HEADINGS = ("I", "II", "III")


@dataclass(frozen=True)
class Block:
    """One piece of the body in reading order."""

    kind: str  # "heading1", "heading2", "para"
    paragraph: Paragraph
    section: str  # section key it belongs to


@dataclass(frozen=True)
class Footnote:
    number: int
    runs: tuple[Run, ...]
    section: str


@dataclass(frozen=True)
class ComposedReport:
    header_upper: str  # "ỦY BAN NHÂN DÂN"
    header_lower: str  # "HUYỆN TRÀ CÚ"
    number_line: str  # "Số: 533/BC-UBND"
    date_line: str  # "Trà Cú, ngày 21 tháng 11 năm 2023"
    subject: str
    recipient_line: str  # "Kính gửi: Văn phòng Ủy ban nhân dân tỉnh."
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...]
    closing: tuple[Paragraph, ...]
    recipients: tuple[str, ...]  # "- Như trên;" … "- Lưu: VT."
    signer_authority: str
    signer_title: str
    signer_name: str
    report_date: date | None = None

    def section_text(self, key: str) -> str:
        """Plain text of a section (heading and paragraphs), e.g. for tests and previews."""
        return "\n".join(b.paragraph.text for b in self.blocks if b.section == key)


def _recipient_lines(items: tuple[str, ...]) -> tuple[str, ...]:
    cleaned = [nfc(i).rstrip(";.") for i in items if nfc(i)]
    return tuple(
        f"- {item}{'.' if n == len(cleaned) - 1 else ';'}" for n, item in enumerate(cleaned)
    )


def check_texts(texts: ReportTexts, context: Mapping[str, str | None]) -> dict[str, list[str]]:
    """Unknown placeholder names per section / metadata field (empty when all resolve)."""
    found: dict[str, list[str]] = {}
    pieces = dict(texts.sections)
    pieces["tiêu đề (subject)"] = texts.meta.subject
    pieces["kính gửi (recipient)"] = texts.meta.recipient
    for where, text in pieces.items():
        unknown = unknown_placeholders(text, context.keys())
        if unknown:
            found[where] = unknown
    return found


def compose(
    period: Period,
    org: Organisation,
    template: Template,
    texts: ReportTexts,
    context: Mapping[str, str | None],
) -> ComposedReport:
    """Fill every text; raises :class:`UnknownPlaceholderError` listing all unknown names."""
    unknown = check_texts(texts, context)
    if unknown:
        raise UnknownPlaceholderError(unknown)
    meta = texts.meta
    blocks: list[Block] = []
    notes: list[Footnote] = []
    closing: tuple[Paragraph, ...] = ()
    next_note = 1
    for key in SECTION_KEYS:
        if key == "I.1":
            heading = template.headings.get("I", "")
            blocks.append(Block("heading1", Paragraph((Run(heading, bold=True),)), "I"))
        rendered = render_text(texts.sections.get(key, ""), context, f"phần {key}")
        parsed = parse_section(rendered, next_note, f"phần {key}")
        next_note += len(parsed.notes)
        notes += [Footnote(n, tuple(runs), key) for n, runs in parsed.notes]
        if key == "closing":
            closing = tuple(parsed.paragraphs)
            continue
        heading = template.headings.get(key, "")
        if heading:
            kind = "heading1" if key in PART_HEADINGS else "heading2"
            blocks.append(Block(kind, Paragraph((Run(heading, bold=True),)), key))
        blocks += [Block("para", p, key) for p in parsed.paragraphs]
    report_date = meta.report_date(period)
    return ComposedReport(
        header_upper=nfc(org.header_upper).upper(),
        header_lower=nfc(org.header_lower).upper(),
        number_line=meta.number_line(),
        date_line=format_place_date(meta.place or org.place, report_date),
        subject=render_text(meta.subject, context, "tiêu đề"),
        recipient_line="Kính gửi: " + render_text(meta.recipient, context, "kính gửi"),
        blocks=tuple(blocks),
        footnotes=tuple(notes),
        closing=closing,
        recipients=_recipient_lines(meta.recipients),
        signer_authority=nfc(meta.signer_authority).upper(),
        signer_title=nfc(meta.signer_title).upper(),
        signer_name=nfc(meta.signer_name),
        report_date=report_date,
    )
