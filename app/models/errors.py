"""Exceptions raised by the local store; messages are meant to be shown to an administrator."""

from __future__ import annotations


class StoreError(Exception):
    """Base class of the local store's errors."""


class KeyringUnavailableError(StoreError):
    """No usable OS keyring: the database key cannot be kept anywhere safe."""


class StoreLockedError(StoreError):
    """The local database cannot be decrypted with the key found in the keyring."""


class StoreUnavailableError(StoreError):
    """The local database cannot be opened or written (folder missing or read-only, disk full)."""


class StoreDamagedError(StoreError):
    """The local database file is missing or empty while its write-ahead log remains: opening it
    would show an empty store and lose the dossiers the log and the lost file held."""


class NewerDatabaseError(StoreError):
    """The database was migrated by a newer version of the app than this one."""


class ConsentRequiredError(StoreError):
    """An orientation was asked for an organisme without a given, non-revoked consent."""


class NumberConflictError(StoreError):
    """Two different dossiers (different ids) carry the same human number."""


class DossierConflictError(StoreError):
    """The dossier was changed by someone else since it was loaded (stale revision)."""
