"""LibreTranslate, self-hosted: ``GET /languages`` to learn which codes and pairs this server
has, then ``POST /translate`` with the texts in batches."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
from pydantic import SecretStr

from omotenashi.translation.engines.base import HttpTranslator, chunks

LIBRETRANSLATE_URL = "http://127.0.0.1:5000"

# The codes a LibreTranslate server may use for each of our languages, preferred first.
# Versions differ: recent ones say zh-Hans and zh-Hant, older ones zh and zt (and pb for
# Brazilian Portuguese, preferred as for the other engines).
_CANDIDATES: dict[str, tuple[str, ...]] = {
    "ja": ("ja",),
    "en": ("en",),
    "zh-Hans": ("zh-Hans", "zh"),
    "zh-Hant": ("zh-Hant", "zt"),
    "ko": ("ko",),
    "es": ("es",),
    "pt": ("pt-BR", "pb", "pt"),
    "vi": ("vi",),
    "th": ("th",),
    "id": ("id",),
    "tl": ("tl",),
    "ne": ("ne",),
    "km": ("km",),
    "my": ("my",),
    "mn": ("mn",),
}

# A server's models change only when it restarts; reading its list hourly is plenty.
_LANGUAGES_TTL = 3600.0
_MAX_TEXTS = 50
_MAX_BYTES = 100_000

# A language code of the server -> the codes it translates into (None: the server predates
# the ``targets`` field, so every listed language is assumed).
_Languages = dict[str, frozenset[str] | None]


class LibreTranslateTranslator(HttpTranslator):
    name = "libretranslate"
    label = "LibreTranslate"

    def __init__(
        self,
        *,
        base_url: str = LIBRETRANSLATE_URL,
        api_key: SecretStr | None = None,
        timeout: float,
        client: httpx.AsyncClient | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(timeout=timeout, client=client)
        self._url = base_url.rstrip("/")
        self._api_key = api_key
        self._clock = clock
        self._languages: _Languages | None = None
        self._languages_read_at = 0.0

    def supports(self, source: str, target: str) -> bool:
        """Before this server's ``/languages`` has been read (on the first ``translate``): whether
        LibreTranslate can name both languages. Afterwards: whether this server has the pair."""
        if source == target or source not in _CANDIDATES or target not in _CANDIDATES:
            return False
        return self._languages is None or _codes(self._languages, source, target) is not None

    async def _translate(
        self, client: httpx.AsyncClient, texts: list[str], source: str, target: str
    ) -> list[str]:
        languages = await self._read_languages(client)
        codes = _codes(languages, source, target)
        if codes is None:
            raise self.unsupported(source, target)
        source_code, target_code = codes
        translated: list[str] = []
        for batch in chunks(texts, max_count=_MAX_TEXTS, max_bytes=_MAX_BYTES):
            payload = {"q": batch, "source": source_code, "target": target_code, "format": "text"}
            if self._api_key is not None:
                payload["api_key"] = self._api_key.get_secret_value()
            response = await self._request(client, "POST", f"{self._url}/translate", json=payload)
            self.check_status(response)
            body = self.json(response)
            result = body.get("translatedText") if isinstance(body, dict) else None
            if not isinstance(result, list) or not all(isinstance(text, str) for text in result):
                raise self.bad_response()
            translated.extend(result)
        return translated

    async def _read_languages(self, client: httpx.AsyncClient) -> _Languages:
        if self._languages is not None and self._clock() - self._languages_read_at < _LANGUAGES_TTL:
            return self._languages
        response = await self._request(client, "GET", f"{self._url}/languages")
        self.check_status(response)
        body = self.json(response)
        if not isinstance(body, list):
            raise self.bad_response()
        languages: _Languages = {}
        for item in body:
            code = item.get("code") if isinstance(item, dict) else None
            if not isinstance(code, str):
                raise self.bad_response()
            targets = item.get("targets")
            languages[code] = (
                frozenset(t for t in targets if isinstance(t, str))
                if isinstance(targets, list)
                else None
            )
        self._languages = languages
        self._languages_read_at = self._clock()
        return languages


def _codes(languages: _Languages, source: str, target: str) -> tuple[str, str] | None:
    """The server's codes for a pair it translates, preferring the first candidates."""
    for source_code in _CANDIDATES[source]:
        if source_code not in languages:
            continue
        targets = languages[source_code]
        for target_code in _CANDIDATES[target]:
            if target_code in languages and (targets is None or target_code in targets):
                return source_code, target_code
    return None
