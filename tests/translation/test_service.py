"""The translation chain and the bank, against real PostgreSQL: memory exact, memory fuzzy,
the machine, or honestly nothing; licences, deduplication and statistics."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.content.helpers import FakeTranslator, chain
from tests.factories.content import dish, remember, restaurant

from omotenashi.content import service as content
from omotenashi.translation import service as bank
from omotenashi.translation.engines import (
    EngineRejected,
    EngineUnavailable,
    RejectionReason,
    UnavailableReason,
)
from omotenashi.translation.fuzzy import score
from omotenashi.translation.models import CONTRIBUTOR_ONLY, Provenance, TmSegment
from omotenashi.translation.service import TextToTranslate
from omotenashi.translation.tmx import Segment

SPECIAL = "本日のおすすめは焼き魚定食です"
SPECIAL_EN = "Today's special is the grilled fish set meal"
# One character different (魚 → 肉): similarity 14/15.
NEAR = "本日のおすすめは焼き肉定食です"


def ja(text: str, target: str = "en") -> TextToTranslate:
    return TextToTranslate(text, "ja", target)


async def test_an_exact_memory_match_comes_first_and_the_engine_is_not_asked(
    session: AsyncSession,
) -> None:
    await remember(session, (SPECIAL, SPECIAL_EN))
    engine = FakeTranslator()

    [outcome] = await bank.translate(session, chain(engine), [ja(SPECIAL)], servicer_id=None)

    assert outcome.text == SPECIAL_EN
    assert outcome.provenance is Provenance.tm_exact
    assert outcome.segment_id is not None
    assert engine.calls == []


async def test_a_fuzzy_match_at_or_above_the_threshold_is_used_with_its_score(
    session: AsyncSession,
) -> None:
    await remember(session, (SPECIAL, SPECIAL_EN))
    engine = FakeTranslator()

    [outcome] = await bank.translate(
        session, chain(engine, threshold=0.93), [ja(NEAR)], servicer_id=None
    )

    assert outcome.text == SPECIAL_EN
    assert outcome.provenance is Provenance.tm_fuzzy
    assert outcome.score == pytest.approx(score(NEAR, SPECIAL), abs=1e-4)
    assert engine.calls == []


async def test_a_fuzzy_match_below_the_threshold_is_not_used(session: AsyncSession) -> None:
    await remember(session, (SPECIAL, SPECIAL_EN))
    engine = FakeTranslator()

    [outcome] = await bank.translate(
        session, chain(engine, threshold=0.94), [ja(NEAR)], servicer_id=None
    )

    assert outcome.provenance is Provenance.machine
    assert outcome.text == f"[en] {NEAR}"
    assert outcome.engine == "fake-mt"
    assert engine.calls == [((NEAR,), "ja", "en")]


async def test_without_an_engine_a_text_memory_does_not_know_stays_untranslated(
    session: AsyncSession,
) -> None:
    [outcome] = await bank.translate(session, chain(None), [ja("お会計はこちら")], servicer_id=None)

    assert outcome.text is None
    assert outcome.provenance is None
    assert outcome.reason == "no_engine"


async def test_an_engine_failure_leaves_only_its_texts_untranslated(
    session: AsyncSession,
) -> None:
    await remember(session, (SPECIAL, SPECIAL_EN))
    engine = FakeTranslator(
        failure=EngineUnavailable(
            "DeepL did not answer.", engine="deepl", reason=UnavailableReason.timeout
        )
    )

    from_memory, failed = await bank.translate(
        session, chain(engine), [ja(SPECIAL), ja("お会計はこちら")], servicer_id=None
    )

    assert from_memory.provenance is Provenance.tm_exact
    assert failed.text is None
    assert failed.reason == "mt_unavailable"


async def test_a_refused_request_and_an_unsupported_pair_are_told_apart(
    session: AsyncSession,
) -> None:
    refusing = FakeTranslator(
        failure=EngineRejected("Quota.", engine="deepl", reason=RejectionReason.quota)
    )
    [refused] = await bank.translate(session, chain(refusing), [ja("こんにちは")], servicer_id=None)
    narrow = FakeTranslator(unsupported=frozenset({("ja", "km")}))
    [unsupported] = await bank.translate(
        session, chain(narrow), [ja("こんにちは", "km")], servicer_id=None
    )

    assert refused.reason == "mt_rejected"
    assert unsupported.reason == "unsupported_language_pair"
    assert narrow.calls == []


async def test_the_engine_gets_one_request_per_language_pair(session: AsyncSession) -> None:
    engine = FakeTranslator()
    texts = [ja("一", "en"), ja("二", "vi"), ja("三", "en")]

    outcomes = await bank.translate(session, chain(engine), texts, servicer_id=None)

    assert [o.text for o in outcomes] == ["[en] 一", "[vi] 二", "[en] 三"]
    assert sorted(engine.calls) == [(("一", "三"), "ja", "en"), (("二",), "ja", "vi")]


@pytest.mark.parametrize(
    ("source_lang", "stored", "asked"),
    [
        ("ja", "トイレは二階の奥にございます", "トイレは三階の奥にございます"),
        ("th", "ห้องน้ำอยู่ชั้นสองด้านใน", "ห้องน้ำอยู่ชั้นสามด้านใน"),
        ("en", "The toilets are at the back of the second floor", "Toilets: back of 2nd floor"),
    ],
)
async def test_fuzzy_lookup_works_in_every_script(
    session: AsyncSession, source_lang: str, stored: str, asked: str
) -> None:
    # pg_trgm under the embedded cluster's C locale sees no letters in Japanese or Thai text;
    # the bank's trigram keys must.
    await bank.contribute(
        session,
        [Segment(source_lang, stored, "ko", "화장실은 안쪽에 있습니다")],
        licence="CC-BY-4.0",
        servicer_id=None,
        source="test",
        actor="staff:test",
    )
    threshold = score(stored, asked) - 0.01

    matches = await bank.fuzzy_matches(
        session, asked, source_lang, "ko", servicer_id=None, threshold=threshold
    )

    assert [m.source for m in matches] == [stored]


async def test_contributor_only_segments_translate_only_their_contributors_content(
    session: AsyncSession,
) -> None:
    mine, theirs = await restaurant(session, "Soba Ichi"), await restaurant(session, "Soba Ni")
    await remember(session, ("ざるそば", "Chilled soba"), licence=CONTRIBUTOR_ONLY, servicer=mine)
    await remember(session, ("天ぷら", "Tempura"), licence=CONTRIBUTOR_ONLY)  # the platform's

    own = await bank.exact_match(session, "ざるそば", "ja", "en", servicer_id=mine.id)
    other = await bank.exact_match(session, "ざるそば", "ja", "en", servicer_id=theirs.id)
    platform = await bank.exact_match(session, "天ぷら", "ja", "en", servicer_id=theirs.id)
    fuzzy = await bank.fuzzy_matches(
        session, "ざるそばです", "ja", "en", servicer_id=theirs.id, threshold=0.5
    )

    assert own is not None
    assert own.target_text == "Chilled soba"
    assert other is None
    assert fuzzy == []
    assert platform is not None


async def test_a_servicers_own_exact_match_wins_over_a_shared_one(session: AsyncSession) -> None:
    shop = await restaurant(session)
    await remember(session, ("おしぼり", "Wet towel"))
    await remember(session, ("おしぼり", "Oshibori (hot towel)"), servicer=shop)

    found = await bank.exact_match(session, "おしぼり", "ja", "en", servicer_id=shop.id)

    assert found is not None
    assert found.target_text == "Oshibori (hot towel)"


async def test_the_same_pair_is_stored_once_per_contributor(session: AsyncSession) -> None:
    shop = await restaurant(session)
    pairs = [("いらっしゃいませ", "Welcome"), ("ありがとうございます", "Thank you")]

    first = await remember(session, *pairs)
    again = await remember(session, *pairs, ("  いらっしゃいませ ", "Welcome"))
    other = await remember(session, *pairs, servicer=shop)

    assert (first.added, first.duplicates) == (2, 0)
    assert (again.added, again.duplicates) == (0, 3)
    assert (other.added, other.duplicates) == (2, 0)
    stored = await session.scalars(
        select(TmSegment.source_text).where(TmSegment.source_text == "いらっしゃいませ")
    )
    assert len(stored.all()) == 2


async def test_invalid_segments_are_refused_each_named_and_nothing_is_stored(
    session: AsyncSession,
) -> None:
    with pytest.raises(bank.InvalidSegmentError) as caught:
        await bank.add_segments(
            session,
            [
                Segment("ja", "はい", "en", "Yes"),
                Segment("xx", "はい", "en", " "),
                Segment("ja", "はい", "ja", "はい\x00"),
            ],
            licence="CC-BY-4.0",
            servicer_id=None,
            origin=bank.SegmentOrigin.contribution,
            source=None,
        )

    assert [(f.field, f.code) for f in caught.value.fields] == [
        ("segments[1].source_lang", "unknown_language"),
        ("segments[1].target_text", "required"),
        ("segments[2].target_text", "invalid_format"),
        ("segments[2].target_lang", "same_language"),
    ]
    assert (await session.scalars(select(TmSegment))).all() == []


@pytest.mark.parametrize("licence", ["", "CC BY 4.0", "all rights reserved!", "x" * 65])
async def test_a_licence_must_be_an_identifier(session: AsyncSession, licence: str) -> None:
    with pytest.raises(bank.InvalidSegmentError) as caught:
        await remember(session, ("はい", "Yes"), licence=licence)

    assert caught.value.fields[0].field == "licence"


async def test_export_leaves_contributor_only_segments_behind(session: AsyncSession) -> None:
    await remember(session, ("はい", "Yes"), ("いいえ", "No"))
    await remember(session, ("秘伝のたれ", "Secret sauce"), licence=CONTRIBUTOR_ONLY)

    exported = await bank.export(session, "ja", "en")

    assert [(s.source_text, s.target_text) for s in exported.segments] == [
        ("はい", "Yes"),
        ("いいえ", "No"),
    ]
    assert exported.segments[0].creation_id == "operator"
    assert exported.withheld == 1


async def test_statistics_count_segments_contributors_and_how_content_was_translated(
    session: AsyncSession,
) -> None:
    one, two = await restaurant(session, "Izakaya Ichi"), await restaurant(session, "Izakaya Ni")
    await remember(session, ("枝豆", "Edamame"), ("焼き鳥", "Yakitori"))
    await remember(session, ("枝豆", "Green soybeans"), servicer=one)
    await remember(session, ("枝豆", "Edamame beans"), servicer=two, target="vi")
    item = await dish(session, one, "焼き鳥", body="塩とたれ")
    await content.translate_item(session, chain(None), one.id, item.id, ["en"], actor="staff:test")

    pairs = {
        (p.source_lang, p.target_lang): p for p in await content.translation_statistics(session)
    }

    ja_en = pairs["ja", "en"]
    assert (ja_en.segments, ja_en.contributors) == (3, 2)
    assert ja_en.origins == {"contribution": 3}
    assert ja_en.translations == {"tm_exact": 1, "needs_translation": 1}
    assert ja_en.share("tm_exact") == 0.5
    assert (pairs["ja", "vi"].segments, pairs["ja", "vi"].contributors) == (1, 1)
    assert pairs["ja", "vi"].translations == {}


def test_candidate_similarity_never_drops_below_its_floor() -> None:
    assert bank.candidate_similarity(1.0) == 1.0
    assert bank.candidate_similarity(0.95) == pytest.approx(0.85 / 1.15)
    assert bank.candidate_similarity(0.5) == bank.CANDIDATE_FLOOR
