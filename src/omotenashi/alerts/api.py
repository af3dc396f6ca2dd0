"""Alert routes: public (read an alert, verify a forwarded one, the VAPID key), the visitor's
(their alerts, a live stream, push subscriptions, coarse location, safety answers), feeds' and
operators' (ingest, compose, approve, safety report)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Annotated

import h3
from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse

from omotenashi.alerts import (
    lifecycle,
    location,
    push,
    reading,
    safety,
    stream,
    subscriptions,
    verification,
)
from omotenashi.alerts.dependencies import Publisher
from omotenashi.alerts.errors import LISTED
from omotenashi.alerts.models import AlertState, SafetyAnswer, StoredAlert
from omotenashi.alerts.schemas import (
    AlertDetailOut,
    AlertOut,
    AreaCountOut,
    Ingested,
    IngestedAlert,
    LocationIn,
    LocationOut,
    OperatorAlertOut,
    PersonInNeedOut,
    PointOut,
    Preview,
    Rendering,
    SafetyIn,
    SafetyOut,
    SafetyReportOut,
    SubscriptionIn,
    SubscriptionOut,
    TextSpan,
    VapidKey,
    VerificationOut,
    VerifyIn,
)
from omotenashi.auth.dependencies import CurrentOperator, CurrentVisitor
from omotenashi.deps import Session, platform_keys
from omotenashi.errors import UnavailableError
from omotenashi.security import ratelimit

router = APIRouter(prefix="/v1", tags=["alerts"])

MAX_DOCUMENT = 8 * 1024 * 1024
LARGE_BODIES = {"/v1/alerts/ingest": MAX_DOCUMENT}
"""Routes whose body may be larger than the platform's default cap (the app applies the cap)."""
# Verifying is open to anyone; this is far above what a person pasting messages needs.
VERIFY_LIMIT = ratelimit.Limit(per_minute=60, burst=20)


def _alert_out(alert: StoredAlert, language: str) -> AlertOut:
    chosen = language if language in alert.renderings else "en"
    return AlertOut(
        id=alert.id,
        type=alert.type,
        severity=alert.severity,
        status=alert.status,
        state=reading.current_state(alert),
        source=alert.source,
        issued_at=alert.issued_at,
        expires_at=alert.expires_at,
        language=chosen,
        text=Rendering(**reading.rendering(alert, chosen)),
        signature=alert.signature,
    )


def _operator_out(alert: StoredAlert) -> OperatorAlertOut:
    return OperatorAlertOut(
        id=alert.id,
        type=alert.type,
        severity=alert.severity,
        status=alert.status,
        state=reading.current_state(alert),
        origin=str(alert.origin),
        source=alert.source,
        issued_at=alert.issued_at,
        expires_at=alert.expires_at,
        created_by=alert.created_by,
        approved_by=alert.approved_by,
        content=alert.content,
        renderings={lang: Rendering(**text) for lang, text in alert.renderings.items()},
        target_prefectures=alert.target_prefectures,
        target_municipalities=alert.target_municipalities,
        target_cells=len(alert.target_cells),
        unresolved_areas=alert.unresolved_areas,
        unknown_elements=alert.unknown_elements,
        recipients=alert.recipients,
        delivered=alert.delivered,
        failed=alert.failed,
        signature=alert.signature,
    )


def _ingested_out(alert: StoredAlert) -> IngestedAlert:
    reached = {*alert.target_prefectures, *(code[:2] for code in alert.target_municipalities)}
    return IngestedAlert(
        id=alert.id,
        type=alert.type,
        severity=alert.severity,
        status=alert.status,
        state=reading.current_state(alert),
        origin=str(alert.origin),
        source=alert.source,
        issued_at=alert.issued_at,
        expires_at=alert.expires_at,
        created_by=alert.created_by,
        headlines={lang: text["headline"] for lang, text in alert.renderings.items()},
        area_count=len(alert.content["areas"]),
        prefectures=sorted(reached),
        municipality_count=len(alert.target_municipalities),
        cell_count=len(alert.target_cells),
        unresolved_areas=alert.unresolved_areas[:LISTED],
        unresolved_count=len(alert.unresolved_areas),
        withheld=alert.withheld,
        signature=alert.signature,
    )


# --- Public ---------------------------------------------------------------------------------


