"""Kill the program (SIGKILL) at random moments during imports and edits, N times.

After every kill the database must pass ``PRAGMA integrity_check`` and hold every
change whose commit had returned; a batch in flight is all or nothing. Prints
"<lost> lost, <corrupt> corrupt". Usage: ``python bench/bench_kill.py [--kills 300]``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.killsim import run_kills  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--kills", type=int, default=300)
    ap.add_argument("--seed", type=int, default=20231121)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tracu-kill-"))
    start = time.perf_counter()
    try:
        stats = run_kills(work, args.kills, args.seed, log=print if args.verbose else None)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    seconds = time.perf_counter() - start
    for problem in stats.problems:
        print(problem)
    print(
        f"{stats.kills} kills, {stats.acked} operations acknowledged, {seconds:.0f} s; "
        f"{stats.partial} partial batches"
    )
    print(f"{stats.lost} lost, {stats.corrupt} corrupt")
    return 0 if stats.lost == stats.corrupt == stats.partial == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
