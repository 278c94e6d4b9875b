"""Setting a database up: a new organisation of a level, a bundled preset, sample data."""

from __future__ import annotations

from dataclasses import dataclass, field

from tracu_desktop.core.preset import Preset
from tracu_desktop.db.handle import Database


class SetupError(ValueError):
    """A setting-up request that cannot be carried out; the message is for the user."""


@dataclass
class InitResult:
    preset: Preset

    @property
    def bundled(self) -> bool:
        """The district preset of the demo, which needs no next steps explained."""
        return self.preset.name == "tra-cu"


@dataclass
class DemoResult:
    changed: int
    organisation: str
    # the sample's periods with what each shows; empty for the district demo
    periods: list[tuple[str, str]] = field(default_factory=list)


def organisation_preset(
    *,
    preset: str | None = None,
    level: str | None = None,
    name: str | None = None,
    superior: str | None = None,
    place: str | None = None,
    code: str | None = None,
) -> Preset:
    """The preset to apply: a new organisation of ``level`` (its official name and code
    looked up in the national list unless ``code`` is given), else a bundled ``preset``.
    Checked before any database file is made."""
    from tracu_desktop.core.admin_units import AdminUnitLookupError
    from tracu_desktop.core.level_preset import level_preset, official_identity
    from tracu_desktop.core.preset import load_preset

    if level is None:
        given = {"name": name, "superior": superior, "place": place, "code": code}
        for option, value in given.items():
            if value is not None:
                raise SetupError(f"--{option} chỉ dùng cùng --level (cơ quan mới).")
        return load_preset(preset or "tra-cu")
    if preset is not None:
        raise SetupError("Chọn một trong hai: --level (cơ quan mới) hoặc --preset (bộ có sẵn).")
    if not name or not superior:
        raise SetupError(
            "Tạo cơ quan mới cần --name (tên cơ quan) và --superior (cơ quan cấp trên)."
        )
    if code is None:
        try:
            name, code, found_place = official_identity(level, name, superior)
        except AdminUnitLookupError as exc:
            raise SetupError(
                f"{exc.message} (Nếu đúng tên, ghi thêm --code MÃ để bỏ qua danh mục quốc gia.)"
            ) from None
        place = place or found_place
    return level_preset(level, name, superior, place, code or None)


def initialise(db: Database, preset: Preset) -> InitResult:
    """Apply ``preset``; refuses a database that already belongs to another organisation."""
    from tracu_desktop.db.catalog import apply_preset, get_organisation

    existing = get_organisation(db)
    if existing is not None and existing.name != preset.organisation.name:
        raise SetupError(
            f"Cơ sở dữ liệu này đã là của {existing.name}; không khởi tạo {preset.organisation.name} "
            "chồng lên. Hãy chọn tệp dữ liệu mới (--db)."
        )
    return InitResult(apply_preset(db, preset))


def make_demo(db: Database, preset: str = "tra-cu") -> DemoResult:
    """Create or refresh sample data: the district of 2023, or a two-tier sample."""
    from tracu_desktop.db.catalog import require_organisation

    if preset == "tra-cu":
        from tracu_desktop.db.demo import create_demo

        changed = create_demo(db)
        return DemoResult(changed, require_organisation(db).name)
    from tracu_desktop.db.demo_two_tier import PERIODS, create_sample, sample_label

    changed = create_sample(db, preset)
    periods = [(code, sample_label(code)) for code in PERIODS]
    return DemoResult(changed, require_organisation(db).name, periods)
