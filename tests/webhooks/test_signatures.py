"""Our signatures against the Standard Webhooks specification's own test vector."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from omotenashi.webhooks import service

# From the specification's reference libraries (standard-webhooks/standard-webhooks,
# libraries/*/tests): secret, message id, timestamp, body and the signature they must give.
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SPEC_TIMESTAMP = 1614265330
SPEC_BODY = b'{"test": 2432232314}'
SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
SPEC_WRONG_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA="


def test_our_signature_header_reproduces_the_spec_vector() -> None:
    at = datetime.fromtimestamp(SPEC_TIMESTAMP, UTC)
    assert service.signature_header([SPEC_SECRET], SPEC_ID, at, SPEC_BODY) == SPEC_SIGNATURE


def test_during_a_rotation_both_signatures_are_sent_and_either_verifies() -> None:
    other = service.new_secret()
    at = datetime.fromtimestamp(SPEC_TIMESTAMP, UTC)
    header = service.signature_header([other, SPEC_SECRET], SPEC_ID, at, SPEC_BODY)
    first, second = header.split(" ")
    assert second == SPEC_SIGNATURE
    assert first.startswith("v1,")
    assert first != second


def test_a_receiver_with_the_spec_library_rejects_a_wrong_signature() -> None:
    now = datetime.now(UTC)
    headers = {
        "webhook-id": SPEC_ID,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": SPEC_WRONG_SIGNATURE,
    }
    with pytest.raises(WebhookVerificationError):
        Webhook(SPEC_SECRET).verify(SPEC_BODY, headers)
    headers["webhook-signature"] = service.signature_header([SPEC_SECRET], SPEC_ID, now, SPEC_BODY)
    assert Webhook(SPEC_SECRET).verify(SPEC_BODY, headers) == {"test": 2432232314}


def test_secrets_are_whsec_and_at_least_24_random_bytes() -> None:
    import base64

    secret = service.new_secret()
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) >= 24
    assert secret != service.new_secret()


def test_retries_back_off_exponentially_within_three_days() -> None:
    waits = [service.retry_delay(n) for n in range(1, 12)]
    assert waits[0].total_seconds() == 10
    assert waits == sorted(waits)
    assert waits[1] == waits[0] * 3
    assert max(waits) <= service.LONGEST_WAIT
