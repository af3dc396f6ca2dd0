"""API clients: the systems and terminals of a servicer, each with its own OAuth 2.0
client-credentials secret, exchanged at ``/v1/oauth/token`` for short-lived signed tokens."""
