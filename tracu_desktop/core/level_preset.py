"""An organisation of any level set up from scratch: the level's defaults
(``resources/presets/levels/<level>.toml``) filled in with its name, superior and place.

Nothing of another organisation is copied: the result holds the body itself, the level's
"số liệu chung" unit and the level's field catalog.
"""

from __future__ import annotations

from dataclasses import replace

from tracu_desktop.core.models import Level, Organisation
from tracu_desktop.core.preset import (
    Preset,
    PresetError,
    check_unique,
    parse_fields,
    parse_units,
    read_toml,
)
from tracu_desktop.core.resources import resource_path
from tracu_desktop.core.textnorm import nfc

# "Ủy ban nhân dân xã Tập Sơn" → header line 2 "XÃ TẬP SƠN".
_AUTHORITY_PREFIXES = ("ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN ", "UBND ")
_KIND_WORDS = (
    "đặc khu",
    "thị trấn",
    "thị xã",
    "thành phố",
    "phường",
    "xã",
    "huyện",
    "quận",
    "tỉnh",
)


def header_lower(name: str) -> str:
    """Second header line of the organisation: its name without "Ủy ban nhân dân"."""
    upper = nfc(name).upper()
    for prefix in _AUTHORITY_PREFIXES:
        if upper.startswith(prefix):
            return upper[len(prefix) :]
    return upper


def place_of(name: str) -> str:
    """The place of the date line from a name: "Ủy ban nhân dân xã Tập Sơn" → "Tập Sơn"."""
    text = nfc(name).strip()
    upper = text.upper()
    prefix = next((p for p in _AUTHORITY_PREFIXES if upper.startswith(p)), "")
    text = text[len(prefix) :]
    lowered = text.lower()
    for word in _KIND_WORDS:
        if lowered.startswith(word + " "):
            return text[len(word) + 1 :].strip()
    return text


def level_preset(
    level: Level | str,
    name: str,
    superior: str,
    place: str | None = None,
    code: str | None = None,
    signer_name: str = "",
) -> Preset:
    """The preset of a new organisation at ``level``; ``code`` is its official unit code."""
    level = Level(level)
    path = resource_path("presets") / "levels" / f"{level}.toml"
    raw = read_toml(path)
    name, superior = nfc(name).strip(), nfc(superior).strip()
    if not name:
        raise PresetError("Cần nhập tên cơ quan báo cáo.")
    if not superior:
        raise PresetError("Cần nhập tên cơ quan cấp trên.")
    place = nfc(place).strip() if place else place_of(name)
    body_code = (code or raw.get("default_code") or str(level).upper()).strip()
    org_raw = dict(raw.get("organisation", {}))
    org_raw = {k: nfc(v) if isinstance(v, str) else v for k, v in org_raw.items()}
    org_raw["recipients"] = [nfc(r) for r in org_raw.get("recipients", [])]
    organisation = Organisation.from_dict(
        {
            **org_raw,
            "name": name,
            "short_name": place,
            "superior": superior,
            "place": place,
            "level": str(level),
            "header_lower": header_lower(name),
            "signer_name": nfc(signer_name).strip(),
        }
    )
    fill = {"{name}": name, "{code}": body_code}
    items = [
        {k: _fill(v, fill) if isinstance(v, str) else v for k, v in item.items()}
        for item in raw.get("unit", [])
    ]
    units = [replace(u, name=nfc(u.name)) for u in parse_units(items, path)]
    fields = parse_fields(raw.get("field", []), path)
    check_unique(path, [u.code for u in units])
    check_unique(path, [f.code for f in fields])
    deadlines = {k: int(v) for k, v in raw.get("deadlines", {}).items()}
    return Preset(f"level-{level}", organisation, tuple(units), tuple(fields), deadlines)


def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace(key, value)
    return text


def official_identity(level: Level | str, name: str, superior: str) -> tuple[str, str, str]:
    """(name, official code, place) of a commune or province from the national list.

    "Ủy ban nhân dân xã Tập Sơn", "Xã Tập Sơn" or "Tập Sơn" under the superior "Ủy ban
    nhân dân tỉnh Vĩnh Long" gives ("Ủy ban nhân dân xã Tập Sơn", "29467", "Tập Sơn").
    A district (gone since 01/07/2025) keeps the typed name and the default code.
    Raises :class:`~tracu_desktop.core.admin_units.AdminUnitLookupError` (Vietnamese).
    """
    from tracu_desktop.core import admin_units

    level = Level(level)
    bare = _without_authority(name)
    if level is Level.COMMUNE:
        found = admin_units.commune(bare, _without_authority(superior) or None)
        return found.authority, found.code, found.short_name
    if level is Level.PROVINCE:
        prov = admin_units.province(bare)
        return prov.authority, prov.code, prov.short_name
    return nfc(name).strip(), "", place_of(name)


def _without_authority(text: str) -> str:
    text = nfc(text).strip()
    upper = text.upper()
    prefix = next((p for p in _AUTHORITY_PREFIXES if upper.startswith(p)), "")
    return text[len(prefix) :].strip()
