"""Load an exchange package at the level above: the sender becomes one unit.

The sender's figures are summed over its units and fields of the same name (a district's
"Hộ tịch" at district and commune level becomes the province's "Hộ tịch" of that
district), then resolved against this database's catalogs.
"""

from __future__ import annotations

from pathlib import Path

from tracu_desktop.datavalues import Catalog, read_csv_text
from tracu_desktop.db.handle import Database
from tracu_desktop.exchange import FIGURES, PackageError, read_package
from tracu_desktop.models import Detail, Unit, UnitKind
from tracu_desktop.textnorm import loose_key
from tracu_desktop.workbook_parse import Figure, Message, ParsedWorkbook, Where

RECEIVING_KINDS = (UnitKind.DISTRICT, UnitKind.COMMUNE, UnitKind.OFFICE)


def _sender_unit(catalog: Catalog, org: dict, unit: str | None) -> Unit | None:
    if unit:
        return catalog.units.get(unit) or catalog.unit(unit)
    for text in (org.get("name", ""), org.get("short_name", "")):
        hit = catalog.unit(str(text)) if text else None
        if hit is not None:
            return hit
    short = loose_key(str(org.get("short_name", "")))
    if short:
        hits = [
            u
            for u in catalog.units.values()
            if u.kind in RECEIVING_KINDS and loose_key(u.name).endswith(short)
        ]
        if len(hits) == 1:
            return hits[0]
    return None


def parse_package(
    db: Database, path: Path, catalog: Catalog, *, unit: str | None = None
) -> ParsedWorkbook:
    result = ParsedWorkbook(path.name, "package")
    where = Where(path.name)
    try:
        pkg = read_package(path.read_bytes(), path.name)
    except (PackageError, OSError) as exc:
        result.problems.append(Message(where, str(exc)))
        return result
    from tracu_desktop.signing.package_sig import package_signature_check

    sig_notes, sig_problems = package_signature_check(db, pkg)
    result.notes += [Message(where, text) for text in sig_notes]
    if sig_problems:
        result.problems += [Message(where, text) for text in sig_problems]
        return result
    meta = pkg.metadata
    org = meta.get("organisation") or {}
    period = (meta.get("period") or {}).get("code")
    result.period = period
    receiver = _sender_unit(catalog, org, unit)
    sender_name = org.get("name", "?")
    if receiver is None:
        result.problems.append(
            Message(
                where,
                f"Không tìm thấy đơn vị “{sender_name}” (bên gửi gói) trong danh mục đơn vị; "
                "hãy thêm đơn vị hoặc chọn đơn vị nhận (tùy chọn --unit).",
            )
        )
        return result
    result.unit = receiver.code
    result.notes.append(
        Message(
            where, f"Gói số liệu của {sender_name}, kỳ {period}, nhập vào đơn vị {receiver.name}."
        )
    )
    field_names = {f["code"]: f["name"] for f in meta.get("fields", [])}
    sums: dict[tuple[str, str], int] = {}
    first_line: dict[tuple[str, str], int] = {}
    for line, row in read_csv_text(pkg.figures_csv, FIGURES):
        name = field_names.get(row.get("field") or "", "")
        key = (name, row.get("indicator") or "")
        try:
            value = int(row.get("value") or 0)
        except ValueError:
            result.problems.append(
                Message(Where(path.name, FIGURES, line), "Giá trị không hợp lệ.")
            )
            continue
        sums[key] = sums.get(key, 0) + value
        first_line.setdefault(key, line)
    for (name, ind), value in sorted(sums.items()):
        w = Where(path.name, FIGURES, first_line[(name, ind)])
        indicator = catalog.indicators.get(ind)
        if indicator is None:
            result.problems.append(Message(w, f"Không có chỉ tiêu “{ind}”."))
            continue
        field_code = ""
        if indicator.detail is Detail.UNIT_FIELD:
            fld = catalog.field(name, receiver.level)
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
