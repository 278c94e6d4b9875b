"""Units and fields as CSV files, both ways (``units import`` / ``units --format csv``).

Units: ``code,name,level,parent,valid_from,valid_to,successors`` (dates DD/MM/YYYY or
empty, successors = codes separated by ``;``); fields: ``code,name,level``. The reader
checks every row against the file and the database and returns all errors with their line
numbers, so an import is all or nothing. Nothing here writes to the database.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from tracu_desktop.core.cell_text import original_text, safe_cell_text
from tracu_desktop.core.models import LEVEL_LABELS, Field, Level, Unit, UnitKind
from tracu_desktop.core.textnorm import match_key, nfc
from tracu_desktop.interchange.datavalues import CsvFormatError

UNIT_COLUMNS = ("code", "name", "level", "parent", "valid_from", "valid_to", "successors")
FIELD_COLUMNS = ("code", "name", "level")
# Optional on import: the unit's role (body, office, commune, district, general).
OPTIONAL_UNIT_COLUMNS = ("kind",)

_LEVEL_WORDS = {
    **{match_key(str(lv)): lv for lv in Level},
    **{match_key(label): lv for lv, label in LEVEL_LABELS.items()},
    match_key("tỉnh"): Level.PROVINCE,
    match_key("huyện"): Level.DISTRICT,
    match_key("xã"): Level.COMMUNE,
}
_COMMUNE_WORDS = ("xã ", "phường ", "thị trấn ", "đặc khu ")
_DISTRICT_WORDS = ("huyện ", "quận ", "thị xã ", "thành phố ")


@dataclass
class CatalogPlan:
    """What an import of ``file`` would change; ``errors`` empty means it may be saved."""

    file: str
    rows: int = 0
    errors: list[str] = field(default_factory=list)
    added: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def to_save(self) -> list:
        return [*self.added, *self.changed]


# --- writing -----------------------------------------------------------------------


def _csv_text(header: Iterable[str], rows: Iterable[list[str]]) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell_text(cell) for cell in row] for row in rows)
    return buf.getvalue()


def format_day(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def unit_row(u: Unit) -> list[str]:
    return [
        u.code,
        u.name,
        str(u.level),
        u.parent or "",
        format_day(u.valid_from),
        format_day(u.valid_to),
        ";".join(u.successors),
    ]


def units_csv_text(units: Iterable[Unit]) -> str:
    """The units file; what :func:`plan_units_import` reads back unchanged."""
    return _csv_text(UNIT_COLUMNS, (unit_row(u) for u in units))


def fields_csv_text(fields: Iterable[Field]) -> str:
    return _csv_text(FIELD_COLUMNS, ([f.code, f.name, str(f.level)] for f in fields))


# --- reading -----------------------------------------------------------------------


def _rows(
    text: str, source: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> list[tuple[int, dict[str, str]]]:
    """Rows with their line numbers, keyed by column name; checks the header."""
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise CsvFormatError(f"Tệp {source} trống.") from None
    except csv.Error as exc:
        raise CsvFormatError(f"Tệp {source}, dòng 1: không đọc được ({exc}).") from None
    names = [match_key(h) for h in header]
    missing = [c for c in required if c not in names]
    if missing:
        raise CsvFormatError(
            f"Tệp {source}: dòng tiêu đề thiếu cột {', '.join(missing)} "
            f"(cần: {','.join(required)})."
        )
    index = {c: names.index(c) for c in (*required, *optional) if c in names}
    out: list[tuple[int, dict[str, str]]] = []
    try:
        for record in reader:
            if not "".join(record).strip():
                continue
            row = {
                c: nfc(original_text(record[i].strip())) if i < len(record) else ""
                for c, i in index.items()
            }
            out.append((reader.line_num, row))
    except csv.Error as exc:
        raise CsvFormatError(
            f"Tệp {source}, dòng {reader.line_num}: không đọc được theo định dạng CSV ({exc})."
        ) from None
    return out


def _level(text: str) -> Level | None:
    return _LEVEL_WORDS.get(match_key(text))


def _parse_day(text: str) -> date:
    day, month, year = (int(x) for x in text.split("/"))
    if year < 1900:
        raise ValueError(text)
    return date(year, month, day)


def guess_kind(name: str, level: Level, parent: str | None) -> UnitKind:
    """The role of a new unit from its name: "Xã …" a commune, "… (số liệu chung)" the
    level's totals, a top unit the body itself, anything else an office."""
    lowered = nfc(name).lower()
    if "số liệu chung" in lowered:
        return UnitKind.GENERAL
    if lowered.startswith(_COMMUNE_WORDS):
        return UnitKind.COMMUNE
    if level is Level.DISTRICT and lowered.startswith(_DISTRICT_WORDS):
        return UnitKind.DISTRICT
    if parent is None and lowered.startswith(("ủy ban nhân dân", "uỷ ban nhân dân", "ubnd")):
        return UnitKind.BODY
    return UnitKind.OFFICE


