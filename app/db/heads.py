"""The head revision of a store's migration scripts, read from their ``revision`` /
``down_revision`` lines: no Alembic, no SQLAlchemy (the window checks its store's schema with it
before either is loaded)."""

from __future__ import annotations

import re
from pathlib import Path

_REVISION_LINE = re.compile(r"^(down_revision|revision)\b[^=]*=\s*['\"]?([\w-]+|None)['\"]?",
                            re.MULTILINE)


def scripts_head(scripts: Path) -> str:
    """The one revision of ``scripts``/versions that no script names as its parent."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (scripts / "versions").glob("*.py"):
        values = {m.group(1): m.group(2)
                  for m in _REVISION_LINE.finditer(script.read_text("utf-8"))}
        revisions.add(values["revision"])
        if values.get("down_revision") not in (None, "None"):
            parents.add(values["down_revision"])
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"the migration scripts must have one head, found {sorted(heads)}")
    return heads.pop()
