"""The central store's HTTP routes, one router per topic: auth (sign-in, password, sign-out),
sync (push, pull, a site's dossiers, their accesses, erasure), partner (the organismes' inbox and
follow-up), figures (processing times, counts, the sites' settings), admin (audit log, site
settings), workstations (the registry of workstations)."""
