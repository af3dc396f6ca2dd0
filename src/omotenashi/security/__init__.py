"""Keys, tokens, encryption and the audit chain."""
