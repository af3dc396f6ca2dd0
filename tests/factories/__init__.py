"""Test data made through the product's own services: one module per domain, each with
explicit async helpers (``await make_visitor(session, keys, languages=["th"])``,
``await make_servicer(session, approved=True)``). Tests import them from the domain's module;
the two most used are also here."""

from tests.factories.keys import platform_keys
from tests.factories.servicers import approved_servicer

__all__ = ["approved_servicer", "platform_keys"]
