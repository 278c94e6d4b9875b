"""Build the :class:`~tracu_desktop.core.formtable.FormTable` of a form for a stored period.

Rows come from the SQL aggregates of :mod:`tracu_desktop.db.aggregate` (or the unit
statuses of :mod:`tracu_desktop.db.completeness` for the completeness table), grouped as
the form's spec says; sums, rates, subtotals and totals are computed by
:func:`tracu_desktop.core.formtable.build_table`, never read from stored totals.
Read-only; call it from any thread with that thread's own connection.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tracu_desktop.core.formspec import FormSpec, spec_for
from tracu_desktop.core.formtable import DocTexts, FormTable, RowItem, Signature, build_table
from tracu_desktop.core.lineage import dated_name
from tracu_desktop.core.models import LEVEL_ORDER, Level, Organisation
from tracu_desktop.core.periods import Period
from tracu_desktop.core.textnorm import match_key, nfc
from tracu_desktop.core.vnformat import format_place_date
from tracu_desktop.db.aggregate import sum_by_level_field, sum_by_unit
from tracu_desktop.db.catalog import load_fields, load_units, require_organisation
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import require_period

Figures = dict[str, int]


def text_context(spec: FormSpec, org: Organisation, period: Period) -> dict[str, str]:
    """Values of the placeholders a spec's texts may use."""
    base = period.name or period.base_label()
    return {
        "label": spec.label,
        "regulation": spec.regulation,
        "levels_upper": ", ".join(level.label.upper() for level in spec.rows.levels),
        "org_name": org.name,
        "org_upper": org.header_upper,
        "org_lower": org.header_lower,
        "superior": org.superior,
        "recipient": org.recipient,
        "period_label": period.label(),
        "period_title": base[:1].upper() + base[1:],
        "range_text": period.range_text(),
        "signer_authority": org.signer_authority,
        "signer_title": org.signer_title,
        "signer_name": org.signer_name,
        "preparer_name": org.preparer_name,
    }


