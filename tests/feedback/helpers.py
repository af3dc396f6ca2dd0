"""A Korean visitor checked in at a hotel: the interaction feedback is about."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer

from omotenashi.consent import service as consent
from omotenashi.privacy import service as privacy
from omotenashi.resolve import service as resolve
from omotenashi.security.encryption import Keyring
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.models import Servicer
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.translation import service as translation
from omotenashi.translation.models import SegmentOrigin
from omotenashi.translation.tmx import Segment
from omotenashi.visitors import service as visitors

COMMENT_KO = "체크인이 너무 오래 걸렸어요"
COMMENT_JA = "チェックインにとても時間がかかりました"
REPLY_JA = "お待たせして申し訳ございませんでした"
REPLY_KO = "기다리시게 해서 죄송합니다"
# No machine translation here: the translation memory knows these two sentences.
CHAIN = translation.Chain(translator=None)


@dataclass(frozen=True)
class Stay:
    visitor_id: uuid.UUID
    hotel: Servicer
    interaction: int  # the access-log entry of the check-in


async def checked_in(session: AsyncSession, keys: PlatformKeys, name: str = "Hotel Sakura") -> Stay:
    keyring = Keyring(keys.master)
    visitor = await visitors.create_visitor(session, keyring, language="ko")
    await visitors.update_profile(
        session, keyring, visitor.id, {"name": {"surname": "KIM"}, "preferred_languages": ["ko"]}
    )
    hotel = await approved_servicer(session, name, PurposeKey.hotel_check_in)
    await consent.grant(
        session,
        keys,
        visitor.id,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name"],
        servicer_id=hotel.id,
    )
    await resolve.resolve(
        session,
        keys,
        servicer_id=hotel.id,
        visitor_id=visitor.id,
        purpose=PurposeKey.hotel_check_in,
    )
    (entry,) = await privacy.disclosures(session, visitor.id)
    return Stay(visitor.id, hotel, entry.id)


async def teach_the_memory(session: AsyncSession) -> None:
    for source_lang, source, target_lang, target in (
        ("ko", COMMENT_KO, "ja", COMMENT_JA),
        ("ja", REPLY_JA, "ko", REPLY_KO),
    ):
        await translation.remember(
            session,
            Segment(source_lang, source, target_lang, target),
            licence="CC-BY-4.0",
            servicer_id=None,
            origin=SegmentOrigin.contribution,
            source="test",
        )
