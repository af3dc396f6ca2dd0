"""`POST /v1/resolve` and the touchpoint's view of its consent requests."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse

from omotenashi.clients.dependencies import ClientWithScope, access_token
from omotenashi.clients.service import AuthenticatedClient
from omotenashi.clients.tokens import AccessToken
from omotenashi.consent import requests as consent_requests
from omotenashi.deps import AutocommitConnection, Session, SessionSource, platform_keys
from omotenashi.errors import PROBLEM_JSON, problem_body
from omotenashi.resolve import touchpoint
from omotenashi.resolve.endpoint import KINDS, LeanRoute
from omotenashi.resolve.schemas import (
    ConsentRequestStatus,
    ResolveRequest,
    ResolveResponse,
    Verification,
)

router = APIRouter(prefix="/v1", tags=["resolve"])
Terminal = Annotated[AuthenticatedClient, ClientWithScope("resolve")]
# The token's claims only: who the client is, whether it still may, and at what rate, are read
# and counted by resolve's one statement (`touchpoint.resolve_with_token`).
Token = Annotated[AccessToken, Depends(access_token)]


def _refusal(
    request: Request, status: int, code: str, title: str, detail: str, extra: dict[str, object]
) -> JSONResponse:
    """A refusal whose side effects (a consent request, a suspension) must still commit."""
    body = problem_body(
        status=status,
        code=code,
        title=title,
        detail=detail,
        instance=request.url.path,
        request_id=getattr(request.state, "request_id", None),
        extra=extra,
    )
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


async def resolve(
    body: ResolveRequest,
    token: Token,
    connection: AutocommitConnection,
    transactions: SessionSource,
    request: Request,
) -> ResolveResponse | JSONResponse:
    """One statement decides and logs a disclosure (so the route needs no transaction); what
    a refusal leaves behind is written in a transaction of its own.

    The declaration FastAPI documents and validates by; a well-formed request is answered by
    :class:`omotenashi.resolve.endpoint.LeanRoute` on the raw pool, through the same
    :func:`touchpoint.resolve_with_token`, and only what it does not take reaches this."""
    keys = platform_keys(request)
    presented = touchpoint.Presented(
        KINDS[body.carrier.kind],
        body.carrier.payload if body.carrier.kind == "qr" else body.carrier.id,
    )
    outcome = await touchpoint.resolve_with_token(
        connection, keys, token, presented, body.purpose, refusals=transactions
    )
    if isinstance(outcome, touchpoint.ConsentAsked):
        asked = outcome.request
        return _refusal(
            request,
            403,
            "consent_required",
            "The visitor has not consented to share what this purpose needs",
            "Show the visitor the consent link; poll the request for the answer.",
            {
                "missing": list(outcome.missing),
                "consent_request": {
                    "id": str(asked.id),
                    "url": f"{request.base_url}{consent_requests.answer_path(asked)[1:]}",
                    "status_url": f"/v1/consent-requests/{asked.id}",
                    "expires_at": asked.expires_at.isoformat(),
                },
            },
        )
    if isinstance(outcome, touchpoint.TerminalSuspended):
        return _refusal(
            request,
            403,
            "terminal_suspended",
            "This terminal was suspended",
            f"It resolved more than {outcome.ceiling} different visitors in a "
            "minute; an operator must review it.",
            {},
        )
    return ResolveResponse(
        subject=outcome.subject,
        language=outcome.language,
        purpose=outcome.purpose,
        attributes=outcome.attributes,
        missing=list(outcome.missing),
        verification={
            key: Verification.model_validate(found) if found else None
            for key, found in outcome.verification.items()
        },
    )


def install(app: FastAPI) -> None:
    """``POST /v1/resolve`` on the application's own router (an included router would build
    its handler anew and bypass the lean one), declared as the other routes are."""
    app.router.add_api_route(
        "/v1/resolve",
        resolve,
        methods=["POST"],
        route_class_override=LeanRoute,
        tags=["resolve"],
        response_model=ResolveResponse,
        summary="Identify a visitor at a touchpoint and receive what they consented to share",
        description=(
            "Send the card, tag or QR code the visitor presented and the purpose you serve them "
            "for (a terminal's token with the `resolve` scope). The answer is the visitor as your "
            "organisation knows them (`subject`, the same at each of your touchpoints, never "
            "another's), their language and the attributes they consented to share for the "
            "purpose; `missing` names those they did not.\n\nWithout consent the answer is 403 "
            "`consent_required` with a `consent_request`: show its `url` as a QR code, and learn "
            "the visitor's answer from the `consent_request.answered` webhook (or poll "
            "`status_url`), then resolve again. A card that is unknown, revoked or not the "
            "visitor's, and a QR code that is expired or forged, are all 404 "
            "`carrier_not_found`; a QR code shown twice is 409 `qr_replayed`."
        ),
        responses={
            403: {
                "description": "consent_required (with a tap-to-consent request), "
                "purpose_not_for_terminal or terminal_suspended"
            },
            404: {"description": "carrier_not_found, whatever the reason"},
            409: {"description": "qr_replayed"},
            429: {"description": "rate_limited: over the terminal's request rate; see Retry-After"},
        },
    )


@router.get(
    "/consent-requests/{request_id}",
    response_model=ConsentRequestStatus,
    summary="The answer to a tap-to-consent request (the asking servicer only)",
)
async def consent_request_status(
    request_id: uuid.UUID, caller: Terminal, session: Session
) -> ConsentRequestStatus:
    """Poll the state of a consent request your terminal received with a `consent_required` answer:
    pending, accepted, declined or expired. Prefer the `consent_request.answered` webhook; poll
    only where you cannot receive webhooks."""
    asked = await consent_requests.status(session, caller.servicer_id, request_id, live=caller.live)
    return ConsentRequestStatus(
        id=str(asked.id),
        state=str(asked.state),
        purpose=asked.purpose,
        attributes=list(asked.attributes),
        expires_at=asked.expires_at,
    )
