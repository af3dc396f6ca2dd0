"""People who act on the platform: a servicer's staff and the platform's operators.
Password (argon2) plus TOTP; roles per organisation. Sign-in pages come with the pages issue."""
