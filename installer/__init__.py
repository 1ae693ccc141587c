"""The release: PyInstaller spec, release script, installers (see README.md here)."""