def doc_texts(spec: FormSpec, org: Organisation, period: Period, on: date) -> DocTexts:
    """The texts around a form's table, placeholders filled, NFC."""
    ctx = text_context(spec, org, period)

    def fill(text: str) -> str:
        return nfc(text.format(**ctx)).strip()

    def lines(texts: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(t for t in (fill(x) for x in texts) if t)

    sig = spec.signature
    return DocTexts(
        header_left=lines(spec.header_left),
        header_right=lines(spec.header_right),
        title=fill(spec.title),
        subtitle=lines(spec.subtitle),
        unit_line=fill(spec.unit_line),
        place_date=format_place_date(org.place, on) if sig.place_date else "",
        sign_left=Signature(lines(sig.left_title), fill(sig.left_note), fill(sig.left_name)),
        sign_right=Signature(lines(sig.right_title), fill(sig.right_note), fill(sig.right_name)),
        doc_title=nfc(f"{spec.label or spec.code} — {fill(spec.title)} — {period.label()}"),
        author=org.name,
    )


def _add(target: Figures, key: str, value: int) -> None:
    target[key] = target.get(key, 0) + int(value or 0)


def _figures_for(spec: FormSpec, sums: dict[str, int], level: Level | None) -> Figures:
    """Indicator-column figures of one aggregate (columns bound to another level skipped)."""
    out: Figures = {}
    for c in spec.columns:
        if c.kind != "indicator":
            continue
        if c.level is not None and level is not None and c.level != level:
            continue
        _add(out, c.key, sums.get(c.indicator, 0))
    return out


def _nonzero(figs: Figures) -> bool:
    return any(v for v in figs.values())


def _field_rows(db: Database, spec: FormSpec, period: str) -> list[RowItem]:
    rs = spec.rows
    agg = sum_by_level_field(db, period, spec.indicators())
    fields = [f for f in load_fields(db) if f.level in rs.levels]
    fields.sort(key=lambda f: (rs.levels.index(f.level), f.sort, f.code))
    if rs.merge_by_name:
        fields.sort(key=lambda f: (f.sort, LEVEL_ORDER[f.level], f.code))
    rows: dict[tuple[Level | None, str], tuple[str, Figures, bool]] = {}
    for f in fields:
        figs = _figures_for(spec, agg.get((f.level, f.code), {}), f.level)
        key = (None, match_key(f.name)) if rs.merge_by_name else (f.level, f.code)
        label, total, active = rows.get(key, (f.name, {}, False))
        for k, v in figs.items():
            _add(total, k, v)
        rows[key] = (label, total, active or f.active)
    items = []
    for (level, _), (label, figs, active) in rows.items():
        wanted = _nonzero(figs) or (rs.show == "active" and active)
        if wanted:
            items.append(RowItem(level if rs.sections else None, label, figs))
    return items


def _unit_rows(db: Database, spec: FormSpec, period: str) -> list[RowItem]:
    rs = spec.rows
    p = require_period(db, period)
    agg = sum_by_unit(db, period, spec.indicators())
    units = [
        u
        for u in load_units(db)
        if u.level in rs.levels and (not rs.unit_kinds or str(u.kind) in rs.unit_kinds)
    ]
    units.sort(key=lambda u: (rs.levels.index(u.level), u.sort, u.code))
    items = []
    for u in units:
        figs = _figures_for(spec, agg.get(u.code, {}), u.level)
        # Units print while in force during the period (old communes for 2024, new ones
        # for 2026, both with their dates for 2025); a stored figure always prints.
        in_force = u.active and u.in_force(p.start, p.end)
        if _nonzero(figs) or (rs.show == "active" and in_force):
            label = dated_name(u, p.start, p.end)
            items.append(RowItem(u.level if rs.sections else None, label, figs))
    return items


def _level_rows(db: Database, spec: FormSpec, period: str) -> list[RowItem]:
    rs = spec.rows
    agg = sum_by_level_field(db, period, spec.indicators())
    items = []
    for level in rs.levels:
        figs: Figures = {}
        for (lv, _field), sums in agg.items():
            if lv == level:
                for k, v in _figures_for(spec, sums, lv).items():
                    _add(figs, k, v)
        if _nonzero(figs) or rs.show == "active":
            items.append(RowItem(level if rs.sections else None, level.label, figs))
    return items


def _completeness_rows(db: Database, spec: FormSpec, period: str) -> list[RowItem]:
    from tracu_desktop.db.completeness import unit_statuses

    rs = spec.rows
    p = require_period(db, period)
    by_status = {c.status: c.key for c in spec.columns if c.kind == "status"}
    statuses = [s for s in unit_statuses(db, period) if s.unit.level in rs.levels]
    statuses.sort(key=lambda s: (rs.levels.index(s.unit.level), s.unit.sort, s.unit.code))
    items = []
    for st in statuses:
        texts = {
            "sent": "x" if st.sent else "",
            "not_sent": "" if st.sent else "x",
            "date": st.received_at.date() if st.sent and st.received_at else "",
            "note": st.note if st.sent else "",
            "state": st.state.label,
        }
        items.append(
            RowItem(
                st.unit.level if rs.sections else None,
                dated_name(st.unit, p.start, p.end),
                texts={key: texts[status] for status, key in by_status.items()},
            )
        )
    return items


_SOURCES = {
    "field": _field_rows,
    "unit": _unit_rows,
    "level": _level_rows,
    "completeness": _completeness_rows,
}


def build_form_table(
    db: Database, period: str, form_code: str, *, on: date | None = None
) -> FormTable:
    """The table of ``form_code`` for ``period``; ``on`` is the date printed under it
    (default: the period's report date, so a form exported alone is signed on the same
    day as the report it is attached to). The spec version is the one in force at the
    period's end."""
    p = require_period(db, period)
    org = require_organisation(db)
    spec = for_organisation(db, spec_for(form_code, on=p.end))
    items = _SOURCES[spec.rows.source](db, spec, p.code)
    texts = doc_texts(spec, org, p, on or report_date(db, p))
    return build_table(spec, items, texts, spec.rows.section_captions(org.level))


def for_organisation(db: Database, spec: FormSpec) -> FormSpec:
    """The spec with its row levels cut to the levels the organisation's units have, and
    without its optional columns of the levels it has not.

    A commune's 06b has no "Cấp huyện" section and a province's has "Cấp tỉnh" and "Cấp
    xã"; neither's 07b has the "Cấp huyện" columns: the spec lists every level a form may
    show, the catalog says which exist here.
    """
    present = {u.level for u in load_units(db)}
    spec = spec.without_levels(set(Level) - present) if present else spec
    levels = tuple(level for level in spec.rows.levels if level in present)
    if not levels or levels == spec.rows.levels:
        return spec
    return replace(spec, rows=replace(spec.rows, levels=levels))


def report_date(db: Database, period: Period) -> date:
    """The date the period's report is signed: ``report-meta --date``, else the day after
    the period ends."""
    from tracu_desktop.db.report_texts import load_report_texts

    return load_report_texts(db, period.code).meta.report_date(period)
