"""The acceptance test again on a real X11 window under a window manager (Xvfb + openbox),
where the machine has them (CI installs both); the offscreen run covers the rest."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NEEDED = ("xvfb-run", "openbox", "xauth")


@pytest.mark.skipif(os.environ.get("TRACU_IN_XVFB") == "1", reason="already under Xvfb")
@pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in NEEDED), reason="Xvfb or openbox not installed"
)
def test_the_quarter_in_a_real_window(tmp_path: Path) -> None:
    env = {**os.environ, "TRACU_IN_XVFB": "1", "PYTHON": sys.executable}
    env["TRACU_ACCEPTANCE_SHOTS"] = str(tmp_path / "shots")
    env.pop("QT_QPA_PLATFORM", None)
    proc = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", "sh", "tests/acceptance/run_xvfb.sh"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert " passed" in proc.stdout and "failed" not in proc.stdout
