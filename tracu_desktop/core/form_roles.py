"""Which form plays which part (``resources/catalogs/form_roles.toml``).

Code that needs "the entry form of dossiers" or "the detail of form 06" asks for the
part by name; the form's code comes from data, like everything else about a form.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache

from tracu_desktop.core.formspec import FormSpecError
from tracu_desktop.core.resources import resource_path

DOSSIERS = "dossiers"
FEEDBACK = "feedback"
PROCEDURES = "procedures"
DOSSIER_DETAIL = "dossier_detail"
BY_FIELD = "by_field"
BY_UNIT = "by_unit"


@lru_cache(maxsize=8)
def _roles(path: str) -> dict[str, str]:
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    for key, value in data.items():
        if not isinstance(value, str) or not value:
            raise FormSpecError(f"Tệp form_roles.toml, khóa '{key}': cần mã biểu (chuỗi).")
    return data


def form_of(role: str) -> str:
    """The code of the form playing ``role`` (``DOSSIERS`` -> "06")."""
    path = resource_path("catalogs", "form_roles.toml")
    roles = _roles(str(path))
    if role not in roles:
        raise FormSpecError(f"Tệp {path.name}: thiếu khóa '{role}'.")
    return roles[role]
