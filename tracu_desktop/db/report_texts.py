"""Stored report texts and metadata per period (table ``report_texts``).

A period's texts are what was saved for it; what was not saved comes from the most
recent earlier period that has saved texts (same kind of period preferred: a quarter
from the previous quarter), else from the built-in template. Number and date are never
copied. Writes run in ``db.atomic()`` and respect the period lock.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from tracu_desktop.core.periods import parse_code, sort_key
from tracu_desktop.core.report.model import (
    COPIED_META,
    META_KEYS,
    ReportMeta,
    ReportTexts,
    default_meta,
)
from tracu_desktop.core.report.templates import builtin_template
from tracu_desktop.core.textnorm import nfc
from tracu_desktop.db.catalog import require_organisation
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import ensure_unlocked, list_periods, require_period

TEMPLATE = "template"
SAVED = "saved"


def m_report_texts(db: Database) -> None:
    """Migration: the ``report_texts`` table (section texts and ``meta.*`` entries)."""
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS report_texts (
            period TEXT NOT NULL REFERENCES periods(code),
            key TEXT NOT NULL,
            text TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (period, key)
        ) WITHOUT ROWID;
        """
    )


def _stored(db: Database, period: str) -> dict[str, str]:
    rows = db.execute("SELECT key, text FROM report_texts WHERE period = ?", [period]).fetchall()
    return dict(rows)


def _earlier_with_texts(db: Database, period: str) -> list[str]:
    """Earlier periods that have saved texts, best source first."""
    have = {r[0] for r in db.execute("SELECT DISTINCT period FROM report_texts").fetchall()}
    _, kind, _ = parse_code(period)
    mine = sort_key(period)
    earlier = [p.code for p in list_periods(db) if p.code in have and sort_key(p.code) < mine]
    earlier.sort(key=sort_key, reverse=True)
    same_kind = [c for c in earlier if parse_code(c)[1] == kind]
    return same_kind + [c for c in earlier if c not in same_kind]


def _meta_from(values: dict[str, str], base: ReportMeta) -> ReportMeta:
    changes: dict[str, object] = {}
    for key, raw in values.items():
        if key == "recipients":
            changes[key] = tuple(json.loads(raw))
        elif key == "date":
            changes[key] = date.fromisoformat(raw) if raw else None
        else:
            changes[key] = raw
    return base.with_changes(**changes)


def load_report_texts(db: Database, period: str) -> ReportTexts:
    """The period's report: saved texts, else copied from an earlier period, else template."""
    p = require_period(db, period)
    org = require_organisation(db)
    tpl = builtin_template(org.level)
    sections = dict(tpl.texts)
    origin = {k: TEMPLATE for k in sections}
    meta_values: dict[str, str] = {}
    sources = [*reversed(_earlier_with_texts(db, p.code)), p.code]
    for source in sources:  # oldest first, so the nearest source wins
        stored = _stored(db, source)
        for key, text in stored.items():
            if key.startswith("meta."):
                name = key[5:]
                if source == p.code or name in COPIED_META:
                    meta_values[name] = text
            elif key in sections:
                sections[key] = text
                origin[key] = SAVED if source == p.code else source
    meta = _meta_from(meta_values, default_meta(org, tpl.subject, tpl.recipient))
    return ReportTexts(meta=meta, sections=sections, origin=origin)


def _put(db: Database, period: str, key: str, text: str) -> None:
    db.execute(
        "INSERT INTO report_texts (period, key, text, updated_at) VALUES (?,?,?,?) "
        "ON CONFLICT(period, key) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
        [period, key, text, datetime.now().isoformat(timespec="seconds")],
    )


def save_section_text(db: Database, period: str, key: str, text: str) -> None:
    """Store one section's text (NFC, trailing spaces trimmed) for the period."""
    p = require_period(db, period)
    ensure_unlocked(db, {p.code})
    clean = "\n".join(line.rstrip() for line in nfc(text).splitlines()).strip()
    with db.atomic():
        _put(db, p.code, key, clean)


def save_meta(db: Database, period: str, **values: object) -> ReportMeta:
    """Store metadata fields (``number``, ``date``, ``recipients`` …) for the period."""
    p = require_period(db, period)
    ensure_unlocked(db, {p.code})
    unknown = [k for k in values if k not in META_KEYS]
    if unknown:
        raise ValueError(f"unknown report metadata {unknown}")
    with db.atomic():
        for key, value in values.items():
            if key == "recipients":
                text = json.dumps([nfc(str(v)) for v in value if nfc(str(v))], ensure_ascii=False)  # type: ignore[attr-defined]
            elif key == "date":
                text = value.isoformat() if isinstance(value, date) else ""
            else:
                text = nfc(str(value))
            _put(db, p.code, f"meta.{key}", text)
    return load_report_texts(db, p.code).meta


def copy_texts_from(db: Database, period: str, source: str) -> int:
    """Save the source period's effective section texts for ``period``; returns how many."""
    texts = load_report_texts(db, source)
    p = require_period(db, period)
    ensure_unlocked(db, {p.code})
    with db.atomic():
        for key, text in texts.sections.items():
            _put(db, p.code, key, text)
    return len(texts.sections)
