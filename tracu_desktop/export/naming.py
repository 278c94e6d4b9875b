"""ASCII-safe export file names that say organisation, period and document."""

from __future__ import annotations

import re

from tracu_desktop.core.textnorm import ascii_slug
from tracu_desktop.infra.fileio import safe_filename


def export_filename(org_short_name: str, period_code: str, what: str, ext: str) -> str:
    """``("Trà Cú", "2023", "06b", "xlsx")`` → ``TraCu_2023_06b.xlsx``."""
    org = ascii_slug(org_short_name) or "BaoCao"
    period = re.sub(r"[^A-Za-z0-9-]", "", period_code) or "Ky"
    doc = re.sub(r"[^A-Za-z0-9-]", "", what) or "tep"
    return safe_filename(f"{org}_{period}_{doc}.{ext.lstrip('.')}")
