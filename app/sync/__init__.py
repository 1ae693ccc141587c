"""Sync with the central store: push the outbox, pull changes, three-way merge, conflicts and
quarantine.

Nothing is imported here: ``import app.sync.session`` (the command line's start, the window's
login) must not load the round, SQLAlchemy or the store. The modules:

- :mod:`app.sync.client`: ``SyncClient`` (a round: push, pull), ``retention_rules``
- :mod:`app.sync.summary`: ``RoundSummary``; :mod:`app.sync.errors`: ``SyncError``
- :mod:`app.sync.ledger`: conflicts, quarantine, partner updates, sync states
- :mod:`app.sync.merge`: three-way merge of a dossier, field by field
- :mod:`app.sync.session`: token, login, logout, the account's settings
- :mod:`app.sync.http`: the HTTP client factory
"""
