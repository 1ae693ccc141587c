"""Exceptions raised by the local store; messages are meant to be shown to an administrator."""

from __future__ import annotations


class StoreError(Exception):
    """Base class of the local store's errors."""


class KeyringUnavailableError(StoreError):
    """No usable OS keyring: the database key cannot be kept anywhere safe."""


class StoreLockedError(StoreError):
    """The local database cannot be decrypted with the key found in the keyring."""


class NewerDatabaseError(StoreError):
    """The database was migrated by a newer version of the app than this one."""


class ConsentRequiredError(StoreError):
    """An orientation was asked for an organisme without a given, non-revoked consent."""


class NumberConflictError(StoreError):
    """Two different dossiers (different ids) carry the same human number."""


class DossierConflictError(StoreError):
    """The dossier was changed by someone else since it was loaded (stale revision)."""
