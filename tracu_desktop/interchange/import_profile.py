"""Import profiles: how the columns of one export layout map to indicators, kept by name.

A clerk maps a layout once (each source column to indicators, to "ignore", several
columns summed into one indicator) and the profile is recognised by the header's shape
next time. Where the source lacks a split the form needs (one "Đúng và trước hạn" column
for (8) and (9)), the profile states the rule; figures filled by it carry a note.
Profiles live in the database (a setting) and travel as small JSON files, so a province
can hand one profile to all its communes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tracu_desktop.core.textnorm import match_key, nfc
from tracu_desktop.infra.fileio import atomic_write_bytes
from tracu_desktop.interchange.header_grid import HeaderGrid, caption_key

PROFILES_SETTING = "import.profiles"
FILE_KIND = "tracu-import-profile"
FILE_VERSION = 1
FILE_SUFFIX = ".tracu-profile.json"

IGNORE = "ignore"
# A source column holding (8) and (9) together; the profile's ``split`` says where it goes.
EARLY_OR_ON_TIME = "resolved_early_or_on_time"
SPLIT_ON_TIME = "on_time"  # all to (9), (8) is 0
SPLIT_EARLY = "early"  # all to (8), (9) is 0
SPLIT_NONE = "none"  # neither (8) nor (9) is filled
# {early}, {on_time}: the printed columns of early and on-time resolution (from the spec)
_SPLIT_TEXTS = {
    SPLIT_ON_TIME: "toàn bộ tính là đã giải quyết đúng hạn {on_time}, trước hạn {early} ghi 0",
    SPLIT_EARLY: "toàn bộ tính là đã giải quyết trước hạn {early}, đúng hạn {on_time} ghi 0",
    SPLIT_NONE: "không điền trước hạn {early} và đúng hạn {on_time}",
}


def split_rules(on: date | None = None) -> dict[str, str]:
    """The split rules in words, with the column numbers of the form version in force."""
    from tracu_desktop.core.entry_spec import column_number

    def number(code: str) -> str:
        n = column_number(code, on)
        return f"({n})" if n is not None else ""

    early, on_time = number("resolved_early"), number("resolved_on_time")
    return {k: t.format(early=early, on_time=on_time) for k, t in _SPLIT_TEXTS.items()}


ROWS_FIELD = "field"
ROWS_UNIT = "unit"
ROWS_AUTO = "auto"
ROW_KINDS = {ROWS_FIELD: "theo lĩnh vực", ROWS_UNIT: "theo đơn vị", ROWS_AUTO: "tự nhận"}


class ProfileError(ValueError):
    """A profile or a mapping option that cannot be used; the message is Vietnamese."""


@dataclass
class ImportProfile:
    """Column key (normalised caption path) → targets (indicator codes or IGNORE)."""

    name: str
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    captions: dict[str, str] = field(default_factory=dict)  # key → caption as in the file
    rows: str = ROWS_AUTO
    split: str = SPLIT_ON_TIME
    description: str = ""

    def targets(self) -> set[str]:
        return {t for ts in self.columns.values() for t in ts if t != IGNORE}

    def uses_split(self) -> bool:
        return EARLY_OR_ON_TIME in self.targets()

    def matches(self, grid: HeaderGrid) -> bool:
        """Recognised by shape: every column of the profile is in the header, and every
        column of the header holding figures is in the profile."""
        return bool(self.columns) and grid.shape() == frozenset(self.columns)

    def covers(self, grid: HeaderGrid) -> bool:
        """Every column the profile maps is in the header (some may be missing from it)."""
        return bool(self.columns) and frozenset(self.columns) <= grid.shape()

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "rows": self.rows,
            "split": self.split,
            "description": self.description,
            "columns": [
                {"caption": self.captions.get(k, k), "key": k, "targets": list(ts)}
                for k, ts in self.columns.items()
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping, *, known: Iterable[str] = ()) -> ImportProfile:
        """A profile from its stored form; ``known`` indicator codes are checked when given."""
        try:
            name = nfc(str(data["name"]))
            rows = str(data.get("rows") or ROWS_AUTO)
            split = str(data.get("split") or SPLIT_ON_TIME)
            cols = data["columns"]
            columns: dict[str, tuple[str, ...]] = {}
            captions: dict[str, str] = {}
            for item in cols:
                caption = nfc(str(item["caption"]))
                key = caption_key(str(item.get("key") or caption))
                targets = tuple(str(t) for t in item["targets"])
                columns[key] = targets
                captions[key] = caption
        except (KeyError, TypeError, ValueError) as exc:
            raise ProfileError(f"Hồ sơ nhập không đúng cấu trúc (thiếu hoặc sai {exc}).") from exc
        if not name:
            raise ProfileError("Hồ sơ nhập chưa có tên.")
        if rows not in ROW_KINDS:
            raise ProfileError(f"Hồ sơ nhập “{name}”: kiểu dòng “{rows}” không hợp lệ.")
        if split not in _SPLIT_TEXTS:
            raise ProfileError(f"Hồ sơ nhập “{name}”: quy tắc tách “{split}” không hợp lệ.")
        allowed = set(known) | {IGNORE, EARLY_OR_ON_TIME}
        if known:
            for key, targets in columns.items():
                for t in targets:
                    if t not in allowed:
                        raise ProfileError(
                            f"Hồ sơ nhập “{name}”, cột “{captions[key]}”: không có chỉ tiêu mã “{t}”."
                        )
        return cls(name, columns, captions, rows, split, nfc(str(data.get("description") or "")))


# --- in the database --------------------------------------------------------------------


def _stored(db) -> dict[str, dict]:
    from tracu_desktop.db.catalog import get_setting

    return dict(get_setting(db, PROFILES_SETTING, {}) or {})


def list_profiles(db) -> list[ImportProfile]:
    """Saved profiles, by name."""
    out = []
    for data in _stored(db).values():
        try:
            out.append(ImportProfile.from_dict(data))
        except ProfileError:
            continue  # a damaged entry is skipped, never fatal for an import
    return sorted(out, key=lambda p: match_key(p.name))


def get_profile(db, name: str) -> ImportProfile | None:
    key = match_key(name)
    return next((p for p in list_profiles(db) if match_key(p.name) == key), None)


def require_profile(db, name: str) -> ImportProfile:
    profile = get_profile(db, name)
    if profile is None:
        names = ", ".join(f"“{p.name}”" for p in list_profiles(db)) or "chưa có hồ sơ nào"
        raise ProfileError(f"Không có hồ sơ nhập “{name}” (đã lưu: {names}).")
    return profile


def save_profile(db, profile: ImportProfile) -> None:
    """Save (or replace, by name) a profile."""
    from tracu_desktop.core.indicators import all_indicators
    from tracu_desktop.db.catalog import set_setting

    ImportProfile.from_dict(profile.to_dict(), known=[i.code for i in all_indicators()])
    stored = {k: v for k, v in _stored(db).items() if match_key(k) != match_key(profile.name)}
    stored[profile.name] = profile.to_dict()
    set_setting(db, PROFILES_SETTING, stored)


def delete_profile(db, name: str) -> bool:
    from tracu_desktop.db.catalog import set_setting

    stored = _stored(db)
    kept = {k: v for k, v in stored.items() if match_key(k) != match_key(name)}
    set_setting(db, PROFILES_SETTING, kept)
    return len(kept) != len(stored)


def recognise(db, grid: HeaderGrid) -> ImportProfile | None:
    """The saved profile whose shape is this header's; else one covering most of it."""
    profiles = list_profiles(db)
    exact = [p for p in profiles if p.matches(grid)]
    if exact:
        return exact[0]
    # A profile made for most of these columns (an export that gained a column or two);
    # the import then names the new columns to map instead of reading past them.
    covering = [
        p for p in profiles if p.covers(grid) and len(p.columns) * 4 >= len(grid.columns) * 3
    ]
    return max(covering, key=lambda p: len(p.columns)) if covering else None


