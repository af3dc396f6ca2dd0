"""The translation chain and the translation bank.

A text goes through translation memory (an exact match, then the best fuzzy match at or above
the configured threshold), then the machine-translation engine if one is configured; when none
of them answers, the outcome says so and carries no text: the caller records the field as
needing translation and never passes the source text off as a translation.

The bank holds parallel segments with a licence, a contributor (a servicer, or the operator for
the platform) and an origin. A ``contributor-only`` segment translates only its contributor's
content and never leaves the platform in an export.
"""

from __future__ import annotations

import functools
import hashlib
import re
import string
import unicodedata
import uuid
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import structlog
from sqlalchemy import ColumnElement, Integer, func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.errors import FieldError, ValidationFailedError
from omotenashi.i18n import BY_CODE
from omotenashi.security import audit
from omotenashi.servicers import service as servicers
from omotenashi.translation.config import TranslationSettings, build_translator
from omotenashi.translation.engines import MachineTranslationError, MachineTranslator
from omotenashi.translation.fuzzy import Candidate, Match, best_matches, normalise
from omotenashi.translation.models import (
    CONTRIBUTOR_ONLY,
    Provenance,
    SegmentOrigin,
    TmSegment,
)
from omotenashi.translation.tmx import Segment

log = structlog.get_logger(__name__)

MAX_TEXT = 10_000
# Fuzzy lookup scores this many of PostgreSQL's nearest candidates with the real scorer.
CANDIDATES = 20
_INSERT_CHUNK = 2_000
# SPDX identifiers (CC-BY-4.0, CC0-1.0) and our own ``contributor-only``.
_LICENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]{0,63}")


class InvalidSegmentError(ValidationFailedError):
    code = "invalid_segment"
    title = "A segment cannot enter the translation bank"


# --- Keys and digests --------------------------------------------------------------------------


def stored_text(text: str) -> str:
    """A text as the bank and the content store keep it: NFC, without surrounding whitespace.
    Exact matches compare these; width and spacing variants are left to fuzzy matching."""
    return unicodedata.normalize("NFC", text).strip()


# Unicode's control characters (category Cc, fixed at these 65 code points) other than line
# breaks and tabs, and the surrogates (Cs). One regular expression scans a text some 30 times
# faster than asking each character's category (11,424 phrasebook pairs on every `serve`).
_UNFIT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def unfit_characters(text: str) -> bool:
    """True when ``text`` holds characters no stored text may: control characters other than
    line breaks and tabs, or halves of surrogate pairs (which are not text at all)."""
    return _UNFIT.search(text) is not None


def text_hash(text: str) -> bytes:
    """The digest the bank indexes a stored text by."""
    return hashlib.blake2b(text.encode(), digest_size=16).digest()


# What pg_trgm keeps of a text under any locale, after lower-casing: 36 letters.
_KEY_ALPHABET = string.digits + string.ascii_lowercase
# The least candidate similarity. Each step down makes a lookup read much more of the bank for
# the rare match whose differences are spread thin: over a million segments, bench/tm.py found
# 0.35 holding p95 under 20 ms and recall near 97 %, where 0.3 gave 99 % at 23 ms.
CANDIDATE_FLOOR = 0.35


def trigram_key(text: str) -> str:
    """The text with each character replaced by one of pg_trgm's 36 letters, for pg_trgm to
    compare (see :class:`TmSegment` for why).

    The text is first normalised as the fuzzy scorer normalises it, and lower-cased. Each
    character maps to a letter by a hash (crc32, the same in every process and release), so
    pg_trgm's trigrams of the key are the text's character trigrams, each in one of 46,656
    buckets: one per character, as pg_trgm makes of a text in a locale that knows its script.
    Unrelated texts seldom share a bucket; similar texts share as many as they share trigrams.
    """
    return "".join(map(_key_letter, normalise(text).casefold()))


@functools.cache
def _key_letter(char: str) -> str:
    """The letter of one character (remembered: a text repeats its characters, and a process
    sees a few thousand different ones)."""
    return _KEY_ALPHABET[zlib.crc32(char.encode()) % len(_KEY_ALPHABET)]


