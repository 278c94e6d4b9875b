"""Text that a spreadsheet program could run as a formula, made harmless (and back).

A unit name, a note or an imported label that starts with ``=``, ``+``, ``-`` or ``@``
becomes a formula when a spreadsheet program opens a file holding it (CSV included);
``=HYPERLINK(...)`` or ``=cmd|...`` in a file sent between offices is a known attack.
Text gets a leading apostrophe, which spreadsheet programs hide; numbers stay numbers,
and the program's own readers drop the apostrophe again so exports import back.
"""

from __future__ import annotations

import re
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN = re.compile(r"[-+]?[\d\s.,]*%?")  # "-", "-3", "+12.345", "- 5,5%": numbers, not formulas


def needs_neutralising(text: str) -> bool:
    """Whether a spreadsheet program could read ``text`` as a formula."""
    stripped = text.lstrip(" ")
    return bool(stripped) and stripped[0] in TRIGGERS and not _PLAIN.fullmatch(stripped)


def safe_cell_text(value: Any) -> Any:
    """Text for places that only carry text (CSV, plain strings): ``"=1+1"`` → ``"'=1+1"``.

    Non-strings and harmless text are returned unchanged.
    """
    if isinstance(value, str) and needs_neutralising(value):
        return "'" + value
    return value


def original_text(text: str) -> str:
    """Undo :func:`safe_cell_text`: ``"'=1+1"`` → ``"=1+1"``; other text unchanged."""
    if text[:1] == "'" and needs_neutralising(text[1:]):
        return text[1:]
    return text