# --- as files ---------------------------------------------------------------------------


def export_profile(profile: ImportProfile, path: Path) -> Path:
    data = {"kind": FILE_KIND, "version": FILE_VERSION, "profile": profile.to_dict()}
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"))
    return path


def read_profile_file(path: Path) -> ImportProfile:
    """A profile file, checked; errors name the file."""
    from tracu_desktop.core.indicators import all_indicators

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProfileError(f"Tệp {Path(path).name}: không đọc được hồ sơ nhập ({exc}).") from exc
    if not isinstance(data, dict) or data.get("kind") != FILE_KIND:
        raise ProfileError(f"Tệp {Path(path).name} không phải tệp hồ sơ nhập của chương trình.")
    if int(data.get("version") or 0) > FILE_VERSION:
        raise ProfileError(
            f"Tệp {Path(path).name}: hồ sơ nhập phiên bản mới hơn chương trình; hãy cập nhật."
        )
    try:
        return ImportProfile.from_dict(
            data.get("profile") or {}, known=[i.code for i in all_indicators()]
        )
    except ProfileError as exc:
        raise ProfileError(f"Tệp {Path(path).name}: {exc}") from exc


# --- mapping options (“Caption A+Caption B=received_online”) -----------------------------


def find_column(grid: HeaderGrid, text: str) -> str:
    """Key of the column a clerk named: its full caption path, its last captions, or its
    column letter; ambiguous or unknown names raise with the captions to choose from."""
    from tracu_desktop.interchange.sheet_reader import column_letter

    wanted = caption_key(text)
    by_key = grid.by_key()
    if wanted in by_key:
        return wanted
    for c in grid.columns:
        if match_key(text) == column_letter(c.col).casefold():
            return c.key
    hits = [k for k in by_key if k.endswith(" / " + wanted) or k == wanted]
    if len(hits) == 1:
        return hits[0]
    listed = "; ".join(f"“{c.caption}”" for c in grid.columns)
    if hits:
        choices = "; ".join(f"“{by_key[k].caption}”" for k in hits)
        raise ProfileError(f"Tên cột “{text}” khớp nhiều cột: {choices}. Hãy ghi cả tên nhóm.")
    raise ProfileError(f"Không có cột “{text}” trong bảng. Các cột: {listed}.")


