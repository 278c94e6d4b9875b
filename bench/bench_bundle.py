"""Build the Windows-style one-folder bundle with installer.spec and run it frozen.

Prints the build time, the bundle size (target < 180 MB) and the result of each
frozen command (demo, summary, validate, backup, export/report when available).
Usage: ``python bench/bench_bundle.py [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.bundle_check import SIZE_LIMIT_MB, build_and_check  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--keep", type=Path, help="build here and keep the result")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="tracu-bundle-"))
    try:
        rep = build_and_check(work)
        print(f"build: {rep.build_seconds:.1f} s")
        failed = 0
        for run in rep.runs:
            status = "ok" if run.returncode == 0 else f"EXIT {run.returncode}"
            cmd = " ".join(a for a in run.args if not a.startswith("/"))
            print(f"frozen {cmd}: {status} ({run.seconds:.1f} s)")
            if run.returncode != 0:
                failed += 1
                print(run.stderr.strip()[-2000:])
        for p in rep.outputs:
            print(f"  output {p.name}: {p.stat().st_size:,} bytes")
        ok = rep.size_mb < SIZE_LIMIT_MB
        print(
            f"bundle size: {rep.size_mb:.1f} MB (limit {SIZE_LIMIT_MB} MB) {'ok' if ok else 'TOO BIG'}"
        )
        return 0 if ok and not failed else 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
