"""What both stores share at the SQL level: column types, naming convention, Alembic runner.

Imported by the workstation's store (app/models) and the central store (app/server) alike; it
imports neither of them, nor any encryption driver, keyring or Qt.
"""
