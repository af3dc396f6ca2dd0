"""Client-credentials access tokens, taken once and reused until shortly before they expire.

    tokens = TokenCache("https://api.omotenashi.example", client_id, client_secret)
    client = tokens.client()          # an AuthenticatedClient with a live token
    resolve_v1_resolve_post.sync(client=tokens.client(), body=...)

``client()`` is cheap: it asks ``POST /v1/oauth/token`` only when there is no token yet or the
one held has less than ``margin`` seconds left.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from omotenashi_client.generated.client import AuthenticatedClient

TOKEN_PATH = "/v1/oauth/token"  # noqa: S105 - an address


class TokenError(Exception):
    """The token endpoint refused the credentials (``error`` as in RFC 6749 §5.2)."""

    def __init__(self, status: int, error: str, description: str | None) -> None:
        super().__init__(f"{status} {error}: {description or ''}".strip())
        self.status = status
        self.error = error
        self.description = description


@dataclass(frozen=True)
class Token:
    access_token: str
    scope: str
    expires_at: float  # on the ``clock`` of the cache that took it


class TokenCache:
    """One client's access token, refreshed ``margin`` seconds before it expires. Thread-safe."""

    def __init__(
        self,
        base_url: str,
        client_id: str,
        client_secret: str,
        *,
        scope: str | None = None,
        margin: float = 60.0,
        timeout: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
        http: httpx.Client | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._credentials = (client_id, client_secret)
        self._scope = scope
        self._margin = margin
        self._clock = clock
        self._http = http or httpx.Client(timeout=timeout)
        self._lock = threading.Lock()
        self._token: Token | None = None
        self.requests = 0  # tokens taken so far: how often the endpoint was asked

    def token(self) -> Token:
        with self._lock:
            held = self._token
            if held is None or held.expires_at - self._margin <= self._clock():
                held = self._token = self._take()
            return held

    def access_token(self) -> str:
        return self.token().access_token

    def client(self, **options: object) -> AuthenticatedClient:
        """A generated client carrying the current token (``options`` go to its constructor)."""
        return AuthenticatedClient(
            base_url=self.base_url,
            token=self.access_token(),
            **options,  # type: ignore[arg-type]
        )

    def forget(self) -> None:
        """Drop the token held (say, after a 401), so the next call takes a new one."""
        with self._lock:
            self._token = None

    def _take(self) -> Token:
        form = {"grant_type": "client_credentials"}
        if self._scope:
            form["scope"] = self._scope
        asked_at = self._clock()
        answer = self._http.post(f"{self.base_url}{TOKEN_PATH}", data=form, auth=self._credentials)
        self.requests += 1
        try:
            body = answer.json()
        except ValueError:  # not the platform answering (a proxy's error page)
            body = {}
        if answer.status_code != 200 or "access_token" not in body:
            error = str(body.get("error", "unexpected_answer"))
            raise TokenError(answer.status_code, error, body.get("error_description"))
        return Token(
            access_token=body["access_token"],
            scope=body.get("scope", ""),
            expires_at=asked_at + float(body["expires_in"]),
        )
