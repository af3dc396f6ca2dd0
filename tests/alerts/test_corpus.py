"""The corpus of JMA documents we wrote in JMA's format (``fixtures/README.md``), each ingested
with the outcome a visitor should see."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from tests.alerts.support import fixture
from tests.factories.alerts import lodging_visitor

from omotenashi import jobs
from omotenashi.alerts import EASY_JAPANESE, fanout, jma, lifecycle
from omotenashi.alerts.areas import PREFECTURES, Area, AreaKind, area_name
from omotenashi.alerts.catalogue import EarthquakeInformation
from omotenashi.alerts.models import AlertState
from omotenashi.alerts.regions import earthquake_regions, epicentres, tsunami_regions
from omotenashi.alerts.render import render
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
    "vtse51_shizuoka_observed.xml": Expected(
        "issued", "tsunami_warning", {"22"}, municipalities=IZU_ISLANDS
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
    done = await lifecycle.ingest(session, platform.keys, fixture(name), actor="operator:test")
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
    done = await lifecycle.ingest(
        session, platform.keys, fixture("vtse41_izu_ogasawara_advisory.xml"), actor="test"
    )
    assert done.alert is not None
    reached = set(await fanout.targeted_visitors(session, done.alert))
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
    done = await lifecycle.ingest(
        session, platform.keys, fixture("vtse41_2011_major_warning.xml"), actor="test"
    )
    assert done.alert is not None
    reached = set(await fanout.targeted_visitors(session, done.alert))
    assert {minato, urayasu, yokohama_naka, on_oshima} <= reached  # Oshima: 伊豆諸島 too


async def test_updates_supersede_and_the_lifting_is_told_and_ends_the_advisory(
    session: AsyncSession, platform: Platform
) -> None:
    keys = platform.keys
    first = await lifecycle.ingest(
        session, keys, fixture("vtse41_izu_ogasawara_advisory.xml"), actor="test"
    )
    widened = await lifecycle.ingest(
        session, keys, fixture("vtse41_izu_ogasawara_widened.xml"), actor="test"
    )
    lifted = await lifecycle.ingest(
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
    assert await jobs.pending(session, fanout.FAN_OUT_JOB) == 3


async def test_two_event_ids_supersede_the_report_of_either(
    session: AsyncSession, platform: Platform
) -> None:
    keys = platform.keys
    advisory = await lifecycle.ingest(
        session, keys, fixture("vtse41_two_events_advisory.xml"), actor="test"
    )
    lifted = await lifecycle.ingest(
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
    flash = await lifecycle.ingest(session, keys, fixture("vxse51_intensity_flash.xml"), actor="t")
    hypocentre = await lifecycle.ingest(session, keys, fixture("vxse52_hypocentre.xml"), actor="t")
    assert flash.alert is not None
    assert hypocentre.alert is not None
    assert flash.alert.renderings["en"]["headline"] == (
        "Earthquake – strongest shaking observed: seismic intensity 3"
    )
    assert hypocentre.alert.renderings["en"]["headline"] == (
        "Earthquake – epicentre: Fukushima-ken-oki (福島県沖)"
    )
    assert (
        "No tsunami is expected from this earthquake." in hypocentre.alert.renderings["en"]["lines"]
    )


async def test_an_eruption_abroad_is_kept_for_operators_not_refused(
    session: AsyncSession, platform: Platform
) -> None:
    done = await lifecycle.ingest(
        session, platform.keys, fixture("vxse53_distant_eruption.xml"), actor="t"
    )
    assert done.alert is not None
    english = done.alert.renderings["en"]
    assert english["headline"] == (
        "Large earthquake (or eruption) abroad: Near New Guinea (ニューギニア付近)"
    )
    assert "Whether a tsunami will reach Japan is being investigated." in english["lines"]
    assert done.alert.withheld is not None
    assert await jobs.pending(session, fanout.FAN_OUT_JOB) == 0


async def test_a_magnitude_known_only_to_exceed_8_is_said_in_every_language(
    session: AsyncSession, platform: Platform
) -> None:
    done = await lifecycle.ingest(
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


def test_every_earthquake_region_in_jma_table_is_one_prefecture_and_has_a_reading() -> None:
    table = earthquake_regions()
    assert table.version.startswith("JMA 地震情報／細分区域, 188 areas")
    assert len(table.regions) == 188
    for code, region in table.regions.items():
        assert len(code) == 3
        assert region.prefecture in PREFECTURES
        assert targets([Area(AreaKind.EARTHQUAKE_REGION, code, region.name_ja)]).prefectures == {
            region.prefecture
        }
        assert region.romanised.isascii()
    noto = table.regions["390"]
    assert (noto.name_ja, noto.reading, noto.romanised) == (
        "石川県能登",
        "いしかわけんのと",
        "Ishikawa-ken Noto",
    )


def test_an_earthquake_region_is_resolved_by_its_code_never_guessed_from_its_name() -> None:
    found = targets([Area(AreaKind.EARTHQUAKE_REGION, "399", "石川県能登")])
    assert found.prefectures == set()
    assert found.unresolved == [
        f"jma_earthquake_region:399 石川県能登 (not in JMA's table, {earthquake_regions().version})"
    ]
    # A code JMA renamed the area of still resolves: the code decides, not the name.
    assert targets([Area(AreaKind.EARTHQUAKE_REGION, "355", "伊豆大島")]).prefectures == {"13"}


def test_intensity_regions_of_a_report_are_named_in_the_readers_script() -> None:
    parsed = jma.parse(fixture("earthquake_vxse53.xml"))
    assert not isinstance(parsed.alert, jma.Cancellation)
    details = parsed.alert.details
    assert isinstance(details, EarthquakeInformation)
    noto = next(item.area for item in details.area_intensities if item.area.code == "390")
    assert noto.kind is AreaKind.EARTHQUAKE_REGION
    assert area_name(noto, "en") == "Ishikawa-ken Noto (石川県能登)"
    assert area_name(noto, "tl") == "Ishikawa-ken Noto (石川県能登)"
    assert area_name(noto, "th") == "อิชิกาวะ โนโตะ (石川県能登)"
    assert area_name(noto, "ko") == "이시카와현 노토 (石川県能登)"
    assert area_name(noto, "ja") == "石川県能登"
    assert area_name(noto, EASY_JAPANESE) == "石川県能登（いしかわけんのと）"


async def test_a_tsunami_observed_on_the_coast_is_pushed_once_and_says_how_high(
    session: AsyncSession, platform: Platform
) -> None:
    await lodging_visitor(session, platform.keys, "22219")  # Shimoda
    keys = platform.keys
    await lifecycle.ingest(session, keys, fixture("vtse41_shizuoka_warning.xml"), actor="t")
    observed = await lifecycle.ingest(
        session, keys, fixture("vtse51_shizuoka_observed.xml"), actor="t"
    )
    assert observed.unknown_elements == []
    assert observed.alert is not None
    # The warning is not news, but the tsunami being on the coast is: it is pushed.
    assert await jobs.pending(session, fanout.FAN_OUT_JOB) == 2
    lines = "\n".join(observed.alert.renderings["en"]["lines"])
    assert "first wave observed; tsunami observed: 0.6 m; still rising" in lines
    assert "上昇中" in "\n".join(observed.alert.renderings["ja"]["lines"])
    # The same observation again (a later 津波情報 adding nothing new) is not pushed again.
    again = fixture("vtse51_shizuoka_observed.xml").replace(
        b"<Serial></Serial>", b"<Serial>2</Serial>"
    )
    repeated = await lifecycle.ingest(session, keys, again, actor="t")
    assert repeated.alert is not None
    assert await jobs.pending(session, fanout.FAN_OUT_JOB) == 2


_EPICENTRE = re.compile(
    r"<Hypocenter>.*?<Area>\s*<Name>([^<]+)</Name>\s*<Code type=\"震央地名\">([0-9]+)</Code>", re.S
)


def test_every_epicentre_of_the_test_documents_is_in_jmas_table_by_its_code() -> None:
    table = epicentres()
    seen = set()
    for document in sorted((Path(__file__).parent / "fixtures").glob("*.xml")):
        for name, code in _EPICENTRE.findall(document.read_text(encoding="utf-8")):
            epicentre = table.regions.get(code)
            assert epicentre is not None, (document.name, code)
            assert epicentre.name_ja == name, (document.name, code, name)
            seen.add(code)
    assert {"390", "288", "289", "440", "485", "797", "903", "955"} <= seen


def test_the_epicentre_table_covers_japans_land_its_seas_and_the_world() -> None:
    table = epicentres()
    assert table.version.startswith("JMA 震央地名, 342 areas in force")
    in_force = [e for e in table.regions.values() if not e.retired]
    assert len(in_force) == 342
    land = [e for e in in_force if e.where == "land"]
    # Every prefecture has land epicentres of its own, and every land area lies in Japan.
    assert {p for e in land for p in e.prefectures} == set(PREFECTURES)
    for epicentre in table.regions.values():
        assert epicentre.romanised.isascii(), epicentre
        assert epicentre.reading, epicentre
        assert epicentre.prefectures <= set(PREFECTURES), epicentre
        if epicentre.where == "land":
            assert epicentre.prefectures or epicentre.municipalities, epicentre
        if epicentre.where == "abroad":
            assert not epicentre.prefectures, epicentre
            assert not epicentre.municipalities, epicentre
    noto = table.regions["390"]
    assert (noto.name_ja, noto.reading, noto.romanised, noto.where) == (
        "石川県能登地方",
        "いしかわけんのとちほう",
        "Ishikawa-ken Noto-chiho",
        "land",
    )
    sanriku = Area(AreaKind.EPICENTRE, "288", "三陸沖")
    assert targets([sanriku]).prefectures == {"02", "03", "04"}
    torishima = targets([Area(AreaKind.EPICENTRE, "903", "鳥島近海")])
    assert "13421" in torishima.municipalities
    assert not torishima.prefectures
    assert table.regions["955"].where == "abroad"
    for epicentre in table.regions.values():
        # An English reader gets an area abroad by its English name, not romanised katakana.
        if epicentre.where == "abroad":
            assert epicentre.name_en != epicentre.romanised, epicentre
    new_guinea = Area(AreaKind.EPICENTRE, "955", "ニューギニア付近")
    assert area_name(new_guinea, "en") == "Near New Guinea (ニューギニア付近)"
    assert area_name(new_guinea, "tl") == "Nyuginia Fukin (ニューギニア付近)"


def test_an_epicentre_is_resolved_by_its_code_and_an_unknown_one_reported() -> None:
    table = epicentres()
    # The name says Noto, the code says Kaga: the code decides.
    assert targets([Area(AreaKind.EPICENTRE, "391", "石川県能登地方")]).prefectures == {"17"}
    assert targets([Area(AreaKind.EPICENTRE, "440", "静岡県東部")]).prefectures == {"22"}
    unknown = targets([Area(AreaKind.EPICENTRE, "398", "石川県能登地方")])
    assert unknown.empty
    assert unknown.unresolved == [
        f"jma_epicentre:398 石川県能登地方 (not in JMA's table, {table.version})"
    ]
    abroad = targets([Area(AreaKind.EPICENTRE, "955", "ニューギニア付近")])
    assert abroad.empty
    assert abroad.unresolved == ["jma_epicentre:955 ニューギニア付近 (abroad)"]


def test_the_epicentre_is_named_in_the_readers_script() -> None:
    parsed = jma.parse(fixture("earthquake_vxse53.xml"))
    assert not isinstance(parsed.alert, jma.Cancellation)
    details = parsed.alert.details
    assert isinstance(details, EarthquakeInformation)
    assert details.earthquake is not None
    epicentre = details.earthquake.epicentre
    assert epicentre is not None
    assert epicentre.kind is AreaKind.EPICENTRE
    assert area_name(epicentre, "en") == "Ishikawa-ken Noto-chiho (石川県能登地方)"
    assert area_name(epicentre, "es") == "Ishikawa-ken Noto-chiho (石川県能登地方)"
    assert area_name(epicentre, "ja") == "石川県能登地方"
    assert area_name(epicentre, EASY_JAPANESE) == "石川県能登地方（いしかわけんのとちほう）"
    lines = "\n".join(render(parsed.alert, "en").lines)
    assert "Ishikawa-ken Noto-chiho (石川県能登地方)" in lines