def plan_units_import(text: str, source: str, existing: Iterable[Unit]) -> CatalogPlan:
    """Check a units file against itself and the database's ``existing`` units.

    A unit already in the database keeps its role, order and state; the file sets its
    name, level, parent, dates and successors.
    """
    plan = CatalogPlan(source)
    rows = _rows(text, source, UNIT_COLUMNS, OPTIONAL_UNIT_COLUMNS)
    plan.rows = len(rows)
    known = {u.code: u for u in existing}
    in_file: dict[str, int] = {}
    for line, row in rows:
        code = row["code"]
        if code in in_file:
            plan.errors.append(
                f"Dòng {line}, cột code: mã “{code}” trùng với dòng {in_file[code]}."
            )
        elif code:
            in_file[code] = line
    codes = set(known) | set(in_file)
    parsed: list[tuple[int, Unit]] = []
    for line, row in rows:
        errs: list[str] = []
        where = f"Dòng {line}"
        code, name = row["code"], row["name"]
        if code and in_file.get(code) != line:
            continue  # a repeated code: named above, only its first row is checked
        if not code:
            errs.append(f"{where}, cột code: thiếu mã đơn vị.")
        elif any(ch.isspace() for ch in code) or ";" in code:
            errs.append(f"{where}, cột code: mã “{code}” không được có dấu cách hoặc dấu “;”.")
        if not name:
            errs.append(f"{where}, cột name: thiếu tên đơn vị.")
        level = _level(row["level"])
        if level is None:
            errs.append(
                f"{where}, cột level: cấp “{row['level']}” không hợp lệ "
                "(cần commune, district hoặc province)."
            )
        parent = row["parent"] or None
        if parent is not None and parent not in codes:
            errs.append(f"{where}, cột parent: không có đơn vị mã “{parent}”.")
        if parent is not None and parent == code:
            errs.append(f"{where}, cột parent: đơn vị không thể trực thuộc chính nó.")
        days: dict[str, date | None] = {}
        for column in ("valid_from", "valid_to"):
            try:
                days[column] = _parse_day(row[column]) if row[column] else None
            except ValueError:
                errs.append(
                    f"{where}, cột {column}: ngày “{row[column]}” không hợp lệ "
                    "(cần dạng DD/MM/YYYY, ví dụ 30/06/2025, hoặc để trống)."
                )
                days[column] = None
        if days["valid_from"] and days["valid_to"] and days["valid_to"] < days["valid_from"]:
            errs.append(f"{where}: ngày kết thúc (valid_to) trước ngày bắt đầu (valid_from).")
        successors = tuple(s.strip() for s in row["successors"].split(";") if s.strip())
        for s in successors:
            if s == code:
                errs.append(f"{where}, cột successors: đơn vị không thể kế thừa chính nó.")
            elif s not in codes:
                errs.append(f"{where}, cột successors: không có đơn vị mã “{s}”.")
        kind_text = row.get("kind", "")
        kind: UnitKind | None = None
        if kind_text:
            try:
                kind = UnitKind(kind_text.lower())
            except ValueError:
                errs.append(
                    f"{where}, cột kind: loại “{kind_text}” không hợp lệ "
                    "(body, office, commune, district hoặc general)."
                )
        if errs or level is None:
            plan.errors.extend(errs)
            continue
        old = known.get(code)
        unit = Unit(
            code,
            name,
            level,
            kind or (old.kind if old else guess_kind(name, level, parent)),
            parent,
            old.sort if old else 1000 + line,
            old.active if old else True,
            days["valid_from"],
            days["valid_to"],
            successors,
        )
        parsed.append((line, unit))
    plan.errors.extend(_cycle_errors(parsed, known))
    if plan.errors:
        return plan
    for _line, unit in parsed:
        old = known.get(unit.code)
        if old is None:
            plan.added.append(unit)
        elif replace(old, successors=tuple(sorted(old.successors))) != replace(
            unit, successors=tuple(sorted(unit.successors))
        ):
            plan.changed.append(unit)
        else:
            plan.unchanged += 1
    return plan


