"""Load an exchange package at the level above: the sender becomes one unit.

The sender's figures are summed over its units and fields of the same name (a district's
"Hộ tịch" at district and commune level becomes the province's "Hộ tịch" of that
district), then resolved against this database's catalogs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tracu_desktop.core.cell_text import original_text
from tracu_desktop.core.models import Detail, Field, Unit
from tracu_desktop.core.textnorm import nfc
from tracu_desktop.core.vnformat import MAX_COUNT, format_int
from tracu_desktop.db.handle import Database
from tracu_desktop.interchange.datavalues import (
    Catalog,
    CsvFormatError,
    RowError,
    check_period,
    check_value,
    extra_cells_error,
    read_csv_text,
)
from tracu_desktop.interchange.exchange import FIGURES, PackageError, read_package_file
from tracu_desktop.interchange.sender_match import find_sender, sender_problem
from tracu_desktop.interchange.workbook_parse import Figure, Message, ParsedWorkbook, Where


def _sender_unit(
    catalog: Catalog, meta: dict, unit: str | None, start: date | None, end: date | None
) -> tuple[Unit | None, str]:
    """The receiving unit, or the Vietnamese reason none is certain."""
    org = meta.get("organisation") or {}
    raw_sender = meta.get("sender")
    sender: dict = raw_sender if isinstance(raw_sender, dict) else {}
    if unit:
        hit = catalog.units.get(unit) or catalog.unit(unit)
        return hit, "" if hit else f"Không có đơn vị “{unit}” (tùy chọn --unit)."
    match = find_sender(catalog.units, sender, org, start, end)
    if match.unit is not None:
        return match.unit, ""
    name = str(org.get("name") or sender.get("name") or "?")
    return None, sender_problem(match, name, str(sender.get("code") or ""))


def _period_days(meta: dict) -> tuple[date | None, date | None]:
    """The package's period dates (to match only units in force), when it states them."""
    try:
        return (
            date.fromisoformat(str(meta["period"]["start"])),
            date.fromisoformat(str(meta["period"]["end"])),
        )
    except (KeyError, TypeError, ValueError):
        return None, None


def _metadata_problem(meta: dict) -> str:
    """What is wrong with the shape of a package's metadata, or ""."""
    if meta.get("content") == "history":
        return (
            "Đây là gói số liệu cũ của một số đơn vị (nhiều kỳ), không phải gói báo cáo một "
            "kỳ: nhập riêng bằng lệnh tracu-desktop import TỆP, mỗi lần một gói."
        )
    if not isinstance(meta.get("organisation", {}), dict):
        return "metadata.json bị hỏng: mục organisation không đúng dạng."
    fields = meta.get("fields", [])
    if not isinstance(fields, list) or not all(
        isinstance(f, dict) and isinstance(f.get("code"), str) and isinstance(f.get("name"), str)
        for f in fields
    ):
        return "metadata.json bị hỏng: danh sách lĩnh vực (fields) không đúng dạng."
    period = meta.get("period")
    if not isinstance(period, dict) or not isinstance(period.get("code"), str):
        return (
            "Gói số liệu không ghi kỳ báo cáo (metadata.json thiếu period.code), nên không "
            "biết số liệu thuộc kỳ nào; không nhập. Hãy đề nghị đơn vị lập lại gói."
        )
    return ""