def candidate_similarity(threshold: float) -> float:
    """The least trigram similarity for a segment to be scored against ``threshold``.

    One edit changes at most three trigrams, so texts whose Levenshtein similarity is ``s``
    share at least ``1 - 3(1 - s)`` of their trigrams, a Jaccard similarity of at least
    ``(1 - 3(1 - s)) / (1 + 3(1 - s))``: that bound for strict thresholds, at least
    :data:`CANDIDATE_FLOOR` for loose ones.
    """
    distance = 3 * (1 - threshold)
    return max(CANDIDATE_FLOOR, (1 - distance) / (1 + distance))


# --- The chain ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Chain:
    """The configured steps after exact memory: the fuzzy threshold and the engine, if any."""

    translator: MachineTranslator | None
    fuzzy_threshold: float = 0.75
    candidates: int = CANDIDATES

    @classmethod
    def from_settings(cls, settings: TranslationSettings) -> Chain:
        """Raises :class:`EngineNotConfigured` when the chosen engine lacks a credential."""
        return cls(build_translator(settings), settings.fuzzy_threshold)


@dataclass(frozen=True)
class TextToTranslate:
    text: str
    source_lang: str
    target_lang: str


@dataclass(frozen=True)
class Outcome:
    """What the chain made of one text. ``text`` is None when nothing translated it; ``reason``
    then says why: ``no_engine``, ``unsupported_language_pair``, ``mt_unavailable``,
    ``mt_rejected``, ``mt_not_configured`` or ``mt_empty``."""

    text: str | None
    provenance: Provenance | None = None
    score: float | None = None
    engine: str | None = None
    segment_id: int | None = None
    reason: str | None = None


def _usable_by(servicer_id: uuid.UUID | None) -> ColumnElement[bool]:
    """The segments that may translate ``servicer_id``'s content: every shared one, the
    platform's own, and the servicer's own contributor-only ones."""
    shared = or_(TmSegment.licence != CONTRIBUTOR_ONLY, TmSegment.servicer_id.is_(None))
    return shared if servicer_id is None else or_(shared, TmSegment.servicer_id == servicer_id)


async def exact_match(
    session: AsyncSession,
    text: str,
    source_lang: str,
    target_lang: str,
    *,
    servicer_id: uuid.UUID | None,
) -> TmSegment | None:
    """The segment whose source is exactly ``text``: the servicer's own first, then the newest."""
    source = stored_text(text)
    query = select(TmSegment).where(
        TmSegment.source_lang == source_lang,
        TmSegment.target_lang == target_lang,
        TmSegment.source_hash == text_hash(source),
        TmSegment.source_text == source,
        _usable_by(servicer_id),
    )
    if servicer_id is not None:
        query = query.order_by((TmSegment.servicer_id == servicer_id).is_(True).desc())
    query = query.order_by(TmSegment.created_at.desc(), TmSegment.id.desc()).limit(1)
    found: TmSegment | None = await session.scalar(query)
    return found


async def fuzzy_matches(
    session: AsyncSession,
    text: str,
    source_lang: str,
    target_lang: str,
    *,
    servicer_id: uuid.UUID | None,
    threshold: float,
    limit: int = 1,
    candidates: int = CANDIDATES,
) -> list[Match]:
    """Segments whose source scores at least ``threshold`` against ``text`` (see
    :func:`omotenashi.translation.fuzzy.score`), best first: PostgreSQL picks the
    ``candidates`` nearest by trigram similarity, the scorer decides."""
    key = trigram_key(text)
    # Local to the transaction: `%` reads its threshold from this setting.
    await session.execute(
        select(
            func.set_config(
                "pg_trgm.similarity_threshold", str(candidate_similarity(threshold)), True
            )
        )
    )
    rows = await session.execute(
        select(TmSegment.id, TmSegment.source_text, TmSegment.target_text)
        .where(
            TmSegment.source_key.op("%")(key),
            TmSegment.source_lang == source_lang,
            TmSegment.target_lang == target_lang,
            _usable_by(servicer_id),
        )
        .order_by(func.similarity(TmSegment.source_key, key).desc(), TmSegment.id)
        .limit(candidates)
    )
    pool = [Candidate(id=row.id, source=row.source_text, target=row.target_text) for row in rows]
    return best_matches(text, pool, threshold, limit)


