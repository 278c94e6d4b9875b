"""The program is tested and shipped from requirements.lock: every dependency is pinned."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def _lock() -> dict[str, str]:
    pins = {}
    for raw in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            req = Requirement(line)
            (spec,) = req.specifier
            assert spec.operator == "==", f"not pinned: {line}"
            pins[canonicalize_name(req.name)] = spec.version
    return pins


def _applies(req: Requirement, extras: set[str]) -> bool:
    if req.marker is None:
        return True
    env = default_environment()
    return any(req.marker.evaluate({**env, "extra": e}) for e in (extras or {""}))


def _closure() -> dict[str, Requirement]:
    """Every distribution the program, its tests and its build need here, transitively."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    todo = [Requirement(r) for r in project["dependencies"]]
    for extra in ("test", "build"):
        todo += [Requirement(r) for r in project["optional-dependencies"][extra]]
    seen: dict[str, Requirement] = {}
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if name in seen:
            continue
        seen[name] = req
        for child in metadata.requires(req.name) or []:
            creq = Requirement(child)
            if _applies(creq, set(req.extras)):
                todo.append(creq)
    return seen


def test_every_dependency_is_pinned_and_installed_at_its_pin() -> None:
    pins = _lock()
    for name, req in _closure().items():
        assert name in pins, f"{name} (needed by {req}) is not in requirements.lock"
        assert metadata.version(req.name) == pins[name], f"{name}: installed ≠ locked"
        assert req.specifier.contains(pins[name], prereleases=True), f"{req} vs {pins[name]}"


def test_qt_is_pinned_below_the_release_that_split_qtpdf_out() -> None:
    pins = _lock()
    assert pins["pyside6-essentials"] == pins["pyside6-addons"] == pins["shiboken6"]
    major, minor = map(int, pins["pyside6-addons"].split(".")[:2])
    assert (major, minor) < (6, 12)
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"PySide6-Addons>=6\.\d+,<6\.12"', project)


def test_ci_and_windows_build_install_from_the_lock() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    test_cmd = readme.split("# Install and run the tests:\n", 1)[1].splitlines()[0]
    assert "python3 -m venv .venv" in test_cmd and "-r requirements.lock" in test_cmd
    assert "rm -rf .venv" in ci and "Install and run the tests" in ci
    workflow = (ROOT / ".github" / "workflows" / "windows-build.yml").read_text(encoding="utf-8")
    assert "pip install -r requirements.lock" in workflow
    assert "tools.bundle_check --bundle" in workflow and "--all" not in workflow
