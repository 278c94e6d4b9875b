"""The Windows build: version resource, icon, and the frozen bundle on this machine."""

from __future__ import annotations

import ast
import importlib.util
import shutil
from pathlib import Path

import pytest

from tools.winversion import package_version, version_info_text, version_tuple
from tracu_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]


def test_version_resource_follows_the_package():
    assert package_version() == __version__
    assert version_tuple("1.2.3rc1") == (1, 2, 3, 0)
    text = version_info_text(__version__)
    assert f"filevers={version_tuple(__version__)}" in text
    assert f"StringStruct('ProductVersion', '{__version__}')" in text
    ast.parse(text)  # PyInstaller evaluates it as Python


def test_icon_files_exist_and_are_real_images():
    ico = (ROOT / "resources" / "icons" / "tracu.ico").read_bytes()
    png = (ROOT / "resources" / "icons" / "tracu.png").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00" and int.from_bytes(ico[4:6], "little") >= 4
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_installer_script_installs_per_user_and_keeps_data():
    iss = (ROOT / "installer.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss
    assert "{userdesktop}" in iss and "{group}" in iss
    assert "[UninstallDelete]" not in iss.split("; No [UninstallDelete]")[0]
    spec = (ROOT / "installer.spec").read_text(encoding="utf-8")
    assert "exclude_binaries=True" in spec and "COLLECT(" in spec and "console=False" in spec


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("PyInstaller") is None, reason="PyInstaller not installed"
)
def test_frozen_bundle_finds_its_resources_and_stays_small(tmp_path):
    from tools.bundle_check import build_and_check, problems

    rep = build_and_check(tmp_path)
    try:
        print(f"bundle size: {rep.size_mb:.1f} MB, build {rep.build_seconds:.0f} s")
        assert problems(rep) == []
    finally:
        shutil.rmtree(tmp_path / "build", ignore_errors=True)
