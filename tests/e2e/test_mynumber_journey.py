"""The journey of issue 22's OpenID half, in Chromium: a resident opens the sign-in page in
Japanese, reads that short-term visitors have no My Number card, signs in with the Digital
Authentication App (the suite's real OpenID Provider, configured like it), and finds their name on
their page marked as verified by it. A hotel's terminal then looks them up by their IC card: the
resident allows it on their phone, and the hotel's resolve names the provider that verified the
name.

The product runs as `omotenashi serve` of its own, configured with the provider as a deployment
would be (issuer, client id, the client key in the environment)."""

from __future__ import annotations

import asyncio
import base64
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from playwright.async_api import Browser, expect
from sqlalchemy import select
from tests.conftest import _recreate
from tests.e2e.conftest import _wait_until_ready
from tests.e2e.journey import serious_accessibility_problems
from tests.e2e.shots import Screenshots
from tests.factories.clients import make_client
from tests.factories.servicers import approved_servicer
from tests.oidc import openid_provider

from omotenashi import db, i18n
from omotenashi.carriers import service as carriers
from omotenashi.carriers.models import CarrierKind
from omotenashi.carriers.service import CarrierKeys
from omotenashi.config import Settings
from omotenashi.pgcluster import EmbeddedCluster, free_port
from omotenashi.security import jwks
from omotenashi.security.keys import MasterKey, PlatformKeys, load_keys
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.visitors.models import VisitorAttribute

JAPANESE = i18n.translations("ja")


def _pem(key: object) -> str:
    assert isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | Ed25519PrivateKey)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@dataclass(frozen=True)
class Deployment:
    base: str
    issuer: str
    log: Path
    url: str  # the deployment's database
    env: dict[str, str]  # its configuration, as the server was started with it


@pytest.fixture(scope="module")
def deployment(cluster: EmbeddedCluster, migrated: str, workdir: Path) -> Iterator[Deployment]:
    openid_provider.install()
    name = "omotenashi_e2e_oidc"
    asyncio.run(_recreate(cluster.url(), name, template=migrated))  # a migrated copy
    url = cluster.url(name)
    client_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    port = free_port()
    base = f"http://localhost:{port}"
    # oidc-provider takes a client's jwks_uri over https only: the published set, given inline.
    published = jwks.client_key_set(
        PlatformKeys(
            master=MasterKey.from_material(os.urandom(32)),
            signing_key=Ed25519PrivateKey.generate(),
            oidc_client_key=client_key,
        )
    )
    with openid_provider.running(
        dict(published), redirect_uri=f"{base}/signin/oidc/callback"
    ) as provider:
        data_dir = workdir / "e2e-oidc"
        data_dir.mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith("OMOTENASHI_")}
        env.update(
            OMOTENASHI_DATABASE_URL=url,
            OMOTENASHI_MASTER_KEY=base64.b64encode(os.urandom(32)).decode(),
            OMOTENASHI_TOKEN_SIGNING_KEY=_pem(Ed25519PrivateKey.generate()),
            OMOTENASHI_VAPID_PRIVATE_KEY=_pem(ec.generate_private_key(ec.SECP256R1())),
            OMOTENASHI_OIDC_CLIENT_KEY=_pem(client_key),
            OMOTENASHI_MYNUMBER_ISSUER=provider.issuer,
            OMOTENASHI_MYNUMBER_CLIENT_ID=openid_provider.CLIENT_ID,
            OMOTENASHI_DATA_DIR=str(data_dir),
            OMOTENASHI_LOG_FORMAT="json",
        )
        log = data_dir / "server.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "omotenashi", "serve", "--port", str(port)],
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        try:
            _wait_until_ready(base, process, log)
            # The server publishes the very key the provider was given.
            assert httpx.get(f"{base}{jwks.CLIENT_PATH}").json() == published
            yield Deployment(base, provider.issuer, log, url, env)
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    violations = [line for line in log.read_text().splitlines() if "csp.violation" in line]
    assert violations == [], violations[:5]


