"""Conversations at the counter: started after a resolve, joined by the visitor's phone with a
short-lived code, lines said from the phrasebook or written freely, deleted at the end.

Nothing here is kept once a conversation ends: its rows are deleted (they live in UNLOGGED
tables, see ``models``), only the visitor's access log notes that a conversation took place,
and logs name events and ids, never what was said.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import sqlalchemy as sa
import structlog
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import i18n
from omotenashi.conversation import phrasebook as book
from omotenashi.conversation.errors import (
    ConversationNotFoundError,
    JoinCodeInvalidError,
    NotInConversationError,
    PhraseInvalidError,
)
from omotenashi.conversation.models import Conversation, ConversationLine
from omotenashi.errors import FieldError
from omotenashi.resolve import service as resolve
from omotenashi.security.keys import MasterKey, PlatformKeys
from omotenashi.translation import service as translation

log = structlog.get_logger(__name__)

IDLE = timedelta(minutes=30)
"""A conversation nobody has said anything in for this long is deleted."""
JOIN_VALID = timedelta(minutes=5)
"""How long the code in the counter's QR lets a phone join."""
NOTIFY_CHANNEL = "conversation"
MAX_TEXT = 500


class Mark:
    """How the text a screen shows was made."""

    phrasebook = "phrasebook"  # a vetted phrase
    own = "own"  # the viewer's own words
    same_language = "same_language"  # both sides share the language
    needs_translation = "needs_translation"  # no translation: the original is shown


@dataclass(frozen=True)
class Started:
    conversation: Conversation
    seat: str  # the visitor side's cookie value


@dataclass(frozen=True)
class Shown:
    """One line as one screen shows it."""

    id: int
    speaker: str
    text: str
    language: str
    mark: str  # a Mark, or a translation Provenance (tm_exact, tm_fuzzy, machine)
    original: str | None = None
    original_language: str | None = None


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _digest(secret: str) -> bytes:
    return hashlib.sha256(secret.encode()).digest()


@lru_cache(maxsize=8)
def _seat_key(root: MasterKey) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"omotenashi conversation seat v1"
    ).derive(root.material)


def _seat(keys: PlatformKeys, conversation: Conversation) -> str:
    mac = hmac.new(
        _seat_key(keys.derivation), conversation.id.bytes + conversation.seat_salt, "sha256"
    )
    return f"{conversation.id}.{mac.hexdigest()}"


# PostgreSQL refuses a notification payload of 8000 bytes or more; a line that long is
# announced without itself, and the streams read it from the table.
MAX_PAYLOAD = 7900
LINE_FIELDS = (
    "id",
    "speaker",
    "phrase_id",
    "slots",
    "text",
    "text_language",
    "translation",
    "provenance",
)


def line_payload(line: ConversationLine) -> dict[str, object]:
    return {name: getattr(line, name) for name in LINE_FIELDS}


def line_from(payload: Mapping[str, object]) -> ConversationLine:
    """A line as a notification carried it (not attached to any session)."""
    return ConversationLine(**{name: payload.get(name) for name in LINE_FIELDS})


async def _notify(
    session: AsyncSession,
    conversation_id: uuid.UUID,
    kind: str,
    line: ConversationLine | None = None,
) -> None:
    """Tells the streams of this conversation in every process, once the transaction commits:
    ``kind`` is line (with the line itself), joined or ended."""
    message: dict[str, object] = {"c": str(conversation_id), "k": kind}
    if line is not None:
        message["line"] = line_payload(line)
    payload = json.dumps(message, ensure_ascii=False, separators=(",", ":"))
    if len(payload.encode()) > MAX_PAYLOAD:
        payload = json.dumps({"c": str(conversation_id), "k": "look"})
    await session.execute(sa.select(sa.func.pg_notify(NOTIFY_CHANNEL, payload)))


def language_of(code: str) -> str:
    language = i18n.match_tag(code)
    if language is None:
        raise PhraseInvalidError(fields=[FieldError("language", "Not a language we serve.")])
    return language.code


async def purge_expired(session: AsyncSession, now: datetime | None = None) -> int:
    """Delete every conversation idle past ``IDLE``; how many there were."""
    result = await session.execute(
        sa.delete(Conversation).where(Conversation.expires_at < _now(now))
    )
    count = int(getattr(result, "rowcount", 0) or 0)
    if count:
        log.info("conversation.purged", count=count)
    return count


