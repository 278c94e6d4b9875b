#!/bin/sh
# The acceptance test on a real X11 window under a window manager, 1366×768.
# Usage (from the repository root): xvfb-run -a -s "-screen 0 1366x768x24" tests/acceptance/run_xvfb.sh
# Needs the Debian packages xvfb, xauth, openbox and Qt's xcb libraries (see the README).
# Screenshots go to $TRACU_ACCEPTANCE_SHOTS (default: pytest's temporary folder).
PYTHON="${PYTHON:-python}"
openbox >/dev/null 2>&1 &
WM=$!
sleep 1
QT_QPA_PLATFORM=xcb "$PYTHON" -m pytest -q tests/acceptance
RC=$?
kill "$WM"
exit $RC
