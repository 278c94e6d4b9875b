"""Command-line interface: ``tracu-desktop [--db PATH] COMMAND …``.

Each command module exposes ``register(subparsers)``; :mod:`tracu_desktop.cli.main`
lists the modules. Exit codes: 0 success, 1 validation errors, 2 bad input or usage.
"""
