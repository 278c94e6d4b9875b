"""Save widget screenshots as 256-colour PNGs: the user guide ships inside the bundle, and
screen captures of flat UI lose nothing visible at that depth (Pillow comes with reportlab)."""

from __future__ import annotations

from pathlib import Path


def save_small(widget, path: Path | str) -> None:
    from PIL import Image

    target = Path(path)
    widget.grab().save(str(target))
    image = Image.open(target).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)
