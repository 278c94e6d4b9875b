"""Break a table cell's text into lines that fit its column, for renderers that do not
wrap by themselves (reportlab plain-string cells) or whose row heights must be set
(Excel).

Breaks after spaces, and after "=", "+", ";" or "/" so that "(3)=(4)+(5)+(6)" and file
names split where a reader expects; a word still too long is cut by characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable

PDF_BREAKS = "=+;/_"  # where our own PDF wrapping may break besides spaces
SHEET_BREAKS = ""  # Excel and LibreOffice break at spaces (and cut over-long words)


def _tokens(breaks: str) -> re.Pattern[str]:
    if not breaks:
        return re.compile(r"\S+\s*|\s+")
    chars = re.escape(breaks)
    return re.compile(rf"[^\s{chars}]*[{chars}]|\S+\s*|\s+")


Measure = Callable[[str], float]


def wrap_lines(text: str, width: float, measure: Measure, breaks: str = PDF_BREAKS) -> list[str]:
    """Lines of ``text`` no wider than ``width`` as measured by ``measure``, broken at
    spaces and after the characters in ``breaks``."""
    token_re = _tokens(breaks)
    lines: list[str] = []
    for para in text.split("\n"):
        head, eq, rest = para.partition("=")
        if eq and measure(para) > width and max(measure(head + eq), measure(rest)) <= width:
            lines += [head + eq, rest]  # "(7)=" over "(8)+(9)+(10)"
            continue
        current = ""
        for token in token_re.findall(para):
            candidate = current + token
            if measure(candidate.rstrip()) <= width or not current.strip():
                current = candidate
            else:
                lines.append(current.rstrip())
                current = token.lstrip()
            while measure(current.rstrip()) > width and len(current.strip()) > 1:
                cut = len(current)
                while cut > 1 and measure(current[:cut]) > width:
                    cut -= 1
                lines.append(current[:cut])
                current = current[cut:]
        lines.append(current.rstrip())
    return lines


def pdf_wrap(text: str, font: str, size: float, width: float) -> str:
    """``text`` with line breaks so that every line fits ``width`` points in ``font``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width and "\n" not in text:
        return text
    return "\n".join(wrap_lines(text, width, lambda s: stringWidth(s, font, size)))
