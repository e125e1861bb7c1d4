"""The frozen bundle's entry script: what ``outpost = "desktop.app:main"`` runs from a venv."""

import sys

from desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
