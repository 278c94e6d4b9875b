"""Peak memory and time for the worst files under the readers' caps.

Builds a workbook of ~0,3 MB zipped that unpacks to ~190 MB (190.000 shared strings,
5.000 × 38 cells, the rest padding) and a package whose four documents unpack to
45 MB each, reads each in a fresh process and prints that process's peak resident
memory and the time. Target: ≤ 300 MB peak for each.
Run: python bench/bench_hostile.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.hostile_files import build_package, build_workbook  # noqa: E402

TARGET_MB = 300


def _measure(kind: str, path: Path) -> tuple[float, float, str]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "tools.hostile_files", "peak", kind, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - start
    peak, outcome = proc.stdout.splitlines()[:2]
    return float(peak), seconds, outcome


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = [
            ("workbook", build_workbook(Path(tmp) / "worst.xlsx")),
            ("package", build_package(Path(tmp) / "worst.tracu.zip")),
        ]
        worst = 0.0
        for kind, path in files:
            with zipfile.ZipFile(path) as zf:
                unpacked = sum(i.file_size for i in zf.infolist())
            peak, seconds, outcome = _measure(kind, path)
            worst = max(worst, peak)
            print(
                f"{kind}: {path.stat().st_size / 1e6:.2f} MB zipped, {unpacked / 1e6:.0f} MB "
                f"unpacked -> peak {peak:.0f} MB, {seconds:.1f} s ({outcome})"
            )
        verdict = "OK" if worst <= TARGET_MB else "OVER"
        print(f"worst peak {worst:.0f} MB (target <= {TARGET_MB} MB): {verdict}")


if __name__ == "__main__":
    main()
