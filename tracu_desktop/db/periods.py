"""Stored reporting periods: creation with default or custom dates, listing, locking."""

from __future__ import annotations

from datetime import date, datetime

from tracu_desktop.core.periods import Period, PeriodKind, default_period, normalize_code, sort_key
from tracu_desktop.core.textnorm import nfc
from tracu_desktop.db.handle import Database


class PeriodError(ValueError):
    """Unknown, duplicate or locked period; the message is Vietnamese."""


class PeriodLockedError(PeriodError):
    pass


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _row_to_period(row: tuple) -> Period:
    code, kind, year, idx, start, end, name = row
    return Period(
        code, PeriodKind(kind), year, idx, date.fromisoformat(start), date.fromisoformat(end), name
    )


_COLS = 'code, kind, year, idx, start, "end", name'


def get_period(db: Database, code: str) -> Period | None:
    row = db.execute(
        f"SELECT {_COLS} FROM periods WHERE code = ?", [normalize_code(code)]
    ).fetchone()
    return _row_to_period(row) if row else None


def require_period(db: Database, code: str) -> Period:
    p = get_period(db, code)
    if p is None:
        raise PeriodError(
            f"Chưa có kỳ báo cáo “{code}”. Tạo kỳ bằng lệnh: tracu-desktop period add {code}"
        )
    return p


def list_periods(db: Database) -> list[Period]:
    rows = db.execute(f"SELECT {_COLS} FROM periods").fetchall()
    return sorted((_row_to_period(r) for r in rows), key=lambda p: sort_key(p.code))


def save_period(db: Database, period: Period) -> Period:
    """Insert or update (dates, name) a period."""
    with db.atomic():
        db.execute(
            f"INSERT INTO periods ({_COLS}, created_at) VALUES (?,?,?,?,?,?,?,?) "
            'ON CONFLICT(code) DO UPDATE SET start=excluded.start, "end"=excluded."end", name=excluded.name',
            [
                period.code,
                str(period.kind),
                period.year,
                period.index,
                period.start.isoformat(),
                period.end.isoformat(),
                nfc(period.name),
                _now(),
            ],
        )
    return period


def add_period(
    db: Database,
    code: str,
    start: date | None = None,
    end: date | None = None,
    name: str = "",
    *,
    exist_ok: bool = False,
) -> Period:
    """Create a period with the default cut-off dates unless ``start``/``end`` are given."""
    existing = get_period(db, code)
    if existing is not None and not exist_ok:
        raise PeriodError(f"Kỳ báo cáo “{existing.code}” đã có ({existing.label()}).")
    base = existing or default_period(code)
    return save_period(db, base.with_dates(start, end, name if name or existing is None else None))


def is_locked(db: Database, code: str) -> bool:
    row = db.execute("SELECT locked FROM periods WHERE code = ?", [code]).fetchone()
    return bool(row and row[0])


def set_locked(db: Database, code: str, locked: bool, reason: str = "") -> None:
    """Lock (chốt số liệu) or reopen a period; reopening requires a reason. Both are logged."""
    period = require_period(db, code)
    if not locked and not nfc(reason):
        raise PeriodError("Cần nêu lý do mở lại kỳ báo cáo đã chốt.")
    with db.atomic():
        db.execute("UPDATE periods SET locked = ? WHERE code = ?", [int(locked), period.code])
        db.execute(
            "INSERT INTO period_log (period, action, reason, at) VALUES (?,?,?,?)",
            [period.code, "lock" if locked else "unlock", nfc(reason), _now()],
        )


def ensure_unlocked(db: Database, codes: set[str]) -> None:
    for code in sorted(codes):
        if is_locked(db, code):
            p = require_period(db, code)
            raise PeriodLockedError(
                f"Kỳ báo cáo {p.label()} đã chốt số liệu; mở lại kỳ (kèm lý do) trước khi sửa."
            )