async def start(
    session: AsyncSession,
    keys: PlatformKeys,
    *,
    servicer_id: uuid.UUID,
    terminal_id: uuid.UUID | None,
    language: str,
    scene: book.Scene = book.Scene.general,
    subject: str | None = None,
    now: datetime | None = None,
) -> Started:
    """A conversation in ``language`` at a servicer's counter. With ``subject`` (the pairwise id
    a resolve at this terminal just answered), the visitor's access log notes it took place."""
    moment = _now(now)
    await purge_expired(session, moment)
    conversation = Conversation(
        id=uuid.uuid4(),
        servicer_id=servicer_id,
        terminal_id=terminal_id,
        language=language_of(language),
        scene=scene.value,
        seat_salt=secrets.token_bytes(16),
        started_at=moment,
        expires_at=moment + IDLE,
    )
    session.add(conversation)
    await session.flush()
    logged = False
    if subject and terminal_id is not None:
        logged = await resolve.log_conversation(
            session,
            keys,
            servicer_id=servicer_id,
            terminal_id=terminal_id,
            subject=subject,
            now=moment,
        )
    log.info(
        "conversation.started",
        conversation_id=str(conversation.id),
        servicer_id=str(servicer_id),
        in_access_log=logged,
    )
    return Started(conversation, _seat(keys, conversation))


async def of_servicer(
    session: AsyncSession,
    conversation_id: uuid.UUID,
    servicer_id: uuid.UUID,
    now: datetime | None = None,
) -> Conversation:
    """The servicer's own conversation, while it lasts."""
    conversation = await session.scalar(
        sa.select(Conversation).where(
            Conversation.id == conversation_id,
            Conversation.servicer_id == servicer_id,
            Conversation.expires_at >= _now(now),
        )
    )
    if conversation is None:
        raise ConversationNotFoundError()
    return conversation


async def of_seat(
    session: AsyncSession, keys: PlatformKeys, seat: str | None, now: datetime | None = None
) -> Conversation:
    """The conversation a visitor-side device joined (its cookie), while it lasts."""
    head, _, _ = (seat or "").partition(".")
    try:
        conversation_id = uuid.UUID(head)
    except ValueError:
        raise NotInConversationError() from None
    conversation = await session.get(Conversation, conversation_id)
    if conversation is None or conversation.expires_at < _now(now):
        raise ConversationNotFoundError()
    if not hmac.compare_digest(_seat(keys, conversation).encode(), (seat or "").encode()):
        raise NotInConversationError()
    return conversation


def seat_of(keys: PlatformKeys, conversation: Conversation) -> str:
    """The visitor side's cookie value: for the counter's own tablet, turned to the visitor."""
    return _seat(keys, conversation)


async def invite(
    session: AsyncSession, conversation: Conversation, now: datetime | None = None
) -> str:
    """A fresh join code for the counter's QR (the previous one stops working). It names no
    visitor: only the conversation, for ``JOIN_VALID``, once."""
    code = secrets.token_urlsafe(16)
    conversation.join_hash = _digest(code)
    conversation.join_expires_at = _now(now) + JOIN_VALID
    await session.flush()
    return code


async def join(
    session: AsyncSession, keys: PlatformKeys, code: str, now: datetime | None = None
) -> Started:
    """The phone that scanned the counter's QR joins; the code is then spent."""
    moment = _now(now)
    conversation = await session.scalar(
        sa.select(Conversation).where(
            Conversation.join_hash == _digest(code),
            Conversation.join_expires_at >= moment,
            Conversation.expires_at >= moment,
        )
    )
    if conversation is None:
        raise JoinCodeInvalidError()
    conversation.join_hash = None
    conversation.join_expires_at = None
    conversation.joined_at = moment
    await session.flush()
    await _notify(session, conversation.id, "joined")
    log.info("conversation.joined", conversation_id=str(conversation.id))
    return Started(conversation, _seat(keys, conversation))


def _slot_values(phrase: book.Phrase, raw: Mapping[str, str]) -> dict[str, str | int]:
    values: dict[str, str | int] = {}
    errors = []
    for slot in phrase.slots:
        value = book.parse_slot(slot, raw.get(slot.value, ""))
        if value is None:
            errors.append(FieldError(slot.value, f"Not a valid {slot.value}.", "invalid_slot"))
        else:
            values[slot.value] = book.stored_slot(value)
    if errors:
        raise PhraseInvalidError(fields=errors)
    return values


async def _add(
    session: AsyncSession, conversation: Conversation, line: ConversationLine, moment: datetime
) -> ConversationLine:
    session.add(line)
    conversation.expires_at = moment + IDLE
    await session.flush()
    await _notify(session, conversation.id, "line", line)
    return line