def parse_package(
    db: Database, path: Path, catalog: Catalog, *, unit: str | None = None
) -> ParsedWorkbook:
    """Check a package and sum its figures per field name and indicator.

    Figures follow the rules of ``values import`` (one reader, the same messages):
    whole numbers ≥ 0, empty is not 0, the period column must be the package's period.
    """
    result = ParsedWorkbook(path.name, "package")
    where = Where(path.name)
    try:
        pkg = read_package_file(path)
    except PackageError as exc:
        result.problems.append(Message(where, str(exc)))
        return result
    from tracu_desktop.interchange.package_signature import package_signature_check

    sig_notes, sig_problems = package_signature_check(db, pkg)
    result.notes += [Message(where, text) for text in sig_notes]
    if sig_problems:
        result.problems += [Message(where, text) for text in sig_problems]
        return result
    meta = pkg.metadata
    shape = _metadata_problem(meta)
    if shape:
        result.problems.append(Message(where, shape))
        return result
    org = meta.get("organisation") or {}
    period, why = check_period(nfc(meta["period"]["code"]))
    if period is None:
        result.problems.append(Message(where, f"metadata.json: kỳ báo cáo không hợp lệ. {why}"))
        return result
    result.period = period
    receiver, why = _sender_unit(catalog, meta, unit, *_period_days(meta))
    sender_name = org.get("name", "?")
    if receiver is None:
        result.problems.append(Message(where, why))
        return result
    result.unit = receiver.code
    result.notes.append(
        Message(
            where, f"Gói số liệu của {sender_name}, kỳ {period}, nhập vào đơn vị {receiver.name}."
        )
    )
    field_names = {f["code"]: f["name"] for f in meta.get("fields", [])}
    in_figures = Where(f"{path.name} ({FIGURES})")

    def problem(error: RowError) -> None:
        result.problems.append(Message(in_figures, str(error)))

    try:
        rows = read_csv_text(pkg.figures_csv, FIGURES)
    except CsvFormatError as exc:
        result.problems.append(Message(where, str(exc)))
        return result
    sums: dict[tuple[str, str], int] = {}
    periods_read: dict[str, tuple[str | None, str]] = {}
    first_line: dict[tuple[str, str], int] = {}
    seen: dict[tuple[str, ...], int] = {}
    for line, row in rows:
        extra = extra_cells_error(line, row)
        if extra is not None:
            problem(extra)
            continue
        raw_period = row.get("period") or ""
        if raw_period not in periods_read:  # every row names the same period: read it once
            periods_read[raw_period] = check_period(nfc(original_text(raw_period)))
        row_period, why = periods_read[raw_period]
        if row_period is None:
            problem(RowError(line, "period", why))
        elif row_period != period:
            problem(RowError(line, "period", f"Kỳ {row_period} khác kỳ của gói ({period})."))
        value, why = check_value(row.get("value"))
        if value is None:
            problem(RowError(line, "value", why))
            continue
        own = tuple(original_text(row.get(c) or "") for c in ("unit", "field", "indicator"))
        if own in seen:
            problem(RowError(line, "", f"Trùng số liệu với dòng {seen[own]}."))
            continue
        seen[own] = line
        key = (field_names.get(own[1], ""), own[2])
        sums[key] = sums.get(key, 0) + value
        first_line.setdefault(key, line)
    if result.problems:
        return result
    fields_found: dict[str, Field | None] = {}
    for (name, ind), value in sorted(sums.items()):
        w = Where(f"{path.name} ({FIGURES})", "", first_line[(name, ind)])
        if value > MAX_COUNT:
            result.problems.append(
                Message(
                    w,
                    f"Tổng chỉ tiêu “{ind}” của lĩnh vực “{name}” quá lớn "
                    f"({format_int(value)}; tối đa {format_int(MAX_COUNT)}): gói bất thường.",
                )
            )
            continue
        indicator = catalog.indicators.get(ind)
        if indicator is None:
            result.problems.append(Message(w, f"Không có chỉ tiêu “{ind}”."))
            continue
        field_code = ""
        if indicator.detail is Detail.UNIT_FIELD:
            if name not in fields_found:  # eight indicators per field: look it up once
                fields_found[name] = catalog.field(name, receiver.level)
            fld = fields_found[name]
            if fld is None:
                hint = catalog.field_suggestions(name, receiver.level)
                result.problems.append(
                    Message(
                        w,
                        f"Không có lĩnh vực “{name}” ở {receiver.level.label}."
                        + (f" Có phải: {', '.join(hint)}?" if hint else ""),
                    )
                )
                continue
            field_code = fld.code
        result.figures.append(Figure(w, receiver.code, field_code, ind, value))
    return result
