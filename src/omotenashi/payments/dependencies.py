"""Who may move money, declared once: a payment terminal (a terminal holding ``resolve`` and set
up for the ``payment`` purpose), or the servicer's back-end (``servicer:admin``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Security

from omotenashi.clients import service as clients
from omotenashi.clients.dependencies import access_token
from omotenashi.clients.models import ClientKind
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.clients.tokens import AccessToken
from omotenashi.deps import Session
from omotenashi.payments.errors import SandboxPaymentsError
from omotenashi.resolve.touchpoint import PurposeNotForTerminalError
from omotenashi.servicers.purposes import PurposeKey


async def touchpoint_terminal(
    session: Session, claims: Annotated[AccessToken, Security(access_token, scopes=["resolve"])]
) -> AuthenticatedClient:
    """A terminal holding ``resolve`` and set up for the ``payment`` purpose."""
    caller = await clients.authorize(session, claims, "resolve")
    if not caller.live:
        raise SandboxPaymentsError()
    if caller.kind is not ClientKind.terminal or str(PurposeKey.payment) not in caller.purposes:
        raise PurposeNotForTerminalError()
    return caller


async def servicer_caller(
    session: Session, claims: Annotated[AccessToken, Depends(access_token)]
) -> AuthenticatedClient:
    """The servicer's back-end (``servicer:admin``) or one of its payment terminals."""
    if "servicer:admin" in claims.scopes:
        caller = await clients.authorize(session, claims, "servicer:admin")
        if not caller.live:
            raise SandboxPaymentsError()
        return caller
    return await touchpoint_terminal(session, claims)


Terminal = Annotated[AuthenticatedClient, Depends(touchpoint_terminal)]
ServicerCaller = Annotated[AuthenticatedClient, Depends(servicer_caller)]
