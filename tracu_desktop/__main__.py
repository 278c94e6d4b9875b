"""Allow ``python -m tracu_desktop``."""

import sys

from tracu_desktop.cli.main import main

sys.exit(main())
