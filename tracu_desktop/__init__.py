"""tracu_desktop: administrative-procedure control (KSTTHC) reporting for Vietnamese local offices.

The top-level package is the domain core. It never imports Qt, the database or the
export libraries; ``db`` builds on it, ``export`` on ``db``, and ``ui``/``cli`` on top.
"""

__version__ = "0.1.0"
APP_NAME = "tracu-desktop"
APP_TITLE = "TraCu — Báo cáo kiểm soát thủ tục hành chính"
