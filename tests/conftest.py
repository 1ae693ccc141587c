"""Session-wide test settings: no real screen, no real keyring, no user data dir."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# keyrings.alt's plaintext backend keeps its file under XDG_DATA_HOME: a throwaway one.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="accueil-ti-tests-")
os.environ.pop("ACCUEIL_TI_HOME", None)
