"""The verbs both faces call: validate, export, import, package, templates, email, backups.

Each verb takes plain arguments (a database path or an open database, period and unit
codes, file paths) plus ``progress(done, total)`` and ``is_cancelled()``, and returns a
result dataclass. A verb given a path opens its own connection (so it runs on any
thread); given an open :class:`~tracu_desktop.db.handle.Database` it uses that one
(the command line passes the connection it locked and checked).
"""
