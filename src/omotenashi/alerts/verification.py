"""Verifying a forwarded copy of an alert: by its signature, its link or its wording."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.alerts import codec, forwarded, signatures
from omotenashi.alerts.catalogue import ReportStatus
from omotenashi.alerts.forwarded import VerificationVerdict as Verdict
from omotenashi.alerts.models import AlertState, StoredAlert
from omotenashi.alerts.reading import alert_of, current_state
from omotenashi.alerts.reading import visible as _visible
from omotenashi.security.keys import PlatformKeys

WORDING_WINDOW = timedelta(days=14)
"""How far back a pasted alert text is compared with what we issued (besides every alert still
in force)."""


@dataclass(frozen=True)
class Verification:
    """What a forwarded alert is.

    ``verdict`` says whether the text is an alert we issued as issued, one we issued but changed,
    or nothing we issued; ``matched_by`` how the alert was found: ``signature`` (the platform's
    JWS checked), ``link`` (our alert's address) or ``wording``. A link or a signature names the
    alert; the text beside it is still compared with what was issued, in every language.
    """

    verdict: Verdict
    state: str
    """current, expired, superseded, cancelled, or unknown."""
    matched_by: str | None
    reason: str
    alert: StoredAlert | None = None
    language: str | None = None
    """The alert language the text was compared in (None when there was only a link or a
    signature to compare)."""
    official_text: str | None = None
    """What was issued in ``language``."""
    differences: tuple[forwarded.Span, ...] = ()
    """The text against ``official_text``, when it was changed."""

    @property
    def genuine(self) -> bool:
        return self.verdict is Verdict.OFFICIAL_UNCHANGED


_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_URL_PART = r"[A-Za-z0-9._~%!$&'()*+,;=:@-]"
_ALERT_LINK = re.compile(
    rf"(?:https?://{_URL_PART}+)?(?:/{_URL_PART}*)*?/?alerts/({_UUID})"
    r"(?![0-9A-Za-z-])/?(?:\?lang=[A-Za-z-]{2,16}(?![^\s]))?"
)
"""A link to an alert page, in full: only ASCII URL characters, so no word written next to it
is taken for part of it (and so left out of the comparison)."""

_STATES = {
    "current": "This is an official alert and it is in force.",
    "expired": "This was an official alert; it has expired.",
    "superseded": "This was an official alert; a newer report of the same event replaced it.",
    "cancelled": "This alert was issued and then cancelled: it is no longer valid.",
}
_CHANGED = (
    "This text was changed: it is not what was issued. Compare it with the official text; "
    "only the official text is valid."
)
_OFFICIAL_STATES = {
    "current": "The official alert is in force.",
    "expired": "The official alert has expired.",
    "superseded": "The official alert was replaced by a newer report of the same event.",
    "cancelled": "The official alert was cancelled: it is no longer valid.",
}
_UNKNOWN = (
    "No official alert matches this text. Treat it as unconfirmed and check official sources."
)


def _not_issued(reason: str) -> Verification:
    return Verification(Verdict.NO_SUCH_ALERT, "unknown", None, reason)


Rendered = tuple[StoredAlert, str]
"""An alert in one of its languages."""


def _renderings(alerts: Sequence[StoredAlert]) -> Iterator[tuple[Rendered, dict[str, Any]]]:
    for alert in alerts:
        for language, rendered in alert.renderings.items():
            yield (alert, language), rendered


def _found(
    alert: StoredAlert,
    matched_by: str,
    now: datetime,
    pasted: str,
    match: forwarded.Match[Rendered] | None,
) -> Verification:
    """``alert``, and what ``pasted`` is of it: one of its renderings (``match``) unchanged or
    changed, or, with no ``match``, nothing but the link or signature that named it."""
    state = current_state(alert, now)
    changed = match is not None and not match.same
    reason = f"{_CHANGED} {_OFFICIAL_STATES[state]}" if changed else _STATES[state]
    if alert.status != ReportStatus.NORMAL:
        reason += f" It is marked as {alert.status}, not a real alert."
    if match is None:
        return Verification(Verdict.OFFICIAL_UNCHANGED, state, matched_by, reason, alert)
    return Verification(
        Verdict.OFFICIAL_CHANGED if changed else Verdict.OFFICIAL_UNCHANGED,
        state,
        matched_by,
        reason,
        alert,
        language=match.key[1],
        official_text=match.official,
        differences=tuple(forwarded.differences(match.official, pasted)) if changed else (),
    )


def _named(alert: StoredAlert, matched_by: str, rest: str, now: datetime) -> Verification:
    """The text beside the link or signature that named ``alert``, compared with each of its
    renderings."""
    match = forwarded.closest(rest, _renderings([alert]), identified=True)
    return _found(alert, matched_by, now, rest, match)


def _without_links_to(alert_id: uuid.UUID, text: str) -> str:
    return _ALERT_LINK.sub(
        lambda link: " " if uuid.UUID(link.group(1)) == alert_id else link.group(0), text
    )


async def verify_forwarded(
    session: AsyncSession, keys: PlatformKeys, text: str, *, now: datetime | None = None
) -> Verification:
    """Say whether ``text`` — a forwarded alert: its words, its link, its signature, or any of
    them together — is an alert the platform issued as it was issued, a changed copy of one,
    or nothing we issued; and whether the alert is current, expired, replaced or cancelled.

    Only whitespace is normalised, and the link and signature are left out of the comparison;
    every other word counts, in whichever alert language the text is written.
    """
    now = now or datetime.now(UTC)
    token = signatures.COMPACT_JWS.search(text)
    if token is not None:
        try:
            claims = signatures.verify(keys, token.group(0))
        except signatures.BadSignature:
            return _not_issued(
                "The signature does not match: this text was not issued by the platform, "
                "or it was changed after it was."
            )
        try:
            alert_id = uuid.UUID(str(claims["jti"]))
        except ValueError:
            alert_id = None
        alert = (
            await session.scalar(select(StoredAlert).where(StoredAlert.id == alert_id, _visible()))
            if alert_id
            else None
        )
        if alert is None or signatures.digest(codec.canonical(alert_of(alert))) != claims["sha256"]:
            return _not_issued("The signature is not that of any alert we issued.")
        rest = _without_links_to(alert.id, text.replace(token.group(0), " "))
        return _named(alert, "signature", rest, now)
    link = _ALERT_LINK.search(text)
    if link is not None:
        alert = await session.scalar(
            select(StoredAlert).where(StoredAlert.id == uuid.UUID(link.group(1)), _visible())
        )
        if alert is None:
            return _not_issued("The link does not lead to any alert we issued.")
        return _named(alert, "link", _without_links_to(alert.id, text), now)
    if forwarded.is_empty(text):
        return _not_issued(_UNKNOWN)
    recent = (
        await session.scalars(
            select(StoredAlert)
            .where(
                _visible(),
                or_(
                    StoredAlert.issued_at > now - WORDING_WINDOW,
                    StoredAlert.state == AlertState.issued,
                ),
            )
            .order_by(StoredAlert.issued_at.desc())
            .limit(500)
        )
    ).all()
    match = forwarded.closest(text, _renderings(recent), identified=False)
    if match is None:
        return _not_issued(_UNKNOWN)
    return _found(match.key[0], "wording", now, text, match)


# Who is told.
