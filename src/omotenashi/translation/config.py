"""Translation settings, read from the environment (prefix ``OMOTENASHI_MT_``) when asked for,
and the machine translator they describe."""

from __future__ import annotations

from typing import Literal

import httpx
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from omotenashi.translation.engines import (
    DeepLTranslator,
    EngineNotConfigured,
    LibreTranslateTranslator,
    MachineTranslator,
    TexTraTranslator,
)
from omotenashi.translation.engines.libretranslate import LIBRETRANSLATE_URL
from omotenashi.translation.engines.textra import TEXTRA_URL

ENV_PREFIX = "OMOTENASHI_MT_"


class TranslationSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_file=None, extra="ignore")

    engine: Literal["none", "textra", "libretranslate", "deepl"] = Field(
        default="none", description="Machine-translation engine; none: memory and people only."
    )
    timeout: float = Field(default=10.0, gt=0, le=120, description="Seconds per engine request.")
    fuzzy_threshold: float = Field(
        default=0.75, ge=0, le=1, description="Least similarity (0-1) of a fuzzy memory match."
    )

    textra_base_url: str = TEXTRA_URL
    textra_engine: str = Field(
        default="generalNT",
        pattern=r"^[A-Za-z0-9]+$",  # it becomes part of the request path
        description="TexTra engine, e.g. generalNT; recorded as provenance textra:<engine>.",
    )
    textra_login_id: SecretStr | None = Field(default=None, description="TexTra login id.")
    textra_api_key: SecretStr | None = None
    textra_api_secret: SecretStr | None = None

    libretranslate_base_url: str = Field(
        default=LIBRETRANSLATE_URL,
        description="A LibreTranslate server; the default is where one listens when run locally.",
    )
    libretranslate_api_key: SecretStr | None = Field(
        default=None, description="Only for servers started with --api-keys."
    )

    deepl_api_key: SecretStr | None = None
    deepl_base_url: str | None = Field(
        default=None, description="Unset: api-free.deepl.com for keys ending in :fx, else Pro."
    )

    @field_validator("textra_base_url", "libretranslate_base_url", "deepl_base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.startswith(("https://", "http://")):
            raise ValueError("must be an http:// or https:// URL")
        return value.rstrip("/")


def build_translator(
    settings: TranslationSettings, *, client: httpx.AsyncClient | None = None
) -> MachineTranslator | None:
    """The configured engine's adapter, or None when the engine is ``none``.

    Raises :class:`EngineNotConfigured`, naming the environment variables to set, when the
    chosen engine lacks a credential.
    """
    match settings.engine:
        case "none":
            return None
        case "textra":
            login_id, api_key, api_secret = _required(
                settings, "TexTra", "textra_login_id", "textra_api_key", "textra_api_secret"
            )
            return TexTraTranslator(
                login_id=login_id,
                api_key=api_key,
                api_secret=api_secret,
                engine=settings.textra_engine,
                base_url=settings.textra_base_url,
                timeout=settings.timeout,
                client=client,
            )
        case "libretranslate":
            # The key is optional: only servers started with --api-keys ask for one.
            key = settings.libretranslate_api_key
            return LibreTranslateTranslator(
                base_url=settings.libretranslate_base_url,
                api_key=key if key and key.get_secret_value().strip() else None,
                timeout=settings.timeout,
                client=client,
            )
        case "deepl":
            (api_key,) = _required(settings, "DeepL", "deepl_api_key")
            return DeepLTranslator(
                api_key=api_key,
                base_url=settings.deepl_base_url,
                timeout=settings.timeout,
                client=client,
            )


def _required(settings: TranslationSettings, label: str, *fields: str) -> list[SecretStr]:
    values: list[SecretStr] = []
    missing: list[str] = []
    for field in fields:
        value = getattr(settings, field)
        if isinstance(value, SecretStr) and value.get_secret_value().strip():
            values.append(value)
        else:
            missing.append(f"{ENV_PREFIX}{field.upper()}")
    if missing:
        names = missing[0] if len(missing) == 1 else f"{', '.join(missing[:-1])} and {missing[-1]}"
        raise EngineNotConfigured(f"The {label} engine needs {names} to be set.")
    return values
