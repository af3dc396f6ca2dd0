"""The corpus of JMA documents we wrote in JMA's format (``fixtures/README.md``), each ingested
with the outcome a visitor should see."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from tests.alerts.support import fixture
from tests.factories.alerts import lodging_visitor

from omotenashi import jobs
from omotenashi.alerts import service
from omotenashi.alerts.areas import Area, AreaKind
from omotenashi.alerts.models import AlertState
from omotenashi.alerts.regions import tsunami_regions
from omotenashi.alerts.targeting import targets
from omotenashi.runtime import Platform

IZU_ISLANDS = {"13361", "13362", "13363", "13364", "13381", "13382", "13401", "13402"}
OGASAWARA = {"13421"}


@dataclass(frozen=True)
class Expected:
    outcome: str
    """issued, or refused."""
    alert_type: str | None = None
    prefectures: set[str] = field(default_factory=set)
    municipalities: set[str] = field(default_factory=set)
    reason: str = ""


CORPUS = {
    "vtse41_izu_ogasawara_advisory.xml": Expected(
        "issued", "tsunami_advisory", municipalities=IZU_ISLANDS | OGASAWARA
    ),
    "vtse41_2011_major_warning.xml": Expected(
        "issued", "major_tsunami_warning", prefectures={"01", "03", "04", "07", "08", "12"}
    ),
    "vtse41_two_events_advisory.xml": Expected("issued", "tsunami_advisory", {"46"}),
    "vtse41_two_events_lifted.xml": Expected("issued", "tsunami_lifted", {"46"}),
    "vtse41_izu_ogasawara_lifted.xml": Expected("issued", "tsunami_lifted", {"22"}),
    "vtse41_shizuoka_warning.xml": Expected(
        "issued", "tsunami_warning", {"22"}, municipalities=IZU_ISLANDS
    ),
    "vtse41_shizuoka_lifted.xml": Expected(
        "issued", "tsunami_lifted", {"22"}, municipalities=IZU_ISLANDS
    ),
    "vtse41_exercise.xml": Expected("issued", "major_tsunami_warning", {"22", "23"}),
    "vxse51_intensity_flash.xml": Expected("issued", "earthquake_information", {"04", "07"}),
    "vxse52_hypocentre.xml": Expected("issued", "earthquake_information", {"07"}),
    "vxse53_distant_eruption.xml": Expected("issued", "earthquake_information"),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
async def test_each_document_of_the_corpus_has_its_outcome(
    name: str, session: AsyncSession, platform: Platform
) -> None:
    expected = CORPUS[name]
    done = await service.ingest(session, platform.keys, fixture(name), actor="operator:test")
    assert done.unknown_elements == []
    assert done.alert is not None
    assert done.alert.type == expected.alert_type
    if name != "vxse53_distant_eruption.xml":
        assert done.alert.unresolved_areas == []
    assert expected.prefectures <= set(done.alert.target_prefectures)
    assert expected.municipalities <= set(done.alert.target_municipalities)


def test_every_tsunami_region_in_jma_table_resolves() -> None:
    table = tsunami_regions()
    assert len(table.regions) == 66
    for region in table.regions.values():
        found = targets([Area(AreaKind.TSUNAMI_REGION, region.code, region.name_ja)])
        assert not found.empty, region
        assert found.unresolved == []


def test_an_unknown_region_code_is_reported_not_guessed_from_its_name() -> None:
    found = targets([Area(AreaKind.TSUNAMI_REGION, "329", "伊豆諸島")])
    assert found.empty
    assert found.unresolved[0].startswith("jma_tsunami_region:329 伊豆諸島 (not in JMA's table")


async def test_an_izu_and_ogasawara_advisory_reaches_visitors_on_tokyos_islands(
    session: AsyncSession, platform: Platform
) -> None:
    on_oshima = await lodging_visitor(session, platform.keys, "13361")
    on_chichijima = await lodging_visitor(session, platform.keys, "13421")
    in_chiyoda = await lodging_visitor(session, platform.keys, "13101")
    done = await service.ingest(
        session, platform.keys, fixture("vtse41_izu_ogasawara_advisory.xml"), actor="test"
    )
    assert done.alert is not None
    reached = set(await service.targeted_visitors(session, done.alert))
    assert reached == {on_oshima, on_chichijima}
    assert in_chiyoda not in reached


async def test_inner_tokyo_bay_reaches_tokyo_chiba_and_kanagawa(
    session: AsyncSession, platform: Platform
) -> None:
    minato = await lodging_visitor(session, platform.keys, "13103")
    urayasu = await lodging_visitor(session, platform.keys, "12227")
    yokohama_naka = await lodging_visitor(session, platform.keys, "14104")
    on_oshima = await lodging_visitor(session, platform.keys, "13361")
    area = Area(AreaKind.TSUNAMI_REGION, "312", "東京湾内湾")
    found = targets([area])
    assert {"13103", "12227", "14104"} <= found.municipalities
    assert "13361" not in found.municipalities
    done = await service.ingest(
        session, platform.keys, fixture("vtse41_2011_major_warning.xml"), actor="test"
    )
    assert done.alert is not None
    reached = set(await service.targeted_visitors(session, done.alert))
    assert {minato, urayasu, yokohama_naka, on_oshima} <= reached  # Oshima: 伊豆諸島 too


async def test_updates_supersede_and_the_lifting_is_told_and_ends_the_advisory(
    session: AsyncSession, platform: Platform
) -> None:
    keys = platform.keys
    first = await service.ingest(
        session, keys, fixture("vtse41_izu_ogasawara_advisory.xml"), actor="test"
    )
    widened = await service.ingest(
        session, keys, fixture("vtse41_izu_ogasawara_widened.xml"), actor="test"
    )
    lifted = await service.ingest(
        session, keys, fixture("vtse41_izu_ogasawara_lifted.xml"), actor="test"
    )
    assert first.alert is not None
    assert widened.alert is not None
    assert lifted.alert is not None
    assert first.alert.state is AlertState.superseded
    assert first.alert.superseded_by_id == widened.alert.id
    assert widened.alert.state is AlertState.superseded
    assert widened.alert.superseded_by_id == lifted.alert.id
    assert lifted.alert.type == "tsunami_lifted"
    english = lifted.alert.renderings["en"]
    assert english["headline"].startswith("Tsunami Advisory lifted: ")
    assert "Izu Islands (伊豆諸島)" in english["headline"]
    assert english["action"].startswith("The tsunami warning or advisory has been lifted.")
    # The advisory, its widening and its lifting each change what someone must do.
    assert await jobs.pending(session, service.FAN_OUT_JOB) == 3


async def test_two_event_ids_supersede_the_report_of_either(
    session: AsyncSession, platform: Platform
) -> None:
    keys = platform.keys
    advisory = await service.ingest(
        session, keys, fixture("vtse41_two_events_advisory.xml"), actor="test"
    )
    lifted = await service.ingest(
        session, keys, fixture("vtse41_two_events_lifted.xml"), actor="test"
    )
    assert advisory.alert is not None
    assert lifted.alert is not None
    assert lifted.alert.event_id == "20151114055157 20151114061750"
    assert advisory.alert.state is AlertState.superseded
    assert advisory.alert.superseded_by_id == lifted.alert.id


async def test_the_first_earthquake_reports_are_read_and_the_hypocentre_updates_the_flash(
    session: AsyncSession, platform: Platform
) -> None:
    keys = platform.keys
    flash = await service.ingest(session, keys, fixture("vxse51_intensity_flash.xml"), actor="t")
    hypocentre = await service.ingest(session, keys, fixture("vxse52_hypocentre.xml"), actor="t")
    assert flash.alert is not None
    assert hypocentre.alert is not None
    assert flash.alert.renderings["en"]["headline"] == (
        "Earthquake – strongest shaking observed: seismic intensity 3"
    )
    assert hypocentre.alert.renderings["en"]["headline"] == "Earthquake – epicentre: 福島県沖"
    assert (
        "No tsunami is expected from this earthquake." in hypocentre.alert.renderings["en"]["lines"]
    )


async def test_an_eruption_abroad_is_kept_for_operators_not_refused(
    session: AsyncSession, platform: Platform
) -> None:
    done = await service.ingest(
        session, platform.keys, fixture("vxse53_distant_eruption.xml"), actor="t"
    )
    assert done.alert is not None
    english = done.alert.renderings["en"]
    assert english["headline"] == "Large earthquake (or eruption) abroad: ニューギニア付近"
    assert "Whether a tsunami will reach Japan is being investigated." in english["lines"]
    assert done.alert.withheld is not None
    assert await jobs.pending(session, service.FAN_OUT_JOB) == 0


async def test_a_magnitude_known_only_to_exceed_8_is_said_in_every_language(
    session: AsyncSession, platform: Platform
) -> None:
    done = await service.ingest(
        session, platform.keys, fixture("vtse41_2011_major_warning.xml"), actor="t"
    )
    assert done.alert is not None
    assert "Magnitude: more than 8 (a huge earthquake)" in done.alert.renderings["en"]["lines"]
    for language, rendered in done.alert.renderings.items():
        assert any("8" in line for line in rendered["lines"]), language


def test_easy_japanese_tsunami_words_do_not_contradict_or_drop_the_building() -> None:
    from omotenashi.alerts.phrases import PHRASES

    easy = PHRASES["ja-x-easy"]
    assert "あぶなく ありません" not in easy["tsunami_forecast_action"]
    assert "たてもの" in easy["tsunami_warning_action"]
    assert "အကြံပေး" not in PHRASES["my"]["tsunami_advisory_headline"]
