"""Tables per unit (06a style): rows are units, figures are not split by field.

Such figures are stored under one field per level, “Không phân theo lĩnh vực”, which the
06b prints as its own row: the totals stay right and no split by field is invented. The
field is created when the first such import is written.
"""

from __future__ import annotations

import re

from tracu_desktop.core.models import Field, Level, Unit
from tracu_desktop.core.textnorm import match_key
from tracu_desktop.interchange.datavalues import Catalog

UNASSIGNED_NAME = "Không phân theo lĩnh vực"
UNASSIGNED_PREFIX = "KHONG_PHAN_LV_"
UNASSIGNED_SORT = 9999

_BODY_PREFIX = re.compile(r"^(ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+", re.IGNORECASE)
_SERIAL = re.compile(r"^\s*(\d+|[IVXLC]+|[a-dA-D])[.)]?\s+")


def unassigned_field(catalog: Catalog, level: Level) -> Field:
    """The level's “Không phân theo lĩnh vực” field: the catalog's, or a new one."""
    key = match_key(UNASSIGNED_NAME)
    for f in catalog.fields.values():
        if f.level is level and match_key(f.name) == key:
            return f
    return Field(
        f"{UNASSIGNED_PREFIX}{str(level).upper()}", UNASSIGNED_NAME, level, UNASSIGNED_SORT
    )


def is_unassigned(code: str) -> bool:
    return code.startswith(UNASSIGNED_PREFIX)


def unit_of_row(catalog: Catalog, texts: list[str]) -> Unit | None:
    """The unit a row names, by code or by name (“UBND xã …”, “1. Xã …” accepted)."""
    for text in texts:
        if not text:
            continue
        for candidate in _candidates(text):
            hit = catalog.unit(candidate)
            if hit is not None:
                return hit
    return None


def _candidates(text: str) -> list[str]:
    bare = _BODY_PREFIX.sub("", _SERIAL.sub("", text)).strip()
    out = [text, bare, f"Ủy ban nhân dân {bare}"]
    for word in ("Xã", "Phường", "Thị trấn", "Đặc khu"):
        out.append(f"{word} {bare}")
    return out
