"""Time to produce the demo report: Word, PDF and the print package (report + 06b + 05a).

Run: python bench/bench_report.py  — prints the median of 5 runs per format, in ms.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracu_desktop.db.connection import open_database  # noqa: E402
from tracu_desktop.db.demo import create_demo  # noqa: E402
from tracu_desktop.export.report_export import export_report  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "demo.sqlite3")
        create_demo(db)
        for fmt, ext in (("docx", "docx"), ("pdf", "pdf"), ("package", "pdf")):
            times = []
            for i in range(5):
                start = time.perf_counter()
                path = export_report(db, "2023", fmt, Path(tmp) / f"r{i}.{ext}")
                times.append((time.perf_counter() - start) * 1000)
            size = path.stat().st_size // 1024
            print(
                f"{fmt:8s} median {statistics.median(times):6.0f} ms  (first {times[0]:.0f} ms, {size} KiB)"
            )
        db.close()


if __name__ == "__main__":
    main()
