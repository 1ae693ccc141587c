"""Entry point of the frozen ``AccueilTI.exe`` (Windows, no console): always the window."""

import sys

from app.__main__ import main

if __name__ == "__main__":
    sys.exit(main(["gui", *sys.argv[1:]]))