async def say(
    session: AsyncSession,
    conversation: Conversation,
    speaker: book.Speaker,
    phrase_id: str,
    slots: Mapping[str, str],
    now: datetime | None = None,
) -> ConversationLine:
    """``speaker`` says a phrase of their side of the phrasebook, its slots filled."""
    phrase = book.phrasebook().get(phrase_id)
    if phrase is None or phrase.speaker is not speaker:
        raise PhraseInvalidError(fields=[FieldError("phrase", "Not a phrase of this side.")])
    moment = _now(now)
    line = ConversationLine(
        conversation_id=conversation.id,
        at=moment,
        speaker=speaker.value,
        phrase_id=phrase.id,
        slots=_slot_values(phrase, slots),
    )
    return await _add(session, conversation, line, moment)


async def write(
    session: AsyncSession,
    chain: translation.Chain,
    conversation: Conversation,
    speaker: book.Speaker,
    text: str,
    now: datetime | None = None,
) -> ConversationLine:
    """Free text in the speaker's language, through the translation chain (memory, then the
    configured engine) into the other side's; left untranslated, and marked so, when nothing
    translates it."""
    written = text.strip()
    if not written or len(written) > MAX_TEXT:
        raise PhraseInvalidError(
            fields=[FieldError("text", f"Write 1 to {MAX_TEXT} characters.", "length")]
        )
    source, target = (
        (conversation.language, book.SOURCE)
        if speaker is book.Speaker.visitor
        else (book.SOURCE, conversation.language)
    )
    translated: str | None = None
    provenance: str | None = Mark.same_language if source == target else None
    if source != target:
        (outcome,) = await translation.translate(
            session,
            chain,
            [translation.TextToTranslate(written, source, target)],
            servicer_id=conversation.servicer_id,
        )
        if outcome.text is not None and outcome.provenance is not None:
            translated, provenance = outcome.text, outcome.provenance.value
    moment = _now(now)
    line = ConversationLine(
        conversation_id=conversation.id,
        at=moment,
        speaker=speaker.value,
        slots={},
        text=written,
        text_language=source,
        translation=translated,
        provenance=provenance,
    )
    await _add(session, conversation, line, moment)
    log.info(
        "conversation.written",
        conversation_id=str(conversation.id),
        speaker=speaker.value,
        provenance=provenance or Mark.needs_translation,
    )
    return line


async def lines_since(
    session: AsyncSession, conversation_id: uuid.UUID, after: int, now: datetime | None = None
) -> tuple[Conversation, list[ConversationLine]] | None:
    """The conversation and its lines after line ``after``; None once it has ended."""
    conversation = await session.get(Conversation, conversation_id, populate_existing=True)
    if conversation is None or conversation.expires_at < _now(now):
        return None
    lines = await session.scalars(
        sa.select(ConversationLine)
        .where(ConversationLine.conversation_id == conversation_id, ConversationLine.id > after)
        .order_by(ConversationLine.id)
    )
    return conversation, list(lines)


async def end(session: AsyncSession, conversation: Conversation, by: book.Speaker) -> None:
    """Delete the conversation and everything said in it."""
    await session.execute(sa.delete(Conversation).where(Conversation.id == conversation.id))
    await _notify(session, conversation.id, "ended")
    log.info("conversation.ended", conversation_id=str(conversation.id), by=by.value)


def shown(line: ConversationLine, viewer: book.Speaker, language: str) -> Shown:
    """``line`` as the ``viewer``'s screen shows it, in ``language``."""
    if line.phrase_id is not None:
        phrase = book.phrasebook().get(line.phrase_id)
        if phrase is None:  # retired since it was said: never shown as something else
            return Shown(line.id, line.speaker, line.phrase_id, "en", Mark.needs_translation)
        values = {
            slot: value
            for slot in phrase.slots
            if (value := book.loaded_slot(slot, line.slots.get(slot.value))) is not None
        }
        for candidate in (language, "en", book.SOURCE):
            text = book.render(phrase, candidate, values)
            if text is not None:
                mark = Mark.phrasebook if candidate == language else Mark.needs_translation
                return Shown(line.id, line.speaker, text, candidate, mark)
    written = line.text or ""
    written_in = line.text_language or language
    if line.speaker == viewer.value:
        return Shown(line.id, line.speaker, written, written_in, Mark.own)
    if line.provenance == Mark.same_language:
        return Shown(line.id, line.speaker, written, written_in, Mark.same_language)
    if line.translation is not None and line.provenance is not None:
        return Shown(
            line.id,
            line.speaker,
            line.translation,
            language,
            line.provenance,
            original=written,
            original_language=written_in,
        )
    return Shown(line.id, line.speaker, written, written_in, Mark.needs_translation)
