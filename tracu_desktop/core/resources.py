"""Locate bundled resources in a source checkout, an installed package or a frozen bundle.

``$TRACU_RESOURCES`` points the program at another resources folder (a copy with a new
form spec version, tried before it is shipped; the tests' temporary folders).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_RESOURCES = "TRACU_RESOURCES"


def resources_dir() -> Path:
    """Return the ``resources/`` folder; PyInstaller unpacks it under ``sys._MEIPASS``."""
    override = os.environ.get(ENV_RESOURCES)
    if override:
        return Path(override)
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """Path of one resource file, e.g. ``resource_path("forms", "06b.toml")``."""
    return resources_dir().joinpath(*parts)
