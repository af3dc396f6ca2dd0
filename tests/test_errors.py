from __future__ import annotations

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from pydantic import BaseModel, Field

from omotenashi.errors import ConflictError, FieldError, ValidationFailedError


class Stay(BaseModel):
    nights: int = Field(ge=1, le=365)
    lodging: str


def _probe_routes() -> APIRouter:
    router = APIRouter(prefix="/v1/_probe")

    @router.post("/stays")
    async def create_stay(stay: Stay) -> dict[str, int]:
        return {"nights": stay.nights}

    @router.get("/conflict")
    async def conflict() -> None:
        raise ConflictError("That card is already linked.", code="carrier_already_linked")

    @router.get("/fields")
    async def fields() -> None:
        raise ValidationFailedError(
            fields=[FieldError("passport.number", "The check digit does not match.", "check")]
        )

    @router.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret internal state: passport X1234567")

    return router


@pytest.fixture
def probed(app: FastAPI) -> FastAPI:
    app.include_router(_probe_routes())
    return app


def _is_problem(response: httpx.Response) -> dict[str, object]:
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, object] = response.json()
    assert body["status"] == response.status_code
    assert str(body["type"]).startswith("urn:omotenashi:problem:")
    return body


async def test_bad_body_names_each_field(probed: FastAPI, client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/_probe/stays", json={"nights": 0})
    assert response.status_code == 422
    body = _is_problem(response)
    assert body["code"] == "validation_failed"
    fields = {e["field"] for e in body["errors"]}  # type: ignore[attr-defined]
    assert fields == {"body.nights", "body.lodging"}


async def test_malformed_json_is_a_422_not_a_500(
    probed: FastAPI, client: httpx.AsyncClient
) -> None:
    response = await client.post(
        "/v1/_probe/stays", content=b"{nights: ", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert _is_problem(response)["code"] == "validation_failed"


async def test_domain_error_keeps_its_stable_code(
    probed: FastAPI, client: httpx.AsyncClient
) -> None:
    response = await client.get("/v1/_probe/conflict")
    assert response.status_code == 409
    body = _is_problem(response)
    assert body["code"] == "carrier_already_linked"
    assert body["type"] == "urn:omotenashi:problem:carrier_already_linked"
    assert body["detail"] == "That card is already linked."


async def test_service_field_errors_are_listed(probed: FastAPI, client: httpx.AsyncClient) -> None:
    body = _is_problem(await client.get("/v1/_probe/fields"))
    assert body["errors"] == [
        {"field": "passport.number", "message": "The check digit does not match.", "code": "check"}
    ]


async def test_unexpected_failure_is_a_500_problem_that_reveals_nothing(
    probed: FastAPI, client: httpx.AsyncClient
) -> None:
    response = await client.get("/v1/_probe/boom", headers={"x-request-id": "trace-0001-abcd"})
    assert response.status_code == 500
    body = _is_problem(response)
    assert body["code"] == "internal_error"
    assert body["request_id"] == "trace-0001-abcd"
    assert "X1234567" not in response.text


async def test_unknown_api_path_and_method(client: httpx.AsyncClient) -> None:
    missing = await client.get("/v1/nothing-here")
    assert missing.status_code == 404
    assert _is_problem(missing)["code"] == "not_found"
    wrong_method = await client.delete("/healthz")
    assert wrong_method.status_code == 405
    assert _is_problem(wrong_method)["code"] == "method_not_allowed"


async def test_browser_gets_a_readable_page_in_its_language(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/no-such-page", headers={"accept": "text/html", "accept-language": "ja,en;q=0.5"}
    )
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert '<html lang="ja"' in response.text
    assert "Page not found" not in response.text


async def test_text_postgresql_cannot_store_is_a_422_not_a_500(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/v1/oauth/token",
        data={"grant_type": "client_credentials", "client_id": "\x01\x00", "client_secret": "x"},
    )
    assert response.status_code in (401, 422)
    assert response.status_code != 500


class Items(BaseModel):
    items: list[Stay]


def _listing_routes() -> APIRouter:
    router = APIRouter(prefix="/v1/_probe")

    @router.post("/batch")
    async def batch(body: Items) -> dict[str, int]:
        return {"items": len(body.items)}

    return router


async def test_ten_thousand_bad_items_get_a_short_answer(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    app.include_router(_listing_routes())
    response = await client.post("/v1/_probe/batch", json={"items": [{"nights": 0}] * 10_000})
    assert response.status_code == 422
    body = _is_problem(response)
    assert len(body["errors"]) == 50  # type: ignore[arg-type]
    assert body["errors_total"] == 20_000  # two reasons an item
    assert len(response.content) < 20_000


class _Counted:
    """A streamed (chunked) request body that counts how much of it the server read."""

    def __init__(self, chunk: bytes, chunks: int) -> None:
        self.chunk, self.chunks, self.read = chunk, chunks, 0

    async def __aiter__(self):  # type: ignore[no-untyped-def]
        for _ in range(self.chunks):
            self.read += len(self.chunk)
            yield self.chunk


async def test_streamed_body_over_the_cap_is_refused_before_it_is_read(
    client: httpx.AsyncClient,
) -> None:
    body = _Counted(b"x" * 16 * 1024, chunks=6400)  # 100 MiB, chunked
    response = await client.post(
        "/v1/visitors", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    problem = _is_problem(response)
    assert problem["code"] == "request_too_large"
    assert "256 KiB" in str(problem["detail"])
    assert body.read <= 256 * 1024 + 16 * 1024


async def test_declared_body_over_the_cap_is_refused_unread(client: httpx.AsyncClient) -> None:
    body = _Counted(b"{}", chunks=1)
    response = await client.post(
        "/v1/servicers",
        content=body,
        headers={"content-type": "application/json", "content-length": str(100 * 1024 * 1024)},
    )
    assert response.status_code == 413
    assert _is_problem(response)["code"] == "request_too_large"
    assert body.read == 0


async def test_a_form_page_over_the_cap_is_refused_with_a_page(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/join",
        content=b"name=" + b"a" * 300 * 1024,
        headers={"content-type": "application/x-www-form-urlencoded", "accept": "text/html"},
    )
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")
