"""The log file, and what the CLI does with an unexpected error."""

from __future__ import annotations

import logging

from tracu_desktop.cli import data_cmds
from tracu_desktop.cli.main import main
from tracu_desktop.infra.logs import log_path


def test_unexpected_error_is_logged_with_a_vietnamese_message(demo_db_path, capsys, monkeypatch):
    def broken(args, ctx):
        raise ZeroDivisionError("boom inside summary")

    monkeypatch.setattr(data_cmds, "cmd_summary", broken)
    code = main(["--db", str(demo_db_path), "summary", "--period", "2023"])
    err = capsys.readouterr().err
    assert code == 2
    assert "Lỗi không mong muốn" in err and str(log_path()) in err
    assert "Traceback" not in err
    logged = log_path().read_text(encoding="utf-8")
    assert "ZeroDivisionError: boom inside summary" in logged and "Traceback" in logged


def test_user_errors_are_not_treated_as_crashes(demo_db_path, capsys):
    assert main(["--db", str(demo_db_path), "summary", "--period", "1999"]) == 2
    err = capsys.readouterr().err
    assert "Lỗi không mong muốn" not in err


def test_log_rotates(monkeypatch):
    from tracu_desktop.infra import logs

    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    logs.shutdown_logging()
    path = logs.setup_logging()
    assert path is not None
    log = logging.getLogger("tracu_desktop.test")
    for i in range(200):
        log.warning("dòng nhật ký số %d — tiếng Việt có dấu", i)
    files = sorted(path.parent.glob("tracu.log*"))
    assert len(files) >= 3 and all(f.stat().st_size <= 2200 for f in files)
    assert "tiếng Việt có dấu" in path.read_text(encoding="utf-8")
