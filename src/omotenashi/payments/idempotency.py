"""Idempotency keys with Stripe's semantics.

The client makes the key. The first answer to it, whatever it was (a charge, or a refusal), is
stored with a fingerprint of the request, in the transaction of what the request did, and
returned again for the same key and the same request; the same key with another request is
refused. A second request with a key whose first request is still running waits for it: the
key's row is inserted first, and a concurrent insert of the same key waits on it. A request
that never committed (the process killed, the database stopped) left no key, so its retry
runs afresh. Keys are kept at least :data:`RETENTION`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
import structlog
from sqlalchemy.dialects.postgresql import JSONB

from omotenashi.db import Executor
from omotenashi.payments.errors import IdempotencyKeyReusedError

log = structlog.get_logger(__name__)

RETENTION = timedelta(hours=24)
MAX_KEY_LENGTH = 255


@dataclass(frozen=True)
class StoredAnswer:
    status: int
    body: dict[str, Any]


def fingerprint(method: str, path: str, body: Any) -> bytes:
    """What makes two requests the same: method, path and the body's parsed content (so
    whitespace and the order of fields do not matter)."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{method} {path}\n{canonical}".encode()).digest()


_CLAIM = sa.text(
    "INSERT INTO idempotency_keys (scope, key, fingerprint) VALUES (:scope, :key, :fingerprint) "
    "ON CONFLICT DO NOTHING RETURNING 1"
)
_STORED = sa.text(
    "SELECT fingerprint, status, body FROM idempotency_keys WHERE scope = :scope AND key = :key"
)
_REMEMBER = sa.text(
    "UPDATE idempotency_keys SET status = :status, body = :body WHERE scope = :scope AND key = :key"
).bindparams(sa.bindparam("body", type_=JSONB))


async def claim(session: Executor, scope: str, key: str, print_: bytes) -> StoredAnswer | None:
    """Take the key for this request (None: go ahead, and :func:`remember` the answer in the
    same transaction), or the answer its first request got. The same key with another request
    is :class:`IdempotencyKeyReusedError`."""
    params = {"scope": scope, "key": key, "fingerprint": print_}
    if (await session.execute(_CLAIM, params)).scalar() is not None:
        return None
    # Taken by a request that has committed (a running one made the insert wait for it).
    stored = (await session.execute(_STORED, params)).one_or_none()
    if stored is None:  # taken and dropped again by a retention purge in between: run afresh
        return await claim(session, scope, key, print_)
    if bytes(stored.fingerprint) != print_:
        log.info("payments.idempotency_key_reused", scope=scope)
        raise IdempotencyKeyReusedError(
            "This Idempotency-Key was first sent with another request; use a new key."
        )
    log.info("payments.idempotent_replay", scope=scope)
    return StoredAnswer(int(stored.status), dict(stored.body))


async def remember(
    session: Executor, scope: str, key: str, status: int, body: dict[str, Any]
) -> None:
    await session.execute(_REMEMBER, {"scope": scope, "key": key, "status": status, "body": body})


async def purge(session: Executor, now: datetime | None = None) -> int:
    """Forget keys older than the retention."""
    cutoff = (now or datetime.now(UTC)) - RETENTION
    result = await session.execute(
        sa.text("DELETE FROM idempotency_keys WHERE created_at < :cutoff"), {"cutoff": cutoff}
    )
    count = int(getattr(result, "rowcount", 0) or 0)
    log.info("payments.idempotency_keys_purged", keys=count)
    return count