async def translate(
    session: AsyncSession,
    chain: Chain,
    texts: Sequence[TextToTranslate],
    *,
    servicer_id: uuid.UUID | None,
) -> list[Outcome]:
    """Run each text through the chain; one outcome per text, in order.

    Texts that memory does not answer go to the engine in one request per language pair.
    An engine failure leaves those texts untranslated with the failure's code as the reason;
    it does not undo what memory found.
    """
    answered: dict[int, Outcome] = {}
    waiting: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, item in enumerate(texts):
        remembered = await _from_memory(session, chain, item, servicer_id)
        if remembered is None:
            waiting[item.source_lang, item.target_lang].append(index)
        else:
            answered[index] = remembered
    for (source_lang, target_lang), indices in waiting.items():
        machine = await _machine(
            chain.translator, [texts[i].text for i in indices], source_lang, target_lang
        )
        answered.update(zip(indices, machine, strict=True))
    return [answered[index] for index in range(len(texts))]


async def _from_memory(
    session: AsyncSession, chain: Chain, item: TextToTranslate, servicer_id: uuid.UUID | None
) -> Outcome | None:
    exact = await exact_match(
        session, item.text, item.source_lang, item.target_lang, servicer_id=servicer_id
    )
    if exact is not None:
        return Outcome(exact.target_text, Provenance.tm_exact, segment_id=exact.id)
    fuzzy = await fuzzy_matches(
        session,
        item.text,
        item.source_lang,
        item.target_lang,
        servicer_id=servicer_id,
        threshold=chain.fuzzy_threshold,
        candidates=chain.candidates,
    )
    if fuzzy:
        best = fuzzy[0]
        return Outcome(
            best.target,
            Provenance.tm_fuzzy,
            score=round(best.score, 4),
            segment_id=int(best.id),
        )
    return None


async def _machine(
    translator: MachineTranslator | None, texts: list[str], source_lang: str, target_lang: str
) -> list[Outcome]:
    if translator is None:
        return [Outcome(None, reason="no_engine") for _ in texts]
    if not translator.supports(source_lang, target_lang):
        return [Outcome(None, reason="unsupported_language_pair") for _ in texts]
    try:
        translated = await translator.translate(texts, source_lang, target_lang)
    except MachineTranslationError as exc:
        log.warning(
            "translation.machine_failed",
            engine=translator.name,
            code=exc.code,
            reason=exc.extra.get("reason"),
            source_lang=source_lang,
            target_lang=target_lang,
        )
        return [Outcome(None, reason=exc.code) for _ in texts]
    return [
        Outcome(text, Provenance.machine, engine=translator.name)
        if text.strip()
        else Outcome(None, reason="mt_empty")
        for text in translated
    ]


# --- The bank ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Added:
    added: int
    duplicates: int


def check_licence(licence: str, field_name: str = "licence") -> str:
    """The licence as stored; InvalidSegmentError unless it is an SPDX-style identifier."""
    value = licence.strip()
    if not _LICENCE.fullmatch(value):
        raise InvalidSegmentError(
            fields=[
                FieldError(
                    field_name,
                    "Must be a licence identifier such as CC-BY-4.0, or contributor-only.",
                    "invalid_licence",
                )
            ]
        )
    return value


def _text_problem(text: str) -> FieldError | None:
    """Why a stored text cannot be kept, as an error without its place (filled in by caller)."""
    if not text:
        return FieldError("", "Must not be empty.", "required")
    if unfit_characters(text):
        return FieldError("", "Must not contain control characters.", "invalid_format")
    if len(text) > MAX_TEXT:
        return FieldError("", f"Must be at most {MAX_TEXT} characters.", "too_long")
    return None


