"""A rotating log file in the user data folder, so a clerk can send what went wrong.

``setup_logging()`` is called once by the CLI entry point and by the GUI; it is
idempotent. The folder is ``<user data>/logs`` (``%LOCALAPPDATA%\\tracu-desktop\\logs`` on
Windows) or ``$TRACU_LOG_DIR`` when set (tests, portable installs).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

import platformdirs

from tracu_desktop import APP_NAME, __version__

ENV_LOG_DIR = "TRACU_LOG_DIR"
LOG_FILE = "tracu.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_FORMAT = "%(asctime)s %(levelname)s [%(process)d] %(name)s: %(message)s"
_handler: logging.Handler | None = None


def log_dir() -> Path:
    env = os.environ.get(ENV_LOG_DIR)
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "logs"


def log_path() -> Path:
    return log_dir() / LOG_FILE


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Attach the rotating file handler to the root logger; returns the log file.

    Returns None when the folder cannot be written (read-only profile): the program
    still runs, it just cannot keep a log.
    """
    global _handler
    path = log_path()
    if _handler is not None and getattr(_handler, "baseFilename", None) == str(path):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    _handler = handler
    logging.getLogger("tracu_desktop").info("tracu-desktop %s started", __version__)
    return path


def shutdown_logging() -> None:
    """Detach and close the handler (tests; the GUI at exit)."""
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None
