"""Locate bundled resources in a source checkout, an installed package or a frozen bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """Return the ``resources/`` folder; PyInstaller unpacks it under ``sys._MEIPASS``.

    ``TRACU_RESOURCES`` points at another folder (a new form version tried before release)."""
    if os.environ.get("TRACU_RESOURCES"):
        return Path(os.environ["TRACU_RESOURCES"])
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """Path of one resource file, e.g. ``resource_path("forms", "06b.toml")``."""
    return resources_dir().joinpath(*parts)
