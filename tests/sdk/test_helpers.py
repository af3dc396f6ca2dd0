"""The SDK's hand-written helpers against the platform's own code: a delivery the platform signs
verifies (and a tampered one does not), every OM2 vector of the QR spec passes the reader's check
at its time and fails it once expired. (Token caching is tested against a real server in
tests/integration/test_sdk_journey.py.)"""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from omotenashi_client import (
    QrError,
    WebhookVerificationError,
    WebhookVerifier,
    check_qr,
)

from omotenashi.developers import qr_spec
from omotenashi.webhooks import service as webhooks

BODY = json.dumps(
    {"type": "consent.revoked", "timestamp": "2026-12-05T00:00:00Z", "data": {"subject": "s1"}}
).encode()


def _delivery(*secrets: str, body: bytes = BODY) -> dict[str, str]:
    now = datetime.now(UTC)
    return {
        "Webhook-Id": "msg_1",
        "Webhook-Timestamp": str(int(now.timestamp())),
        "Webhook-Signature": webhooks.signature_header(secrets, "msg_1", now, body),
    }


def test_a_delivery_the_platform_signs_verifies_and_reads_as_an_event() -> None:
    secret = webhooks.new_secret()
    event = WebhookVerifier(secret).verify(BODY, _delivery(secret))
    assert (event.id, event.type, event.subject) == ("msg_1", "consent.revoked", "s1")


def test_during_a_rotation_either_secret_verifies() -> None:
    old, new = webhooks.new_secret(), webhooks.new_secret()
    signed_by_both = _delivery(new, old)  # the platform signs with both while they overlap
    assert WebhookVerifier(old).verify(BODY, signed_by_both).type == "consent.revoked"
    assert WebhookVerifier(new, old).verify(BODY, _delivery(old)).type == "consent.revoked"


def test_a_tampered_body_another_secret_or_an_old_delivery_is_refused() -> None:
    secret = webhooks.new_secret()
    with pytest.raises(WebhookVerificationError):
        WebhookVerifier(secret).verify(BODY.replace(b"s1", b"s2"), _delivery(secret))
    with pytest.raises(WebhookVerificationError):
        WebhookVerifier(webhooks.new_secret()).verify(BODY, _delivery(secret))
    stale = _delivery(secret) | {"Webhook-Timestamp": str(int(time.time()) - 3600)}
    with pytest.raises(WebhookVerificationError):
        WebhookVerifier(secret).verify(BODY, stale)


@pytest.mark.parametrize("vector", qr_spec.VECTORS2)
def test_each_om2_vector_passes_the_readers_check_while_the_platform_accepts_it(
    vector: qr_spec.Vector2,
) -> None:
    checked = check_qr(vector.code, now=vector.unix_time)
    assert checked.step == vector.unix_time // qr_spec.STEP_SECONDS
    # Good in its own step and the next (the spec's validity window), refused after.
    last_good = (checked.step + qr_spec.VALID_STEPS) * qr_spec.STEP_SECONDS - 1
    assert check_qr(vector.code, now=last_good).valid_until == last_good + 1
    with pytest.raises(QrError) as expired:
        check_qr(vector.code, now=last_good + 1)
    assert expired.value.reason == "expired"
    with pytest.raises(QrError) as early:
        check_qr(vector.code, now=vector.unix_time - qr_spec.STEP_SECONDS)
    assert early.value.reason == "from_the_future"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("4321 9876 5432 1098", "not_a_code"),
        (qr_spec.VECTORS[0].code, "not_a_code"),  # version 1: the spec's readers want OM2
        (qr_spec.VECTORS2[0].code[:-1], "malformed"),
        (qr_spec.VECTORS2[0].code[:-1] + "1", "malformed"),  # 1 is not base32
        ("OM2." + "A" * 104, "malformed"),  # no P-256 key in it
    ],
)
def test_text_that_is_not_an_om2_code_is_refused_before_any_request(text: str, reason: str) -> None:
    with pytest.raises(QrError) as refused:
        check_qr(text, now=qr_spec.VECTORS2[0].unix_time)
    assert refused.value.reason == reason


def test_the_layout_the_reader_checks_is_the_specs() -> None:
    assert sum(field.length for field in qr_spec.LAYOUT2) == 65
    assert qr_spec.TEXT2_CHARS == len(qr_spec.VECTORS2[0].code) == 108


def test_the_readmes_terminal_is_code_that_runs_against_this_sdk() -> None:
    readme = (Path(__file__).resolve().parents[2] / "sdk" / "python" / "README.md").read_text()
    code = re.findall(r"```python\n(.*?)```", readme, re.S)[0]
    assert len(code.strip().splitlines()) <= 25
    secret = webhooks.new_secret()
    names: dict[str, object] = {"CLIENT_ID": "omc_x", "CLIENT_SECRET": "s"}
    names["WEBHOOK_SECRET"] = secret
    exec(compile(code, "README.md", "exec"), names)  # noqa: S102 - our own README
    assert callable(names["on_card"])
    assert callable(names["on_webhook"])
