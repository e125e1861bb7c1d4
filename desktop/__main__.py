"""``python -m desktop`` starts Outpost like the ``outpost`` command."""

import sys

from desktop.app import main

sys.exit(main())