@router.get(
    "/alerts",
    response_model=list[AlertOut],
    summary="Alerts in force at a place, most severe first (for signage and screens)",
)
async def alerts_here(
    session: Session,
    municipality: Annotated[str | None, Query(max_length=6)] = None,
    prefecture: Annotated[str | None, Query(max_length=2)] = None,
    latitude: Annotated[float | None, Query(ge=-90, le=90)] = None,
    longitude: Annotated[float | None, Query(ge=-180, le=180)] = None,
    language: Annotated[str, Query(max_length=16)] = "en",
) -> list[AlertOut]:
    """For signage and screens: the alerts in force at a place, most severe first."""
    found = await reading.current_in_area(
        session,
        municipality=municipality,
        prefecture=prefecture,
        latitude=latitude,
        longitude=longitude,
    )
    return [_alert_out(alert, language) for alert in found]


@router.get(
    "/alerts/{alert_id}",
    response_model=AlertDetailOut,
    summary="An alert the platform issued, in one language, with its signature",
)
async def read_alert(
    alert_id: uuid.UUID,
    session: Session,
    language: Annotated[str, Query(max_length=16)] = "en",
) -> AlertDetailOut:
    """Read one alert in a language with the platform's signature, so that a copy can be checked
    later."""
    alert = await reading.get(session, alert_id)
    return AlertDetailOut(**_alert_out(alert, language).model_dump(), content=alert.content)


@router.post(
    "/alerts/verify",
    response_model=VerificationOut,
    summary="Is this forwarded alert one we issued, unchanged, and is it still in force?",
    responses={429: {"description": "rate_limited: more than 60 checks a minute from here"}},
)
async def verify(body: VerifyIn, session: Session, request: Request) -> VerificationOut:
    """Check whether an alert someone forwarded was issued by the platform, is unchanged, and is
    still in force."""
    caller = request.client.host if request.client else "unknown"
    await ratelimit.enforce(
        request.app.state.rate_limit_engine, f"alert-verify:{caller}", VERIFY_LIMIT
    )
    found = await verification.verify_forwarded(session, platform_keys(request), body.text)
    return VerificationOut(
        verdict=found.verdict,
        genuine=found.genuine,
        state=found.state,
        matched_by=found.matched_by,
        reason=found.reason,
        language=found.language,
        official_text=found.official_text,
        differences=[TextSpan(change=span.change, text=span.text) for span in found.differences],
        alert=_alert_out(found.alert, body.language) if found.alert else None,
    )


@router.get(
    "/push/vapid-key",
    response_model=VapidKey,
    summary="The platform's VAPID public key, for PushManager.subscribe",
)
async def vapid_key(request: Request) -> VapidKey:
    """The public key a browser needs to subscribe to the platform's Web Push alerts
    (`PushManager.subscribe`)."""
    key = platform_keys(request).vapid_key
    if key is None:
        raise UnavailableError("Web Push is not configured on this platform.")
    return VapidKey(application_server_key=push.application_server_key(key))


# --- The visitor ----------------------------------------------------------------------------


@router.get(
    "/me/alerts",
    response_model=list[AlertOut],
    summary="Alerts in force where I (or family members I registered) stay, in my language",
)
async def my_alerts(me: CurrentVisitor, session: Session) -> list[AlertOut]:
    """The alerts in force where the visitor, or a family member they registered, is staying, in
    their language."""
    return [
        _alert_out(alert, me.language)
        for alert in await reading.current_for_visitor(session, me.visitor_id)
    ]


@router.get(
    "/me/alerts/stream",
    summary="Server-sent events: each alert for my area as it is issued",
    response_class=StreamingResponse,
)
async def my_alert_stream(
    me: CurrentVisitor,
    request: Request,
    duration: Annotated[
        float, Query(ge=0, le=stream.MAX_SECONDS, description="Seconds before the stream ends")
    ] = stream.MAX_SECONDS,
) -> StreamingResponse:
    """A server-sent event stream that sends each alert for the visitor's area as it is issued;
    keep it open while the app is in front."""

    async def events() -> AsyncIterator[bytes]:
        yield b"retry: 3000\n\n"
        async for alert in stream.watch(
            request.app.state.sessions,
            me.visitor_id,
            bell=getattr(request.app.state, "alert_bell", None),
            duration_seconds=duration,
        ):
            if await request.is_disconnected():
                return
            if alert is None:
                yield b": keep-alive\n\n"
                continue
            data = _alert_out(alert, me.language).model_dump_json()
            yield f"id: {alert.id}\nevent: alert\ndata: {data}\n\n".encode()

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


