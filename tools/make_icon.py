"""Draw the application icon (resources/icons/tracu.png and tracu.ico) with Pillow.

A blue rounded square with a white document, a check mark and a bar chart: "checked
figures". Run once when the design changes; the generated files are committed.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 256
OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"


def draw(size: int = SIZE) -> Image.Image:
    s = size / 256
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((8 * s, 8 * s, 248 * s, 248 * s), radius=44 * s, fill=(23, 84, 160))
    # Document with a folded corner.
    d.polygon(
        [
            (64 * s, 40 * s),
            (160 * s, 40 * s),
            (196 * s, 76 * s),
            (196 * s, 216 * s),
            (64 * s, 216 * s),
        ],
        fill=(255, 255, 255),
    )
    d.polygon([(160 * s, 40 * s), (160 * s, 76 * s), (196 * s, 76 * s)], fill=(190, 210, 235))
    # Bar chart.
    for i, h in enumerate((40, 70, 55, 95)):
        x = 84 + i * 26
        d.rectangle((x * s, (196 - h) * s, (x + 16) * s, 196 * s), fill=(23, 84, 160))
    # Red check mark (the "control" in KSTTHC).
    d.line(
        [(88 * s, 96 * s), (110 * s, 118 * s), (150 * s, 70 * s)],
        fill=(211, 47, 47),
        width=max(2, int(14 * s)),
        joint="curve",
    )
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    img = draw()
    img.save(OUT / "tracu.png")
    img.save(
        OUT / "tracu.ico",
        sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)],
    )


if __name__ == "__main__":
    main()
