"""The machine-translation interface, its typed errors, and what every HTTP adapter shares."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from enum import StrEnum
from http import HTTPStatus
from typing import Any, Protocol

import httpx

from omotenashi import tls
from omotenashi.errors import AppError


class MachineTranslator(Protocol):
    """A machine-translation engine addressed in our BCP 47 language codes (``zh-Hant``, ``tl``).

    ``name`` is the engine id recorded as the provenance of what it translates (``deepl``,
    ``libretranslate``, ``textra:generalNT``).

    ``supports(source, target)`` says whether the engine translates that pair.

    ``translate(texts, source, target)`` returns one translation per text, in order. Blank texts
    come back unchanged without reaching the engine. A pair ``supports`` refuses raises
    :class:`EngineRejected` before any request; an engine that cannot be reached, times out or
    fails raises :class:`EngineUnavailable` (worth retrying later); an engine that refuses the
    request (credentials, quota, language pair) raises :class:`EngineRejected` (not worth
    retrying until the configuration changes).
    """

    name: str

    def supports(self, source: str, target: str) -> bool: ...

    async def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]: ...


class RejectionReason(StrEnum):
    credentials = "credentials"
    quota = "quota"
    unsupported_language_pair = "unsupported_language_pair"
    bad_request = "bad_request"


class UnavailableReason(StrEnum):
    timeout = "timeout"
    network = "network"
    server_error = "server_error"
    rate_limited = "rate_limited"
    bad_response = "bad_response"


class MachineTranslationError(AppError):
    """Base of machine-translation failures.

    Messages are one sentence and never carry the text being translated nor any secret: they
    reach logs and problem details, and servicer content or keys must not.
    """

    status = HTTPStatus.SERVICE_UNAVAILABLE
    code = "mt_failed"
    title = "Machine translation failed"


class EngineNotConfigured(MachineTranslationError):
    """The chosen engine lacks a setting it needs; raised when the translator is built."""

    code = "mt_not_configured"
    title = "Machine translation is not configured"


class EngineUnavailable(MachineTranslationError):
    """The engine could not be reached, timed out, failed, or asked us to slow down."""

    code = "mt_unavailable"
    title = "The machine-translation engine is unavailable"

    def __init__(self, message: str, *, engine: str, reason: UnavailableReason) -> None:
        super().__init__(message, extra={"engine": engine, "reason": reason.value})
        self.engine = engine
        self.reason = reason


class EngineRejected(MachineTranslationError):
    """The engine refused the request: credentials, quota, language pair or request shape."""

    status = HTTPStatus.BAD_GATEWAY
    code = "mt_rejected"
    title = "The machine-translation engine refused the request"

    def __init__(self, message: str, *, engine: str, reason: RejectionReason) -> None:
        super().__init__(message, extra={"engine": engine, "reason": reason.value})
        self.engine = engine
        self.reason = reason


def chunks(texts: Sequence[str], *, max_count: int, max_bytes: int) -> Iterator[list[str]]:
    """``texts`` in order, cut into runs of at most ``max_count`` texts and ``max_bytes`` of
    UTF-8 (a single longer text goes alone, for the engine to accept or refuse)."""
    batch: list[str] = []
    size = 0
    for text in texts:
        length = len(text.encode())
        if batch and (len(batch) == max_count or size + length > max_bytes):
            yield batch
            batch, size = [], 0
        batch.append(text)
        size += length
    if batch:
        yield batch


class HttpTranslator(ABC):
    """Shared behaviour of the HTTP adapters: pair check, blank texts, timeouts, status codes.

    ``client`` lets the application share one connection pool; without it each ``translate``
    call opens and closes its own. Either way every request carries ``timeout``.
    """

    name: str
    label: str  # how messages name the engine

    def __init__(self, *, timeout: float, client: httpx.AsyncClient | None) -> None:
        self._timeout = timeout
        self._client = client

    @abstractmethod
    def supports(self, source: str, target: str) -> bool: ...

    async def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        if isinstance(texts, str):  # a str is a Sequence[str] too, of single characters
            raise TypeError("texts must be a sequence of texts, not one text")
        if not self.supports(source, target):
            raise self.unsupported(source, target)
        result = list(texts)
        pending = [index for index, text in enumerate(texts) if text.strip()]
        if not pending:
            return result
        async with self._session() as client:
            translated = await self._translate(
                client, [texts[index] for index in pending], source, target
            )
        if len(translated) != len(pending):
            raise self.unavailable(
                UnavailableReason.bad_response,
                f"{self.label} returned {len(translated)} translations for {len(pending)} texts.",
            )
        for index, text in zip(pending, translated, strict=True):
            result[index] = text
        return result

    @abstractmethod
    async def _translate(
        self, client: httpx.AsyncClient, texts: list[str], source: str, target: str
    ) -> list[str]:
        """Translations of non-blank ``texts`` for a supported pair."""

    @asynccontextmanager
    async def _session(self) -> AsyncIterator[httpx.AsyncClient]:
        if self._client is not None:
            yield self._client
        else:
            async with httpx.AsyncClient(verify=tls.trusted()) as client:
                yield client

    async def _request(
        self, client: httpx.AsyncClient, method: str, url: str, **kwargs: Any
    ) -> httpx.Response:
        try:
            return await client.request(method, url, timeout=self._timeout, **kwargs)
        except httpx.TimeoutException as exc:
            raise self.unavailable(
                UnavailableReason.timeout,
                f"{self.label} did not answer within {self._timeout:g} seconds.",
            ) from exc
        except httpx.TransportError as exc:  # refused, DNS, TLS, broken connection
            raise self.unavailable(
                UnavailableReason.network, f"{self.label} could not be reached."
            ) from exc

    def check_status(self, response: httpx.Response) -> None:
        """Raise the typed error for a non-success status; engines override for their own."""
        if response.is_success:
            return
        status = response.status_code
        if status in (HTTPStatus.UNAUTHORIZED, HTTPStatus.FORBIDDEN):
            raise self.rejected(
                RejectionReason.credentials, f"{self.label} refused our credentials."
            )
        if status == HTTPStatus.TOO_MANY_REQUESTS:
            raise self.unavailable(
                UnavailableReason.rate_limited, f"{self.label} asked us to slow down."
            )
        if status >= 500:
            raise self.unavailable(
                UnavailableReason.server_error, f"{self.label} failed with HTTP {status}."
            )
        raise self.rejected(
            RejectionReason.bad_request, f"{self.label} refused the request with HTTP {status}."
        )

    def json(self, response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError as exc:
            raise self.bad_response() from exc

    def bad_response(self) -> EngineUnavailable:
        return self.unavailable(
            UnavailableReason.bad_response, f"{self.label} answered in an unexpected shape."
        )

    def unsupported(self, source: str, target: str) -> EngineRejected:
        return self.rejected(
            RejectionReason.unsupported_language_pair,
            f"{self.label} does not translate from {source} to {target}.",
        )

    def rejected(self, reason: RejectionReason, message: str) -> EngineRejected:
        return EngineRejected(message, engine=self.name, reason=reason)

    def unavailable(self, reason: UnavailableReason, message: str) -> EngineUnavailable:
        return EngineUnavailable(message, engine=self.name, reason=reason)