async def test_resident_signs_in_with_the_digital_authentication_app(
    deployment: Deployment, browser: Browser, screenshots: Screenshots
) -> None:
    context = await browser.new_context(locale="ja-JP")
    page = await context.new_page()
    await page.goto(f"{deployment.base}/signin?lang=ja")
    app_name = JAPANESE.gettext("Digital Authentication App (My Number card)")
    await expect(page.get_by_text("短期滞在の方はマイナンバーカードをお持ちでない")).to_be_visible()
    assert await serious_accessibility_problems(page) == []
    await screenshots.take(page, "oidc-signin-ja.png")
    await page.get_by_role("button", name=f"{app_name}でサインイン").click()

    # The provider's own sign-in and consent pages (oidc-provider's development forms).
    await page.wait_for_url(f"{deployment.issuer}/**")
    await page.fill("input[name=login]", "resident-1")
    await page.fill("input[name=password]", "any")
    await page.get_by_role("button", name="Sign-in").click()
    await page.get_by_role("button", name="Continue").click()

    # Back on the platform, signed in, a new account: on to the registration wizard.
    await page.wait_for_url(f"{deployment.base}/register**")
    await page.goto(f"{deployment.base}/me")
    verified = page.locator("#verified")
    await expect(verified).to_contain_text("氏名（旅券記載）")
    await expect(verified).to_contain_text(f"{app_name}により")
    await expect(verified).to_contain_text("確認済み")
    await screenshots.take(page, "oidc-verified-ja.png")

    # A hotel's front desk taps the resident's IC card: they are asked, on their phone, and allow.
    hotel = await _hotel_with_terminal(deployment)
    body = {"carrier": {"kind": "ic_card", "id": SUICA}, "purpose": "hotel_check_in"}
    async with httpx.AsyncClient(base_url=deployment.base) as http:
        token = (
            await http.post(
                "/v1/oauth/token",
                data={"grant_type": "client_credentials"},
                auth=(hotel.client_id, hotel.secret),
            )
        ).json()["access_token"]
        headers = {"authorization": f"Bearer {token}"}
        asked = await http.post("/v1/resolve", json=body, headers=headers)
        assert asked.status_code == 403, asked.text
        await page.goto(asked.json()["consent_request"]["url"])
        await page.get_by_role("button", name=JAPANESE.gettext("Allow"), exact=True).click()
        await page.wait_for_load_state()
        served = await http.post("/v1/resolve", json=body, headers=headers)
    assert served.status_code == 200, served.text
    answer = served.json()
    assert answer["attributes"]["name"]
    assert answer["verification"]["name"]["verified_by"] == deployment.issuer
    await context.close()


SUICA = "01 2E 4C 3B 9A 77 10 05"


@dataclass(frozen=True)
class HotelTerminal:
    client_id: str
    secret: str


async def _hotel_with_terminal(deployment: Deployment) -> HotelTerminal:
    """A hotel approved for check-in with a front-desk terminal, and the resident's IC card linked
    to them (as they would from their page), written into the deployment's own database."""
    with mock.patch.dict(os.environ, deployment.env):
        keys = load_keys(Settings())
    engine = db.create_engine(deployment.url)
    try:
        async with db.session_scope(db.session_factory(engine)) as session:
            resident = await session.scalar(
                select(VisitorAttribute.visitor_id).where(
                    VisitorAttribute.key == "name", VisitorAttribute.verified_by.is_not(None)
                )
            )
            assert resident is not None
            await carriers.link_card(
                session,
                CarrierKeys.from_platform(keys),
                resident,
                CarrierKind.ic_card,
                SUICA,
                "Suica",
            )
            hotel = await approved_servicer(session, "Hotel Kyoto Gojo", PurposeKey.hotel_check_in)
            client, secret = await make_client(session, hotel)
            return HotelTerminal(client.client_id, secret)
    finally:
        await engine.dispose()
