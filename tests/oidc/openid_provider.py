"""The suite's real OpenID Provider (tests/oidc/provider: panva/oidc-provider on Node.js), and a
stand-in for the visitor's browser that walks its sign-in and consent forms.

``npm ci`` runs once per checkout (node_modules is kept under tests/oidc/provider, gitignored);
each provider listens on a free port of 127.0.0.1 with a fresh signing key.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import httpx
from tests.ready import answers

from omotenashi.auth import oidc
from omotenashi.pgcluster import free_port

HERE = Path(__file__).parent / "provider"
CLIENT_ID = "omotenashi-test"
REDIRECT_URI = "http://testserver/signin/oidc/callback"
_FORM = re.compile(r'<form[^>]*action="([^"]+)"')
_PROMPT = re.compile(r'name="prompt" value="([^"]+)"')


def install() -> None:
    """``npm ci`` the provider once (several test workers may ask at the same time)."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise RuntimeError("Node.js and npm are needed for the OpenID Provider tests")
    with (HERE / ".install.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        marker = HERE / "node_modules" / ".package-lock.json"
        lock_file = HERE / "package-lock.json"
        if marker.exists() and marker.stat().st_mtime >= lock_file.stat().st_mtime:
            return
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=HERE,
            check=True,
            timeout=300,
        )


@dataclass
class RunningProvider:
    issuer: str
    process: subprocess.Popen[bytes]

    def misbehave(self, mode: str) -> None:
        """Make the provider misbehave on later requests (see provider.mjs); "none" stops it."""
        answer = httpx.post(f"{self.issuer}/test/misbehave", json={"mode": mode}, timeout=5)
        answer.raise_for_status()


@contextlib.contextmanager
def running(
    client_jwks: dict[str, object], port: int | None = None, redirect_uri: str = REDIRECT_URI
) -> Iterator[RunningProvider]:
    """A provider process that knows our client: its redirect URI and its public key set."""
    port = port or free_port()
    keys = {"jwks": client_jwks}
    env = {
        **os.environ,
        "PORT": str(port),
        "OIDC_CLIENT": json.dumps(
            {"client_id": CLIENT_ID, "redirect_uris": [redirect_uri], **keys}
        ),
    }
    process = subprocess.Popen(
        ["node", "provider.mjs"],
        cwd=HERE,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    issuer = f"http://127.0.0.1:{port}"
    try:
        if not answers(f"{issuer}/.well-known/openid-configuration", within=30, process=process):
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                raise RuntimeError(f"the OpenID Provider exited: {output[-2000:]}")
            raise RuntimeError("the OpenID Provider did not start")
        yield RunningProvider(issuer, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def start(client: httpx.AsyncClient, path: str = "/signin/oidc/mynumber", **form: str) -> str:
    """Press the provider's button on our page (``path``); the provider URL we send to."""
    page = await client.get("/signin" if path.startswith("/signin") else "/me")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    answer = await client.post(path, data={"csrf_token": token.group(1), **form})
    assert answer.status_code == 303, answer.text
    return answer.headers["location"]


async def sign_in_at_provider(
    browser: httpx.AsyncClient, url: str, login: str = "resident-1"
) -> str:
    """Walk the provider's pages as the visitor would (sign in, consent); the URL it sends the
    browser back to us with."""
    answer = await browser.get(url)
    for _ in range(12):
        if answer.is_redirect:
            location = urljoin(str(answer.url), answer.headers["location"])
            if location.startswith(REDIRECT_URI):
                return location
            answer = await browser.get(location)
            continue
        form, prompt = _FORM.search(answer.text), _PROMPT.search(answer.text)
        assert form is not None, answer.text[:2000]
        assert prompt is not None, answer.text[:2000]
        data = {"prompt": prompt.group(1)}
        if prompt.group(1) == "login":
            data.update(login=login, password="any")
        answer = await browser.post(urljoin(str(answer.url), form.group(1)), data=data)
    raise AssertionError("the provider never sent the browser back")


def mynumber_at(issuer: str) -> oidc.ProviderDirectory:
    """The app's providers: the one at ``issuer`` as the Digital Authentication App."""
    return oidc.ProviderDirectory(
        {
            oidc.ProviderKind.mynumber: oidc.ProviderProfile(
                oidc.ProviderKind.mynumber,
                issuer,
                CLIENT_ID,
                oidc.MYNUMBER_SCOPES,
                oidc.MYNUMBER_NAME,
            )
        }
    )
