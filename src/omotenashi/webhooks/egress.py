"""Where a webhook may be sent: only to the public internet (or to this machine in development),
by the platform's one rule (``omotenashi.egress``).

A hostname is checked where it matters, when a delivery connects: its host is resolved once,
every address it resolves to must be global, and the connection goes to the very address that
was checked, so a host that re-binds its DNS after registration (or between a check and a
connect) cannot turn a delivery towards an internal service. TLS is still verified against the
hostname: only the TCP connection is given the address.

The guard is an httpcore network backend under a small httpx transport (httpx's own transport
takes no backend), so every connection the webhook client opens goes through it; the client
follows no redirect.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable

import httpcore
import httpx

from omotenashi.egress import addresses, refused

PRIVATE_REASON = "the endpoint's host resolves to a private address"


class PrivateAddressError(Exception):
    """The endpoint's host resolves to an address a webhook must not reach; nothing was sent."""

    def __init__(self, host: str) -> None:
        super().__init__(PRIVATE_REASON)
        self.host = host


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves, checks every address, then connects the checked address through the default
    backend; no second lookup happens between the check and the connection."""

    def __init__(self, *, allow_loopback: bool) -> None:
        self.allow_loopback = allow_loopback
        self._backend = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 -- httpcore's interface
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                found = await addresses(host, port)
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(f"resolving {host} timed out") from exc
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        if not found or any(refused(a, allow_loopback=self.allow_loopback) for a in found):
            raise PrivateAddressError(host)
        failure: Exception | None = None
        for address in found:
            try:
                return await self._backend.connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None
        raise failure

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 -- httpcore's interface
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise PrivateAddressError(path)  # a local socket is never a webhook endpoint

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


_ERRORS: dict[type[Exception], type[httpx.TransportError]] = {
    httpcore.ConnectTimeout: httpx.ConnectTimeout,
    httpcore.ReadTimeout: httpx.ReadTimeout,
    httpcore.WriteTimeout: httpx.WriteTimeout,
    httpcore.PoolTimeout: httpx.PoolTimeout,
    httpcore.ConnectError: httpx.ConnectError,
    httpcore.ReadError: httpx.ReadError,
    httpcore.WriteError: httpx.WriteError,
    httpcore.RemoteProtocolError: httpx.RemoteProtocolError,
    httpcore.LocalProtocolError: httpx.LocalProtocolError,
    httpcore.UnsupportedProtocol: httpx.UnsupportedProtocol,
}


def _as_httpx(exc: Exception) -> Exception:
    for kind, mapped in _ERRORS.items():
        if isinstance(exc, kind):
            return mapped(str(exc))
    if isinstance(exc, httpcore.TimeoutException):
        return httpx.TimeoutException(str(exc))
    if isinstance(exc, httpcore.NetworkError | httpcore.ProtocolError):
        return httpx.TransportError(str(exc))
    return exc


class _Body(httpx.AsyncByteStream):
    def __init__(self, stream: httpcore.Response) -> None:
        self._response = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for part in self._response.aiter_stream():
                yield part
        except Exception as exc:
            raise _as_httpx(exc) from exc

    async def aclose(self) -> None:
        await self._response.aclose()


class GuardedTransport(httpx.AsyncBaseTransport):
    """An httpx transport over an httpcore pool whose every connection is guarded."""

    def __init__(self, *, allow_loopback: bool, limits: httpx.Limits) -> None:
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedBackend(allow_loopback=allow_loopback),
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.AsyncByteStream)
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        try:
            answer = await self._pool.handle_async_request(core)
        except PrivateAddressError:
            raise
        except Exception as exc:
            raise _as_httpx(exc) from exc
        return httpx.Response(
            status_code=answer.status,
            headers=answer.headers,
            stream=_Body(answer),
            extensions=answer.extensions,
        )

    async def aclose(self) -> None:
        await self._pool.aclose()
