"""NICT みんなの自動翻訳@TexTra public API: an OAuth 2.0 client-credentials token, then one
form POST per text to ``/api/mt/{engine}_{source}_{target}/``."""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

import httpx
from pydantic import SecretStr

from omotenashi.translation.engines.base import (
    HttpTranslator,
    MachineTranslationError,
    RejectionReason,
    UnavailableReason,
)

TEXTRA_URL = "https://mt-auto-minhon-mlt.ucri.jgn-x.jp"

# TexTra's own language codes: Chinese by region, Filipino (our Tagalog) as ``fil``.
_LANGUAGE_CODES = {
    "ja": "ja",
    "en": "en",
    "zh-Hans": "zh-CN",
    "zh-Hant": "zh-TW",
    "ko": "ko",
    "es": "es",
    "pt": "pt",
    "vi": "vi",
    "th": "th",
    "id": "id",
    "tl": "fil",
    "ne": "ne",
    "km": "km",
    "my": "my",
    "mn": "mn",
}
# TexTra's engines translate between Japanese or English and each other language, not
# between two other languages directly.
_PIVOTS = frozenset({"ja", "en"})

# ``resultset.code`` values, as TexTra documents them.
_CREDENTIAL_CODES = frozenset(
    {
        500,  # API key error
        501,  # name (login id) error
        510,  # OAuth authentication error
        511,  # OAuth header error
        522,  # request key error
        523,  # request name error
        530,  # authorisation error
    }
)
_TOKEN_CODES = frozenset({510, 511})
_DAILY_LIMIT = 502
_RATE_CODES = frozenset({504, 505})  # per-minute limit, simultaneous requests
_URL_CODES = frozenset({520, 521})  # no such API URL: this engine lacks the pair
_EXECUTION_ERROR = 531

# Token lifetime when the answer omits ``expires_in``; short, as a wrong guess costs a retry.
_DEFAULT_TOKEN_LIFETIME = 300.0
# Renew this long before the announced expiry, so a token never expires in flight.
_TOKEN_MARGIN = 60.0


