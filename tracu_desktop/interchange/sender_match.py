"""Which unit of this database sent a package: by its code, else by its name.

A province receives packages from many communes whose names repeat across the country
and, after 1/7/2025, even inside one database (a new "Xã Tập Sơn" beside the former one).
So a sender is matched only among the units in force during the package's period, by the
sender's own unit code first, then by its exact name; anything else is refused with the
list of candidates, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracu_desktop.core.models import Unit, UnitKind
from tracu_desktop.core.textnorm import loose_key, match_key, nfc, suggest

RECEIVING_KINDS = (UnitKind.DISTRICT, UnitKind.COMMUNE, UnitKind.OFFICE)
# "Ủy ban nhân dân xã Tập Sơn" is stored in a province's catalog as "Xã Tập Sơn".
AUTHORITY_PREFIXES = ("ủy ban nhân dân ", "uỷ ban nhân dân ", "ubnd ")


@dataclass(frozen=True)
class SenderMatch:
    """The unit that receives the figures, or the candidates when none is certain."""

    unit: Unit | None
    candidates: tuple[Unit, ...] = ()
    ambiguous: bool = False  # several units carry the sender's name


def without_authority(name: str) -> str:
    """ "Ủy ban nhân dân xã Tập Sơn" → "xã Tập Sơn" (other names unchanged)."""
    text = nfc(name)
    key = match_key(text)
    for prefix in AUTHORITY_PREFIXES:
        if key.startswith(prefix):
            return text[len(prefix) :].strip()
    return text


def find_sender(
    units: dict[str, Unit],
    sender: dict,
    organisation: dict,
    start: date | None = None,
    end: date | None = None,
) -> SenderMatch:
    """Match a package's sender (``sender`` = its code and name, ``organisation`` = its
    organisation record) against ``units``, keeping those in force in ``start``..``end``."""
    pool = [
        u
        for u in units.values()
        if u.kind in RECEIVING_KINDS and (start is None or end is None or u.in_force(start, end))
    ]
    code = str(sender.get("code") or "").strip()
    if code:
        by_code = [u for u in pool if u.code == code]
        if by_code:
            return SenderMatch(by_code[0])
    names = [str(organisation.get("name") or ""), str(sender.get("name") or "")]
    keys = {match_key(t) for n in names if n for t in (n, without_authority(n))}
    exact = [u for u in pool if match_key(u.name) in keys]
    if len(exact) == 1:
        return SenderMatch(exact[0])
    if exact:
        return SenderMatch(None, tuple(exact), ambiguous=True)
    short = loose_key(str(organisation.get("short_name") or ""))
    if short:
        ends = [u for u in pool if loose_key(u.name).endswith(" " + short)]
        if len(ends) == 1:
            return SenderMatch(ends[0])
        if ends:
            return SenderMatch(None, tuple(ends), ambiguous=True)
    wanted = next((without_authority(n) for n in names if n), "")
    close = suggest(wanted, [u.name for u in pool], limit=5) if wanted else []
    by_name = {u.name: u for u in pool}
    return SenderMatch(None, tuple(by_name[n] for n in close if n in by_name))


def sender_problem(match: SenderMatch, sender_name: str, code: str = "") -> str:
    """The Vietnamese refusal for an unmatched sender, naming the candidates."""
    listed = "; ".join(f"{u.name} (mã {u.code})" for u in match.candidates)
    if match.ambiguous:
        who = f"“{sender_name}” (bên gửi gói" + (f", mã {code})" if code else ")")
        return (
            f"Không xác định được đơn vị {who}: có {len(match.candidates)} đơn vị "
            f"phù hợp: {listed}. Hãy chọn đơn vị nhận (tùy chọn --unit) hoặc sửa danh mục "
            "đơn vị; không nhập gói nào."
        )
    in_package = f" (mã trong gói: {code})" if code else ""
    hint = f" Gần giống: {listed}." if listed else ""
    return (
        f"Không tìm thấy đơn vị “{sender_name}” (bên gửi gói) trong danh mục đơn vị"
        f"{in_package}.{hint} Hãy thêm đơn vị (tracu-desktop units) hoặc chọn đơn vị nhận "
        "(tùy chọn --unit); không nhập gói nào."
    )
