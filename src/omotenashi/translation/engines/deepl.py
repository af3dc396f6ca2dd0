"""DeepL API v2 (``POST /v2/translate``), Free or Pro."""

from __future__ import annotations

import httpx
from pydantic import SecretStr

from omotenashi.translation.engines.base import (
    HttpTranslator,
    RejectionReason,
    chunks,
)

DEEPL_PRO_URL = "https://api.deepl.com"
DEEPL_FREE_URL = "https://api-free.deepl.com"

# DeepL names a source language without its variant and a target with it. Where we have one
# code for several variants, the target is the one our visitors read: American English (the
# variant most visitors learned), Brazilian Portuguese (Brazilians are by far the largest
# Portuguese-speaking community in Japan). Tagalog, Nepali, Khmer, Burmese and Mongolian are
# absent: DeepL offers them at most as beta languages, which we do not opt into.
_SOURCE_CODES = {
    "ja": "JA",
    "en": "EN",
    "zh-Hans": "ZH",
    "zh-Hant": "ZH",
    "ko": "KO",
    "es": "ES",
    "pt": "PT",
    "vi": "VI",
    "th": "TH",
    "id": "ID",
}
_TARGET_CODES = {
    "ja": "JA",
    "en": "EN-US",
    "zh-Hans": "ZH-HANS",
    "zh-Hant": "ZH-HANT",
    "ko": "KO",
    "es": "ES",
    "pt": "PT-BR",
    "vi": "VI",
    "th": "TH",
    "id": "ID",
}

# The documented limits of one request: 50 texts and 128 KiB of body; the byte budget leaves
# room for the JSON around the texts.
_MAX_TEXTS = 50
_MAX_BYTES = 120_000

_QUOTA_EXCEEDED = 456


def deepl_base_url(api_key: str) -> str:
    """The API host a key belongs to: Free keys end with ``:fx``."""
    return DEEPL_FREE_URL if api_key.endswith(":fx") else DEEPL_PRO_URL


class DeepLTranslator(HttpTranslator):
    name = "deepl"
    label = "DeepL"

    def __init__(
        self,
        *,
        api_key: SecretStr,
        base_url: str | None = None,
        timeout: float,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(timeout=timeout, client=client)
        self._api_key = api_key
        self._url = (base_url or deepl_base_url(api_key.get_secret_value())).rstrip("/")

    def supports(self, source: str, target: str) -> bool:
        # Between variants of one language (zh-Hans to zh-Hant) DeepL does not translate.
        return (
            source in _SOURCE_CODES
            and target in _TARGET_CODES
            and _SOURCE_CODES[source] != _SOURCE_CODES[target]
        )

    async def _translate(
        self, client: httpx.AsyncClient, texts: list[str], source: str, target: str
    ) -> list[str]:
        translated: list[str] = []
        for batch in chunks(texts, max_count=_MAX_TEXTS, max_bytes=_MAX_BYTES):
            response = await self._request(
                client,
                "POST",
                f"{self._url}/v2/translate",
                headers={"Authorization": f"DeepL-Auth-Key {self._api_key.get_secret_value()}"},
                json={
                    "text": batch,
                    "source_lang": _SOURCE_CODES[source],
                    "target_lang": _TARGET_CODES[target],
                },
            )
            self.check_status(response)
            translated.extend(self._texts(self.json(response)))
        return translated

    def check_status(self, response: httpx.Response) -> None:
        if response.status_code == _QUOTA_EXCEEDED:
            raise self.rejected(
                RejectionReason.quota, "DeepL's character quota for this period is used up."
            )
        super().check_status(response)

    def _texts(self, body: object) -> list[str]:
        translations = body.get("translations") if isinstance(body, dict) else None
        if not isinstance(translations, list):
            raise self.bad_response()
        texts: list[str] = []
        for item in translations:
            text = item.get("text") if isinstance(item, dict) else None
            if not isinstance(text, str):
                raise self.bad_response()
            texts.append(text)
        return texts
