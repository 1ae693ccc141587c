"""The error of a sync round that cannot go on, shared by the round and the modules it calls."""

from __future__ import annotations


class SyncError(Exception):
    """A round cannot go on (store unreachable, token refused, unexpected answer)."""
