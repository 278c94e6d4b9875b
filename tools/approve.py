"""Approve the current page images: re-render every page the page-image tests check and
store them as the approved images in ``tests/approved/``.

    python -m tools.approve            # all
    python -m tools.approve -k demo    # extra arguments go to pytest

Look at the changed images (``git status tests/approved``) before committing them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    env = dict(os.environ, TRACU_APPROVE="1", QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    cmd = [sys.executable, "-m", "pytest", "-q", "tests/export/test_page_images.py"]
    return subprocess.call([*cmd, *(argv if argv is not None else sys.argv[1:])], cwd=ROOT, env=env)


if __name__ == "__main__":
    raise SystemExit(main())
