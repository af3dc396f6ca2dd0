"""The trust of the platform's outbound HTTPS clients: a translation engine, an OpenID
Provider, the card provider, JMA's feed.

httpx builds a TLS context for every client it makes unless given one, and building one reads
the whole bundle of trusted authorities (some 20 ms of CPU); these clients are made for a call
or a poll, so each call paid it. The context is built once, as httpx would build it (certifi's
bundle, or ``SSL_CERT_FILE``/``SSL_CERT_DIR``), and shared: a context may serve any number of
connections at once. Clients that trust something else (the tax office's own certificate,
``taxfree.nta``) or guard where they connect (``webhooks.egress``) make their own.
"""

from __future__ import annotations

import ssl
from functools import cache

import httpx


@cache
def trusted() -> ssl.SSLContext:
    """The TLS context of an outbound client that trusts the usual authorities."""
    return httpx.create_ssl_context()
