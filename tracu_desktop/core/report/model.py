"""The report model: metadata and editable section texts of one period's Báo cáo.

Texts are stored per period with placeholders (see :mod:`.placeholders`); this module
only holds them. Section keys: ``intro`` (legal basis), ``I.1`` … ``I.9``, ``II``,
``III``, ``closing``. Headings are fixed by the template, not by the period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from tracu_desktop.core.models import Organisation
from tracu_desktop.core.periods import Period

SECTION_KEYS: tuple[str, ...] = (
    "intro",
    *(f"I.{n}" for n in range(1, 10)),
    "II",
    "III",
    "closing",
)
# Metadata that may be copied from the previous period (number and date never are).
COPIED_META = (
    "subject",
    "recipient",
    "recipients",
    "signer_authority",
    "signer_title",
    "signer_name",
)
META_KEYS = ("number", "date", "place", *COPIED_META)


class SectionKeyError(ValueError):
    """Unknown section name; the message is Vietnamese and lists the valid ones."""


def normalize_section(name: str) -> str:
    """``"6"`` / ``"I.6"`` / ``"i.6"`` → ``"I.6"``; ``"2"`` is I.2; ``"II"``, ``"intro"``…"""
    s = name.strip()
    aliases = {"mo-dau": "intro", "mở đầu": "intro", "ket-luan": "closing", "kết luận": "closing"}
    s = aliases.get(s.lower(), s)
    if s.isdigit() and 1 <= int(s) <= 9:
        return f"I.{int(s)}"
    up = s.upper()
    if up.startswith("I.") and up[2:].isdigit() and 1 <= int(up[2:]) <= 9:
        return f"I.{int(up[2:])}"
    if up in ("II", "III"):
        return up
    if s.lower() in ("intro", "closing"):
        return s.lower()
    raise SectionKeyError(
        f"Không có phần “{name}” trong báo cáo. Dùng: 1…9 (mục I.1…I.9), II, III, "
        "intro (căn cứ, mở đầu), closing (câu kết)."
    )


@dataclass(frozen=True)
class ReportMeta:
    """Document metadata; text fields may hold placeholders (e.g. the subject)."""

    number: str = ""  # "533" → "Số: 533/BC-UBND"; empty leaves a blank to fill by hand
    date: date | None = None  # None → the day after the period ends
    place: str = ""
    subject: str = ""
    recipient: str = ""  # "Kính gửi: …"
    recipients: tuple[str, ...] = ()  # "Nơi nhận"
    signer_authority: str = ""  # "KT. CHỦ TỊCH"
    signer_title: str = ""  # "PHÓ CHỦ TỊCH"
    signer_name: str = ""
    suffix: str = "BC-UBND"

    def number_line(self) -> str:
        number = self.number.strip() or "\u00a0" * 6
        return f"Số: {number}/{self.suffix}"

    def report_date(self, period: Period) -> dt.date:
        return self.date or (period.end + timedelta(days=1))

    def with_changes(self, **changes: object) -> ReportMeta:
        return replace(self, **changes)  # type: ignore[arg-type]


def default_meta(org: Organisation, subject: str, recipient: str) -> ReportMeta:
    """Metadata of a first report: everything from the organisation and the template."""
    return ReportMeta(
        place=org.place,
        subject=subject,
        recipient=recipient,
        recipients=tuple(org.recipients),
        signer_authority=org.signer_authority,
        signer_title=org.signer_title,
        signer_name=org.signer_name,
        suffix=org.report_suffix or "BC-UBND",
    )


@dataclass(frozen=True)
class ReportTexts:
    """One period's report as stored: metadata, section texts and where each came from."""

    meta: ReportMeta
    sections: dict[str, str] = field(default_factory=dict)
    # key -> "saved" (this period), a period code (copied from), or "template".
    origin: dict[str, str] = field(default_factory=dict)
