"""The headers that keep browsers from framing, sniffing or leaking our pages, and the API
documentation served from the package itself under the same policy."""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi import FastAPI

PAGES_AND_ANSWERS = ["/", "/signin", "/docs", "/v1/catalogue-of-nothing", "/healthz"]


@pytest.mark.parametrize("path", PAGES_AND_ANSWERS)
async def test_every_answer_carries_the_security_headers(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path, headers={"accept": "text/html"})
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "strict-transport-security" not in response.headers  # plain http: not pinned


async def test_https_answers_pin_https(app: FastAPI) -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as client:
        response = await client.get("/")
    assert response.headers["strict-transport-security"].startswith("max-age=63072000")


async def test_api_documentation_needs_nothing_but_the_server(client: httpx.AsyncClient) -> None:
    page = await client.get("/docs")
    assert page.status_code == 200
    assert "http://" not in page.text
    assert "https://" not in page.text
    assert "<script>" not in page.text, "no inline script: the policy would block it"
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text)
    assert len(assets) >= 2
    for asset in assets:
        answer = await client.get(asset)
        assert answer.status_code == 200, asset
        assert len(answer.content) > 500
    assert (await client.get("/redoc")).headers["location"] == "/docs"


async def test_a_reported_violation_is_accepted(client: httpx.AsyncClient) -> None:
    report = {
        "csp-report": {
            "document-uri": "http://testserver/me",
            "effective-directive": "script-src-elem",
            "blocked-uri": "https://cdn.example.net/x.js?visitor=1",
        }
    }
    answer = await client.post(
        "/csp-reports", json=report, headers={"content-type": "application/csp-report"}
    )
    assert answer.status_code == 204
    assert (await client.post("/csp-reports", content=b"not json")).status_code == 204
