"""Alembic migration scripts of the local store (loaded by path through app.models.migrate)."""
