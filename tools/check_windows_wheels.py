"""Check that every package pinned in a lock file has a Windows wheel.

The setup program is built on Windows from the same lock that CI tests on Linux. A pinned
package that ships only a source archive (or only Linux wheels) would break that build, so
this asks pip for the Windows wheel of each pin, without a Windows machine.

Usage: ``python -m tools.check_windows_wheels [LOCK] [--dest DIR]``; exit 0 when every pin
has a wheel for CPython 3.11 on win_amd64, 1 otherwise (the missing ones are named).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
WINDOWS_ENV = {
    "sys_platform": "win32",
    "platform_system": "Windows",
    "os_name": "nt",
    "platform_machine": "AMD64",
    "platform_python_implementation": "CPython",
    "implementation_name": "cpython",
    "python_version": "3.11",
    "python_full_version": "3.11.9",
}


def windows_pins(lock: Path) -> list[str]:
    """The ``name==version`` pins of a lock that apply on 64-bit Windows."""
    pins = []
    for raw in lock.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        req = Requirement(line)
        if req.marker is not None and not Marker(str(req.marker)).evaluate(WINDOWS_ENV):
            continue
        pins.append(f"{req.name}{req.specifier}")
    return pins


def _pip_download(pins: list[str], dest: Path) -> subprocess.CompletedProcess[str]:
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--quiet",
        "--no-deps",
        "--only-binary=:all:",
        "--platform",
        "win_amd64",
        "--python-version",
        "3.11",
        "--implementation",
        "cp",
        "--abi",
        "cp311",
        "--abi",
        "abi3",
        "--abi",
        "none",
        "--dest",
        str(dest),
        *pins,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


def missing_windows_wheels(lock: Path, dest: Path) -> list[str]:
    """Pins without a Windows wheel; one pip call when all are there, one per pin otherwise."""
    pins = windows_pins(lock)
    if _pip_download(pins, dest).returncode == 0:
        return []
    return [pin for pin in pins if _pip_download([pin], dest).returncode != 0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lock", nargs="?", default=str(ROOT / "requirements.lock"))
    parser.add_argument("--dest", help="keep the downloaded wheels in this folder")
    args = parser.parse_args(argv)
    lock = Path(args.lock)
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(args.dest) if args.dest else Path(tmp)
        missing = missing_windows_wheels(lock, dest)
    count = len(windows_pins(lock))
    if missing:
        print(f"{len(missing)} of {count} pins in {lock.name} have no win_amd64 wheel:")
        for pin in missing:
            print(f"  {pin}")
        return 1
    print(f"All {count} pins in {lock.name} have a win_amd64 wheel for CPython 3.11.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