def _segment_row(segment: Segment, where: str, errors: list[FieldError]) -> dict[str, Any]:
    """The table row of a segment; its problems are added to ``errors`` instead."""
    found = len(errors)
    row: dict[str, Any] = {}
    for side in ("source", "target"):
        lang = getattr(segment, f"{side}_lang")
        text = stored_text(getattr(segment, f"{side}_text"))
        if lang not in BY_CODE:
            errors.append(
                FieldError(
                    f"{where}.{side}_lang", "This language is not served.", "unknown_language"
                )
            )
        if (problem := _text_problem(text)) is not None:
            errors.append(FieldError(f"{where}.{side}_text", problem.message, problem.code))
        row[f"{side}_lang"], row[f"{side}_text"] = lang, text
    if segment.source_lang == segment.target_lang:
        errors.append(
            FieldError(
                f"{where}.target_lang", "Must differ from the source language.", "same_language"
            )
        )
    if len(errors) == found:
        row["source_hash"] = text_hash(row["source_text"])
        row["target_hash"] = text_hash(row["target_text"])
        row["source_key"] = trigram_key(row["source_text"])
    return row


async def add_segments(
    session: AsyncSession,
    segments: Sequence[Segment],
    *,
    licence: str,
    servicer_id: uuid.UUID | None,
    origin: SegmentOrigin,
    source: str | None,
    on_progress: Callable[[int], None] | None = None,
) -> Added:
    """Store segments the bank does not hold yet (same pair, texts and contributor); nothing is
    stored when any is invalid (InvalidSegmentError names each, ``segments[i].source_text``).
    ``on_progress(n)`` is called after each batch with the number of segments it covered."""
    licence = check_licence(licence)
    errors: list[FieldError] = []
    rows = [_segment_row(segment, f"segments[{i}]", errors) for i, segment in enumerate(segments)]
    if errors:
        raise InvalidSegmentError(fields=errors)
    common = {"licence": licence, "servicer_id": servicer_id, "origin": origin, "source": source}
    added = 0
    for start in range(0, len(rows), _INSERT_CHUNK):
        batch = [{**row, **common} for row in rows[start : start + _INSERT_CHUNK]]
        inserted = await session.scalars(
            insert(TmSegment).on_conflict_do_nothing().returning(TmSegment.id), batch
        )
        added += len(inserted.all())
        if on_progress is not None:
            on_progress(len(batch))
    log.info(
        "translation_bank.segments_added",
        added=added,
        duplicates=len(rows) - added,
        origin=str(origin),
        servicer_id=str(servicer_id) if servicer_id else None,
    )
    return Added(added=added, duplicates=len(rows) - added)


async def remember(
    session: AsyncSession,
    segment: Segment,
    *,
    licence: str,
    servicer_id: uuid.UUID | None,
    origin: SegmentOrigin,
    source: str | None,
) -> int:
    """Store one segment unless the contributor already has it; its id either way."""
    await add_segments(
        session, [segment], licence=licence, servicer_id=servicer_id, origin=origin, source=source
    )
    source_text, target_text = stored_text(segment.source_text), stored_text(segment.target_text)
    segment_id: int | None = await session.scalar(
        select(TmSegment.id).where(
            TmSegment.source_lang == segment.source_lang,
            TmSegment.target_lang == segment.target_lang,
            TmSegment.source_hash == text_hash(source_text),
            TmSegment.target_hash == text_hash(target_text),
            TmSegment.servicer_id.is_(None)
            if servicer_id is None
            else TmSegment.servicer_id == servicer_id,
        )
    )
    assert segment_id is not None  # just stored, or already there
    return segment_id


async def contribute(
    session: AsyncSession,
    segments: Sequence[Segment],
    *,
    licence: str,
    servicer_id: uuid.UUID | None,
    source: str | None,
    actor: str,
    origin: SegmentOrigin = SegmentOrigin.contribution,
    on_progress: Callable[[int], None] | None = None,
) -> Added:
    """A servicer's or the operator's (``servicer_id`` None) segments enter the bank, with
    the licence they are offered under. Recorded in the audit log."""
    licence = check_licence(licence)
    if servicer_id is not None:
        await servicers.get(session, servicer_id)
    result = await add_segments(
        session,
        segments,
        licence=licence,
        servicer_id=servicer_id,
        origin=origin,
        source=source,
        on_progress=on_progress,
    )
    await audit.record(
        session,
        actor=actor,
        action=f"translation_bank.{origin}",
        target=f"servicer:{servicer_id}" if servicer_id else "platform",
        details={
            "added": result.added,
            "duplicates": result.duplicates,
            "licence": licence,
        },
    )
    return result


