"""The visitor's portal: the landing page, and their home page (``/me``), which composes what each
domain offers a visitor about themself (their registration, cards and codes, consents, passkeys,
an interaction to rate). No domain's page imports another's; the portal is where they meet."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from omotenashi import web
from omotenashi.auth import email_codes, oidc, passkeys
from omotenashi.auth.dependencies import PageVisitor
from omotenashi.carriers import service as carriers
from omotenashi.consent import service as consents
from omotenashi.deps import Session, platform_keys
from omotenashi.feedback import service as feedback
from omotenashi.japan import JST
from omotenashi.visitors import catalogue, steps
from omotenashi.visitors import service as visitors

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def landing(request: Request) -> HTMLResponse:
    """What the platform does and the safety case, before anyone types a passport number."""
    return web.render(request, "portal/landing.html")


@router.get("/me", response_class=HTMLResponse)
async def home(request: Request, session: Session, me: PageVisitor) -> Response:
    language = web.request_language(request)
    keyring = platform_keys(request).keyring
    providers = oidc.directory_of(request.app.state)
    context = {
        **await steps.home_panel(session, keyring, me.visitor_id, language),
        # What an identity provider vouched for, and which providers can vouch.
        "verified": [
            {
                "label": catalogue.get(key).label(language.code),
                "provider": oidc.provider_name(providers, verification.issuer, language.code),
                "date": web.day(verification.verified_at.astimezone(JST).date(), language),
            }
            for key, verification in (await visitors.verifications(session, me.visitor_id)).items()
            if verification is not None and key in catalogue.ATTRIBUTES
        ],
        "verify_with": oidc.offered(providers, language.code),
        "carriers": await carriers.list_carriers(session, me.visitor_id),
        "consent_count": await consents.unrevoked_grant_count(session, me.visitor_id),
        "passkeys": await passkeys.passkeys_of(session, me.visitor_id),
        "has_email": await email_codes.has_login_email(session, me.visitor_id),
        "unrated": await feedback.unrated_interaction(session, me.visitor_id),
    }
    response = web.render(request, "visitors/home.html", context)
    web.allow_forms_to(response, await oidc.form_targets(providers))
    return response
