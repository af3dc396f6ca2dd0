"""The outbound HTTPS clients' shared TLS context still checks who answers."""

from __future__ import annotations

import ssl

from omotenashi import tls


def test_outbound_clients_share_one_context_that_verifies_the_server() -> None:
    context = tls.trusted()
    assert context is tls.trusted()  # built once, not for every call
    assert context.verify_mode is ssl.CERT_REQUIRED
    assert context.check_hostname
    assert context.cert_store_stats()["x509_ca"] > 0  # the usual authorities are trusted
