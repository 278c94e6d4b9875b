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

from tracu_desktop.models import Detail, Field, Indicator, Level, Unit, ValueKey
from tracu_desktop.periods import PeriodCodeError, normalize_code
from tracu_desktop.textnorm import match_key, nfc, suggest
from tracu_desktop.vnformat import BLANK, ParseError, parse_count

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


@dataclass(frozen=True)
class ResolvedValue:
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


def resolve_rows(
    rows: Iterable[tuple[int, Mapping[str, str | None]]],
    catalog: Catalog,
) -> tuple[list[ResolvedValue], list[RowError]]:
    """Resolve ``(line, row)`` pairs; returns values and every error found (all rows are checked)."""
    values: list[ResolvedValue] = []
    errors: list[RowError] = []
    seen: dict[ValueKey, int] = {}
    unit_cache: dict[str, Unit | None] = {}
    period_cache: dict[str, str | None] = {}
    for line, row in rows:
        raw_period = nfc(row.get("period") or "")
        raw_unit = nfc(row.get("unit") or "")
        raw_field = nfc(row.get("field") or "")
        raw_ind = nfc(row.get("indicator") or "")
        raw_value = row.get("value")
        row_ok = True
        if row.get(EXTRA):
            errors.append(
                RowError(
                    line,
                    "",
                    f"Dòng có nhiều cột hơn dòng tiêu đề (“{row[EXTRA]}”). Nếu giá trị có dấu "
                    "phẩy, hãy đặt trong dấu ngoặc kép; số hồ sơ không có phần thập phân.",
                )
            )
            row_ok = False

        if raw_period not in period_cache:
            try:
                period_cache[raw_period] = normalize_code(raw_period)
            except PeriodCodeError as exc:
                period_cache[raw_period] = None
                errors.append(RowError(line, "period", str(exc)))
                row_ok = False
        elif period_cache[raw_period] is None:
            errors.append(RowError(line, "period", f"Mã kỳ báo cáo “{raw_period}” không hợp lệ."))
            row_ok = False
        period = period_cache.get(raw_period)

        if raw_unit not in unit_cache:
            unit_cache[raw_unit] = catalog.unit(raw_unit) if raw_unit else None
        unit = unit_cache[raw_unit]
        if unit is None:
            row_ok = False
            if not raw_unit:
                errors.append(RowError(line, "unit", "Thiếu đơn vị."))
            else:
                errors.append(
                    RowError(
                        line,
                        "unit",
                        f"Không có đơn vị “{raw_unit}”.{_hint(catalog.unit_suggestions(raw_unit))}",
                    )
                )

        indicator = catalog.indicators.get(raw_ind)
        if indicator is None:
            row_ok = False
            known = suggest(raw_ind, list(catalog.indicators)) if raw_ind else []
            errors.append(
                RowError(
                    line,
                    "indicator",
                    f"Không có chỉ tiêu “{raw_ind}”.{_hint(known)}"
                    if raw_ind
                    else "Thiếu chỉ tiêu.",
                )
            )

        field_code = ""
        if indicator is not None and unit is not None:
            if indicator.detail is Detail.UNIT:
                if raw_field:
                    row_ok = False
                    errors.append(
                        RowError(
                            line,
                            "field",
                            f"Chỉ tiêu “{indicator.code}” tính theo đơn vị, để trống cột field.",
                        )
                    )
            elif not raw_field:
                row_ok = False
                errors.append(
                    RowError(line, "field", f"Chỉ tiêu “{indicator.code}” cần có lĩnh vực.")
                )
            else:
                field = catalog.field(raw_field, unit.level)
                if field is None:
                    row_ok = False
                    other = catalog.field_any_level(raw_field)
                    if other is not None:
                        errors.append(
                            RowError(
                                line,
                                "field",
                                f"Lĩnh vực “{raw_field}” thuộc {other.level.label}, không thuộc "
                                f"{unit.level.label} của đơn vị {unit.name}.",
                            )
                        )
                    else:
                        errors.append(
                            RowError(
                                line,
                                "field",
                                f"Không có lĩnh vực “{raw_field}” ở {unit.level.label}."
                                f"{_hint(catalog.field_suggestions(raw_field, unit.level))}",
                            )
                        )
                else:
                    field_code = field.code

        try:
            parsed = parse_count(raw_value)
        except ParseError as exc:
            row_ok = False
            errors.append(RowError(line, "value", str(exc)))
        else:
            if parsed is BLANK:
                row_ok = False
                errors.append(
                    RowError(line, "value", "Giá trị trống: ghi 0 nếu số liệu bằng không.")
                )

        if not row_ok or period is None or unit is None or indicator is None:
            continue
        key = ValueKey(period, unit.code, field_code, indicator.code)
        if key in seen:
            errors.append(RowError(line, "", f"Trùng số liệu với dòng {seen[key]}."))
            continue
        seen[key] = line
        values.append(ResolvedValue(line, key, parsed))  # type: ignore[arg-type]
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
    names = [match_key(h) for h in header]
    missing = [c for c in COLUMNS if c not in names and c != "field"]
    if missing:
        raise CsvFormatError(
            f"Tệp {source_name}: dòng tiêu đề thiếu cột {', '.join(missing)} "
            f"(cần: {','.join(COLUMNS)})."
        )
    index = {c: names.index(c) for c in COLUMNS if c in names}
    out: list[tuple[int, dict[str, str | None]]] = []
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        row: dict[str, str | None] = {
            c: (record[i] if i < len(record) else None) for c, i in index.items()
        }
        if len(record) > len(header) and any(cell.strip() for cell in record[len(header) :]):
            row[EXTRA] = ",".join(record[len(header) - 1 :])
        out.append((line, row))
    return out


def write_csv_text(rows: Iterable[tuple[str, str, str, str, int]]) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(row)
    return buf.getvalue()