@router.get("/me/push-subscriptions", response_model=list[SubscriptionOut], summary="My devices")
async def my_subscriptions(me: CurrentVisitor, session: Session) -> list[SubscriptionOut]:
    """List the browsers the visitor receives alerts on by Web Push."""
    return [
        SubscriptionOut.model_validate(found)
        for found in await subscriptions.subscriptions_of(session, me.visitor_id)
    ]


@router.post(
    "/me/push-subscriptions",
    status_code=201,
    response_model=SubscriptionOut,
    summary="Receive alerts on this browser by Web Push",
)
async def subscribe(
    body: SubscriptionIn, me: CurrentVisitor, session: Session, request: Request
) -> SubscriptionOut:
    """Receive alerts on this browser by Web Push: send the subscription `PushManager.subscribe`
    returned."""
    created = await subscriptions.subscribe(
        session,
        me.visitor_id,
        endpoint=body.endpoint,
        p256dh=body.keys.p256dh,
        auth=body.keys.auth,
        allow_loopback=request.app.state.platform.settings.push_loopback_endpoints,
    )
    return SubscriptionOut.model_validate(created)


@router.delete(
    "/me/push-subscriptions/{subscription_id}",
    status_code=204,
    summary="Stop pushing alerts to this browser",
)
async def unsubscribe(subscription_id: uuid.UUID, me: CurrentVisitor, session: Session) -> Response:
    """Stop pushing alerts to one browser."""
    await subscriptions.unsubscribe(session, me.visitor_id, subscription_id)
    return Response(status_code=204)


@router.put(
    "/me/alerts/location",
    response_model=LocationOut,
    summary="Share a coarse location for alerts (kept as a ~5 km² cell only)",
    responses={409: {"description": "emergency_consent_required: grant the emergency purpose"}},
)
async def share_location(body: LocationIn, me: CurrentVisitor, session: Session) -> LocationOut:
    """Share a coarse location to receive alerts for it; only a cell of about 5 km² is kept, never
    the point."""
    cell = await location.share_location(session, me.visitor_id, body.latitude, body.longitude)
    return LocationOut(cell=h3.int_to_str(cell))


@router.delete("/me/alerts/location", status_code=204, summary="Stop sharing a location")
async def forget_location(me: CurrentVisitor, session: Session) -> Response:
    """Stop sharing a location; alerts then follow only where the visitor stays."""
    await location.forget_location(session, me.visitor_id)
    return Response(status_code=204)


@router.post(
    "/me/alerts/{alert_id}/safety",
    response_model=SafetyOut,
    summary='Answer an alert: "I am safe" or "I need help"',
)
async def answer_safety(
    alert_id: uuid.UUID, body: SafetyIn, me: CurrentVisitor, session: Session
) -> SafetyOut:
    """Answer an alert with "I am safe" or "I need help", for the responders of the area."""
    answered = await safety.answer_safety(
        session,
        me.visitor_id,
        alert_id,
        SafetyAnswer(body.answer),
        latitude=body.latitude,
        longitude=body.longitude,
    )
    return SafetyOut(
        alert_id=answered.alert_id, answer=str(answered.answer), answered_at=answered.answered_at
    )


# --- Feeds and operators --------------------------------------------------------------------


@router.post(
    "/alerts/ingest",
    status_code=201,
    response_model=Ingested,
    summary="Ingest a JMA disaster-information XML report (operators and alert feeds)",
    responses={
        422: {
            "description": "malformed_alert (the reason in `detail`; a report not in UTF-8 "
            "too), unsupported_alert_report, or no_known_area (none of its areas is a place "
            "we know; `unresolved_areas` and `unresolved_count` list them)"
        }
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/xml": {"schema": {"type": "string"}}},
        }
    },
)
async def ingest(request: Request, publisher: Publisher, session: Session) -> Ingested:
    """For alert feeds (scope `alerts:ingest`) and operators: send a JMA disaster-information XML
    report. The answer says which alert it made, which alerts it cancelled, and what in the
    document was not understood."""
    document = await request.body()
    policy = lifecycle.IngestPolicy.from_settings(request.app.state.platform.settings)
    done = await lifecycle.ingest(
        session, platform_keys(request), document, actor=publisher, policy=policy
    )
    return Ingested(
        alert=_ingested_out(done.alert) if done.alert else None,
        cancelled=done.cancelled,
        unknown_elements=done.unknown_elements[:LISTED],
        unknown_element_count=len(done.unknown_elements),
        duplicate=done.duplicate,
        warnings=done.warnings,
    )


