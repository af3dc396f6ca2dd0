"""Fixtures of the tax-free tests."""

from tests.payments.stripe_server import fake_stripe
from tests.taxfree.nta_server import fake_nta

__all__ = ["fake_nta", "fake_stripe"]
