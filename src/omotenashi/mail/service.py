"""E-mail, always sent from the job queue so that a rolled-back action sends nothing.

The job's payload carries an address and, for sign-in, a one-time code, so it is sealed with a
key derived from the platform's derivation key before it is queued: the queue table holds no
readable mail.

With no SMTP relay configured (``OMOTENASHI_SMTP_URL``) the message is written, whole, to
``<data_dir>/outbox/`` as an .eml file, and ``omotenashi doctor`` and the operator console say
plainly that e-mail does not leave the machine.
"""

from __future__ import annotations

import asyncio
import base64
import smtplib
import ssl
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

import structlog
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import jobs
from omotenashi.config import Settings
from omotenashi.security.encryption import DataKey
from omotenashi.security.keys import MasterKey

log = structlog.get_logger(__name__)

SEND_JOB = "mail.send"
_CONTEXT = b"omotenashi mail job v1"


class Mailer(Protocol):
    @property
    def description(self) -> str:
        """Where mail goes, in words an operator understands."""

    async def send(self, message: EmailMessage) -> None: ...


@dataclass(frozen=True)
class SmtpMailer:
    host: str
    port: int
    username: str | None
    password: str | None
    implicit_tls: bool

    @property
    def description(self) -> str:
        return f"SMTP relay {self.host}:{self.port}"

    @classmethod
    def from_url(cls, url: str) -> SmtpMailer:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError("OMOTENASHI_SMTP_URL must look like smtp://user:password@host:587.")
        return cls(
            host=parts.hostname,
            port=parts.port or (465 if parts.scheme == "smtps" else 587),
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            implicit_tls=parts.scheme == "smtps",
        )

    def _send_blocking(self, message: EmailMessage) -> None:
        context = ssl.create_default_context()
        client: smtplib.SMTP
        if self.implicit_tls:
            client = smtplib.SMTP_SSL(self.host, self.port, context=context, timeout=30)
        else:
            client = smtplib.SMTP(self.host, self.port, timeout=30)
        with client:
            if not self.implicit_tls:
                client.starttls(context=context)
            if self.username:
                client.login(self.username, self.password or "")
            client.send_message(message)

    async def send(self, message: EmailMessage) -> None:
        await asyncio.to_thread(self._send_blocking, message)


@dataclass(frozen=True)
class OutboxMailer:
    folder: Path

    @property
    def description(self) -> str:
        return f"not configured: e-mail is written to {self.folder} and does not leave this machine"

    async def send(self, message: EmailMessage) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        name = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}.eml"
        (self.folder / name).write_bytes(bytes(message))


def build_mailer(settings: Settings) -> Mailer:
    if settings.smtp_url is not None:
        return SmtpMailer.from_url(settings.smtp_url.get_secret_value())
    return OutboxMailer(settings.data_path / "outbox")


def _job_key(root: MasterKey) -> DataKey:
    return DataKey(
        HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_CONTEXT).derive(root.material)
    )


async def enqueue(
    session: AsyncSession, root: MasterKey, *, to: str, subject: str, body: str
) -> None:
    """Queue one plain-text message in the caller's transaction; sent after it commits."""
    sealed = _job_key(root).encrypt_json(
        {"to": to, "subject": subject, "body": body}, context=_CONTEXT
    )
    await jobs.enqueue(session, SEND_JOB, {"sealed": base64.b64encode(sealed).decode()})


def compose(settings: Settings, fields: dict[str, Any]) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = fields["to"]
    message["Subject"] = fields["subject"]
    message["Message-ID"] = make_msgid(domain="omotenashi.localhost")
    message.set_content(fields["body"])
    return message


def open_payload(root: MasterKey, payload: bytes) -> dict[str, Any]:
    opened: dict[str, Any] = _job_key(root).decrypt_json(payload, context=_CONTEXT)
    return opened
