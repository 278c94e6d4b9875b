"""Registry of the main window's pages, created lazily on first display.

Each entry names a module and a class taking ``(ctx: AppContext, parent=None)``; the
module is imported only when the clerk opens the page, so start-up stays fast.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from tracu_desktop.core.form_roles import DOSSIERS, FEEDBACK, PROCEDURES, form_of


@dataclass(frozen=True)
class PageSpec:
    key: str
    label: str
    module: str
    cls: str

    def load(self) -> type:
        return getattr(importlib.import_module(self.module), self.cls)


_FIG = "tracu_desktop.ui.figure_page"
PAGES: tuple[PageSpec, ...] = (
    PageSpec("general", "Thông tin chung", "tracu_desktop.ui.settings_page", "SettingsPage"),
    PageSpec("s1", "1. Đánh giá tác động", _FIG, "Section1Page"),
    PageSpec("s2", "2. Thẩm định, thẩm tra", _FIG, "Section2Page"),
    PageSpec("s3", "3. Công bố, công khai", _FIG, "Section3Page"),
    PageSpec("f07b", f"3b. Số lượng TTHC ({form_of(PROCEDURES)})", _FIG, "Form07bPage"),
    PageSpec("s4", "4. Rà soát, đơn giản hóa", _FIG, "Section4Page"),
    PageSpec("f05a", "5. Phản ánh, kiến nghị", _FIG, "Form05aPage"),
    PageSpec("f06", "6. Giải quyết TTHC", _FIG, "Form06Page"),
    PageSpec("s8", "8. Môi trường điện tử", _FIG, "Section8Page"),
    PageSpec("report", "Báo cáo", "tracu_desktop.ui.report_page", "ReportPage"),
    PageSpec("forms", "Biểu mẫu", "tracu_desktop.ui.report_page", "FormsPage"),
    PageSpec(
        "completeness",
        "Tiến độ gửi báo cáo",
        "tracu_desktop.ui.completeness_page",
        "CompletenessPage",
    ),
    PageSpec("dashboard", "Tổng quan", "tracu_desktop.ui.dashboard", "DashboardPage"),
    PageSpec(
        "service_index",
        "Chỉ số phục vụ",
        "tracu_desktop.ui.service_index_page",
        "ServiceIndexPage",
    ),
)

# Which page holds the cells of an indicator's form (the catalog's `form`), for jumping
# from the validation panel. Page keys name pages of the window; the form codes come from
# resources/catalogs/form_roles.toml.
FORM_PAGES = {
    form_of(DOSSIERS): "f06",
    form_of(FEEDBACK): "f05a",
    "s1": "s1",
    "s2": "s2",
    "s3": "s3",
    "s4": "s4",
    "s8": "s8",
    form_of(PROCEDURES): "f07b",
}


def all_pages() -> tuple[PageSpec, ...]:
    return PAGES
