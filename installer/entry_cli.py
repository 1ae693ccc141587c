"""The frozen ``accueil-ti`` executable: the command line (with no command, the window)."""

import sys

from app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
