"""Sync with the central store: push the outbox, pull changes, three-way merge, conflicts and
quarantine."""

from __future__ import annotations

from app.sync.client import (
    ConflictVersions,
    RoundSummary,
    SyncClient,
    SyncError,
    differences,
    sync_states,
)
from app.sync.merge import FieldDifference, merge3, resolve

__all__ = [
    "ConflictVersions",
    "FieldDifference",
    "RoundSummary",
    "SyncClient",
    "SyncError",
    "differences",
    "merge3",
    "resolve",
    "sync_states",
]
