"""Sending e-mail: an SMTP relay in production, a local outbox folder when none is configured."""
