from __future__ import annotations

import httpx
from fastapi import FastAPI

from omotenashi import db


async def test_healthz_answers_while_the_process_is_up(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_checks_database_and_schema(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["schema"] == db.head_revision()


async def test_readyz_is_503_when_schema_is_behind_the_code(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    app.state.head_revision = "9999_future"
    response = await client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["code"] == "not_ready"
    assert "9999_future" in body["detail"]


async def test_every_response_carries_a_request_id(client: httpx.AsyncClient) -> None:
    generated = await client.get("/healthz")
    assert len(generated.headers["x-request-id"]) == 32
    kept = await client.get("/healthz", headers={"x-request-id": "edge-7f3a9c1d"})
    assert kept.headers["x-request-id"] == "edge-7f3a9c1d"
    rejected = await client.get("/healthz", headers={"x-request-id": "<script>"})
    assert rejected.headers["x-request-id"] != "<script>"


async def test_metrics_count_by_route_template(client: httpx.AsyncClient) -> None:
    await client.get("/healthz")
    await client.get("/healthz")
    await client.get("/v1/visitors/6f1c2b0e-secret-path")
    text = (await client.get("/metrics")).text
    assert 'omotenashi_http_requests_total{method="GET",route="/healthz",status="200"} 2.0' in text
    assert "omotenashi_http_request_duration_seconds_bucket" in text
    assert "6f1c2b0e" not in text
