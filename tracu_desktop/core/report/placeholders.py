"""Placeholders of the report texts: the figure context and its substitution.

A text says ``Số mới tiếp nhận trong kỳ: {received_new}`` and gets ``22.278``. Counts
are written the narrative way (``02``, ``22.278``), rates as ``69,85%``. Comparison
placeholders (``{received_new_vs_last_year}``) read "tăng 1.204 hồ sơ (5,71%) so với
cùng kỳ năm 2022"; they are *unavailable* when the earlier period has no such figure,
and an optional segment ``[[ … ]]`` holding an unavailable placeholder is left out
whole, so sentences stay grammatical. ``{{`` and ``}}`` print literal braces.
Unknown names raise :class:`UnknownPlaceholderError`; nothing is printed raw.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from tracu_desktop.core.entry_spec import derived_totals, fill_columns
from tracu_desktop.core.form_roles import PROCEDURES, form_of
from tracu_desktop.core.indicators import rate as percent_of
from tracu_desktop.core.models import Level, Organisation
from tracu_desktop.core.periods import Period
from tracu_desktop.core.rates import compute_rates
from tracu_desktop.core.vnformat import format_count2, format_decimal_vi, format_percent

# Marker for a placeholder whose figure does not exist (earlier period without data).
UNAVAILABLE = None


@dataclass(frozen=True)
class FigureSnapshot:
    """The stored figures of one period that the report uses (plain data, no database).

    ``totals`` sums every indicator over all units and fields; ``by_level`` per level;
    ``simplify_by_field`` and ``pakn_by_field`` are ``(field name, count)`` pairs in
    catalog order; ``present`` names the indicators that have any stored value.
    """

    totals: Mapping[str, int]
    by_level: Mapping[Level, Mapping[str, int]] = field(default_factory=dict)
    simplify_by_field: tuple[tuple[str, int], ...] = ()
    pakn_by_field: tuple[tuple[str, int], ...] = ()
    present: frozenset[str] = frozenset()

    def has(self, name: str) -> bool:
        """Whether the figure (or, for a derived total, any component) was stored."""
        totals = derived_totals()
        if name in totals:
            return any(p in self.present for p in totals[name])
        parts = _COMPOSED.get(name)
        if parts is not None:
            return any(p in self.present for p in parts)
        return name in self.present

    def count(self, name: str) -> int:
        parts = _COMPOSED.get(name)
        if parts is not None and name not in derived_totals():
            return sum(int(self.totals.get(p, 0) or 0) for p in parts)
        return int(self.totals.get(name, 0) or 0)

    def level_count(self, name: str, level: Level) -> int:
        return int(self.by_level.get(level, {}).get(name, 0) or 0)

    def rate(self, name: str) -> Decimal | None:
        detail = _DETAIL_RATES.get(name)
        if detail is not None:  # optional detail: no rate unless it was entered
            numerator, denominator = detail
            if not self.has(numerator):
                return None
            return percent_of(self.count(numerator), sum(self.count(d) for d in denominator))
        r = compute_rates(self.totals)
        return {
            "online_rate": r.online,
            "on_time_rate": r.on_time,
            "late_rate": r.late,
            "digitized_rate": r.digitized,
        }[name]


# Counts composed of stored indicators (beyond the form totals of the form specs).
_COMPOSED: dict[str, tuple[str, ...]] = {
    "received_new": ("received_online", "received_direct"),
    "resolved_early_on_time": ("resolved_early", "resolved_on_time"),
    "announced_total": ("announced_new", "announced_amended", "announced_abolished"),
    "managed_total": ("managed_central", "managed_provincial"),
    "authority_set_total": ("authority_set_central", "authority_set_provincial"),
    "dvc_total": ("dvc_full", "dvc_partial", "dvc_other"),
}
# Rates of the optional detail: (numerator, denominator parts).
_DETAIL_RATES: dict[str, tuple[str, tuple[str, ...]]] = {
    "online_full_rate": ("received_online_full", ("received_online", "received_direct")),
    "electronic_result_rate": (
        "results_electronic",
        ("resolved_early", "resolved_on_time", "resolved_late"),
    ),
    "online_payment_rate": ("paid_online", ("fee_dossiers",)),
}
_RATE_SOURCES: dict[str, tuple[str, ...]] = {
    **{name: (num,) for name, (num, _den) in _DETAIL_RATES.items()},
    "online_rate": ("received_online", "received_direct"),
    "on_time_rate": ("resolved_early", "resolved_on_time", "resolved_late"),
    "late_rate": ("resolved_early", "resolved_on_time", "resolved_late"),
    "digitized_rate": ("digitized_dossiers",),
}

# --- the catalogue of placeholders ---------------------------------------------------

TEXT_PLACEHOLDERS: dict[str, str] = {
    "org_name": "tên cơ quan (Ủy ban nhân dân huyện Trà Cú)",
    "superior": "cơ quan cấp trên (Ủy ban nhân dân tỉnh Trà Vinh)",
    "recipient": "nơi nhận báo cáo (Văn phòng Ủy ban nhân dân tỉnh)",
    "place": "địa danh (Trà Cú)",
    "period_label": "kỳ báo cáo đầy đủ (năm 2023 (từ ngày 01/01/2023 đến ngày 20/11/2023))",
    "period_name": "tên kỳ ngắn (năm 2023)",
    "period_range": "khoảng ngày của kỳ (từ ngày 01/01/2023 đến ngày 20/11/2023)",
    "year": "năm của kỳ báo cáo (2023)",
}

COUNT_PLACEHOLDERS: dict[str, str] = {
    "tthc_assessed": "I.1 — số TTHC đã được đánh giá tác động",
    "tthc_issued_assessed": "I.1 — số TTHC được ban hành đã được đánh giá tác động",
    "appraised_tthc": "I.2 — số TTHC được thẩm định, thẩm tra",
    "appraised_drafts": "I.2 — số dự thảo văn bản QPPL được thẩm định, thẩm tra",
    "announce_decisions": "I.3 — số quyết định công bố TTHC",
    "announce_legal_docs": "I.3 — số văn bản QPPL có quy định TTHC được công bố",
    "announced_total": "I.3 — tổng số TTHC được công bố (mới + sửa đổi + bãi bỏ)",
    "announced_new": "I.3 — số TTHC công bố mới",
    "announced_amended": "I.3 — số TTHC công bố sửa đổi, bổ sung",
    "announced_abolished": "I.3 — số TTHC công bố bãi bỏ",
    "tthc_published": "I.3 — số TTHC được công khai",
    "managed_total": "I.3 — số TTHC thuộc thẩm quyền quản lý, theo dõi",
    "managed_central": "I.3 — trong đó do Trung ương quy định",
    "managed_provincial": "I.3 — trong đó do tỉnh quy định",
    "authority_total": f"I.3 — số TTHC thuộc thẩm quyền giải quyết của địa phương (biểu {form_of(PROCEDURES)})",
    "authority_province": "I.3 — trong đó cấp tỉnh",
    "authority_district": "I.3 — trong đó cấp huyện",
    "authority_commune": "I.3 — trong đó cấp xã",
    "authority_set_total": "I.3 — thẩm quyền địa phương: Trung ương + tỉnh quy định",
    "authority_set_central": "I.3 — thẩm quyền địa phương do Trung ương quy định",
    "authority_set_provincial": "I.3 — thẩm quyền địa phương do tỉnh quy định",
    "simplify_proposed": "I.4 — số TTHC đề nghị cắt giảm, đơn giản hóa",
    "pakn_received_total": "I.5 — số PAKN đã tiếp nhận",
    "pakn_received_conduct": "I.5 — PAKN về hành vi hành chính",
    "pakn_received_regulation": "I.5 — PAKN về quy định hành chính",
    "pakn_done_total": "I.5 — số PAKN đã xử lý",
    "pakn_pending_total": "I.5 — số PAKN đang xử lý",
    "pakn_published": "I.5 — số PAKN đã xử lý được công khai",
    "received_total": "I.6 — tổng số hồ sơ tiếp nhận {col:received_total}",
    "received_new": "I.6 — số mới tiếp nhận {col:received_online}+{col:received_direct}",
    "received_online": "I.6 — số mới tiếp nhận trực tuyến {col:received_online}",
    "received_direct": "I.6 — số mới tiếp nhận trực tiếp, bưu chính {col:received_direct}",
    "carried_over": "I.6 — số từ kỳ trước chuyển qua {col:carried_over}",
    "resolved_total": "I.6 — số hồ sơ đã giải quyết {col:resolved_total}",
    "resolved_early_on_time": "I.6 — giải quyết trước hạn và đúng hạn {col:resolved_early}+{col:resolved_on_time}",
    "resolved_early": "I.6 — giải quyết trước hạn {col:resolved_early}",
    "resolved_on_time": "I.6 — giải quyết đúng hạn {col:resolved_on_time}",
    "resolved_late": "I.6 — giải quyết quá hạn {col:resolved_late}",
    "pending_total": "I.6 — số hồ sơ đang giải quyết {col:pending_total}",
    "pending_on_time": "I.6 — đang giải quyết trong hạn {col:pending_on_time}",
    "pending_overdue": "I.6 — đang giải quyết quá hạn {col:pending_overdue}",
    "digitized_dossiers": "I.8 — số hồ sơ được số hóa",
    "digitized_results": "I.8 — số kết quả giải quyết được số hóa",
    "portal_integrated_period": "I.8 — số TTHC tích hợp lên Cổng DVC trong kỳ",
    "portal_integrated_total": "I.8 — tổng số TTHC đã tích hợp lên Cổng DVC",
    "dvc_total": "I.8 — tổng số dịch vụ công trực tuyến",
    "dvc_full": "I.8 — DVC trực tuyến toàn trình",
    "dvc_full_province": "I.8 — DVC toàn trình cấp tỉnh",
    "dvc_full_district": "I.8 — DVC toàn trình cấp huyện",
    "dvc_full_commune": "I.8 — DVC toàn trình cấp xã",
    "dvc_partial": "I.8 — DVC trực tuyến một phần",
    "dvc_partial_province": "I.8 — DVC một phần cấp tỉnh",
    "dvc_partial_district": "I.8 — DVC một phần cấp huyện",
    "dvc_partial_commune": "I.8 — DVC một phần cấp xã",
    "dvc_other": "I.8 — DVC phần còn lại",
    "dvc_other_province": "I.8 — DVC phần còn lại cấp tỉnh",
    "dvc_other_district": "I.8 — DVC phần còn lại cấp huyện",
    "dvc_other_commune": "I.8 — DVC phần còn lại cấp xã",
}

RATE_PLACEHOLDERS: dict[str, str] = {
    "online_rate": "I.6 — tỷ lệ tiếp nhận trực tuyến (69,85%)",
    "on_time_rate": "I.6 — tỷ lệ giải quyết trước hạn và đúng hạn",
    "late_rate": "I.6 — tỷ lệ giải quyết quá hạn",
    "digitized_rate": "I.8 — tỷ lệ số hóa hồ sơ (số hóa / số mới tiếp nhận)",
    "online_full_rate": "chi tiết — tỷ lệ trực tuyến toàn trình (toàn trình / số mới tiếp nhận)",
    "electronic_result_rate": "chi tiết — tỷ lệ trả kết quả điện tử (kết quả điện tử / {col:resolved_total})",
    "online_payment_rate": "chi tiết — tỷ lệ thanh toán trực tuyến (đã thanh toán / có thu phí)",
}

# Optional detail of form 06: printed only where it was entered (else the [[…]] drops).
DETAIL_COUNT_PLACEHOLDERS: dict[str, str] = {
    "received_online_full": "chi tiết — tiếp nhận trực tuyến toàn trình",
    "received_online_partial": "chi tiết — tiếp nhận trực tuyến một phần",
    "received_online_other": "chi tiết — tiếp nhận trực tuyến hình thức khác",
    "received_postal": "chi tiết — tiếp nhận qua bưu chính công ích",
    "received_nonboundary": "chi tiết — tiếp nhận không phụ thuộc địa giới hành chính",
    "resolved_late_apology": "chi tiết — quá hạn, đã có văn bản xin lỗi",
    "resolved_late_no_apology": "chi tiết — quá hạn, chưa có văn bản xin lỗi",
    "fee_dossiers": "chi tiết — hồ sơ có phí, lệ phí",
    "paid_online": "chi tiết — hồ sơ đã thanh toán trực tuyến",
    "results_electronic": "chi tiết — hồ sơ được trả kết quả điện tử",
    "digitized_reused": "chi tiết — hồ sơ có tái sử dụng dữ liệu số hóa",
}

LIST_PLACEHOLDERS: dict[str, str] = {
    "simplify_by_field": "I.4 — đề nghị cắt giảm theo lĩnh vực (02 TTHC lĩnh vực …; …)",
    "pakn_by_field": "I.5 — PAKN theo lĩnh vực (Hộ tịch: 01; Đất đai: 02)",
}

# Dossier counts and rates that can be compared with earlier periods.
COMPARABLE_COUNTS = (
    "received_total",
    "received_new",
    "received_online",
    "received_direct",
    "resolved_total",
    "resolved_early_on_time",
    "resolved_late",
    "pending_total",
    "digitized_dossiers",
)
COMPARABLE_RATES = tuple(RATE_PLACEHOLDERS)
COMPARISONS = {"prev": "kỳ trước", "last_year": "cùng kỳ năm trước"}
# Rates judged against a target of the ``targets`` setting (key → rate placeholder).
ASSESSED_RATES = {"online": "online_rate", "on_time": "on_time_rate", "digitized": "digitized_rate"}
ASSESSMENT_SUFFIX = "_assessment"


def optional_phrases() -> dict[str, str]:
    """Placeholders the clerk may turn off (assessments and comparisons), with a label."""
    out: dict[str, str] = {}
    for rate in ASSESSED_RATES.values():
        out[rate + ASSESSMENT_SUFFIX] = f"đánh giá {rate} theo chỉ tiêu (đạt / chưa đạt chỉ tiêu)"
    for name in (*COMPARABLE_COUNTS, *COMPARABLE_RATES):
        for suffix, label in COMPARISONS.items():
            out[f"{name}_vs_{suffix}"] = f"so sánh {name} với {label}"
    return out


def placeholder_catalog() -> dict[str, str]:
    """Every placeholder name with a short Vietnamese description (for help and docs);
    ``{col:KEY}`` in a description is the printed column of the newest form spec."""
    out: dict[str, str] = {}
    out.update(TEXT_PLACEHOLDERS)
    out.update(COUNT_PLACEHOLDERS)
    out.update(RATE_PLACEHOLDERS)
    out.update(DETAIL_COUNT_PLACEHOLDERS)
    out.update(LIST_PLACEHOLDERS)
    out.update(optional_phrases())
    return {name: fill_columns(text) for name, text in out.items()}


# --- comparisons -----------------------------------------------------------------------


def compare_count(
    current: int, earlier: int | None, against: str, unit: str = "hồ sơ"
) -> str | None:
    """``tăng 1.204 hồ sơ (5,71%) so với cùng kỳ năm 2022`` (every rate with two decimals);
    ``None`` without an earlier figure."""
    if earlier is None:
        return UNAVAILABLE
    diff = current - earlier
    if diff == 0:
        return f"không thay đổi so với {against}"
    word = "tăng" if diff > 0 else "giảm"
    pct = ""
    if earlier:
        pct = f" ({format_decimal_vi(Decimal(abs(diff)) * 100 / Decimal(earlier), 2)}%)"
    return f"{word} {format_count2(abs(diff))} {unit}{pct} so với {against}"


def compare_rate(current: Decimal | None, earlier: Decimal | None, against: str) -> str | None:
    """``tăng 3,25 điểm phần trăm so với kỳ trước``; ``None`` when either rate is undefined."""
    if current is None or earlier is None:
        return UNAVAILABLE
    diff = current - earlier
    if diff == 0:
        return f"không thay đổi so với {against}"
    word = "tăng" if diff > 0 else "giảm"
    return f"{word} {format_decimal_vi(abs(diff), 2)} điểm phần trăm so với {against}"


def assess_rate(current: Decimal | None, target: Decimal | None) -> str | None:
    """``đạt chỉ tiêu 80%`` / ``chưa đạt chỉ tiêu 80%``; ``None`` without a target or rate,
    so the sentence never praises or blames a figure nobody set a goal for."""
    if current is None or target is None:
        return UNAVAILABLE
    places = 0 if target == target.to_integral_value() else 2
    goal = format_percent(target, places)
    return f"đạt chỉ tiêu {goal}" if current >= target else f"chưa đạt chỉ tiêu {goal}"


@dataclass(frozen=True)
class Earlier:
    """An earlier period to compare with: how the text names it, and its figures (if any)."""

    against: str  # "cùng kỳ năm 2022", "Quý I năm 2024"
    figures: FigureSnapshot | None


def _level_split(snapshot: FigureSnapshot, name: str) -> tuple[int, int, int]:
    """Province, district and commune parts of a count (a two-tier body has no district)."""
    return (
        snapshot.level_count(name, Level.PROVINCE),
        snapshot.level_count(name, Level.DISTRICT),
        snapshot.level_count(name, Level.COMMUNE),
    )


def _by_field_text(items: Iterable[tuple[str, int]], pattern: str) -> str:
    parts = [pattern.format(n=format_count2(n), name=name) for name, n in items if n]
    return "; ".join(parts) if parts else "không có"


def build_context(
    period: Period,
    org: Organisation,
    current: FigureSnapshot,
    previous: Earlier | None = None,
    last_year: Earlier | None = None,
    targets: Mapping[str, Decimal] | None = None,
    off: Iterable[str] = (),
) -> dict[str, str | None]:
    """All placeholder values as text (``None`` = unavailable comparison or assessment).

    ``targets`` maps ``online`` / ``on_time`` / ``digitized`` to a target rate (0–100);
    ``off`` names optional phrases (:func:`optional_phrases`) the clerk turned off.
    A comparison needs the figure in both periods."""
    ctx: dict[str, str | None] = {
        "org_name": org.name,
        "superior": org.superior,
        "recipient": org.recipient,
        "place": org.place,
        "period_label": period.label(),
        "period_name": period.base_label(),
        "period_range": period.range_text().strip("()").replace("Từ", "từ", 1),
        "year": str(period.year),
    }
    for name in COUNT_PLACEHOLDERS:
        if name.endswith(("_province", "_district", "_commune")) or name == "authority_total":
            continue
        ctx[name] = format_count2(current.count(name))
    province, district, commune = _level_split(current, "tthc_authority")
    ctx["authority_province"] = format_count2(province)
    ctx["authority_district"] = format_count2(district)
    ctx["authority_commune"] = format_count2(commune)
    ctx["authority_total"] = format_count2(province + district + commune)
    for name in ("dvc_full", "dvc_partial", "dvc_other"):
        p, d, c = _level_split(current, name)
        ctx[f"{name}_province"] = format_count2(p)
        ctx[f"{name}_district"] = format_count2(d)
        ctx[f"{name}_commune"] = format_count2(c)
    for name in DETAIL_COUNT_PLACEHOLDERS:
        ctx[name] = format_count2(current.count(name)) if current.has(name) else UNAVAILABLE
    for name in RATE_PLACEHOLDERS:
        value = current.rate(name)
        ctx[name] = (
            UNAVAILABLE if value is None and name in _DETAIL_RATES else format_percent(value)
        )
    ctx["simplify_by_field"] = _by_field_text(current.simplify_by_field, "{n} TTHC lĩnh vực {name}")
    ctx["pakn_by_field"] = _by_field_text(current.pakn_by_field, "{name}: {n}")

    for suffix, earlier in (("prev", previous), ("last_year", last_year)):
        snap = earlier.figures if earlier is not None else None
        against = earlier.against if earlier is not None else ""
        for name in COMPARABLE_COUNTS:
            both = snap is not None and snap.has(name) and current.has(name)
            old = snap.count(name) if both and snap is not None else None
            ctx[f"{name}_vs_{suffix}"] = compare_count(current.count(name), old, against)
        for name in COMPARABLE_RATES:
            sources = _RATE_SOURCES[name]
            usable = snap is not None and any(snap.has(p) for p in sources)
            usable = usable and any(current.has(p) for p in sources)
            old_rate = snap.rate(name) if usable and snap is not None else None
            ctx[f"{name}_vs_{suffix}"] = compare_rate(current.rate(name), old_rate, against)
    goals = targets or {}
    for key, name in ASSESSED_RATES.items():
        ctx[name + ASSESSMENT_SUFFIX] = assess_rate(current.rate(name), goals.get(key))
    for name in off:
        if name in ctx and name in optional_phrases():
            ctx[name] = UNAVAILABLE
    return ctx


# --- substitution --------------------------------------------------------------------

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
_OPTIONAL = re.compile(r"\[\[(.*?)\]\]", re.S)


class UnknownPlaceholderError(ValueError):
    """Texts name placeholders that do not exist; ``names`` maps where → unknown names."""

    def __init__(self, names: Mapping[str, list[str]]):
        self.names = {k: list(v) for k, v in names.items()}
        parts = [
            f"{where}: " + ", ".join("{" + n + "}" for n in unknown)
            for where, unknown in self.names.items()
        ]
        super().__init__(
            "Văn bản báo cáo có trường số liệu không tồn tại — "
            + "; ".join(parts)
            + ". Xem danh sách trường bằng lệnh: tracu-desktop report-text --placeholders"
        )


def find_placeholders(text: str) -> list[str]:
    """Names used in ``text`` in order of appearance (escaped braces excluded)."""
    return [m.group(1) for m in _TOKEN.finditer(text) if m.group(1) is not None]


def unknown_placeholders(text: str, known: Iterable[str] | None = None) -> list[str]:
    names = set(known) if known is not None else set(placeholder_catalog())
    seen: list[str] = []
    for name in find_placeholders(text):
        if name.strip() not in names and name not in seen:
            seen.append(name)
    return seen


def _substitute(text: str, context: Mapping[str, str | None]) -> tuple[str, bool]:
    """Replace tokens; returns the text and whether every placeholder was available."""
    complete = True

    def repl(m: re.Match[str]) -> str:
        nonlocal complete
        token = m.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        value = context[m.group(1).strip()]
        if value is None:
            complete = False
            return ""
        return value

    return _TOKEN.sub(repl, text), complete


def render_text(text: str, context: Mapping[str, str | None], where: str = "văn bản") -> str:
    """Substitute placeholders; optional ``[[…]]`` segments vanish if one is unavailable.

    Raises :class:`UnknownPlaceholderError` naming ``where`` and each unknown name.
    """
    unknown = unknown_placeholders(text, context.keys())
    if unknown:
        raise UnknownPlaceholderError({where: unknown})

    def optional(m: re.Match[str]) -> str:
        body, complete = _substitute(m.group(1), context)
        return body if complete else ""

    text = _OPTIONAL.sub(optional, text)
    return _substitute(text, context)[0]
