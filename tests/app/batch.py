"""A batch of one-stop workbooks, one per commune, as a district collects them."""

from __future__ import annotations

from pathlib import Path

from tests.interchange.workbooks import build_onestop_06b
from tracu_desktop.core.models import Level, Unit, UnitKind
from tracu_desktop.db.catalog import save_unit


def commune_workbooks(db, folder: Path, count: int) -> list[Path]:
    """``count`` new communes under the district, and one 06b workbook from each,
    naming its commune in the title (“Đơn vị báo cáo: …”) and with its own figures."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(1, count + 1):
        name = f"Xã Thử Nghiệm {n}"
        save_unit(db, Unit(f"XA_{n:03d}", name, Level.COMMUNE, UnitKind.COMMUNE, sort=900 + n))
        rows = [("Chứng thực", 100 + n, 10, 0, 90 + n, 15, 5, 0, 0)]  # balanced
        title = f"Đơn vị báo cáo: {name}"  # in place of the province line above the table

        def encode(text: str, title: str = title) -> str:
            return title if text == "UBND TỈNH TRÀ VINH" else text

        paths.append(
            build_onestop_06b(
                folder / f"xa_{n:03d}.xlsx", district_rows=[], commune_rows=rows, encode=encode
            )
        )
    return paths
