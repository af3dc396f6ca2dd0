"""Demo content: the demo hotel's breakfast menu (tagged, so "my menu" sorts it), a signage
slide for its lobby screen and an event, so the content pages can be tried at once. The menu's
translations enter the hotel's translation memory and the dishes are translated through the
chain from it, so a visitor reads the menu in their language; the rest is left to the chain and
to people, as it would be."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from omotenashi import i18n
from omotenashi.content import service
from omotenashi.content.demo_translations import MENU
from omotenashi.content.dietary import Presence
from omotenashi.content.models import ContentItem, ContentKind
from omotenashi.demo import loader
from omotenashi.japan import JST
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.models import Servicer
from omotenashi.translation import service as translation
from omotenashi.translation.tmx import Segment

HOTEL = "Hotel Sakura Asakusa"
ACTOR = "system:demo"
_NONE = Presence.free
DISHES: tuple[tuple[str, str, dict[str, Presence], dict[str, bool]], ...] = (
    (
        "焼き鮭定食",
        "焼き鮭、ご飯、味噌汁、漬物",
        {"salmon": Presence.contains, "soy": Presence.contains, "wheat": Presence.may_contain},
        {"meat": False, "alcohol": True},
    ),
    (
        "野菜の炊き合わせ",
        "季節の野菜を昆布だしで",
        {"sesame": _NONE, "soy": Presence.contains, "wheat": _NONE, "egg": _NONE, "milk": _NONE},
        {"vegan": True, "alcohol": False},
    ),
    ("胡麻豆腐", "胡麻と葛で作った豆腐", {"sesame": Presence.contains}, {"vegan": True}),
    ("だし巻き卵", "", {}, {}),
)


@loader
async def load_content(session: AsyncSession, keys: PlatformKeys) -> str:
    hotel = await session.scalar(select(Servicer).where(Servicer.name == HOTEL))
    if hotel is None:
        return "Content: no demo hotel to attach it to."
    if await session.scalar(select(func.count()).where(ContentItem.servicer_id == hotel.id)):
        return "Content: already there."
    await translation.contribute(
        session,
        [
            Segment("ja", source, language, text)
            for source, texts in MENU.items()
            for language, text in texts.items()
        ],
        licence="CC0-1.0",
        servicer_id=hotel.id,
        source="demo",
        actor=ACTOR,
    )
    others = [language.code for language in i18n.LANGUAGES if language.code != "ja"]
    for position, (title, body, allergens, diet) in enumerate(DISHES):
        draft = service.Draft(
            kind=ContentKind.dish,
            title=title,
            body=body,
            allergens=allergens,
            diet=diet,
            position=position,
        )
        dish = await service.create_item(session, hotel.id, draft, actor=ACTOR)
        # Memory only: the demo's own translations, whatever engine is configured.
        await service.translate_item(
            session, translation.Chain(None), hotel.id, dish.id, others, actor=ACTOR
        )
    slides = (
        ("ようこそ、ホテルさくら浅草へ", ()),
        ("エレベーターはフロントの右手です", ("wheelchair", "step_free_route", "stroller")),
    )
    for title, tags in slides:
        draft = service.Draft(kind=ContentKind.signage, title=title, tags=tags)
        await service.create_item(session, hotel.id, draft, actor=ACTOR)
    evening = datetime.combine(datetime.now(UTC).date() + timedelta(days=3), time(18), JST)
    festival = service.Draft(
        kind=ContentKind.event,
        title="浅草の夜の和太鼓",
        body="ロビーで和太鼓の演奏をお楽しみください。",
        venue="ホテルさくら浅草 1階ロビー",
        starts_at=evening,
        ends_at=evening + timedelta(hours=1),
        tags=["music", "culture"],
    )
    await service.create_item(session, hotel.id, festival, actor=ACTOR)
    return f"Content: the hotel's menu, signage and an event (menu: /menus/{hotel.id})."
