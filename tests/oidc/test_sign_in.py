"""Signing in with an OpenID Provider configured like the Digital Authentication App: a real
provider (oidc-provider on Node.js), our pages over ASGI, the provider's pages over real HTTP."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession
from tests.oidc import openid_provider
from tests.pages import csrf_token, signed_in_visitor, text_of

from omotenashi import i18n, web
from omotenashi.auth import oidc, queries
from omotenashi.auth.models import AuthSession, OidcAuthorization, OidcIdentity
from omotenashi.auth.oidc_pages import REFUSED
from omotenashi.pgcluster import free_port
from omotenashi.runtime import Platform
from omotenashi.security import jwks
from omotenashi.visitors import service as visitors

pytestmark = pytest.mark.usefixtures("oidc_app")


async def _identities(session: AsyncSession) -> int:
    return int(await session.scalar(sa.select(sa.func.count()).select_from(OidcIdentity)) or 0)


async def _sessions(session: AsyncSession) -> int:
    return int(await session.scalar(sa.select(sa.func.count()).select_from(AuthSession)) or 0)


async def _round_trip(client: httpx.AsyncClient, browser: httpx.AsyncClient) -> str:
    return await openid_provider.sign_in_at_provider(browser, await openid_provider.start(client))


async def test_resident_signs_in_and_their_name_arrives_verified(
    client: httpx.AsyncClient,
    browser: httpx.AsyncClient,
    session: AsyncSession,
    platform: Platform,
    provider: openid_provider.RunningProvider,
) -> None:
    back = await _round_trip(client, browser)
    answer = await client.get(back)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/register"  # a new account: on to the wizard
    assert web.SESSION_COOKIE in answer.cookies
    visitor_id = (await session.scalars(sa.select(OidcIdentity.visitor_id))).one()
    profile = await visitors.read_profile(session, platform.keys.keyring, visitor_id)
    assert profile["name"] == {"surname": "デジタル", "given_names": "太郎"}
    assert profile["date_of_birth"] == "1990-04-01"
    assert profile["home_address"] == {"country": "JP", "lines": ["東京都千代田区紀尾井町1番3号"]}
    provenance = await visitors.verifications(session, visitor_id)
    assert provenance["name"] is not None
    assert provenance["name"].issuer == provider.issuer
    me = text_of(await client.get("/me"))
    assert "Name (as in passport) : verified by Digital Authentication App (My Number card)" in me


async def test_returning_resident_signs_in_to_the_same_account(
    client: httpx.AsyncClient, browser: httpx.AsyncClient, session: AsyncSession
) -> None:
    await client.get(await _round_trip(client, browser))
    client.cookies.clear()
    again = await client.get(await _round_trip(client, browser))
    assert again.status_code == 303
    assert again.headers["location"] == "/me"
    assert await _identities(session) == 1


async def test_authorization_request_carries_pkce_state_and_nonce(
    client: httpx.AsyncClient,
) -> None:
    query = parse_qs(urlsplit(await openid_provider.start(client)).query)
    assert query["response_type"] == ["code"]
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43
    assert query["state"][0]
    assert query["nonce"][0]
    assert query["scope"][0].split() == ["openid", "name", "address", "birthdate", "gender"]


async def test_provider_refuses_an_authorization_request_without_pkce(
    provider: openid_provider.RunningProvider, browser: httpx.AsyncClient
) -> None:
    """Configured like the Digital Authentication App: no code_challenge, no sign-in."""
    answer = await browser.get(
        f"{provider.issuer}/auth",
        params={
            "client_id": openid_provider.CLIENT_ID,
            "redirect_uri": openid_provider.REDIRECT_URI,
            "response_type": "code",
            "scope": "openid name",
            "state": "s",
            "nonce": "n",
        },
    )
    assert answer.is_redirect
    assert parse_qs(urlsplit(answer.headers["location"]).query)["error"] == ["invalid_request"]


REFUSALS = [
    ("wrong-nonce", oidc.Refusal.id_token),
    ("wrong-issuer", oidc.Refusal.id_token),
    ("bad-signature", oidc.Refusal.id_token),
    ("drop-code-verifier", oidc.Refusal.token),
]


@pytest.mark.parametrize(("mode", "reason"), REFUSALS)
async def test_tampered_answer_is_refused_and_nobody_signed_in(
    mode: str,
    reason: oidc.Refusal,
    client: httpx.AsyncClient,
    browser: httpx.AsyncClient,
    session: AsyncSession,
    provider: openid_provider.RunningProvider,
) -> None:
    provider.misbehave(mode)
    sessions = await _sessions(session)
    answer = await client.get(await _round_trip(client, browser))
    assert answer.status_code == 400
    assert web.SESSION_COOKIE not in answer.cookies
    assert "Sign-in not completed" in text_of(answer)
    assert "Nothing was changed" in text_of(answer)
    assert await _identities(session) == 0
    assert await _sessions(session) == sessions
    assert (await client.get("/me")).status_code == 303  # still sent to sign in


async def test_expired_code_is_refused(
    client: httpx.AsyncClient,
    browser: httpx.AsyncClient,
    session: AsyncSession,
    provider: openid_provider.RunningProvider,
) -> None:
    provider.misbehave("short-code")
    back = await _round_trip(client, browser)
    await asyncio.sleep(2.5)  # the code lived one second
    answer = await client.get(back)
    assert answer.status_code == 400
    assert "may have expired" in text_of(answer)
    assert await _identities(session) == 0


async def test_replayed_code_is_refused(
    client: httpx.AsyncClient, browser: httpx.AsyncClient, session: AsyncSession
) -> None:
    back = await _round_trip(client, browser)
    assert (await client.get(back)).status_code == 303
    client.cookies.clear()
    # The same answer again: its state was used up.
    again = await client.get(back)
    assert again.status_code == 400
    assert "already used" in text_of(again)
    assert web.SESSION_COOKIE not in again.cookies
    # The old code under a fresh sign-in's state: the provider refuses the code itself.
    fresh = parse_qs(urlsplit(await openid_provider.start(client)).query)["state"][0]
    code = parse_qs(urlsplit(back).query)["code"][0]
    replay = await client.get(
        "/signin/oidc/callback",
        params={"code": code, "state": fresh, "iss": parse_qs(urlsplit(back).query)["iss"][0]},
    )
    assert replay.status_code == 400
    assert "used already" in text_of(replay)
    assert web.SESSION_COOKIE not in replay.cookies
    assert await _identities(session) == 1


async def test_answer_carried_to_another_browser_is_refused(
    app: FastAPI, client: httpx.AsyncClient, browser: httpx.AsyncClient, session: AsyncSession
) -> None:
    back = await _round_trip(client, browser)
    transport = httpx.ASGITransport(app=app, client=("2001:db8::77", 123))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other:
        answer = await other.get(back)
    assert answer.status_code == 400
    assert "not started in this browser" in text_of(answer)
    assert await _identities(session) == 0


async def test_refusal_is_told_in_the_readers_language(
    client: httpx.AsyncClient,
    browser: httpx.AsyncClient,
    provider: openid_provider.RunningProvider,
) -> None:
    client.cookies.set(web.LANGUAGE_COOKIE, "th")
    provider.misbehave("wrong-nonce")
    answer = await client.get(await _round_trip(client, browser))
    assert answer.status_code == 400
    assert answer.headers["content-language"] == "th"
    assert "Nothing was changed" not in answer.text
    thai = web.gettext(i18n.BY_CODE["th"], REFUSED[oidc.Refusal.id_token])
    assert thai != REFUSED[oidc.Refusal.id_token]
    assert thai in text_of(answer)


async def test_provider_key_rotation_is_followed(
    app: FastAPI,
    client: httpx.AsyncClient,
    browser: httpx.AsyncClient,
    session: AsyncSession,
    provider_installed: None,
    client_jwks: dict[str, object],
) -> None:
    port = free_port()
    with openid_provider.running(client_jwks, port) as first:
        app.state.oidc_directory = openid_provider.mynumber_at(first.issuer)
        assert (await client.get(await _round_trip(client, browser))).status_code == 303
        before = app.state.oidc_directory._cache[oidc.ProviderKind.mynumber].keys
    browser.cookies.clear()
    client.cookies.clear()
    # Restarted with a new signing key under a new kid: the cached key set lacks it.
    with openid_provider.running(client_jwks, port):
        again = await client.get(await _round_trip(client, browser))
        assert again.status_code == 303, again.text
        assert again.headers["location"] == "/me"
    after = app.state.oidc_directory._cache[oidc.ProviderKind.mynumber].keys
    assert {k.kid for k in before.keys} != {k.kid for k in after.keys}
    assert await _identities(session) == 1


async def test_signed_in_visitor_verifies_their_details(
    client: httpx.AsyncClient,
    browser: httpx.AsyncClient,
    session: AsyncSession,
    platform: Platform,
) -> None:
    keyring = platform.keys.keyring
    visitor_id = await signed_in_visitor(
        client, session, keyring, profile={"name": {"surname": "Digital", "given_names": "Taro"}}
    )
    url = await openid_provider.start(client, "/me/verify/mynumber")
    answer = await client.get(await openid_provider.sign_in_at_provider(browser, url))
    assert answer.status_code == 303
    assert answer.headers["location"] == "/me"
    profile = await visitors.read_profile(session, keyring, visitor_id)
    assert profile["name"] == {"surname": "デジタル", "given_names": "太郎"}
    assert (await visitors.verifications(session, visitor_id))["name"] is not None
    # They sign in with the provider from now on, into the same account.
    client.cookies.clear()
    browser.cookies.clear()
    again = await client.get(await _round_trip(client, browser))
    assert again.headers["location"] == "/me"
    assert (await session.scalars(sa.select(OidcIdentity.visitor_id))).one() == visitor_id


async def test_verifying_needs_a_signed_in_visitor(client: httpx.AsyncClient) -> None:
    token = await csrf_token(client, "/signin")
    answer = await client.post("/me/verify/mynumber", data={"csrf_token": token})
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/signin?next=")


async def test_sign_in_page_offers_my_number_and_says_short_term_visitors_have_none(
    client: httpx.AsyncClient, provider: openid_provider.RunningProvider
) -> None:
    answer = await client.get("/signin")
    page = text_of(answer)
    assert "Sign in with Digital Authentication App (My Number card)" in page
    assert "Visitors on a short stay have no My Number card" in page
    # Its form's redirect to the provider is allowed by the page's own policy, nothing else.
    policy = answer.headers["content-security-policy"]
    assert f"form-action 'self' {provider.issuer};" in policy


async def test_sign_in_page_offers_no_provider_when_none_is_configured(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    app.state.oidc_directory = oidc.ProviderDirectory({})
    page = await client.get("/signin")
    assert "/signin/oidc/" not in page.text
    assert "My Number" not in page.text


async def test_client_key_is_published_for_the_provider(
    client: httpx.AsyncClient, platform: Platform
) -> None:
    answer = await client.get(jwks.CLIENT_PATH)
    assert answer.status_code == 200
    assert answer.json() == jwks.client_key_set(platform.keys)
    (key,) = answer.json()["keys"]
    assert (key["kty"], key["alg"]) == ("RSA", "RS256")
    assert "d" not in key
    # Apart from the set of what the platform signs as itself.
    platform_set = (await client.get(jwks.PATH)).json()
    assert key["kid"] not in {k["kid"] for k in platform_set["keys"]}


async def test_unreachable_provider_is_said_plainly(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    app.state.oidc_directory = openid_provider.mynumber_at(f"http://127.0.0.1:{free_port()}")
    token = await csrf_token(client, "/signin")
    answer = await client.post("/signin/oidc/mynumber", data={"csrf_token": token})
    assert answer.status_code == 503
    assert "cannot be reached just now" in text_of(answer)


async def test_sign_ins_that_never_came_back_are_forgotten(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await openid_provider.start(client)
    pending = sa.select(sa.func.count()).select_from(OidcAuthorization)
    assert await session.scalar(pending) == 1
    assert await queries.forget_lapsed(session, OidcAuthorization) == 0
    later = datetime.now(UTC) + oidc.AUTHORIZATION_LIFETIME + timedelta(seconds=1)
    assert await queries.forget_lapsed(session, OidcAuthorization, now=later) == 1
    assert await session.scalar(pending) == 0