class TexTraTranslator(HttpTranslator):
    label = "TexTra"

    def __init__(
        self,
        *,
        login_id: SecretStr,
        api_key: SecretStr,
        api_secret: SecretStr,
        engine: str = "generalNT",
        base_url: str = TEXTRA_URL,
        timeout: float,
        client: httpx.AsyncClient | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(timeout=timeout, client=client)
        self.name = f"textra:{engine}"
        self._engine = engine
        self._url = base_url.rstrip("/")
        self._login_id = login_id
        self._api_key = api_key
        self._api_secret = api_secret
        self._clock = clock
        self._token: str | None = None
        self._token_expires_at = 0.0
        # Concurrent translations wait for one token request instead of each making their own.
        self._token_lock = asyncio.Lock()

    def supports(self, source: str, target: str) -> bool:
        return (
            source in _LANGUAGE_CODES
            and target in _LANGUAGE_CODES
            and source != target
            and (source in _PIVOTS or target in _PIVOTS)
        )

    async def _translate(
        self, client: httpx.AsyncClient, texts: list[str], source: str, target: str
    ) -> list[str]:
        pair = f"{self._engine}_{_LANGUAGE_CODES[source]}_{_LANGUAGE_CODES[target]}"
        url = f"{self._url}/api/mt/{pair}/"
        # The API takes one text per request and limits simultaneous requests per account
        # (code 505), so the texts go one after another.
        return [await self._translate_one(client, url, text, source, target) for text in texts]

    async def _translate_one(
        self, client: httpx.AsyncClient, url: str, text: str, source: str, target: str
    ) -> str:
        token, fresh = await self._access_token(client)
        resultset = await self._call(client, url, token, text)
        if resultset["code"] in _TOKEN_CODES and not fresh:
            # A cached token refused before its announced expiry: get a new one, once.
            self._forget(token)
            token, _ = await self._access_token(client)
            resultset = await self._call(client, url, token, text)
        if resultset["code"] != 0:
            raise self._code_error(resultset["code"], source, target)
        result = resultset.get("result")
        translated = result.get("text") if isinstance(result, dict) else None
        if not isinstance(translated, str):
            raise self.bad_response()
        return translated

    async def _call(
        self, client: httpx.AsyncClient, url: str, token: str, text: str
    ) -> dict[str, Any]:
        response = await self._request(
            client,
            "POST",
            url,
            data={
                "access_token": token,
                "key": self._api_key.get_secret_value(),
                "name": self._login_id.get_secret_value(),
                "type": "json",
                "text": text,
            },
        )
        self.check_status(response)
        body = self.json(response)
        resultset = body.get("resultset") if isinstance(body, dict) else None
        if not isinstance(resultset, dict) or not isinstance(resultset.get("code"), int):
            raise self.bad_response()
        return resultset

    async def _access_token(self, client: httpx.AsyncClient) -> tuple[str, bool]:
        """A valid access token, and whether it was fetched just now."""
        async with self._token_lock:
            if self._token is not None and self._clock() < self._token_expires_at:
                return self._token, False
            issued_at = self._clock()
            response = await self._request(
                client,
                "POST",
                f"{self._url}/oauth2/token.php",
                data={
                    "grant_type": "client_credentials",
                    "client_id": self._api_key.get_secret_value(),
                    "client_secret": self._api_secret.get_secret_value(),
                },
            )
            # RFC 6749 §5.2: a refused client is 400 or 401.
            if response.status_code in (HTTPStatus.BAD_REQUEST, HTTPStatus.UNAUTHORIZED):
                raise self.rejected(
                    RejectionReason.credentials, "TexTra refused our API key or secret."
                )
            self.check_status(response)
            body = self.json(response)
            token = body.get("access_token") if isinstance(body, dict) else None
            if not isinstance(token, str) or not token:
                raise self.bad_response()
            lifetime = _lifetime(body.get("expires_in"))
            self._token = token
            self._token_expires_at = issued_at + lifetime - min(_TOKEN_MARGIN, lifetime / 2)
            return token, True

    def _forget(self, token: str) -> None:
        if self._token == token:
            self._token = None

    def _code_error(self, code: int, source: str, target: str) -> MachineTranslationError:
        if code in _CREDENTIAL_CODES:
            return self.rejected(
                RejectionReason.credentials, f"TexTra refused our credentials (code {code})."
            )
        if code == _DAILY_LIMIT:
            return self.rejected(
                RejectionReason.quota, f"TexTra's daily request limit is reached (code {code})."
            )
        if code in _RATE_CODES:
            return self.unavailable(
                UnavailableReason.rate_limited, f"TexTra asked us to slow down (code {code})."
            )
        if code in _URL_CODES:
            return self.rejected(
                RejectionReason.unsupported_language_pair,
                f"TexTra's {self._engine} engine does not translate from {source} to {target}"
                f" (code {code}).",
            )
        if code == _EXECUTION_ERROR:
            return self.unavailable(
                UnavailableReason.server_error, f"TexTra failed to translate (code {code})."
            )
        return self.rejected(
            RejectionReason.bad_request, f"TexTra refused the request (code {code})."
        )


def _lifetime(expires_in: object) -> float:
    """Seconds a token lives: ``expires_in`` when it is a positive number (some OAuth servers
    send it as a string), else a short default."""
    if isinstance(expires_in, bool) or not isinstance(expires_in, int | float | str):
        return _DEFAULT_TOKEN_LIFETIME
    try:
        lifetime = float(expires_in)
    except ValueError:
        return _DEFAULT_TOKEN_LIFETIME
    return lifetime if math.isfinite(lifetime) and lifetime > 0 else _DEFAULT_TOKEN_LIFETIME