@dataclass(frozen=True)
class Export:
    segments: list[Segment]
    withheld: int  # contributor-only segments of the pair, which never leave the platform


async def export(session: AsyncSession, source_lang: str, target_lang: str) -> Export:
    """The pair's shareable segments, oldest first, each naming its contributor and licence."""
    for name, lang in (("source", source_lang), ("target", target_lang)):
        if lang not in BY_CODE:
            raise InvalidSegmentError(
                fields=[FieldError(name, "This language is not served.", "unknown_language")]
            )
    pair = (TmSegment.source_lang == source_lang, TmSegment.target_lang == target_lang)
    rows = await session.scalars(
        select(TmSegment).where(*pair, TmSegment.licence != CONTRIBUTOR_ONLY).order_by(TmSegment.id)
    )
    segments = [
        Segment(
            source_lang=row.source_lang,
            source_text=row.source_text,
            target_lang=row.target_lang,
            target_text=row.target_text,
            creation_id=f"servicer:{row.servicer_id}" if row.servicer_id else "operator",
            creation_date=row.created_at,
            note=f"licence: {row.licence}",
        )
        for row in rows
    ]
    withheld = await session.scalar(
        select(func.count()).where(*pair, TmSegment.licence == CONTRIBUTOR_ONLY)
    )
    return Export(segments, int(withheld or 0))


# --- Statistics --------------------------------------------------------------------------------

NEEDS_TRANSLATION = "needs_translation"


@dataclass
class PairStatistics:
    """One language pair: the bank's segments and contributors (each servicer, and the
    operator), how its segments came in, and how content in that pair was translated
    (``needs_translation`` counting the fields nothing translated)."""

    source_lang: str
    target_lang: str
    segments: int = 0
    contributors: int = 0
    origins: dict[str, int] = field(default_factory=dict)
    translations: dict[str, int] = field(default_factory=dict)

    def share(self, provenance: str) -> float:
        """The part of the pair's content fields with this provenance, 0..1."""
        total = sum(self.translations.values())
        return round(self.translations.get(provenance, 0) / total, 4) if total else 0.0


async def statistics(
    session: AsyncSession, translated: Iterable[tuple[str, str, Provenance | None, int]] = ()
) -> list[PairStatistics]:
    """Every language pair with segments or translated content, ordered by pair. ``translated``
    counts how content was translated, per (source, target, provenance): content's to give
    (``content.service.translation_statistics``), as the bank reads no other domain's tables."""
    pairs: dict[tuple[str, str], PairStatistics] = {}

    def pair(source_lang: str, target_lang: str) -> PairStatistics:
        return pairs.setdefault(
            (source_lang, target_lang), PairStatistics(source_lang, target_lang)
        )

    pair_columns = (TmSegment.source_lang, TmSegment.target_lang)
    counted = await session.execute(
        select(
            *pair_columns,
            func.count(),
            # The operator counts as one contributor, as each servicer does.
            func.count(TmSegment.servicer_id.distinct())
            + func.bool_or(TmSegment.servicer_id.is_(None)).cast(Integer),
        ).group_by(*pair_columns)
    )
    for source_lang, target_lang, segments, contributors in counted:
        stats = pair(source_lang, target_lang)
        stats.segments, stats.contributors = segments, contributors
    origins = await session.execute(
        select(*pair_columns, TmSegment.origin, func.count()).group_by(
            *pair_columns, TmSegment.origin
        )
    )
    for source_lang, target_lang, origin, count in origins:
        pair(source_lang, target_lang).origins[str(origin)] = count
    for source_lang, target_lang, provenance, count in translated:
        key = str(provenance) if provenance is not None else NEEDS_TRANSLATION
        pair(source_lang, target_lang).translations[key] = count
    return [pairs[key] for key in sorted(pairs)]