def _cycle_errors(parsed: list[tuple[int, Unit]], known: dict[str, Unit]) -> list[str]:
    parents = {code: u.parent for code, u in known.items()}
    parents.update({u.code: u.parent for _line, u in parsed})
    errors = []
    for line, unit in parsed:
        seen, current = {unit.code}, unit.parent
        while current is not None:
            if current in seen:
                errors.append(
                    f"Dòng {line}, cột parent: đơn vị “{unit.code}” trực thuộc vòng tròn "
                    f"(qua “{current}”)."
                )
                break
            seen.add(current)
            current = parents.get(current)
    return errors


def plan_fields_import(text: str, source: str, existing: Iterable[Field]) -> CatalogPlan:
    """Check a fields file: codes once, each name once per level (file and database)."""
    plan = CatalogPlan(source)
    rows = _rows(text, source, FIELD_COLUMNS)
    plan.rows = len(rows)
    known = {f.code: f for f in existing}
    code_line: dict[str, int] = {}
    name_line: dict[tuple[Level, str], tuple[int, str]] = {}
    parsed: list[Field] = []
    file_codes = {row["code"] for _line, row in rows}
    # Names held in the database by fields the file does not mention stay taken.
    taken = {
        (f.level, match_key(f.name)): f.code for f in known.values() if f.code not in file_codes
    }
    for line, row in rows:
        where = f"Dòng {line}"
        code, name = row["code"], row["name"]
        level = _level(row["level"])
        errs: list[str] = []
        if not code:
            errs.append(f"{where}, cột code: thiếu mã lĩnh vực.")
        elif code in code_line:
            errs.append(f"{where}, cột code: mã “{code}” trùng với dòng {code_line[code]}.")
        else:
            code_line[code] = line
        if not name:
            errs.append(f"{where}, cột name: thiếu tên lĩnh vực.")
        if level is None:
            errs.append(
                f"{where}, cột level: cấp “{row['level']}” không hợp lệ "
                "(cần commune, district hoặc province)."
            )
        elif name:
            key = (level, match_key(name))
            if key in name_line:
                errs.append(
                    f"{where}, cột name: lĩnh vực “{name}” ({level.label}) trùng với dòng "
                    f"{name_line[key][0]}."
                )
            elif key in taken:
                errs.append(
                    f"{where}, cột name: lĩnh vực “{name}” đã có ở {level.label} (mã {taken[key]})."
                )
            else:
                name_line[key] = (line, code)
        if errs or level is None:
            plan.errors.extend(errs)
            continue
        old = known.get(code)
        parsed.append(
            Field(code, name, level, old.sort if old else 1000 + line, old.active if old else True)
        )
    if plan.errors:
        return plan
    for f in parsed:
        old = known.get(f.code)
        if old is None:
            plan.added.append(f)
        elif old != f:
            plan.changed.append(f)
        else:
            plan.unchanged += 1
    return plan
