"""/developers, read by an integrator in English and in Japanese."""

from __future__ import annotations

import httpx
from tests.pages import text_of

from omotenashi.carriers.errors import QrReplayedError
from omotenashi.developers import qr_spec
from omotenashi.errors import AppError
from omotenashi.webhooks.errors import EndpointNotFoundError
from omotenashi.webhooks.service import EVENT_TYPES


async def test_the_page_lists_every_error_code_the_code_defines(client: httpx.AsyncClient) -> None:
    page = await client.get("/developers?lang=en")
    assert page.status_code == 200
    shown = text_of(page)

    def every(kind: type[AppError]) -> list[type[AppError]]:
        return [kind, *(sub for child in kind.__subclasses__() for sub in every(child))]

    for kind in every(AppError):
        assert kind.code in shown, kind
    # The handlers' own: a body that is not valid, a bug, a body too large.
    for code in ("validation_failed", "internal_error", "request_too_large", "rate_limited"):
        assert code in shown
    assert EndpointNotFoundError.code in shown
    assert QrReplayedError.code in shown


async def test_the_qr_spec_and_webhooks_are_documented_with_their_vectors(
    client: httpx.AsyncClient,
) -> None:
    shown = text_of(await client.get("/developers?lang=en"))
    for vector in qr_spec.VECTORS:
        assert vector.code in shown
    assert qr_spec.VECTOR_SECRET_HEX in shown
    assert "Time step: 30 seconds." in shown
    for event in EVENT_TYPES:
        assert event in shown
    assert "webhook-signature" in shown
    assert "Deprecation" in shown


async def test_the_page_speaks_japanese(client: httpx.AsyncClient) -> None:
    shown = text_of(await client.get("/developers?lang=ja"))
    assert "開発者の方へ" in shown
    assert "5分で始める" in shown
    assert "テストベクトル" in shown
