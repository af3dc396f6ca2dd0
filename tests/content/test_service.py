"""Content rules against real PostgreSQL: items and tags, translation with provenance, human
post-editing into the bank, what visitors are shown, my menu, and suggestions."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.content.helpers import FakeTranslator, chain
from tests.factories.content import ADMIN, dish, event, remember, restaurant
from tests.factories.visitors import make_visitor

from omotenashi.content import service
from omotenashi.content.dietary import Presence, Verdict
from omotenashi.content.errors import (
    InvalidContentError,
    ItemNotFoundError,
    SuggestionDecidedError,
    SuggestionNotFoundError,
    TooManySuggestionsError,
)
from omotenashi.content.models import ContentKind, SuggestionState
from omotenashi.security.encryption import Keyring
from omotenashi.security.keys import MasterKey
from omotenashi.servicers import service as servicers
from omotenashi.servicers.errors import ServicerNotFoundError
from omotenashi.servicers.models import ServicerState
from omotenashi.translation import service as bank
from omotenashi.translation.fuzzy import score
from omotenashi.translation.models import Provenance, SegmentOrigin, TmSegment

OPERATOR = "staff:test-operator"


@pytest.fixture(scope="module")
def keyring() -> Keyring:
    return Keyring(MasterKey.from_material(os.urandom(32)))


def provenance(item: service.ContentItem) -> dict[tuple[str, str], object]:
    return {(row.language, row.field): row.provenance for row in item.translations}


# --- Translating -------------------------------------------------------------------------------


async def test_each_field_goes_through_the_chain_and_its_provenance_is_recorded(
    session: AsyncSession,
) -> None:
    shop = await restaurant(session)
    await remember(session, ("天ぷら盛り合わせ", "Assorted tempura"))
    await remember(
        session, ("季節の野菜と海老の天ぷらです", "Seasonal vegetable and shrimp tempura")
    )
    item = await dish(session, shop, "天ぷら盛り合わせ", body="季節の野菜と海老の天ぷら")
    engine = FakeTranslator()

    results = await service.translate_item(
        session, chain(engine, threshold=0.85), shop.id, item.id, ["en", "vi"], actor=ADMIN
    )

    by_field = {(r.translation.language, r.translation.field): r.translation for r in results}
    assert by_field["en", "title"].provenance is Provenance.tm_exact
    assert by_field["en", "title"].text == "Assorted tempura"
    assert by_field["en", "body"].provenance is Provenance.tm_fuzzy
    assert by_field["en", "body"].score == pytest.approx(
        score("季節の野菜と海老の天ぷら", "季節の野菜と海老の天ぷらです"), abs=1e-4
    )
    assert by_field["vi", "title"].provenance is Provenance.machine
    assert by_field["vi", "title"].engine == "fake-mt"
    assert engine.calls == [(("天ぷら盛り合わせ", "季節の野菜と海老の天ぷら"), "ja", "vi")]


async def test_with_no_engine_visitors_see_the_source_marked_untranslated(
    session: AsyncSession,
) -> None:
    shop = await restaurant(session)
    item = await dish(session, shop, "冷奴", body="絹ごし豆腐に生姜と葱")

    results = await service.translate_item(
        session, chain(None), shop.id, item.id, ["th"], actor=ADMIN
    )

    assert [(r.translation.needs_translation, r.reason) for r in results] == [
        (True, "no_engine"),
        (True, "no_engine"),
    ]
    [listed] = await service.published(session, shop.id, ContentKind.dish)
    title = service.shown(listed, "title", "th")
    assert title == service.Shown("冷奴", "ja", translated=False, machine_translated=False)


async def test_machine_translations_are_marked_for_visitors(session: AsyncSession) -> None:
    shop = await restaurant(session)
    item = await dish(session, shop, "親子丼")
    await service.translate_item(
        session, chain(FakeTranslator()), shop.id, item.id, ["ko"], actor=ADMIN
    )

    [listed] = await service.published(session, shop.id, ContentKind.dish)

    assert service.shown(listed, "title", "ko") == service.Shown("[ko] 親子丼", "ko", True, True)
    assert service.shown(listed, "body", "ko") is None  # it has no body


async def test_a_human_edit_replaces_the_translation_and_is_an_exact_match_next_time(
    session: AsyncSession,
) -> None:
    shop = await restaurant(session)
    first = await dish(session, shop, "本日のおすすめ")
    await service.translate_item(
        session, chain(FakeTranslator()), shop.id, first.id, ["en"], actor=ADMIN
    )

    edited = await service.post_edit(
        session, shop.id, first.id, "en", "title", "Chef's special today", actor=ADMIN
    )

    assert (edited.provenance, edited.edited_by, edited.engine) == (Provenance.human, ADMIN, None)
    segment = await session.get(TmSegment, edited.segment_id)
    assert segment is not None
    assert (segment.origin, segment.servicer_id) == (SegmentOrigin.human_edit, shop.id)
    second = await dish(session, shop, "本日のおすすめ", position=2)
    engine = FakeTranslator()
    [result] = await service.translate_item(
        session, chain(engine), shop.id, second.id, ["en"], actor=ADMIN
    )
    assert (result.translation.provenance, result.translation.text) == (
        Provenance.tm_exact,
        "Chef's special today",
    )
    assert engine.calls == []


async def test_translating_again_keeps_what_people_made(session: AsyncSession) -> None:
    shop = await restaurant(session)
    item = await dish(session, shop, "ざるそば", body="冷たいそば")
    await service.post_edit(session, shop.id, item.id, "en", "title", "Cold soba", actor=ADMIN)

    results = await service.translate_item(
        session, chain(FakeTranslator()), shop.id, item.id, ["en"], actor=ADMIN
    )

    assert [(r.translation.field, r.kept, r.translation.provenance) for r in results] == [
        ("title", True, Provenance.human),
        ("body", False, Provenance.machine),
    ]


async def test_a_changed_source_text_sends_its_translations_back_to_needing_one(
    session: AsyncSession, keyring: Keyring
) -> None:
    shop = await restaurant(session)
    item = await dish(session, shop, "かけそば", body="温かいそば")
    await service.translate_item(
        session, chain(FakeTranslator()), shop.id, item.id, ["en"], actor=ADMIN
    )
    visitor = (await make_visitor(session, keyring, language="vi")).id
    waiting = await service.suggest(session, visitor, item.id, "en", "body", "Hot soba noodles")

    changed = await service.update_item(
        session, shop.id, item.id, {"body": "温かいそば（ネギ抜き可）"}, actor=ADMIN
    )

    assert provenance(changed) == {("en", "title"): Provenance.machine, ("en", "body"): None}
    await session.refresh(waiting)
    assert waiting.state is SuggestionState.rejected


async def test_a_servicer_reads_and_changes_only_its_own_items(session: AsyncSession) -> None:
    mine, theirs = await restaurant(session, "Ramen Ichi"), await restaurant(session, "Ramen Ni")
    item = await dish(session, mine, "醤油ラーメン")

    with pytest.raises(ItemNotFoundError):
        await service.item_of(session, theirs.id, item.id)
    with pytest.raises(ItemNotFoundError):
        await service.update_item(session, theirs.id, item.id, {"title": "乗っ取り"}, actor=ADMIN)
    with pytest.raises(ItemNotFoundError):
        await service.translate_item(session, chain(None), theirs.id, item.id, ["en"], actor=ADMIN)
    with pytest.raises(ItemNotFoundError):
        await service.post_edit(session, theirs.id, item.id, "en", "title", "x", actor=ADMIN)
    with pytest.raises(ItemNotFoundError):
        await service.delete_item(session, theirs.id, item.id, actor=ADMIN)
    assert await service.items_of(session, theirs.id) == []
    assert [i.title for i in await service.items_of(session, mine.id)] == ["醤油ラーメン"]


async def test_an_invalid_item_names_every_wrong_field(session: AsyncSession) -> None:
    shop = await restaurant(session)

    with pytest.raises(InvalidContentError) as caught:
        await service.create_item(
            session,
            shop.id,
            service.Draft(
                kind=ContentKind.dish,
                title="  ",
                source_language="xx",
                venue="上野",
                tags=["food"],
                allergens={"tofu": Presence.contains, "sesame": Presence.free},
                diet={"spicy": True},
            ),
            actor=ADMIN,
        )

    assert sorted(f.field for f in caught.value.fields) == [
        "allergens.tofu",
        "diet.spicy",
        "source_language",
        "tags",
        "title",
        "venue",
    ]


async def test_an_event_needs_a_start_with_a_time_zone_and_an_end_after_it(
    session: AsyncSession,
) -> None:
    shop = await restaurant(session)
    start = datetime(2027, 4, 1, 10, tzinfo=UTC)

    with pytest.raises(InvalidContentError) as naive:
        await event(session, shop, "花見", start.replace(tzinfo=None))
    with pytest.raises(InvalidContentError) as backwards:
        await event(session, shop, "花見", start, start - timedelta(hours=1))
    with pytest.raises(InvalidContentError) as tags:
        await event(session, shop, "花見", start, tags=["Food & Drink"])

    assert [f.field for f in naive.value.fields] == ["starts_at"]
    assert [f.field for f in backwards.value.fields] == ["ends_at"]
    assert [f.field for f in tags.value.fields] == ["tags[0]"]


async def test_events_are_listed_until_they_end_and_can_be_filtered_by_tag(
    session: AsyncSession,
) -> None:
    venue = await restaurant(session)
    now = datetime.now(UTC)
    await event(session, venue, "終わった祭り", now - timedelta(days=2), now - timedelta(days=1))
    await event(session, venue, "開催中の市", now - timedelta(hours=1), now + timedelta(hours=5))
    await event(session, venue, "来週の花火", now + timedelta(days=7), tags=["fireworks"])

    listed = await service.published(session, venue.id, ContentKind.event)
    fireworks = await service.published(session, venue.id, ContentKind.event, tag="fireworks")

    assert [e.title for e in listed] == ["開催中の市", "来週の花火"]
    assert [e.title for e in fireworks] == ["来週の花火"]
    assert service.shown(listed[0], "venue", "en") == service.Shown("上野公園", "ja", False, False)


async def test_a_servicer_not_approved_publishes_nothing(session: AsyncSession) -> None:
    shop = await restaurant(session)
    await dish(session, shop, "おにぎり")
    await servicers.set_state(session, shop.id, ServicerState.suspended, actor=OPERATOR)

    with pytest.raises(ServicerNotFoundError):
        await service.published(session, shop.id, ContentKind.dish)


async def test_dishes_show_every_allergen_in_force_with_unknown_where_untagged(
    session: AsyncSession,
) -> None:
    shop = await restaurant(session)
    item = await dish(session, shop, "胡麻団子", allergens={"sesame": Presence.contains})

    before = service.allergen_tags(item, "en", datetime(2025, 6, 1).date())
    after = service.allergen_tags(item, "en", datetime(2026, 6, 1).date())

    assert {t.key: t.value for t in before}["sesame"] == "contains"
    assert {t.value for t in before if t.key != "sesame"} == {"unknown"}
    assert "pistachio" not in {t.key for t in before}
    assert "pistachio" in {t.key for t in after}
    assert [t.key for t in after][:9] == [
        "shrimp", "crab", "walnut", "wheat", "buckwheat", "egg", "milk", "peanut", "cashew",
    ]  # fmt: skip


# --- My menu -----------------------------------------------------------------------------------


async def test_my_menu_groups_dishes_by_my_own_profile(
    session: AsyncSession, keyring: Keyring
) -> None:
    shop = await restaurant(session)
    visitor = (
        await make_visitor(
            session, keyring, language="vi", dietary_needs=["vegan"], allergens=["sesame"]
        )
    ).id
    await dish(
        session, shop, "野菜の天ぷら", allergens={"sesame": Presence.free}, diet={"vegan": True}
    )
    await dish(
        session,
        shop,
        "胡麻豆腐",
        allergens={"sesame": Presence.contains},
        diet={"vegan": True},
        position=1,
    )
    await dish(session, shop, "冷奴")
    await dish(
        session,
        shop,
        "照り焼きチキン",
        allergens={"chicken": Presence.contains, "sesame": Presence.free},
        diet={"alcohol": True},
        position=2,
    )

    menu = await service.my_menu(session, keyring, visitor, shop.id)

    assert [d.item.title for d in menu.fits] == ["野菜の天ぷら"]
    assert [d.item.title for d in menu.avoid] == ["胡麻豆腐", "照り焼きチキン"]
    assert [d.item.title for d in menu.unknown] == ["冷奴"]
    assert {f.key for f in menu.avoid[0].assessment.conflicts} == {"sesame"}
    assert (menu.dietary_needs, menu.allergens) == (["vegan"], ["sesame"])


async def test_a_dish_without_allergen_data_never_fits_someone_with_an_allergy(
    session: AsyncSession, keyring: Keyring
) -> None:
    shop = await restaurant(session)
    visitor = (await make_visitor(session, keyring, language="vi", allergens=["peanut"])).id
    others_free = {key: Presence.free for key in ("wheat", "egg", "milk", "sesame")}
    await dish(session, shop, "サラダ", allergens=others_free, position=1)
    await dish(
        session, shop, "担々麺", allergens={**others_free, "peanut": Presence.unknown}, position=2
    )

    menu = await service.my_menu(session, keyring, visitor, shop.id)

    assert menu.fits == []
    assert [d.item.title for d in menu.unknown] == ["サラダ", "担々麺"]
    assert all(d.assessment.verdict is Verdict.unknown for d in menu.unknown)


async def test_sake_and_mirin_in_a_dish_keep_it_from_visitors_avoiding_alcohol(
    session: AsyncSession, keyring: Keyring
) -> None:
    shop = await restaurant(session)
    visitor = (await make_visitor(session, keyring, language="vi", dietary_needs=["no_alcohol"])).id
    await dish(
        session, shop, "鯖の味噌煮", body="味噌、酒、みりんで煮込みました", diet={"alcohol": True}
    )
    await dish(session, shop, "塩むすび", diet={"alcohol": False})

    menu = await service.my_menu(session, keyring, visitor, shop.id)

    assert [d.item.title for d in menu.avoid] == ["鯖の味噌煮"]
    assert [d.item.title for d in menu.fits] == ["塩むすび"]


async def test_a_visitor_who_avoids_nothing_sees_every_dish_fit(
    session: AsyncSession, keyring: Keyring
) -> None:
    shop = await restaurant(session)
    visitor = (await make_visitor(session, keyring, language="vi")).id
    await dish(session, shop, "おにぎり")

    menu = await service.my_menu(session, keyring, visitor, shop.id)

    assert [d.item.title for d in menu.fits] == ["おにぎり"]


# --- Suggestions -------------------------------------------------------------------------------


async def test_an_accepted_suggestion_becomes_the_translation_and_enters_the_bank(
    session: AsyncSession, keyring: Keyring
) -> None:
    shop = await restaurant(session)
    item = await dish(session, shop, "お好み焼き")
    await service.translate_item(
        session, chain(FakeTranslator()), shop.id, item.id, ["en"], actor=ADMIN
    )
    visitor = (await make_visitor(session, keyring, language="vi")).id

    suggestion = await service.suggest(session, visitor, item.id, "en", "title", "Okonomiyaki")
    [waiting] = await service.suggestions(session, servicer_id=shop.id)
    decided = await service.decide(
        session, suggestion.id, accept=True, actor=ADMIN, servicer_id=shop.id
    )

    assert (waiting.current_text, waiting.current_provenance) == (
        "[en] お好み焼き",
        Provenance.machine,
    )
    assert decided.suggestion.state is SuggestionState.accepted
    [row] = (await service.item_of(session, shop.id, item.id)).translations
    assert (row.text, row.provenance, row.approved_by) == (
        "Okonomiyaki",
        Provenance.visitor_suggestion,
        ADMIN,
    )
    found = await bank.exact_match(session, "お好み焼き", "ja", "en", servicer_id=shop.id)
    assert found is not None
    assert (found.target_text, found.origin) == ("Okonomiyaki", SegmentOrigin.visitor_suggestion)
    with pytest.raises(SuggestionDecidedError):
        await service.decide(session, suggestion.id, accept=False, actor=ADMIN, servicer_id=shop.id)


async def test_a_rejected_suggestion_changes_nothing(
    session: AsyncSession, keyring: Keyring
) -> None:
    shop = await restaurant(session)
    item = await dish(session, shop, "たこ焼き")
    visitor = (await make_visitor(session, keyring, language="vi")).id
    suggestion = await service.suggest(session, visitor, item.id, "en", "title", "Octopus balls")

    decided = await service.decide(
        session, suggestion.id, accept=False, actor=OPERATOR, servicer_id=None
    )

    assert (decided.suggestion.state, decided.suggestion.decided_by) == (
        SuggestionState.rejected,
        OPERATOR,
    )
    assert (await service.item_of(session, shop.id, item.id)).translations == []
    assert (await session.scalars(select(TmSegment))).all() == []


async def test_only_the_items_servicer_or_the_operator_decides_a_suggestion(
    session: AsyncSession, keyring: Keyring
) -> None:
    shop, other = await restaurant(session, "Kissa Ichi"), await restaurant(session, "Kissa Ni")
    item = await dish(session, shop, "ナポリタン")
    visitor = (await make_visitor(session, keyring, language="vi")).id
    suggestion = await service.suggest(session, visitor, item.id, "en", "title", "Napolitan")

    with pytest.raises(SuggestionNotFoundError):
        await service.decide(session, suggestion.id, accept=True, actor=ADMIN, servicer_id=other.id)
    assert await service.suggestions(session, servicer_id=other.id) == []
    assert [v.suggestion.id for v in await service.suggestions(session, servicer_id=None)] == [
        suggestion.id
    ]


async def test_a_suggestion_must_differ_and_name_a_field_the_item_has(
    session: AsyncSession, keyring: Keyring
) -> None:
    shop = await restaurant(session)
    item = await dish(session, shop, "うどん")
    await service.post_edit(session, shop.id, item.id, "en", "title", "Udon", actor=ADMIN)
    visitor = (await make_visitor(session, keyring, language="vi")).id

    with pytest.raises(InvalidContentError) as same:
        await service.suggest(session, visitor, item.id, "en", "title", "Udon")
    with pytest.raises(InvalidContentError) as no_body:
        await service.suggest(session, visitor, item.id, "en", "body", "Thick noodles")
    with pytest.raises(InvalidContentError) as own_language:
        await service.suggest(session, visitor, item.id, "ja", "title", "饂飩")

    assert [f.code for f in same.value.fields] == ["unchanged"]
    assert [f.field for f in no_body.value.fields] == ["field"]
    assert [f.code for f in own_language.value.fields] == ["same_language"]


async def test_a_visitor_can_have_only_so_many_suggestions_waiting(
    session: AsyncSession, keyring: Keyring
) -> None:
    shop = await restaurant(session)
    item = await dish(session, shop, "焼きそば")
    visitor = (await make_visitor(session, keyring, language="vi")).id
    for n in range(service.MAX_PENDING_SUGGESTIONS):
        await service.suggest(session, visitor, item.id, "en", "title", f"Fried noodles {n}")

    with pytest.raises(TooManySuggestionsError):
        await service.suggest(session, visitor, item.id, "en", "title", "Yakisoba")


async def test_deleting_an_item_keeps_the_segments_it_gave_the_bank(session: AsyncSession) -> None:
    shop = await restaurant(session)
    item = await dish(session, shop, "牛丼")
    edited = await service.post_edit(
        session, shop.id, item.id, "en", "title", "Beef bowl", actor=ADMIN
    )

    await service.delete_item(session, shop.id, item.id, actor=ADMIN)

    with pytest.raises(ItemNotFoundError):
        await service.item_of(session, shop.id, item.id)
    assert await session.get(TmSegment, edited.segment_id) is not None


async def test_upcoming_events_of_every_approved_servicer_come_soonest_first(
    session: AsyncSession,
) -> None:
    park = await restaurant(session, "Ueno Park Office")
    hall = await restaurant(session, "Asakusa Hall")
    closed = await restaurant(session, "Closed Hall")
    now = datetime.now(UTC)
    await event(session, hall, "寄席", now + timedelta(days=2), tags=["culture"])
    await event(session, park, "花見", now + timedelta(days=1), tags=["nature"])
    await event(session, park, "終わった祭り", now - timedelta(days=2), now - timedelta(days=1))
    await event(session, closed, "中止の市", now + timedelta(days=1))
    await servicers.set_state(session, closed.id, ServicerState.suspended, actor=OPERATOR)

    listed = await service.upcoming_events(session)
    culture = await service.upcoming_events(session, tag="culture")

    assert [(e.item.title, e.servicer_name) for e in listed] == [
        ("花見", "Ueno Park Office"),
        ("寄席", "Asakusa Hall"),
    ]
    assert [e.item.title for e in culture] == ["寄席"]


async def test_an_item_reads_in_its_own_language_or_a_translation_but_not_a_missing_one(
    session: AsyncSession,
) -> None:
    park = await restaurant(session)
    festival = await event(session, park, "花見", datetime.now(UTC) + timedelta(days=1))
    await service.post_edit(session, park.id, festival.id, "th", "title", "ชมดอกไม้", actor=ADMIN)
    festival = await service.item_of(session, park.id, festival.id)

    assert service.readable_in(festival, ["en", "th", "ja"]) == "th"
    assert service.readable_in(festival, ["ja"]) == "ja"
    assert service.readable_in(festival, ["en", "vi"]) is None


async def test_a_signage_slide_carries_the_needs_it_serves_and_a_dish_carries_no_tags(
    session: AsyncSession,
) -> None:
    station = await restaurant(session)
    slide = await service.create_item(
        session,
        station.id,
        service.Draft(kind=ContentKind.signage, title="エレベーター", tags=["wheelchair"]),
        actor=ADMIN,
    )

    assert slide.tags == ["wheelchair"]
    with pytest.raises(InvalidContentError) as refused:
        await service.create_item(
            session,
            station.id,
            service.Draft(kind=ContentKind.dish, title="おにぎり", tags=["rice"]),
            actor=ADMIN,
        )
    assert [error.code for error in refused.value.fields] == ["not_applicable"]
