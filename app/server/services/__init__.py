"""What the central store does, on a SQLAlchemy session, by topic: accounts (sign-in, tokens),
sync (push, pull, a site's dossiers), partner (the organismes' views and follow-up), figures
(processing times, counts); common holds what they share (the request's agent, the audit row,
the change counter). The HTTP layer (app.server.routes) only maps them to routes."""
