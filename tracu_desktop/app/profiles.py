"""Import profiles (how the columns of another program's table map to indicators):
listed, written to a file for another office, read back, deleted."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tracu_desktop.db.handle import Database


@dataclass
class ProfileInfo:
    name: str
    columns: int
    mapped: int  # columns that give figures (not ignored)
    rows: str  # how rows are read, in words
    split: str | None  # the rule for a column of early and on-time together, in words


@dataclass
class SavedProfile:
    name: str
    columns: int
    replaced: bool


def profile_infos(db: Database) -> list[ProfileInfo]:
    from tracu_desktop.interchange.import_profile import ROW_KINDS, list_profiles, split_rules

    rules = split_rules()
    return [
        ProfileInfo(
            p.name,
            len(p.columns),
            sum(1 for ts in p.columns.values() if ts != ("ignore",)),
            ROW_KINDS[p.rows],
            rules[p.split] if p.uses_split() else None,
        )
        for p in list_profiles(db)
    ]


@dataclass
class ExportedProfile:
    name: str  # as stored
    path: Path


def export_profile_file(db: Database, name: str, output: Path) -> ExportedProfile:
    """Write profile ``name`` to ``output``; ``ProfileError`` names a missing one."""
    from tracu_desktop.interchange.import_profile import export_profile, require_profile

    profile = require_profile(db, name)
    return ExportedProfile(profile.name, export_profile(profile, output))


def import_profile_file(db: Database, path: Path, name: str | None = None) -> SavedProfile:
    """Read a profile file and save it (under ``name`` if given), replacing one of that name."""
    from tracu_desktop.interchange.import_profile import (
        get_profile,
        read_profile_file,
        save_profile,
    )

    profile = read_profile_file(path)
    if name:
        profile.name = name
    replaced = get_profile(db, profile.name) is not None
    save_profile(db, profile)
    return SavedProfile(profile.name, len(profile.columns), replaced)


def delete_profile(db: Database, name: str) -> bool:
    """False when there is no profile ``name``."""
    from tracu_desktop.interchange import import_profile

    return import_profile.delete_profile(db, name)
