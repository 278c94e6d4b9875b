"""Fixtures of the hardening tests: a private log folder, a corrupted database."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_logs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Keep log files of CLI runs inside the test's folder."""
    from tracu_desktop.infra.logs import shutdown_logging

    monkeypatch.setenv("TRACU_LOG_DIR", str(tmp_path / "logs"))
    yield
    shutdown_logging()


def _corrupt(path: Path) -> None:
    """Overwrite pages of a database file with garbage, as a failing disk would."""
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 2, min(len(data), page * 2 + page * 6), 7):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))


@pytest.fixture
def corrupt_file():
    return _corrupt
