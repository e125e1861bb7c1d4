"""``python -m sync.server``: the same as the ``outpost-server`` command."""

from __future__ import annotations

import sys

from sync.server.cli import main

sys.exit(main())
