"""Passkeys (WebAuthn Level 3), the visitor's first way to sign in, with py_webauthn doing the
cryptography. Credentials are discoverable ("resident"), so signing in needs no user name:
the phone offers the visitor's passkey and the platform finds them by the credential id.

Challenges are kept server-side, answered once and within five minutes. The relying-party id
is the site's host name (WebAuthn refuses IP addresses), and the origin must match exactly.
"""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
import structlog
from sqlalchemy.ext.asyncio import AsyncSession
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes
from webauthn.helpers.exceptions import (
    InvalidAuthenticationResponse,
    InvalidJSONStructure,
    InvalidRegistrationResponse,
)
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from omotenashi.auth.errors import PasskeyNotAcceptedError
from omotenashi.auth.models import AuthChallenge, Passkey
from omotenashi.errors import FieldError, ValidationFailedError

log = structlog.get_logger(__name__)

CHALLENGE_LIFETIME = timedelta(minutes=5)
RP_NAME = "Omotenashi Cloud"
_FAILURES = (
    InvalidAuthenticationResponse,
    InvalidRegistrationResponse,
    InvalidJSONStructure,
    ValueError,
    KeyError,
    TypeError,
)


@dataclass(frozen=True)
class RelyingParty:
    """Who the passkeys belong to: the host name and the exact origin pages are served from."""

    id: str
    origin: str


@dataclass(frozen=True)
class Ceremony:
    challenge_id: uuid.UUID
    options: dict[str, Any]  # PublicKeyCredential{Creation,Request}Options as JSON


async def _challenge(
    session: AsyncSession, challenge: bytes, visitor_id: uuid.UUID | None
) -> uuid.UUID:
    row = AuthChallenge(
        challenge=challenge,
        visitor_id=visitor_id,
        expires_at=datetime.now(UTC) + CHALLENGE_LIFETIME,
    )
    session.add(row)
    await session.flush()
    return row.id


async def _take_challenge(
    session: AsyncSession, challenge_id: uuid.UUID, visitor_id: uuid.UUID | None
) -> bytes:
    """The challenge, used up; a second answer, a late one or another visitor's is refused."""
    row = await session.scalar(
        sa.delete(AuthChallenge)
        .where(
            AuthChallenge.id == challenge_id,
            AuthChallenge.expires_at > datetime.now(UTC),
            AuthChallenge.visitor_id.is_(None)
            if visitor_id is None
            else AuthChallenge.visitor_id == visitor_id,
        )
        .returning(AuthChallenge.challenge)
    )
    if not isinstance(row, bytes):
        raise PasskeyNotAcceptedError("This sign-in attempt expired; please try again.")
    return row


async def registration_options(
    session: AsyncSession, rp: RelyingParty, visitor_id: uuid.UUID, display_name: str
) -> Ceremony:
    """Options for ``navigator.credentials.create()`` to add a passkey to this visitor."""
    existing = await session.scalars(
        sa.select(Passkey.credential_id).where(Passkey.visitor_id == visitor_id)
    )
    options = generate_registration_options(
        rp_id=rp.id,
        rp_name=RP_NAME,
        # The user handle is the visitor id's bytes: opaque, stable, and not personal data.
        user_id=visitor_id.bytes,
        user_name=display_name,
        user_display_name=display_name,
        challenge=secrets.token_bytes(32),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=[PublicKeyCredentialDescriptor(id=c) for c in existing],
    )
    challenge_id = await _challenge(session, options.challenge, visitor_id)
    return Ceremony(challenge_id, json.loads(options_to_json(options)))


async def register(
    session: AsyncSession,
    rp: RelyingParty,
    visitor_id: uuid.UUID,
    challenge_id: uuid.UUID,
    credential: dict[str, Any],
    label: str,
) -> Passkey:
    label = label.strip()
    if not label or len(label) > 100:
        raise ValidationFailedError(
            fields=[FieldError("label", "Name the passkey (1 to 100 characters).", "required")]
        )
    challenge = await _take_challenge(session, challenge_id, visitor_id)
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=rp.id,
            expected_origin=rp.origin,
        )
    except _FAILURES as exc:
        log.info("auth.passkey_registration_refused", reason=type(exc).__name__)
        raise PasskeyNotAcceptedError() from exc
    transports = credential.get("response", {}).get("transports") or []
    passkey = Passkey(
        visitor_id=visitor_id,
        credential_id=verified.credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        transports=[str(t)[:32] for t in transports if isinstance(t, str)][:8],
        label=label,
    )
    session.add(passkey)
    await session.flush()
    log.info("auth.passkey_registered", visitor_id=str(visitor_id), passkey_id=str(passkey.id))
    return passkey


async def authentication_options(session: AsyncSession, rp: RelyingParty) -> Ceremony:
    """Options for ``navigator.credentials.get()``; any of the site's passkeys may answer."""
    options = generate_authentication_options(
        rp_id=rp.id,
        challenge=secrets.token_bytes(32),
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    challenge_id = await _challenge(session, options.challenge, None)
    return Ceremony(challenge_id, json.loads(options_to_json(options)))


async def authenticate(
    session: AsyncSession,
    rp: RelyingParty,
    challenge_id: uuid.UUID,
    credential: dict[str, Any],
) -> uuid.UUID:
    """The visitor whose passkey signed the challenge."""
    challenge = await _take_challenge(session, challenge_id, None)
    try:
        credential_id = base64url_to_bytes(str(credential["rawId"]))
    except _FAILURES as exc:
        raise PasskeyNotAcceptedError() from exc
    passkey = await session.scalar(
        sa.select(Passkey).where(Passkey.credential_id == credential_id).with_for_update()
    )
    if passkey is None:
        raise PasskeyNotAcceptedError()
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=rp.id,
            expected_origin=rp.origin,
            credential_public_key=passkey.public_key,
            credential_current_sign_count=passkey.sign_count,
        )
    except _FAILURES as exc:
        log.info("auth.passkey_refused", reason=type(exc).__name__)
        raise PasskeyNotAcceptedError() from exc
    passkey.sign_count = verified.new_sign_count
    passkey.last_used_at = datetime.now(UTC)
    await session.flush()
    log.info("auth.passkey_used", passkey_id=str(passkey.id))
    return passkey.visitor_id


async def passkeys_of(session: AsyncSession, visitor_id: uuid.UUID) -> list[Passkey]:
    rows = await session.scalars(
        sa.select(Passkey).where(Passkey.visitor_id == visitor_id).order_by(Passkey.created_at)
    )
    return list(rows.all())


async def remove(session: AsyncSession, visitor_id: uuid.UUID, passkey_id: uuid.UUID) -> None:
    await session.execute(
        sa.delete(Passkey).where(Passkey.id == passkey_id, Passkey.visitor_id == visitor_id)
    )
