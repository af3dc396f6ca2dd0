"""Partners' jobs: each invitation's e-mail and reminder in the traveller's language, and the
hourly expiry that deletes what unanswered invitations held."""

from __future__ import annotations

import uuid

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import i18n
from omotenashi.i18n.markers import N_
from omotenashi.jobs import job, periodic
from omotenashi.mail import service as mail
from omotenashi.partners import service
from omotenashi.runtime import Platform
from omotenashi.servicers import service as servicers

log = structlog.get_logger(__name__)

SUBJECT = N_("%(agency)s has prepared your registration for Japan")
REMINDER_SUBJECT = N_("Reminder: your registration for Japan is waiting")
BODY = N_(
    "Hello %(name)s,\n\n"
    "%(agency)s, who booked your trip, has entered your details so that you do not have to "
    "type them at hotels and shops in Japan. Nobody will use them until you check and confirm "
    "them yourself:\n\n%(link)s\n\n"
    "You can correct or remove anything. The link works until %(until)s; after that, what "
    "%(agency)s entered is deleted.\n\nOmotenashi Cloud"
)


async def _send_each(
    session: AsyncSession, payload: dict[str, object], platform: Platform, subject: str
) -> None:
    """A batch's invitations (``{"invitations": [...]}``), or one (``{"invitation": id}``)."""
    ids = payload.get("invitations")
    for invitation_id in ids if isinstance(ids, list) else [payload["invitation"]]:
        await _send(session, uuid.UUID(str(invitation_id)), platform, subject)


async def _send(
    session: AsyncSession, invitation_id: uuid.UUID, platform: Platform, subject: str
) -> None:
    invitation = await service.for_mail(session, invitation_id)
    if invitation is None or invitation.minor:
        return  # answered, expired or withdrawn since; a minor's is the lead's to answer
    values = service.supplied(platform.keys.keyring, invitation)
    if "email" not in values:
        return
    agency = await servicers.get(session, invitation.servicer_id)
    token = service.LinkMaker(platform.keys.derivation).token(invitation.id)
    translations = i18n.translations(invitation.language)
    name = values.get("name", {})
    await mail.enqueue(
        session,
        platform.keys.derivation,
        to=str(values["email"]),
        subject=translations.gettext(subject) % {"agency": agency.name},
        body=translations.gettext(BODY)
        % {
            "name": " ".join(p for p in (name.get("given_names"), name.get("surname")) if p),
            "agency": agency.name,
            "link": platform.settings.base_url.rstrip("/") + service.invitation_path(token),
            "until": i18n.date_text(invitation.language, invitation.expires_at.date()),
        },
    )
    log.info("partners.mailed", invitation_id=str(invitation.id))


@job(service.INVITE_JOB)
async def invite(session: AsyncSession, payload: dict[str, object], platform: Platform) -> None:
    await _send_each(session, payload, platform, SUBJECT)


@job(service.REMIND_JOB)
async def remind(session: AsyncSession, payload: dict[str, object], platform: Platform) -> None:
    await _send_each(session, payload, platform, REMINDER_SUBJECT)


@periodic("partners.expire", "7 * * * *")
async def expire(session: AsyncSession) -> None:
    await service.expire_due(session)


@periodic("partners.remind", "17 * * * *")
async def remind_due(session: AsyncSession) -> None:
    await service.remind_due(session)
