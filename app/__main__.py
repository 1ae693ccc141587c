"""`python -m app` is the `accueil-ti` console script."""

import sys

from app.cli import main

sys.exit(main())
