"""Validation rules of forms 06 and 05a and the digitisation figures (domain guide §3–§4).

Rules run on plain mappings so they are testable without a database. Every issue
names the unit, the field and the printed column numbers in Vietnamese, and points at
one cell (``indicator``) the UI can jump to.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from tracu_desktop.core.indicators import FORM05A_INPUTS, FORM06_INPUTS, get_indicator, total
from tracu_desktop.core.vnformat import format_int

CellKey = tuple[str, str, str]  # (unit, field, indicator); field "" for per-unit indicators


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "Lỗi" if self is Severity.ERROR else "Cảnh báo"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    description: str
    columns: tuple[int, ...] = ()  # printed form columns involved
    form: str = ""


RULES: tuple[Rule, ...] = (
    Rule("nonnegative", Severity.ERROR, "Mọi số liệu là số nguyên không âm."),
    Rule("f06_balance", Severity.ERROR, "Biểu 06: (3) = (7) + (11).", (3, 7, 11), "06"),
    Rule(
        "f06_carryover",
        Severity.WARNING,
        "Biểu 06: số từ kỳ trước chuyển qua (6) bằng số đang giải quyết (11) của kỳ trước.",
        (6, 11),
        "06",
    ),
    Rule(
        "digitized_dossiers",
        Severity.ERROR,
        "Hồ sơ được số hóa ≤ hồ sơ mới tiếp nhận (4) + (5).",
        (4, 5),
    ),
    Rule(
        "digitized_results", Severity.ERROR, "Kết quả được số hóa ≤ hồ sơ đã giải quyết (7).", (7,)
    ),
    Rule("f05a_balance", Severity.ERROR, "Biểu 05a: (3) = (6) + (9).", (3, 6, 9), "05a"),
    Rule("f05a_published", Severity.ERROR, "Biểu 05a: (12) ≤ (6).", (12, 6), "05a"),
    Rule(
        "detail_online",
        Severity.ERROR,
        "Chi tiết: trực tuyến toàn trình + một phần + hình thức khác = (4).",
        (4,),
        "06",
    ),
    Rule("detail_postal", Severity.ERROR, "Chi tiết: qua bưu chính công ích ≤ (5).", (5,), "06"),
    Rule(
        "detail_late",
        Severity.ERROR,
        "Chi tiết: quá hạn đã có + chưa có văn bản xin lỗi = (10).",
        (10,),
        "06",
    ),
    Rule("detail_nonboundary", Severity.ERROR, "Chi tiết: phi địa giới ≤ (4) + (5).", (4, 5)),
    Rule("detail_reused", Severity.ERROR, "Chi tiết: có tái sử dụng ≤ (4) + (5).", (4, 5)),
    Rule("detail_results", Severity.ERROR, "Chi tiết: kết quả điện tử ≤ (7).", (7,)),
    Rule("detail_paid", Severity.ERROR, "Chi tiết: thanh toán trực tuyến ≤ hồ sơ có thu phí."),
)

# The optional detail against form 06: (rule, detail parts, "=" or "≤", form-06 side, its text).
DETAIL_CHECKS: tuple[tuple[str, tuple[str, ...], str, tuple[str, ...], str], ...] = (
    (
        "detail_online",
        ("received_online_full", "received_online_partial", "received_online_other"),
        "=",
        ("received_online",),
        "số mới tiếp nhận trực tuyến (4)",
    ),
    (
        "detail_postal",
        ("received_postal",),
        "≤",
        ("received_direct",),
        "số tiếp nhận trực tiếp, dịch vụ bưu chính (5)",
    ),
    (
        "detail_late",
        ("resolved_late_apology", "resolved_late_no_apology"),
        "=",
        ("resolved_late",),
        "số đã giải quyết quá hạn (10)",
    ),
    (
        "detail_nonboundary",
        ("received_nonboundary",),
        "≤",
        ("received_online", "received_direct"),
        "số hồ sơ mới tiếp nhận (4) + (5)",
    ),
    (
        "detail_reused",
        ("digitized_reused",),
        "≤",
        ("received_online", "received_direct"),
        "số hồ sơ mới tiếp nhận (4) + (5)",
    ),
    (
        "detail_results",
        ("results_electronic",),
        "≤",
        ("resolved_early", "resolved_on_time", "resolved_late"),
        "số đã giải quyết (7)",
    ),
    ("detail_paid", ("paid_online",), "≤", ("fee_dossiers",), "số hồ sơ có thu phí, lệ phí"),
)
DETAIL_INDICATORS = frozenset(code for _r, parts, _o, _s, _t in DETAIL_CHECKS for code in parts)
RULE_MAP = {r.code: r for r in RULES}


@dataclass(frozen=True)
class Issue:
    rule: str
    severity: Severity
    message: str
    unit: str
    field: str
    indicator: str  # the cell to select when the clerk jumps to the issue

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


@dataclass(frozen=True)
class Names:
    """Display names used in messages; unknown codes are shown as they are."""

    units: Mapping[str, str]
    fields: Mapping[str, str]

    def where(self, unit: str, field: str) -> str:
        u = self.units.get(unit, unit)
        return f"{u} — lĩnh vực {self.fields.get(field, field)}" if field else u


def _group(values: Mapping[CellKey, int]) -> dict[tuple[str, str], dict[str, int]]:
    grouped: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for (unit, field, indicator), v in values.items():
        grouped[(unit, field)][indicator] = v
    return grouped


def _detail_issues(unit: str, field: str, cells: Mapping[str, int], where: str) -> list[Issue]:
    """The optional detail columns checked against form 06 where they overlap."""
    out = []
    for rule, parts, op, side, side_text in DETAIL_CHECKS:
        present = [p for p in parts if p in cells]
        if not present:
            continue
        detail = sum(cells[p] for p in present)
        other = sum(cells.get(c, 0) for c in side)
        if (detail == other) if op == "=" else (detail <= other):
            continue
        labels = [_short_label(p).lower() for p in present]
        if len(present) > 1:
            shown = " + ".join(format_int(cells[p]) for p in present)
            what = f"{' + '.join(labels)} = {shown} = {format_int(detail)}"
        else:
            what = f"{labels[0]} = {format_int(detail)}"
        relation = "khác" if op == "=" else "lớn hơn"
        out.append(
            Issue(
                rule,
                Severity.ERROR,
                f"{where}: {what} {relation} {side_text} = {format_int(other)}.",
                unit,
                field,
                present[0],
            )
        )
    return out


def validate(
    values: Mapping[CellKey, int],
    names: Names,
    previous_pending: Mapping[tuple[str, str], int] | None = None,
) -> list[Issue]:
    """All issues of one period.

    ``previous_pending`` maps (unit, field) to pending (11) of the contiguous previous
    period, only for cells the previous period has data for; ``None`` skips the check.
    """
    issues: list[Issue] = []
    grouped = _group(values)
    f06 = set(FORM06_INPUTS)
    f05 = set(FORM05A_INPUTS)
    for (unit, field, indicator), v in values.items():
        if v < 0:
            issues.append(
                Issue(
                    "nonnegative",
                    Severity.ERROR,
                    f"{names.where(unit, field)}: giá trị âm ({format_int(v)}) ở chỉ tiêu {indicator}.",
                    unit,
                    field,
                    indicator,
                )
            )
    per_unit_new: dict[str, int] = defaultdict(int)
    per_unit_resolved: dict[str, int] = defaultdict(int)
    for (unit, field), cells in sorted(grouped.items()):
        where = names.where(unit, field)
        if f06 & cells.keys():
            received = total(cells, "received_total")
            resolved = total(cells, "resolved_total")
            pending = total(cells, "pending_total")
            per_unit_new[unit] += cells.get("received_online", 0) + cells.get("received_direct", 0)
            per_unit_resolved[unit] += resolved
            if received != resolved + pending:
                issues.append(
                    Issue(
                        "f06_balance",
                        Severity.ERROR,
                        f"{where}: tổng số hồ sơ nhận giải quyết (3) = {format_int(received)} "
                        f"khác số đã giải quyết (7) + đang giải quyết (11) = {format_int(resolved)} + "
                        f"{format_int(pending)} = {format_int(resolved + pending)}.",
                        unit,
                        field,
                        "received_online",
                    )
                )
            if previous_pending is not None and (unit, field) in previous_pending:
                prev = previous_pending[(unit, field)]
                carried = cells.get("carried_over", 0)
                if carried != prev:
                    issues.append(
                        Issue(
                            "f06_carryover",
                            Severity.WARNING,
                            f"{where}: số từ kỳ trước chuyển qua (6) = {format_int(carried)} khác số "
                            f"đang giải quyết (11) của kỳ trước = {format_int(prev)}.",
                            unit,
                            field,
                            "carried_over",
                        )
                    )
        if f05 & cells.keys():
            received = total(cells, "pakn_received_total")
            done = total(cells, "pakn_done_total")
            pending = total(cells, "pakn_pending_total")
            if received != done + pending:
                issues.append(
                    Issue(
                        "f05a_balance",
                        Severity.ERROR,
                        f"{where}: số PAKN tiếp nhận (3) = {format_int(received)} khác số đã xử lý (6) + "
                        f"đang xử lý (9) = {format_int(done)} + {format_int(pending)} = "
                        f"{format_int(done + pending)}.",
                        unit,
                        field,
                        "pakn_received_conduct",
                    )
                )
            published = cells.get("pakn_published", 0)
            if published > done:
                issues.append(
                    Issue(
                        "f05a_published",
                        Severity.ERROR,
                        f"{where}: số PAKN đã xử lý được đăng tải công khai (12) = {format_int(published)} "
                        f"lớn hơn số PAKN đã xử lý (6) = {format_int(done)}.",
                        unit,
                        field,
                        "pakn_published",
                    )
                )
        if DETAIL_INDICATORS & cells.keys():
            issues += _detail_issues(unit, field, cells, where)
    for (unit, field), cells in grouped.items():
        if field:
            continue
        where = names.where(unit, "")
        if "digitized_dossiers" in cells and cells["digitized_dossiers"] > per_unit_new[unit]:
            issues.append(
                Issue(
                    "digitized_dossiers",
                    Severity.ERROR,
                    f"{where}: số hồ sơ được số hóa = {format_int(cells['digitized_dossiers'])} lớn hơn "
                    f"số hồ sơ mới tiếp nhận (4) + (5) = {format_int(per_unit_new[unit])}.",
                    unit,
                    "",
                    "digitized_dossiers",
                )
            )
        if "digitized_results" in cells and cells["digitized_results"] > per_unit_resolved[unit]:
            issues.append(
                Issue(
                    "digitized_results",
                    Severity.ERROR,
                    f"{where}: số kết quả giải quyết được số hóa = {format_int(cells['digitized_results'])} "
                    f"lớn hơn số hồ sơ đã giải quyết (7) = {format_int(per_unit_resolved[unit])}.",
                    unit,
                    "",
                    "digitized_results",
                )
            )
    issues.sort(key=lambda i: (i.severity is not Severity.ERROR, i.unit, i.field, i.rule))
    return issues


def _short_label(code: str) -> str:
    """The indicator's short caption, or its code when the catalog does not know it."""
    indicator = get_indicator(code)
    return indicator.short if indicator is not None else code
