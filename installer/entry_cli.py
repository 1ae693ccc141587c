"""The frozen ``accueil-ti`` executable: the command line (with no command, the window)."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
