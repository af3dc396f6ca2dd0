"""The phrasebook in the translation bank.

The phrase files (``phrases/<lang>.toml``) are the reviewed source; :func:`sync` copies every
phrase into the bank as the operator's contribution, Japanese ↔ each language both ways, so
that TMX export, contributions and visitors' suggestions see it as any other segment, and a
visitor who types a phrase word for word gets it from memory, vetted. It runs when ``serve``
starts and as ``omotenashi tm phrasebook``; a pair the bank already holds is skipped, so it is
cheap to repeat. A phrase changed in its file adds its new pair; the old pair stays in the bank
as history, as any corrected segment does.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi.conversation import phrasebook as book
from omotenashi.translation import service as translation
from omotenashi.translation.models import SegmentOrigin
from omotenashi.translation.tmx import Segment

LICENCE = "CC-BY-4.0"
SOURCE = "phrasebook"


def segments(pb: book.Phrasebook) -> list[Segment]:
    pairs = []
    for phrase in pb.phrases.values():
        japanese = phrase.texts[book.SOURCE]
        for language, text in phrase.texts.items():
            if language == book.SOURCE:
                continue
            note = f"phrasebook:{phrase.id}"
            pairs.append(Segment(book.SOURCE, japanese, language, text, note=note))
            pairs.append(Segment(language, text, book.SOURCE, japanese, note=note))
    return pairs


async def sync(session: AsyncSession, pb: book.Phrasebook | None = None) -> translation.Added:
    return await translation.add_segments(
        session,
        segments(pb or book.phrasebook()),
        licence=LICENCE,
        servicer_id=None,
        origin=SegmentOrigin.contribution,
        source=SOURCE,
    )
