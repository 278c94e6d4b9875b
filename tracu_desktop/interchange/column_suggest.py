"""First guesses of what an export's columns mean, offered in the mapping dialog.

Guesses only: nothing is imported through them until the clerk confirms a profile. A
column gets at most one form-06 indicator (where several sources add up, such as the
three online modes into (4), each gets the same one, so they are summed) and at most one
detail indicator. Totals and unknown columns are suggested as "ignore".
"""

from __future__ import annotations

from tracu_desktop.core.textnorm import loose_key
from tracu_desktop.interchange.header_grid import HeaderGrid, SourceColumn
from tracu_desktop.interchange.import_profile import EARLY_OR_ON_TIME, IGNORE

_RECEIVED = ("nhan giai quyet", "tiep nhan", "so ho so nhan", "nhan moi")
_RESOLVED = ("da giai quyet", "da xu ly", "hoan thanh")
_PENDING = ("dang giai quyet", "dang xu ly", "chua giai quyet")


def _group(path: list[str]) -> str:
    """The header group of a column; a one-row header names it in the caption itself."""
    for part in [*path[:-1], path[-1]]:
        if any(w in part for w in _PENDING):
            return "pending"
        if any(w in part for w in _RESOLVED):
            return "resolved"
        if any(w in part for w in _RECEIVED):
            return "received"
    if "giai quyet" in path[-1] or "xu ly" in path[-1]:
        return "resolved"
    return ""


def _received(leaf: str, whole: str) -> tuple[str | None, str | None]:
    if "ky truoc" in leaf:
        return "carried_over", None
    if "phi dia gioi" in leaf or "dia gioi" in leaf:
        return IGNORE, "received_nonboundary"  # counted again inside (4) or (5)
    if "toan trinh" in leaf:
        return "received_online", "received_online_full"
    if "mot phan" in leaf:
        return "received_online", "received_online_partial"
    if "truc tuyen" in whole and ("khac" in leaf or "con lai" in leaf):
        return "received_online", "received_online_other"
    if "buu chinh" in leaf or "bcci" in leaf:
        if "truc tiep" in leaf:
            return "received_direct", None
        return "received_direct", "received_postal"
    if "truc tuyen" in leaf:
        return "received_online", None
    if "truc tiep" in leaf:
        return "received_direct", None
    return None, None


def _resolved(leaf: str, whole: str) -> tuple[str | None, str | None]:
    early = "truoc han" in leaf
    on_time = "dung han" in leaf or (early and "dung" in leaf.split())
    if early and on_time:
        return EARLY_OR_ON_TIME, None
    if "xin loi" in leaf:
        if "chua" in leaf or "khong" in leaf:
            return "resolved_late", "resolved_late_no_apology"
        return "resolved_late", "resolved_late_apology"
    if early:
        return "resolved_early", None
    if on_time or "trong han" in leaf:
        return "resolved_on_time", None
    if "qua han" in leaf or "tre han" in leaf:
        return "resolved_late", None
    return None, None


def _pending(leaf: str) -> tuple[str | None, str | None]:
    if "trong han" in leaf or "chua den han" in leaf or "chua qua han" in leaf:
        return "pending_on_time", None
    if "qua han" in leaf:
        return "pending_overdue", None
    return None, None


def _other(leaf: str) -> str | None:
    if "thanh toan" in leaf and "truc tuyen" in leaf:
        return "paid_online"
    if "phi" in leaf and "le phi" in leaf:
        return "fee_dossiers"
    if "ket qua dien tu" in leaf or ("ket qua" in leaf and "dien tu" in leaf):
        return "results_electronic"
    if "tai su dung" in leaf:
        return "digitized_reused"
    if "so hoa" in leaf and "ket qua" in leaf:
        return "digitized_results"
    if "so hoa" in leaf:
        return "digitized_dossiers"
    return None


def suggest_column(column: SourceColumn) -> tuple[str, ...]:
    """Suggested targets of one column; ``(IGNORE,)`` when nothing fits."""
    path = [loose_key(p) for p in column.path]
    leaf, whole = path[-1], " / ".join(path)
    if leaf.startswith("tong") or leaf in ("cong", "trong do", "so luong") or "ty le" in leaf:
        return (IGNORE,)
    group = _group(path)
    if group == "received":
        main, detail = _received(leaf, whole)
    elif group == "resolved":
        main, detail = _resolved(leaf, whole)
    elif group == "pending":
        main, detail = _pending(leaf)
    else:
        main, detail = None, _other(leaf)
    out = tuple(t for t in (main, detail) if t and not (t == IGNORE and detail))
    return out or (IGNORE,)


def suggest(grid: HeaderGrid) -> dict[str, tuple[str, ...]]:
    return {c.key: suggest_column(c) for c in grid.columns}
