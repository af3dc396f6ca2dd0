"""The JMA feed poller against a local stand-in for JMA's host: conditional polls, each entry
ingested once (restarts included), oldest first, and a bad entry never stopping the others."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.alerts.jma_server import JmaServer, serving
from tests.alerts.support import FIXTURES, fixture

from omotenashi import jobs
from omotenashi.alerts import feed, tasks
from omotenashi.alerts.models import FeedEntry, StoredAlert
from omotenashi.runtime import Platform

EEW = "20240101071022_0_VXSE43_010000.xml"
FLASH = "20240101071200_0_VXSE51_010000.xml"
NANKAI = "20240101072000_0_VYSE52_010000.xml"
QUAKE = "20240101073000_0_VXSE53_010000.xml"
RECORDED_FEED = (FIXTURES / "feeds" / "eqvol.xml").read_bytes()


@pytest.fixture
def jma() -> Iterator[JmaServer]:
    with serving() as server:
        server.feed = RECORDED_FEED
        server.documents = {
            EEW: fixture("eew_vxse43.xml"),
            FLASH: fixture("vxse51_intensity_flash.xml"),
            QUAKE: fixture("earthquake_vxse53.xml"),
            NANKAI: b"<Report/>",
        }
        yield server


def poller(platform: Platform, server: JmaServer) -> feed.Poller:
    return feed.Poller(platform.keys, feeds=[server.feed_url], allowed_hosts=[server.host])


def with_entry(feed_xml: bytes, *, title: str, href: str, updated: str) -> bytes:
    """The feed with one more entry, the newest, listed first as JMA lists it."""
    entry = (
        f"<entry><title>{title}</title><id>{href}</id><updated>{updated}</updated>"
        f'<author><name>気象庁</name></author><link type="application/xml" href="{href}"/>'
        "</entry>"
    ).encode()
    at = feed_xml.index(b"<entry>")
    return feed_xml[:at] + entry + feed_xml[at:]


async def outcomes(session: AsyncSession) -> dict[str, tuple[str, str | None]]:
    rows = await session.execute(
        select(FeedEntry.document_url, FeedEntry.outcome, FeedEntry.reason)
    )
    return {url.rsplit("/", 1)[-1]: (outcome, reason) for url, outcome, reason in rows}


async def alert_count(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(StoredAlert)) or 0)


async def test_new_entries_are_ingested_once_oldest_first(
    session: AsyncSession, platform: Platform, jma: JmaServer
) -> None:
    [done] = await poller(platform, jma).poll(session)

    assert jma.requested() == [EEW, FLASH, QUAKE]
    assert len(done.ingested) == 3
    assert len(done.alert_ids) == 3
    issued = (
        await session.scalars(select(StoredAlert.type).order_by(StoredAlert.created_at))
    ).all()
    assert issued == [
        "earthquake_early_warning",
        "earthquake_information",
        "earthquake_information",
    ]
    assert (await outcomes(session))[EEW] == ("ingested", None)


async def test_an_unchanged_feed_answers_304_and_ingests_nothing(
    session: AsyncSession, platform: Platform, jma: JmaServer
) -> None:
    the_poller = poller(platform, jma)
    await the_poller.poll(session)
    before = await alert_count(session)

    [again] = await the_poller.poll(session)

    assert again.not_modified
    feed_requests = [headers for path, headers in jma.requests if path.endswith("eqvol.xml")]
    assert "If-None-Match" in feed_requests[-1]
    assert jma.requested() == [EEW, FLASH, QUAKE]
    assert await alert_count(session) == before


async def test_a_restarted_poller_reissues_nothing(
    session: AsyncSession, platform: Platform, jma: JmaServer
) -> None:
    await poller(platform, jma).poll(session)
    before = await alert_count(session)
    # The feed changes (so it is fetched whole again) and lists the old entries beside a new one.
    cancel = "20240101073100_0_VXSE43_010000.xml"
    jma.documents[cancel] = fixture("eew_cancel_vxse43.xml")
    jma.feed = with_entry(
        RECORDED_FEED,
        title="緊急地震速報（警報）",
        href=f"https://www.data.jma.go.jp/developer/xml/data/{cancel}",
        updated="2024-01-01T07:31:00Z",
    )

    [done] = await poller(platform, jma).poll(session)

    assert not done.not_modified
    assert jma.requested() == [EEW, FLASH, QUAKE, cancel]
    assert len(done.ingested) == 1
    assert await alert_count(session) == before


async def test_an_unsupported_title_is_skipped_without_fetching(
    session: AsyncSession, platform: Platform, jma: JmaServer
) -> None:
    [done] = await poller(platform, jma).poll(session)

    assert NANKAI not in jma.requested()
    assert len(done.skipped) == 1
    assert (await outcomes(session))[NANKAI] == ("skipped", None)


async def test_a_document_on_a_host_not_allowed_is_refused_unfetched(
    session: AsyncSession, platform: Platform, jma: JmaServer
) -> None:
    elsewhere = jma.base.replace("127.0.0.1", "localhost") + "/developer/xml/data/elsewhere.xml"
    jma.feed = with_entry(
        RECORDED_FEED, title="震度速報", href=elsewhere, updated="2024-01-01T07:31:00Z"
    )

    [done] = await poller(platform, jma).poll(session)

    assert "elsewhere.xml" not in jma.requested()
    outcome, reason = (await outcomes(session))["elsewhere.xml"]
    assert outcome == "refused"
    assert reason == "the document's host 'localhost' is not an allowed host"
    assert len(done.ingested) == 3


async def test_a_broken_document_does_not_stop_the_others(
    session: AsyncSession, platform: Platform, jma: JmaServer
) -> None:
    jma.documents[FLASH] = fixture("vxse51_intensity_flash.xml")[:600]

    [done] = await poller(platform, jma).poll(session)

    assert jma.requested() == [EEW, FLASH, QUAKE]
    outcome, reason = (await outcomes(session))[FLASH]
    assert outcome == "refused"
    assert reason is not None
    assert "not well-formed XML" in reason
    assert len(done.ingested) == 2
    assert await alert_count(session) == 2


async def test_a_document_over_the_size_cap_is_refused(
    session: AsyncSession, platform: Platform, jma: JmaServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(feed, "MAX_DOCUMENT_BYTES", 4096)
    jma.documents[QUAKE] = fixture("earthquake_vxse53.xml") + b" " * 8192

    await poller(platform, jma).poll(session)

    outcome, reason = (await outcomes(session))[QUAKE]
    assert outcome == "refused"
    assert reason is not None
    assert reason.startswith("larger than 4096 bytes")


async def test_a_document_the_host_cannot_serve_now_is_fetched_at_the_next_poll(
    session: AsyncSession, platform: Platform, jma: JmaServer
) -> None:
    jma.statuses[FLASH] = 503
    the_poller = poller(platform, jma)
    [first] = await the_poller.poll(session)
    del jma.statuses[FLASH]

    [second] = await the_poller.poll(session)

    assert len(first.deferred) == 1
    assert not second.not_modified
    assert len(second.ingested) == 1
    assert (await outcomes(session))[FLASH] == ("ingested", None)


async def test_the_worker_job_polls_the_configured_feeds(
    session: AsyncSession, platform: Platform, jma: JmaServer
) -> None:
    configured = replace(
        platform,
        settings=platform.settings.model_copy(
            update={
                "jma_feeds": jma.feed_url,
                "jma_document_hosts": jma.host,
                "jma_poll_interval_seconds": 60,
            }
        ),
    )

    await tasks.poll_feeds(session, {"first": True}, configured)

    assert jma.requested() == [EEW, FLASH, QUAKE]
    assert await jobs.pending(session, tasks.POLL_FEEDS_JOB) == 0


async def test_the_worker_job_does_nothing_without_feeds(
    session: AsyncSession, platform: Platform, jma: JmaServer
) -> None:
    await tasks.poll_feeds(session, {"first": True}, platform)

    assert jma.requests == []
