"""Vietnamese number and date formatting and the app's strict number parsing.

Built on Babel's ``vi_VN`` locale (``22.278``, ``69,85%``); the stricter rules for
dossier counts (whole, non-negative, no decimal comma) are layered on top here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import NumberFormatError, format_decimal, parse_number

from tracu_desktop.core.textnorm import nfc

LOCALE = "vi_VN"
_TWO_PLACES = Decimal("0.01")


class ParseError(ValueError):
    """A value a clerk typed or pasted that is not a valid count; ``str()`` is Vietnamese."""


def format_int(value: int | None) -> str:
    """``22278`` → ``22.278``; ``None`` → empty string."""
    if value is None:
        return ""
    # The same as Babel's vi_VN grouping (a test holds them equal), without loading Babel's
    # locale data (~45 ms) the first time a validation message prints a count.
    return f"{int(value):,}".replace(",", ".")


def format_count2(value: int | None) -> str:
    """Narrative style: at least two digits, thousands separated (``2`` → ``02``, ``22278`` → ``22.278``)."""
    if value is None:
        return ""
    v = int(value)
    if 0 <= v < 10:
        return f"{v:02d}"
    return format_int(v)


def round_half_up(value: Decimal | float | int, places: str = "0.01") -> Decimal:
    """Round as the report does (0,005 → 0,01), not banker's rounding."""
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def format_decimal_vi(value: Decimal | float | int, places: int = 2) -> str:
    """``3.25`` → ``3,25`` with Vietnamese separators and a fixed number of decimals."""
    q = round_half_up(value, "1" if places == 0 else "0." + "0" * places)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(q, format=pattern, locale=LOCALE, decimal_quantization=False)


def format_percent(rate: Decimal | float | None, places: int = 2) -> str:
    """A percentage already scaled to 0–100: ``Decimal('69.85')`` → ``69,85%``; ``None`` → ``–``."""
    if rate is None:
        return "–"
    return format_decimal_vi(rate, places) + "%"


def format_date(d: date | datetime | None) -> str:
    """``21/11/2023``."""
    if d is None:
        return ""
    return d.strftime("%d/%m/%Y")


def format_date_long(d: date) -> str:
    """Administrative prose form: ``ngày 21 tháng 11 năm 2023``.

    Days and months below 10 keep a leading zero only for day 1–9 and months 1–2
    (Nghị định 30/2020: "ngày 05 tháng 02 năm …", "tháng 3 …").
    """
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def format_place_date(place: str, d: date) -> str:
    """``Trà Cú, ngày 21 tháng 11 năm 2023``."""
    return f"{nfc(place)}, {format_date_long(d)}"


_DATE_RE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")


def parse_date(text: str) -> date:
    """Parse ``dd/mm/yyyy`` (also ``d/m/yyyy``, ``-`` or ``.``), or ISO ``yyyy-mm-dd``."""
    s = nfc(text)
    m = _DATE_RE.match(s)
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return date.fromisoformat(s)
    except ValueError:
        raise ParseError(
            f"Ngày “{s}” không hợp lệ (cần dạng ngày/tháng/năm, ví dụ 21/11/2023)."
        ) from None


_GROUPED_DOTS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_GROUPED_SPACES = re.compile(r"^\d{1,3}( \d{3})+$")
_PLAIN = re.compile(r"^\d+$")
_SPACE_CHARS = "\u00a0\u202f\u2009"


@dataclass(frozen=True)
class Blank:
    """Marker for an empty cell: distinct from zero so "not entered" is never read as 0."""


BLANK = Blank()


MAX_COUNT = 10**12  # far above any real dossier count; SQLite integers stop at 2**63


def parse_count(text: str | int | float | None, *, allow_blank: bool = True) -> int | Blank:
    """Parse a dossier count as clerks type or paste it (at most :data:`MAX_COUNT`).

    A bigger number is a typing or file error, and would not fit the database.
    """
    value = _parse_count(text, allow_blank=allow_blank)
    if value is not BLANK and value > MAX_COUNT:  # type: ignore[operator]
        shown = f"Số {format_int(value)}" if value < 10**15 else "Số"  # type: ignore[arg-type,operator]
        raise ParseError(f"{shown} quá lớn (tối đa {format_int(MAX_COUNT)}): hãy kiểm tra lại.")
    return value


def _parse_count(text: str | int | float | None, *, allow_blank: bool = True) -> int | Blank:
    """Parse a dossier count as clerks type or paste it.

    Accepts ``22.278``, ``22278``, ``22 278``, ``1.234.567`` (and whole-valued numbers
    from spreadsheets). Rejects fractions such as ``12,5``, negatives and text. An
    empty value returns :data:`BLANK` (or raises when ``allow_blank`` is false).
    """
    if type(text) is str and text.isdigit() and text.isascii():  # fast path for bulk imports
        return int(text)
    if text is None:
        if allow_blank:
            return BLANK
        raise ParseError("Chưa nhập giá trị.")
    if isinstance(text, bool):
        raise ParseError(f"“{text}” không phải là số.")
    if isinstance(text, int):
        if text < 0:
            raise ParseError(f"Số âm ({format_int(text)}) không hợp lệ: số liệu phải ≥ 0.")
        return text
    if isinstance(text, float):
        if text != text or text in (float("inf"), float("-inf")):
            raise ParseError("Giá trị không phải là số.")
        if not text.is_integer():
            raise ParseError(f"“{format_decimal_vi(text, 2)}” không phải là số nguyên.")
        return _parse_count(int(text))
    s = nfc(str(text))
    for ch in _SPACE_CHARS:
        s = s.replace(ch, " ")
    s = s.strip()
    if s == "":
        if allow_blank:
            return BLANK
        raise ParseError("Chưa nhập giá trị.")
    if s.startswith(("-", "−")):
        raise ParseError(f"Số âm (“{s}”) không hợp lệ: số liệu phải ≥ 0.")
    if s.startswith("+"):
        s = s[1:].strip()
    if _PLAIN.match(s):
        return int(s)
    if _GROUPED_DOTS.match(s):
        try:
            return int(parse_number(s, locale=LOCALE))
        except NumberFormatError:
            pass
    if _GROUPED_SPACES.match(s):
        return int(s.replace(" ", ""))
    if re.match(r"^\d[\d.]*,\d+$", s):
        raise ParseError(f"“{s}” không phải là số nguyên (số hồ sơ không có phần thập phân).")
    raise ParseError(f"“{s}” không phải là số nguyên hợp lệ (ví dụ đúng: 22.278 hoặc 22278).")