def is_column_map(item: str, indicator_codes: Iterable[str]) -> bool:
    """Whether a ``--map`` item maps columns (``…=indicator``, ``…=ignore``, ``A+B=…``)."""
    if "=" not in item:
        return False
    left, code = item.rsplit("=", 1)
    code = code.strip()
    return code in set(indicator_codes) | {IGNORE, EARLY_OR_ON_TIME} or "+" in left


def apply_maps(profile: ImportProfile, grid: HeaderGrid, items: Iterable[str]) -> ImportProfile:
    """A profile with ``--map`` items applied: each named column gets the target; several
    columns joined by “+” are summed into it. A column may carry several targets (a form-06
    indicator and a detail indicator) when named in several items."""
    cols = {k: list(v) for k, v in profile.columns.items()}
    named: dict[str, list[str]] = {}
    for item in items:
        left, code = item.rsplit("=", 1)
        code = code.strip()
        for part in left.split("+"):
            if not part.strip():
                raise ProfileError(f"Tùy chọn --map “{item}”: thiếu tên cột.")
            key = find_column(grid, part.strip())
            named.setdefault(key, [])
            if code not in named[key]:
                named[key].append(code)
    for key, codes in named.items():
        if IGNORE in codes and len(codes) > 1:
            raise ProfileError(f"Cột “{grid.by_key()[key].caption}” vừa bị bỏ qua vừa được ánh xạ.")
        cols[key] = codes
    captions = dict(profile.captions)
    for c in grid.columns:
        captions.setdefault(c.key, c.caption)
    return ImportProfile(
        profile.name,
        {k: tuple(v) for k, v in cols.items()},
        captions,
        profile.rows,
        profile.split,
        profile.description,
    )


def profile_from_grid(
    name: str, grid: HeaderGrid, targets: Mapping[str, Iterable[str]], **options: str
) -> ImportProfile:
    """A profile of every column of ``grid``: the given targets, the rest ignored."""
    columns = {c.key: tuple(targets.get(c.key, ())) or (IGNORE,) for c in grid.columns}
    captions = {c.key: c.caption for c in grid.columns}
    return ImportProfile(nfc(name), columns, captions, **options)
