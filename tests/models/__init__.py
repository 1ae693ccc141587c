"""Tests of the local store (app.models)."""
