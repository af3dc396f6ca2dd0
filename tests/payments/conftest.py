"""Fixtures of the payments tests."""

from tests.payments.stripe_server import fake_stripe

__all__ = ["fake_stripe"]
