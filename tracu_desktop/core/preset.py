"""Organisation presets: data files under ``resources/presets/<name>/``.

A preset is three TOML files (organisation, units, fields), so another district or a
commune is set up by editing data, not code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tracu_desktop.core.models import Field, Level, Organisation, Unit, UnitKind
from tracu_desktop.core.resources import resource_path
from tracu_desktop.core.textnorm import nfc

DEFAULT_PRESET = "tra-cu"


class PresetError(ValueError):
    """A preset file is missing or malformed; the message names the file and entry."""


@dataclass(frozen=True)
class Preset:
    name: str
    organisation: Organisation
    units: tuple[Unit, ...]
    fields: tuple[Field, ...]
    deadlines: dict[str, int]


def available_presets() -> list[str]:
    base = resource_path("presets")
    return sorted(p.name for p in base.iterdir() if (p / "organisation.toml").exists())


def read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise PresetError(f"Không tìm thấy tệp cấu hình {path}.") from None
    except tomllib.TOMLDecodeError as exc:
        raise PresetError(f"Tệp cấu hình {path} bị lỗi: {exc}.") from None


def load_preset(name: str = DEFAULT_PRESET, base: Path | None = None) -> Preset:
    folder = (base or resource_path("presets")) / name
    if not folder.is_dir():
        raise PresetError(
            f"Không có bộ cấu hình “{name}”. Các bộ có sẵn: {', '.join(available_presets())}."
        )
    org_raw = read_toml(folder / "organisation.toml")
    deadlines = {k: int(v) for k, v in org_raw.pop("deadlines", {}).items()}
    org_raw = {k: nfc(v) if isinstance(v, str) else v for k, v in org_raw.items()}
    if "recipients" in org_raw:
        org_raw["recipients"] = [nfc(r) for r in org_raw["recipients"]]
    organisation = Organisation.from_dict(org_raw)

    units_file = folder / "units.toml"
    units = parse_units(read_toml(units_file).get("unit", []), units_file)
    fields_file = folder / "fields.toml"
    fields = parse_fields(read_toml(fields_file).get("field", []), fields_file)
    check_unique(units_file, [u.code for u in units])
    check_unique(fields_file, [f.code for f in fields])
    return Preset(name, organisation, tuple(units), tuple(fields), deadlines)


def _day(text: object, where: str) -> date | None:
    """A preset date: ISO ``2025-06-30`` (TOML date or text) or empty."""
    if text in (None, ""):
        return None
    if isinstance(text, date):
        return text
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        raise PresetError(f"{where}: ngày “{text}” không hợp lệ (cần dạng 2025-06-30).") from None


def parse_units(items: list[dict], path: Path) -> list[Unit]:
    """Units of a preset file, with their lineage (valid_from, valid_to, successors)."""
    units: list[Unit] = []
    for i, item in enumerate(items, start=1):
        where = f"{path}: đơn vị thứ {i}"
        try:
            units.append(
                Unit(
                    code=item["code"],
                    name=nfc(item["name"]),
                    level=Level(item["level"]),
                    kind=UnitKind(item["kind"]),
                    parent=item.get("parent"),
                    sort=int(item.get("sort", i * 10)),
                    valid_from=_day(item.get("valid_from"), where),
                    valid_to=_day(item.get("valid_to"), where),
                    successors=tuple(item.get("successors", ())),
                )
            )
        except (KeyError, ValueError) as exc:
            if isinstance(exc, PresetError):
                raise
            raise PresetError(f"{where} thiếu hoặc sai thông tin ({exc}).") from None
    return units


def parse_fields(items: list[dict], path: Path) -> list[Field]:
    fields: list[Field] = []
    for i, item in enumerate(items, start=1):
        try:
            fields.append(
                Field(
                    code=item["code"],
                    name=nfc(item["name"]),
                    level=Level(item["level"]),
                    sort=int(item.get("sort", i * 10)),
                )
            )
        except (KeyError, ValueError) as exc:
            raise PresetError(
                f"{path}: lĩnh vực thứ {i} thiếu hoặc sai thông tin ({exc})."
            ) from None
    return fields


def check_unique(path: Path, codes: list[str]) -> None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise PresetError(f"{path}: mã “{code}” bị trùng.")
        seen.add(code)
