"""Windows version resource for the frozen program, generated from ``tracu_desktop.__version__``.

PyInstaller's ``EXE(version=...)`` takes a text file in the ``VSVersionInfo`` format;
writing it from the package version keeps Explorer's "Details" tab in step with
``tracu-desktop --version`` without a hand-edited file.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def package_version(root: Path = ROOT) -> str:
    """Read ``__version__`` from the package source without importing it."""
    text = (root / "tracu_desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not match:
        raise ValueError("tracu_desktop/__init__.py has no __version__")
    return match.group(1)


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """``"1.2.3rc1"`` → ``(1, 2, 3, 0)``: Windows wants four 16-bit numbers."""
    nums = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:3]]
    nums += [0] * (4 - len(nums))
    return tuple(min(n, 65535) for n in nums[:4])  # type: ignore[return-value]


def version_info_text(version: str) -> str:
    """The ``VSVersionInfo`` source PyInstaller evaluates when building on Windows."""
    t = version_tuple(version)
    strings = {
        "CompanyName": "tracu-desktop",
        "FileDescription": "TraCu — Báo cáo kiểm soát thủ tục hành chính",
        "FileVersion": version,
        "InternalName": "tracu-desktop",
        "LegalCopyright": "tracu-desktop",
        "OriginalFilename": "tracu-desktop.exe",
        "ProductName": "TraCu",
        "ProductVersion": version,
    }
    entries = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={t}, prodvers={t}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('042A04B0', [
{entries}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [0x042A, 1200])])
  ]
)
"""


def write_version_file(target: Path, version: str | None = None) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(version_info_text(version or package_version()), encoding="utf-8")
    return target
