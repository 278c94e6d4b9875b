"""Approved page images: render each page of a PDF at a fixed low resolution, compare it
with the approved image under ``tests/approved/`` and, on a difference, write the new
image and a difference image to ``tests/approved/_failed/`` (ignored by git).

Approve changes with ``python -m tools.approve`` (or ``TRACU_APPROVE=1 pytest …``): the
rendered pages then replace the approved ones. Look at every image before committing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPROVED = ROOT / "tests" / "approved"
FAILED = APPROVED / "_failed"
DPI = 50
LEVELS = 16  # grey levels kept: small files, and anti-aliasing noise below one step
PIXEL_DELTA = 48  # a pixel differs when its grey value moves more than this
MAX_DIFF_SHARE = 0.0015  # share of differing pixels tolerated per page
TILE = 16  # … and in any TILE × TILE square (a moved rule or word is a local change)
MAX_TILE_DIFF = 3


_STEP = 255 / (LEVELS - 1)  # grey levels 0, 17, …, 255: white stays white
_QUANTISE = [round(round(v / _STEP) * _STEP) for v in range(256)]


def approving() -> bool:
    return os.environ.get("TRACU_APPROVE", "") not in ("", "0")


def render(pdf: Path) -> list:
    """Every page of ``pdf`` as a PIL grey image with :data:`LEVELS` grey levels."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            # thin lines (rules, borders) drawn solid: at 50 dpi they would fade away
            [
                "pdftoppm",
                "-gray",
                "-r",
                str(DPI),
                "-thinlinemode",
                "solid",
                "-png",
                str(pdf),
                str(Path(tmp) / "p"),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        pages = []
        for png in sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1])):
            img = Image.open(png).convert("L")
            img = img.point(_QUANTISE)
            img.load()
            pages.append(img)
    return pages


def _save(img, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, optimize=True)


def _pages_of(folder: Path, name: str) -> list[Path]:
    """``<name>-1.png``, ``<name>-2.png`` … (not ``<name>-xlsx-1.png``)."""
    return [p for p in folder.glob(f"{name}-*.png") if p.stem[len(name) + 1 :].isdigit()]


@dataclass
class PageDiff:
    name: str
    reason: str


def compare(case: str, name: str, pages: list) -> list[PageDiff]:
    """Compare rendered pages with ``tests/approved/<case>/<name>-<n>.png``; returns the
    pages that differ (empty when all match or while approving)."""
    from PIL import Image, ImageChops

    folder = APPROVED / case
    old = _pages_of(folder, name)
    if approving():
        for stale in old:
            stale.unlink()
        for n, img in enumerate(pages, start=1):
            _save(img, folder / f"{name}-{n}.png")
        return []
    failed = FAILED / case
    for stale in failed.glob(f"{name}-*.png"):
        if stale.stem[len(name) + 1 :].removesuffix("-diff").isdigit():
            stale.unlink()
    problems: list[PageDiff] = []
    if len(old) != len(pages):
        problems.append(PageDiff(name, f"{len(pages)} trang, ảnh đã duyệt có {len(old)} trang"))
    for n, img in enumerate(pages, start=1):
        page = f"{name}-{n}"
        path = folder / f"{page}.png"
        reason = ""
        if not path.exists():
            reason = "chưa có ảnh đã duyệt"
        else:
            ref = Image.open(path).convert("L")
            if ref.size != img.size:
                reason = f"kích thước {img.size} khác ảnh đã duyệt {ref.size}"
            else:
                delta = ImageChops.difference(ref, img).point(
                    lambda v: 255 if v > PIXEL_DELTA else 0
                )
                changed = sum(delta.histogram()[255:])
                share = changed / (img.size[0] * img.size[1])
                worst = _worst_tile(delta) if changed else 0
                if share > MAX_DIFF_SHARE or worst > MAX_TILE_DIFF:
                    reason = f"{changed} điểm ảnh khác ({share:.2%}; {worst} trong một ô)"
                    marked = Image.merge("RGB", (img.point(lambda v: v // 2 + 128), img, img))
                    red = Image.new("RGB", img.size, (255, 0, 0))
                    _save(Image.composite(red, marked, delta), failed / f"{page}-diff.png")
        if reason:
            _save(img, failed / f"{page}.png")
            problems.append(PageDiff(page, reason))
    return problems


def _worst_tile(delta) -> int:
    """Most differing pixels in one TILE × TILE square of a 0/255 difference mask."""
    box = delta.getbbox()
    if box is None:
        return 0
    px = delta.load()
    counts: dict[tuple[int, int], int] = {}
    for y in range(box[1], box[3]):
        for x in range(box[0], box[2]):
            if px[x, y]:
                key = (x // TILE, y // TILE)
                counts[key] = counts.get(key, 0) + 1
    return max(counts.values(), default=0)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf_with_libreoffice(files: list[Path], out: Path, profile: Path) -> list[Path]:
    """Print ``files`` to PDF through LibreOffice under a Vietnamese locale (numbers as
    22.278, as a Vietnamese PC prints them)."""
    env = dict(os.environ, LC_ALL="vi_VN.UTF-8", LANG="vi_VN.UTF-8", LANGUAGE="vi")
    subprocess.run(
        [
            soffice() or "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=240,
        env=env,
    )
    return [out / f"{f.stem}.pdf" for f in files]


def vietnamese_locale() -> bool:
    found = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    return "vi_vn.utf8" in found or "vi_vn.utf-8" in found
