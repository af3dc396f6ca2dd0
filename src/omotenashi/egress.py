"""Where the platform may send a request a visitor or a servicer chose the address of (a
webhook, a browser's push service): only to the public internet, or to this machine in
development.

The rule is one for every such request: ``refused`` judges an address, ``addresses`` resolves
a host, and ``resolves_privately`` is the early check made when an endpoint is registered. The
real guard is at connect time, in each client (``webhooks.egress``, ``alerts.push``): a host
that re-binds its DNS after registration must not turn a request towards an internal service.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket

RESOLVE_TIMEOUT = 2.0  # seconds, for registration's early check only


def refused(address: str, *, allow_loopback: bool) -> bool:
    """True when a request must not go to ``address``: anything not global (private,
    link-local such as the cloud metadata service, shared, reserved, multicast, unspecified),
    IPv4 seen through IPv6 (mapped, 6to4, Teredo) judged as the IPv4 it carries, and loopback
    unless allowed for development."""
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            if refused(str(embedded), allow_loopback=allow_loopback):
                return True
            if ip.ipv4_mapped is not None:
                return False
    if ip.is_loopback:
        return not allow_loopback
    return not ip.is_global or ip.is_multicast


def literal(host: str) -> str | None:
    """``host`` as an address when it is one (``[::1]`` as URLs bracket it), else None."""
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


async def addresses(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to for a TCP connection, in the resolver's order; a
    literal address is itself, without a trip to the resolver's thread."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    found = await asyncio.get_running_loop().getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
    )
    return list(dict.fromkeys(str(sockaddr[0]) for *_, sockaddr in found))


async def resolves_privately(host: str, *, allow_loopback: bool) -> bool | None:
    """Registration's early check: True if ``host`` resolves to an address a request would
    refuse, False if not, None when it cannot be told now (no answer, no DNS): the request's
    own check at connect time decides then."""
    try:
        found = await asyncio.wait_for(addresses(host, 443), RESOLVE_TIMEOUT)
    except (OSError, TimeoutError, UnicodeError):
        return None
    return any(refused(a, allow_loopback=allow_loopback) for a in found)
