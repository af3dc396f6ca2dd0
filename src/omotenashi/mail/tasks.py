"""The job that sends one e-mail (see :mod:`omotenashi.mail.service`)."""

from __future__ import annotations

import base64

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.jobs import job
from omotenashi.mail import service
from omotenashi.runtime import Platform

log = structlog.get_logger(__name__)


@job(service.SEND_JOB)
async def send(session: AsyncSession, payload: dict[str, object], platform: Platform) -> None:
    sealed = base64.b64decode(str(payload["sealed"]))
    fields = service.open_payload(platform.keys.derivation, sealed)
    mailer = service.build_mailer(platform.settings)
    await mailer.send(service.compose(platform.settings, fields))
    log.info("mail.sent", via=type(mailer).__name__)
