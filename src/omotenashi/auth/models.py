"""Sign-in sessions. The bearer secret is never stored: only its SHA-256 digest, which is enough
for a 256-bit random value and lets a lookup use an index."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from omotenashi.db import Base, Timestamps, UUIDPrimaryKey, text_enum


class PrincipalKind(StrEnum):
    visitor = "visitor"
    staff = "staff"


class AuthSession(UUIDPrimaryKey, Timestamps, Base):
    __tablename__ = "auth_sessions"

    token_hash: Mapped[bytes] = mapped_column(sa.LargeBinary(32), unique=True)
    kind: Mapped[PrincipalKind] = mapped_column(text_enum(PrincipalKind, "principal_kind"))
    visitor_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="CASCADE"), index=True
    )
    staff_user_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("staff_users.id", ondelete="CASCADE"), index=True
    )
    expires_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]

    __table_args__ = (
        sa.CheckConstraint(
            "(kind = 'visitor' AND visitor_id IS NOT NULL AND staff_user_id IS NULL)"
            " OR (kind = 'staff' AND staff_user_id IS NOT NULL AND visitor_id IS NULL)",
            name="one_principal",
        ),
    )


class Passkey(UUIDPrimaryKey, Timestamps, Base):
    """A WebAuthn credential a visitor registered; the private key never leaves their device."""

    __tablename__ = "passkeys"

    visitor_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="CASCADE"), primary_key=True
    )
    credential_id: Mapped[bytes] = mapped_column(sa.LargeBinary(1024), unique=True)
    public_key: Mapped[bytes] = mapped_column(sa.LargeBinary)
    sign_count: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    transports: Mapped[list[str]] = mapped_column(ARRAY(sa.String(32)), default=list)
    label: Mapped[str] = mapped_column(sa.String(100))
    last_used_at: Mapped[datetime | None]

    __table_args__ = (sa.PrimaryKeyConstraint("visitor_id", "id"),)


class LoginEmail(Base):
    """The e-mail a visitor signs in with, kept only as a keyed hash: enough to find them, and
    a copy of the table yields no address. (The address itself, if they chose to share it, is
    a profile attribute like any other.)"""

    __tablename__ = "login_emails"

    lookup_hash: Mapped[bytes] = mapped_column(sa.LargeBinary(32), primary_key=True)
    visitor_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="CASCADE"), unique=True
    )


class EmailCode(UUIDPrimaryKey, Timestamps, Base):
    """A one-time sign-in code sent by e-mail; only its keyed hash is stored."""

    __tablename__ = "email_codes"

    lookup_hash: Mapped[bytes] = mapped_column(sa.LargeBinary(32), index=True)
    code_hash: Mapped[bytes] = mapped_column(sa.LargeBinary(32))
    expires_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(default=0)
    used_at: Mapped[datetime | None]


class AuthChallenge(UUIDPrimaryKey, Timestamps, Base):
    """A WebAuthn challenge, answered once and within minutes."""

    __tablename__ = "auth_challenges"

    challenge: Mapped[bytes] = mapped_column(sa.LargeBinary(64))
    # Set when registering a passkey for a signed-in visitor; empty for a sign-in.
    visitor_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="CASCADE")
    )
    expires_at: Mapped[datetime]


class OidcAuthorization(UUIDPrimaryKey, Timestamps, Base):
    """A sign-in sent to an OpenID Provider and not yet come back: answered once, within minutes,
    and only in the browser that started it (the digest of a cookie's secret)."""

    __tablename__ = "oidc_authorizations"

    state_hash: Mapped[bytes] = mapped_column(sa.LargeBinary(32), unique=True)
    browser_hash: Mapped[bytes] = mapped_column(sa.LargeBinary(32))
    provider: Mapped[str] = mapped_column(sa.String(32))
    nonce: Mapped[str] = mapped_column(sa.String(128))
    code_verifier: Mapped[str] = mapped_column(sa.String(128))
    next_path: Mapped[str] = mapped_column(sa.String(500))
    language: Mapped[str] = mapped_column(sa.String(16))
    # Set when a signed-in visitor verifies their attributes; empty for a sign-in.
    visitor_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="CASCADE")
    )
    expires_at: Mapped[datetime]


class OidcIdentity(Timestamps, Base):
    """A visitor's account at an OpenID Provider: the issuer and a keyed hash of the subject,
    enough to find the visitor when they sign in again and nothing to link them elsewhere."""

    __tablename__ = "oidc_identities"

    lookup_hash: Mapped[bytes] = mapped_column(sa.LargeBinary(32), primary_key=True)
    issuer: Mapped[str] = mapped_column(sa.String(255))
    visitor_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("visitors.id", ondelete="CASCADE"), index=True
    )
