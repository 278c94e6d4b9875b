"""Positions on printed pages, read as a reader would see them: word boxes from
``pdftotext -bbox`` and horizontal rules found in a rendered image of the page."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

DPI = 144
MM_PX = DPI / 25.4  # pixels per millimetre at DPI


@dataclass(frozen=True)
class Box:
    text: str
    x0: float  # millimetres from the page's left / top edge
    y0: float
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


def need_poppler() -> None:
    if not shutil.which("pdftotext") or not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils (pdftotext, pdftoppm) không có")


def words(pdf: Path, page: int = 1) -> list[Box]:
    """Every word of a page with its box in millimetres."""
    need_poppler()
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pt = 25.4 / 72
    boxes = []
    for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', out
    ):
        x0, y0, x1, y1 = (float(m.group(i)) * pt for i in range(1, 5))
        boxes.append(Box(html.unescape(m.group(5)), x0, y0, x1, y1))
    return boxes


def phrase(boxes: list[Box], text: str) -> Box:
    """The box around consecutive words reading ``text`` (first occurrence)."""
    parts = text.split()
    for i in range(len(boxes) - len(parts) + 1):
        run = boxes[i : i + len(parts)]
        if [b.text for b in run] == parts:
            return Box(
                text,
                min(b.x0 for b in run),
                min(b.y0 for b in run),
                max(b.x1 for b in run),
                max(b.y1 for b in run),
            )
    raise AssertionError(f"“{text}” không có trên trang")


def rules(pdf: Path, page: int = 1, min_mm: float = 10, max_mm: float = 120) -> list[Box]:
    """Horizontal dark lines between ``min_mm`` and ``max_mm`` long (not table borders
    longer than that), in millimetres."""
    from PIL import Image

    need_poppler()
    with tempfile.TemporaryDirectory() as tmp:
        stem = Path(tmp) / "p"
        subprocess.run(
            [
                "pdftoppm",
                "-gray",
                "-r",
                str(DPI),
                "-f",
                str(page),
                "-l",
                str(page),
                "-png",
                "-singlefile",
                str(pdf),
                str(stem),
            ],
            check=True,
        )
        img = Image.open(f"{stem}.png").convert("L")
        w, h = img.size
        px = img.load()
        found: list[Box] = []
        for y in range(h):
            x = 0
            while x < w:
                if px[x, y] < 128:
                    start = x
                    while x < w and px[x, y] < 128:
                        x += 1
                    length = (x - start) / MM_PX
                    if min_mm <= length <= max_mm:
                        found.append(Box("rule", start / MM_PX, y / MM_PX, x / MM_PX, y / MM_PX))
                else:
                    x += 1
    # a rule thicker than one pixel row counts once
    merged: list[Box] = []
    for b in found:
        if merged and abs(merged[-1].y0 - b.y0) < 0.8 and abs(merged[-1].x0 - b.x0) < 0.5:
            continue
        merged.append(b)
    return merged


def rule_below(pdf: Path, text: str, page: int = 1, within_mm: float = 6) -> Box:
    """The rule drawn just below the phrase ``text``."""
    target = phrase(words(pdf, page), text)
    below = [
        r
        for r in rules(pdf, page)
        if target.y1 - 0.5 < r.y0 < target.y1 + within_mm
        and r.x1 > target.x0 - 30
        and r.x0 < target.x1 + 30
    ]
    assert below, f"không có đường kẻ dưới “{text}”"
    return min(below, key=lambda r: (r.y0, abs(r.cx - target.cx)))
