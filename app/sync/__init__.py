"""Sync with the central store: push the outbox, pull changes, conflicts and quarantine."""

from __future__ import annotations

from app.sync.client import (
    FieldDifference,
    RoundSummary,
    SyncClient,
    SyncError,
    differences,
    merge,
    sync_states,
)

__all__ = [
    "FieldDifference",
    "RoundSummary",
    "SyncClient",
    "SyncError",
    "differences",
    "merge",
    "sync_states",
]
