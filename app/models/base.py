"""Declarative base of the local store; its types come from :mod:`app.db.types`."""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from app.db.types import NAMING_CONVENTION, UTCDateTime, utcnow

__all__ = ["NAMING_CONVENTION", "Base", "UTCDateTime", "utcnow"]


class Base(DeclarativeBase):
    """Declarative base of the local store."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
