"""The CSV data-value interchange format: reading and resolving rows against the catalogs.

Format (UTF-8, with or without BOM), one figure per row::

    period,unit,field,indicator,value
    2023,TT_TRA_CU,X_HO_TICH,received_online,1.234

``unit`` and ``field`` take a code or the exact Vietnamese name (case, spacing and
Unicode normalisation ignored); ``field`` is empty for per-unit indicators; ``value``
is a whole number ≥ 0 in Vietnamese (``1.234``) or plain (``1234``) notation.
Resolution is pure: it returns every problem with its line and column, and the
caller writes nothing unless there is none.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from tracu_desktop.core.cell_text import original_text, safe_cell_text
from tracu_desktop.core.models import Detail, Field, Indicator, Level, Unit, ValueKey
from tracu_desktop.core.periods import PeriodCodeError, normalize_code
from tracu_desktop.core.textnorm import match_key, nfc, suggest
from tracu_desktop.core.vnformat import BLANK, MAX_COUNT, ParseError, parse_count

COLUMNS = ("period", "unit", "field", "indicator", "value")
EXTRA = "__extra__"  # set by the reader when a row has more cells than the header


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"Dòng {self.line}" + (f", cột {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class ResolvedValue(NamedTuple):
    line: int
    key: ValueKey
    value: int


class Catalog:
    """Lookup tables for names and codes, built once per import."""

    def __init__(
        self, units: Iterable[Unit], fields: Iterable[Field], indicators: Iterable[Indicator]
    ):
        self.units = {u.code: u for u in units}
        self.fields = {f.code: f for f in fields}
        self.indicators = {i.code: i for i in indicators}
        self._unit_by_key: dict[str, Unit] = {}
        for u in self.units.values():
            self._unit_by_key.setdefault(match_key(u.code), u)
            self._unit_by_key.setdefault(match_key(u.name), u)
        self._field_by_key: dict[tuple[Level, str], Field] = {}
        for f in self.fields.values():
            self._field_by_key.setdefault((f.level, match_key(f.code)), f)
            self._field_by_key.setdefault((f.level, match_key(f.name)), f)
        self._field_code_key = {match_key(f.code): f for f in self.fields.values()}

    def unit(self, text: str) -> Unit | None:
        return self.units.get(text) or self._unit_by_key.get(match_key(text))

    def field(self, text: str, level: Level) -> Field | None:
        hit = self._field_by_key.get((level, match_key(text)))
        if hit is None:
            by_code = self._field_code_key.get(match_key(text))
            if by_code is not None and by_code.level is level:
                return by_code
        return hit

    def field_any_level(self, text: str) -> Field | None:
        key = match_key(text)
        for (_, k), f in self._field_by_key.items():
            if k == key:
                return f
        return None

    def unit_suggestions(self, text: str) -> list[str]:
        return suggest(text, [u.name for u in self.units.values()])

    def field_suggestions(self, text: str, level: Level) -> list[str]:
        return suggest(text, [f.name for f in self.fields.values() if f.level is level])


def _hint(names: Sequence[str]) -> str:
    return f" Có phải: {', '.join(names)}?" if names else ""


def check_period(raw: str) -> tuple[str | None, str]:
    """A period code as the CSV and package readers accept it, or the reason not."""
    try:
        return normalize_code(raw), ""
    except PeriodCodeError as exc:
        return None, str(exc)


_period_check = check_period


def check_value(raw: str | None) -> tuple[int | None, str]:
    """A figure as the CSV and package readers accept it (whole, ≥ 0, not empty, at most
    ``MAX_COUNT``; ``1.234`` is 1234), or the reason not."""
    try:
        parsed = parse_count(raw)
    except ParseError as exc:
        return None, str(exc)
    if parsed is BLANK:
        return None, "Giá trị trống: ghi 0 nếu số liệu bằng không."
    return parsed, ""  # type: ignore[return-value]


def extra_cells_error(line: int, row: Mapping[str, str | None]) -> RowError | None:
    """The error of a row with more cells than the header, if it has them."""
    if not row.get(EXTRA):
        return None
    return RowError(
        line,
        "",
        f"Dòng có nhiều cột hơn dòng tiêu đề (“{row[EXTRA]}”). Nếu giá trị có dấu "
        "phẩy, hãy đặt trong dấu ngoặc kép; số hồ sơ không có phần thập phân.",
    )


def _unit_check(raw: str, catalog: Catalog) -> tuple[Unit | None, str]:
    if not raw:
        return None, "Thiếu đơn vị."
    unit = catalog.unit(raw)
    if unit is None:
        return None, f"Không có đơn vị “{raw}”.{_hint(catalog.unit_suggestions(raw))}"
    return unit, ""


def _indicator_check(raw: str, catalog: Catalog) -> tuple[Indicator | None, str]:
    indicator = catalog.indicators.get(raw)
    if indicator is not None:
        return indicator, ""
    if not raw:
        return None, "Thiếu chỉ tiêu."
    return None, f"Không có chỉ tiêu “{raw}”.{_hint(suggest(raw, list(catalog.indicators)))}"


def _field_check(
    raw: str, unit: Unit, indicator: Indicator, catalog: Catalog
) -> tuple[str | None, str]:
    if indicator.detail is Detail.UNIT:
        if raw:
            return None, f"Chỉ tiêu “{indicator.code}” tính theo đơn vị, để trống cột field."
        return "", ""
    if not raw:
        return None, f"Chỉ tiêu “{indicator.code}” cần có lĩnh vực."
    field = catalog.field(raw, unit.level)
    if field is not None:
        return field.code, ""
    other = catalog.field_any_level(raw)
    if other is not None:
        return None, (
            f"Lĩnh vực “{raw}” thuộc {other.level.label}, không thuộc {unit.level.label} của đơn vị {unit.name}."
        )
    hint = _hint(catalog.field_suggestions(raw, unit.level))
    return None, f"Không có lĩnh vực “{raw}” ở {unit.level.label}.{hint}"


def resolve_rows(
    rows: Iterable[tuple[int, Mapping[str, str | None]]],
    catalog: Catalog,
) -> tuple[list[ResolvedValue], list[RowError]]:
    """Resolve ``(line, row)`` pairs; returns values and every error found (all rows are checked).

    Name lookups are cached per distinct text, so large files cost a few dictionary
    look-ups per row.
    """
    values: list[ResolvedValue] = []
    errors: list[RowError] = []
    seen: dict[ValueKey, int] = {}
    periods: dict[str, tuple[str | None, str]] = {}
    units: dict[str, tuple[Unit | None, str]] = {}
    inds: dict[str, tuple[Indicator | None, str]] = {}
    fields: dict[tuple[str, str], tuple[str | None, str]] = {}
    for line, row in rows:
        row_ok = True
        extra = extra_cells_error(line, row)
        if extra is not None:
            errors.append(extra)
            row_ok = False
        # Caches are keyed by the text as read; normalisation runs once per distinct text.
        raw_period = row.get("period") or ""
        if raw_period not in periods:
            periods[raw_period] = _period_check(nfc(original_text(raw_period)))
        period, msg = periods[raw_period]
        if period is None:
            errors.append(RowError(line, "period", msg))
            row_ok = False

        raw_unit = row.get("unit") or ""
        if raw_unit not in units:
            units[raw_unit] = _unit_check(nfc(original_text(raw_unit)), catalog)
        unit, msg = units[raw_unit]
        if unit is None:
            errors.append(RowError(line, "unit", msg))
            row_ok = False

        raw_ind = row.get("indicator") or ""
        if raw_ind not in inds:
            inds[raw_ind] = _indicator_check(nfc(original_text(raw_ind)), catalog)
        indicator, msg = inds[raw_ind]
        if indicator is None:
            errors.append(RowError(line, "indicator", msg))
            row_ok = False

        field_code: str | None = ""
        if indicator is not None and unit is not None:
            raw_field = row.get("field") or ""
            if indicator.detail is Detail.UNIT_FIELD:
                fkey = (unit.code, raw_field)
                if fkey not in fields:
                    fields[fkey] = _field_check(
                        nfc(original_text(raw_field)), unit, indicator, catalog
                    )
                field_code, msg = fields[fkey]
            else:
                field_code, msg = _field_check(
                    nfc(original_text(raw_field)), unit, indicator, catalog
                )
            if field_code is None:
                errors.append(RowError(line, "field", msg))
                row_ok = False

        raw_value = row.get("value")
        if type(raw_value) is str and raw_value.isdigit() and raw_value.isascii():
            number = int(raw_value)  # the usual case, without a call per row
            parsed: int | None = number
            if number > MAX_COUNT:
                parsed, msg = check_value(raw_value)
        else:
            parsed, msg = check_value(raw_value)
        if parsed is None:
            errors.append(RowError(line, "value", msg))
            continue
        if not row_ok:
            continue
        key = ValueKey(period, unit.code, field_code, indicator.code)  # type: ignore[arg-type, union-attr]
        if key in seen:
            errors.append(RowError(line, "", f"Trùng số liệu với dòng {seen[key]}."))
            continue
        seen[key] = line
        values.append(ResolvedValue(line, key, parsed))
    return values, errors


class CsvFormatError(ValueError):
    pass


def read_csv_text(text: str, source_name: str = "") -> list[tuple[int, dict[str, str | None]]]:
    """Rows of a data-value CSV with their line numbers; checks the header."""
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise CsvFormatError(f"Tệp {source_name} trống.") from None
    except csv.Error as exc:
        raise _unreadable(source_name, reader.line_num or 1, exc) from None
    names = [match_key(h) for h in header]
    missing = [c for c in COLUMNS if c not in names and c != "field"]
    if missing:
        raise CsvFormatError(
            f"Tệp {source_name}: dòng tiêu đề thiếu cột {', '.join(missing)} "
            f"(cần: {','.join(COLUMNS)})."
        )
    index = {c: names.index(c) for c in COLUMNS if c in names}
    width = len(header)
    # Fast path for the usual exact header: zip the cells to the column names.
    exact = names == list(COLUMNS)
    out: list[tuple[int, dict[str, str | None]]] = []
    try:
        for record in reader:
            line = reader.line_num
            if not "".join(record).strip():
                continue
            n = len(record)
            if exact and n == width:
                row: dict[str, str | None] = dict(zip(COLUMNS, record, strict=True))
            else:
                row = {c: (record[i] if i < n else None) for c, i in index.items()}
                if n > width and any(cell.strip() for cell in record[width:]):
                    row[EXTRA] = ",".join(record[width - 1 :])
            out.append((line, row))
    except csv.Error as exc:
        raise _unreadable(source_name, max(reader.line_num, 1), exc) from None
    return out


def _unreadable(source_name: str, line: int, exc: csv.Error) -> CsvFormatError:
    """The csv module's own errors (NUL bytes, giant fields) in the clerk's words."""
    text = str(exc)
    if "NUL" in text:
        why = "có ký tự NUL (tệp nhị phân hoặc bị hỏng, không phải CSV văn bản)"
    elif "field larger" in text:
        why = "có một ô dài bất thường (tệp bị hỏng hoặc thiếu dấu ngoặc kép đóng)"
    else:
        why = f"không đọc được theo định dạng CSV ({text})"
    return CsvFormatError(f"Tệp {source_name}, dòng {line}: {why}.")


def write_csv_text(rows: Iterable[tuple[str, str, str, str, int]]) -> str:
    """The CSV of ``rows``; formula-like text gets an apostrophe, numbers stay numbers
    (:func:`read_csv_text`'s callers drop the apostrophe again)."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([safe_cell_text(cell) for cell in row])
    return buf.getvalue()
