"""Fixtures of the OpenID Connect tests: a real OpenID Provider configured like the Digital
Authentication App, and the app knowing it as this deployment's My Number provider."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from fastapi import FastAPI
from tests.oidc import openid_provider

from omotenashi.runtime import Platform
from omotenashi.security import jwks


@pytest.fixture(scope="session")
def provider_installed() -> None:
    openid_provider.install()


@pytest.fixture(scope="session")
def client_jwks(platform: Platform) -> dict[str, object]:
    """Our client's public key set, as registered with the provider."""
    return dict(jwks.client_key_set(platform.keys))


@pytest.fixture(scope="session")
def openid_provider_process(
    provider_installed: None, client_jwks: dict[str, object]
) -> Iterator[openid_provider.RunningProvider]:
    with openid_provider.running(client_jwks) as running:
        yield running


@pytest.fixture
def provider(
    openid_provider_process: openid_provider.RunningProvider,
) -> Iterator[openid_provider.RunningProvider]:
    yield openid_provider_process
    openid_provider_process.misbehave("none")


@pytest.fixture
def oidc_app(app: FastAPI, provider: openid_provider.RunningProvider) -> FastAPI:
    app.state.oidc_directory = openid_provider.mynumber_at(provider.issuer)
    return app


@pytest.fixture
async def browser() -> AsyncIterator[httpx.AsyncClient]:
    """The visitor's browser as the provider sees it: real HTTP, its own cookies."""
    async with httpx.AsyncClient(timeout=10) as client:
        yield client
