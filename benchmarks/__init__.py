"""Performance benchmarks of Accueil TI. Run them all with ``python -m benchmarks``."""
