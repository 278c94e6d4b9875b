"""Invented, plausible form-06 figures for the sample databases of the two-tier shapes.

Deterministic (seeded by unit, field and period), so a rebuilt sample database prints the
same pages. These are sample figures, never real ones: the builders label every period
"số liệu mẫu".
"""

from __future__ import annotations

import random

SAMPLE_MARK = "số liệu mẫu"
SAMPLE_NOTE = "Số liệu mẫu, không phải số liệu thật"

# Commune-level fields of the two-tier model (both former levels' fields, each name once):
# (name, relative weight of dossiers).
COMMUNE_FIELDS: tuple[tuple[str, int], ...] = (
    ("Chứng thực", 300),
    ("Hộ tịch", 210),
    ("Đất đai", 120),
    ("Thành lập và hoạt động của hộ kinh doanh", 60),
    ("Bảo trợ xã hội", 45),
    ("Hoạt động xây dựng", 25),
    ("Người có công", 12),
    ("Giáo dục và Đào tạo", 10),
    ("Nông nghiệp", 8),
    ("Nghĩa vụ quân sự", 4),
)
# Province departments (a sample list: the office imports its own) and their fields.
DEPARTMENTS: tuple[tuple[str, str], ...] = (
    ("S_TP", "Sở Tư pháp"),
    ("S_NV", "Sở Nội vụ"),
    ("S_TC", "Sở Tài chính"),
    ("S_XD", "Sở Xây dựng"),
    ("S_NNMT", "Sở Nông nghiệp và Môi trường"),
    ("S_YT", "Sở Y tế"),
    ("S_GDDT", "Sở Giáo dục và Đào tạo"),
    ("S_VHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
)
PROVINCE_FIELDS: tuple[tuple[str, str, int], ...] = (
    ("Lý lịch tư pháp", "S_TP", 90),
    ("Công chứng", "S_TP", 30),
    ("Thi đua - khen thưởng", "S_NV", 10),
    ("Đầu tư", "S_TC", 25),
    ("Thành lập và hoạt động của doanh nghiệp", "S_TC", 120),
    ("Hoạt động xây dựng", "S_XD", 40),
    ("Đất đai", "S_NNMT", 80),
    ("Môi trường", "S_NNMT", 15),
    ("Dược phẩm", "S_YT", 35),
    ("Khám bệnh, chữa bệnh", "S_YT", 20),
    ("Giáo dục và Đào tạo", "S_GDDT", 18),
    ("Văn hóa", "S_VHTTDL", 9),
)


def cell_figures(
    unit: str, field: str, period: str, weight: int, carried: int = 0
) -> dict[str, int]:
    """The eight form-06 inputs of one unit, field and quarter; (3) = (7) + (11) holds and
    ``carried`` (the previous quarter's pending dossiers) comes in as (6)."""
    rng = random.Random(f"{unit}|{field}|{period}")
    unit_rng = random.Random(unit)  # a unit keeps its habits from quarter to quarter
    online_share = unit_rng.uniform(0.45, 0.95)  # communes differ, so the ranking does
    late_share = unit_rng.uniform(0.0, 0.05)
    size = unit_rng.uniform(0.6, 1.4)
    early_share = unit_rng.uniform(0.3, 0.7)
    pending_share = unit_rng.uniform(0.005, 0.03)
    new = max(0, round(weight * size * rng.uniform(0.85, 1.15)))
    online = round(new * min(1.0, online_share * rng.uniform(0.95, 1.05)))
    total = new + carried
    late = round(total * late_share * rng.uniform(0.5, 1.5))
    pending = round(total * pending_share * rng.uniform(0.9, 1.1))
    late = min(late, total - pending)
    done = total - late - pending
    early = min(done, round(done * early_share * rng.uniform(0.95, 1.05)))
    return {
        "received_online": online,
        "received_direct": new - online,
        "carried_over": carried,
        "resolved_early": early,
        "resolved_on_time": total - late - pending - early,
        "resolved_late": late,
        "pending_on_time": pending,
        "pending_overdue": 0,
    }


def digitized(unit: str, period: str, new_total: int) -> int:
    """Dossiers digitised of a unit's ``new_total`` new dossiers (at most all of them)."""
    share = random.Random(f"{unit}|{period}|digitized").uniform(0.55, 1.0)
    return min(new_total, round(new_total * share))