@router.get(
    "/operator/alerts",
    response_model=list[OperatorAlertOut],
    summary="The newest alerts, drafts waiting for approval included",
)
async def operator_alerts(
    operator: CurrentOperator,
    session: Session,
    state: Annotated[AlertState | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[OperatorAlertOut]:
    """For operators: the newest alerts, drafts waiting for approval included."""
    return [
        _operator_out(alert)
        for alert in await reading.recent_for_operator(session, limit=limit, state=state)
    ]


@router.post(
    "/operator/alerts/preview",
    response_model=Preview,
    summary="Render a composed alert in every language without storing it",
)
async def preview(body: dict[str, object], operator: CurrentOperator) -> Preview:
    """For operators: see a composed alert in every language before drafting it (nothing stored)."""
    shown = lifecycle.preview(lifecycle.parse_composed(body))
    return Preview(
        renderings={lang: Rendering(**text) for lang, text in shown["renderings"].items()},
        unresolved_areas=shown["unresolved_areas"],
    )


@router.post(
    "/operator/alerts",
    status_code=201,
    response_model=OperatorAlertOut,
    summary="Compose an alert as a draft; another operator approves it before it is sent",
)
async def draft(
    body: dict[str, object], operator: CurrentOperator, session: Session
) -> OperatorAlertOut:
    """For operators: compose an alert as a draft. A second operator must approve it before it is
    sent."""
    return _operator_out(await lifecycle.draft(session, body, operator=operator.actor))


@router.get(
    "/operator/alerts/{alert_id}",
    response_model=OperatorAlertOut,
    summary="An alert, draft or sent, in every language, with its delivery counts",
)
async def operator_alert(
    alert_id: uuid.UUID, operator: CurrentOperator, session: Session
) -> OperatorAlertOut:
    """For operators: one alert, draft or sent, in every language, with its delivery counts."""
    return _operator_out(await reading.get_for_operator(session, alert_id))


@router.post(
    "/operator/alerts/{alert_id}/approve",
    response_model=OperatorAlertOut,
    summary="Approve another operator's draft: it is signed and sent now",
)
async def approve(
    alert_id: uuid.UUID, operator: CurrentOperator, session: Session, request: Request
) -> OperatorAlertOut:
    """For operators: approve a draft another operator composed; it is signed and sent at once."""
    approved = await lifecycle.approve(
        session, platform_keys(request), alert_id, operator=operator.actor
    )
    return _operator_out(approved)


@router.post(
    "/operator/alerts/{alert_id}/discard",
    response_model=OperatorAlertOut,
    summary="Discard a draft",
)
async def discard(
    alert_id: uuid.UUID, operator: CurrentOperator, session: Session
) -> OperatorAlertOut:
    """For operators: discard a draft that should not be sent."""
    return _operator_out(await lifecycle.discard(session, alert_id, operator=operator.actor))


@router.post(
    "/operator/alerts/{alert_id}/cancel",
    response_model=OperatorAlertOut,
    summary="Cancel an alert issued in error; it then verifies as cancelled",
)
async def cancel(
    alert_id: uuid.UUID, operator: CurrentOperator, session: Session
) -> OperatorAlertOut:
    """For operators: cancel an alert issued in error; verifying it then says it was cancelled."""
    return _operator_out(await lifecycle.cancel(session, alert_id, operator=operator.actor))


@router.get(
    "/operator/alerts/{alert_id}/safety",
    response_model=SafetyReportOut,
    summary="Safety answers per area, and the people who need help (the reading is audited)",
)
async def safety_report(
    alert_id: uuid.UUID, operator: CurrentOperator, session: Session, request: Request
) -> SafetyReportOut:
    """For operators and responders: the safety answers per area and the people who asked for help.
    Each reading is audited."""
    report = await safety.safety_report(
        session, platform_keys(request), alert_id, operator=operator.actor
    )
    return SafetyReportOut(
        counts=[AreaCountOut(**vars(count)) for count in report.counts],
        need_help=[
            PersonInNeedOut(
                visitor_id=person.visitor_id,
                answered_at=person.answered_at,
                name=person.name,
                languages=person.languages,
                accessibility_needs=person.accessibility_needs,
                family_members=person.family_members,
                municipality=person.municipality,
                location=(
                    PointOut(latitude=person.location.latitude, longitude=person.location.longitude)
                    if person.location
                    else None
                ),
            )
            for person in report.need_help
        ],
    )
