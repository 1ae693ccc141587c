"""Accueil TI: reception of self-employed workers in difficulty (Help! scheme)."""

__version__ = "0.19.0"
