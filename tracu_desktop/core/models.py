"""Plain domain records: organisation, units, fields, indicators.

These are immutable dataclasses shared by every layer; the database stores them and
the UI displays them, but neither adds behaviour here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import NamedTuple


class Level(StrEnum):
    """Administrative level of a unit; figures of a level are summed over its units."""

    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]


LEVEL_LABELS = {Level.PROVINCE: "Cấp tỉnh", Level.DISTRICT: "Cấp huyện", Level.COMMUNE: "Cấp xã"}
LEVEL_ORDER = {Level.PROVINCE: 0, Level.DISTRICT: 1, Level.COMMUNE: 2}


class UnitKind(StrEnum):
    """Role of a unit inside its level."""

    BODY = "body"  # the People's Committee of the level itself (UBND huyện)
    OFFICE = "office"  # a specialised office (phòng, ban) of the body
    COMMUNE = "commune"  # a commune / ward / township
    DISTRICT = "district"  # a district seen from a province database
    GENERAL = "general"  # level totals not broken down by unit ("số liệu chung")


class Detail(StrEnum):
    UNIT_FIELD = "unit_field"
    UNIT = "unit"


class Aggregation(StrEnum):
    """How a period's figure follows from its sub-periods (months, quarters)."""

    SUM = "sum"  # a flow: the sum of the sub-periods
    FIRST = "first"  # a stock at the start: the first sub-period's
    LAST = "last"  # a stock at the end: the last sub-period's
    NONE = "none"  # not derived: entered for the period itself


@dataclass(frozen=True)
class Organisation:
    """The reporting body and how its documents are signed and addressed."""

    name: str  # "Ủy ban nhân dân huyện Trà Cú"
    short_name: str  # "Trà Cú", used in file names
    superior: str  # "Ủy ban nhân dân tỉnh Trà Vinh"
    recipient: str  # "Văn phòng Ủy ban nhân dân tỉnh"
    place: str  # "Trà Cú", for the date line
    level: Level = Level.DISTRICT
    signer_authority: str = "KT. CHỦ TỊCH"
    signer_title: str = "PHÓ CHỦ TỊCH"
    signer_name: str = ""
    preparer_name: str = ""
    report_suffix: str = "BC-UBND"
    header_upper: str = "ỦY BAN NHÂN DÂN"
    header_lower: str = ""  # "HUYỆN TRÀ CÚ"
    recipients: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, object]:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["level"] = str(self.level)
        d["recipients"] = list(self.recipients)
        return d

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Organisation:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["level"] = Level(str(known.get("level", "district")))
        known["recipients"] = tuple(known.get("recipients", ()) or ())  # type: ignore[arg-type]
        return cls(**known)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    level: Level
    kind: UnitKind
    parent: str | None = None
    sort: int = 0
    active: bool = True
    # Lineage: the unit exists from valid_from to valid_to (inclusive, None = open);
    # after it ends its successors take over (a merged commune names the new one).
    valid_from: date | None = None
    valid_to: date | None = None
    successors: tuple[str, ...] = ()

    def in_force(self, start: date, end: date) -> bool:
        """The unit exists on at least one day of ``start``..``end``."""
        return (self.valid_from is None or self.valid_from <= end) and (
            self.valid_to is None or self.valid_to >= start
        )


@dataclass(frozen=True)
class Field:
    """A field (lĩnh vực) of procedures at one level; the same name may exist at both levels."""

    code: str
    name: str
    level: Level
    sort: int = 0
    active: bool = True


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    short: str
    form: str  # "06", "05a", "07b", "s1".."s8"
    detail: Detail
    section: int
    aggregation: Aggregation = Aggregation.NONE
    carried_from: tuple[str, ...] = ()  # indicators of the sub-period before that carry in


class ValueKey(NamedTuple):
    """Address of one stored figure; ``field`` is "" for per-unit indicators.

    A named tuple rather than a dataclass: bulk imports hash millions of them.
    """

    period: str
    unit: str
    field: str
    indicator: str
