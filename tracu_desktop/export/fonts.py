"""Fonts for PDF output: Times New Roman where the system has it (Windows), otherwise the
bundled, metric-compatible Liberation Serif from ``resources/fonts/``.

:func:`register_pdf_fonts` registers the four faces and the family with reportlab once
and returns the family name to use as ``fontName`` (``<b>``/``<i>`` then work in
Paragraphs).
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

from tracu_desktop.core.resources import resource_path

FAMILY = "TracuSerif"
FACES = {
    "regular": FAMILY,
    "bold": FAMILY + "-Bold",
    "italic": FAMILY + "-Italic",
    "bolditalic": FAMILY + "-BoldItalic",
}
_BUNDLED = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bolditalic": "LiberationSerif-BoldItalic.ttf",
}
_WINDOWS = {
    "regular": "times.ttf",
    "bold": "timesbd.ttf",
    "italic": "timesi.ttf",
    "bolditalic": "timesbi.ttf",
}
# Name used for Word/Excel documents: the reader's Times New Roman (or its metric twin).
DOCUMENT_FONT = "Times New Roman"


def font_files() -> dict[str, Path]:
    """The TTF files used, preferring the system's Times New Roman on Windows."""
    if sys.platform == "win32" and not os.environ.get("TRACU_BUNDLED_FONTS"):
        windir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        system = {k: windir / v for k, v in _WINDOWS.items()}
        if all(p.exists() for p in system.values()):
            return system
    return {k: resource_path("fonts", v) for k, v in _BUNDLED.items()}


@lru_cache(maxsize=1)
def register_pdf_fonts() -> str:
    """Register the serif family with reportlab (idempotent); returns the family name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    files = font_files()
    for face, name in FACES.items():
        pdfmetrics.registerFont(TTFont(name, str(files[face])))
    pdfmetrics.registerFontFamily(
        FAMILY,
        normal=FACES["regular"],
        bold=FACES["bold"],
        italic=FACES["italic"],
        boldItalic=FACES["bolditalic"],
    )
    addMapping(FAMILY, 0, 0, FACES["regular"])
    addMapping(FAMILY, 1, 0, FACES["bold"])
    addMapping(FAMILY, 0, 1, FACES["italic"])
    addMapping(FAMILY, 1, 1, FACES["bolditalic"])
    return FAMILY
