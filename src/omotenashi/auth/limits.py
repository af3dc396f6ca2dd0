"""How often staff may try to sign in, on the API and the pages alike."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Request

from omotenashi.deps import client_address
from omotenashi.security import ratelimit
from omotenashi.staff.errors import SignInFailedError

# Enough for a person who mistypes; far too few to guess a password and a one-time code.
SIGN_IN_LIMIT = ratelimit.Limit(per_minute=10, burst=5)
# Failed sign-ins from one network address, whichever accounts they name: a desk where a few
# people mistype gets through; a script trying passwords across many accounts does not.
FAILED_SIGN_INS_PER_ADDRESS = ratelimit.Limit(per_minute=6, burst=6)


@asynccontextmanager
async def staff_sign_in_limits(request: Request, email: str) -> AsyncIterator[None]:
    """Around one staff sign-in attempt: refuse with 429 when the account (every attempt
    counts) or the caller's network address (failed attempts count) has used up its allowance,
    and count the attempt if it fails."""
    limits = request.app.state.rate_limit_engine
    address = f"staff-sign-in-from:{client_address(request)}"
    await ratelimit.refuse_when_spent(limits, address, FAILED_SIGN_INS_PER_ADDRESS)
    account = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    await ratelimit.enforce(limits, f"staff-sign-in:{account}", SIGN_IN_LIMIT)
    try:
        yield
    except SignInFailedError:
        await ratelimit.count_failure(limits, address, FAILED_SIGN_INS_PER_ADDRESS)
        raise
