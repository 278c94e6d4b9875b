#!/bin/sh
# The acceptance test on a real X11 window under a window manager, 1366×768.
# Usage (from the repository root): xvfb-run -a -s "-screen 0 1366x768x24" tests/acceptance/run_xvfb.sh
# Needs the Debian packages xvfb, xauth, openbox and Qt's xcb libraries (see the README).
# Screenshots go to $TRACU_ACCEPTANCE_SHOTS (default: pytest's temporary folder).
PYTHON="${PYTHON:-python}"
# Wait until the window manager manages the screen (a fixed sleep is too short on a busy
# machine: the window would be shown unmanaged and never activated).
READY=$(mktemp -u "${TMPDIR:-/tmp}/openbox-ready.XXXXXX")
openbox --startup "touch $READY" >/dev/null 2>&1 &
WM=$!
n=0
while [ ! -e "$READY" ] && [ $n -lt 300 ]; do
    sleep 0.1
    n=$((n + 1))
done
[ -e "$READY" ] || echo "openbox did not start within 30 s" >&2
rm -f "$READY"
QT_QPA_PLATFORM=xcb "$PYTHON" -m pytest -q tests/acceptance
RC=$?
kill "$WM"
exit $RC
