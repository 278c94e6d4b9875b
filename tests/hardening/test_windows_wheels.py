"""The Windows setup program is built from the same lock: every pin needs a Windows wheel."""

from __future__ import annotations

from pathlib import Path

from tools.check_windows_wheels import ROOT, main, missing_windows_wheels, windows_pins


def test_every_pinned_package_has_a_windows_wheel(tmp_path: Path, capsys) -> None:
    assert main([str(ROOT / "requirements.lock"), "--dest", str(tmp_path)]) == 0
    assert "have a win_amd64 wheel" in capsys.readouterr().out


def test_a_source_only_package_is_named(tmp_path: Path) -> None:
    lock = tmp_path / "bad.lock"
    # docopt 0.6.2 exists on the index only as a source archive.
    lock.write_text("defusedxml==0.7.1\ndocopt==0.6.2\n    # via something\n", encoding="utf-8")
    assert missing_windows_wheels(lock, tmp_path / "wheels") == ["docopt==0.6.2"]
    assert main([str(lock), "--dest", str(tmp_path / "w2")]) == 1


def test_pins_for_other_platforms_are_skipped(tmp_path: Path) -> None:
    lock = tmp_path / "m.lock"
    lock.write_text(
        "colorama==0.4.6 ; sys_platform == 'win32'\nmacholib==1.16.4 ; sys_platform == 'darwin'\n",
        encoding="utf-8",
    )
    assert windows_pins(lock) == ["colorama==0.4.6"]
