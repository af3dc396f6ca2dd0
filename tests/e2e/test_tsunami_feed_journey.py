"""A tsunami warning reaches a Tagalog-speaking visitor lodging in Shimoda (下田市, Shizuoka) the
way it does in production: JMA lists it in its feed, the poller ingests it, and the open alerts
page shows it by itself, in Tagalog, with the places in Latin script; then JMA lifts it, and the
warning is no longer in force."""

from __future__ import annotations

from playwright.async_api import Browser, expect
from sqlalchemy.ext.asyncio import AsyncSession
from tests.alerts.jma_server import JmaServer, serving
from tests.alerts.support import fixture
from tests.e2e.conftest import LiveServer
from tests.e2e.journey import serious_accessibility_problems
from tests.e2e.shots import Screenshots
from tests.factories.alerts import lodging_visitor

from omotenashi import db, i18n, web
from omotenashi.alerts import feed
from omotenashi.auth import service as auth

TAGALOG = i18n.translations("tl")
SHIMODA = "22219"
WARNING = "20240808075000_0_VTSE41_270000.xml"
LIFTED = "20240808111000_0_VTSE41_270000.xml"


def atom(*entries: tuple[str, str]) -> bytes:
    """JMA's high-frequency feed listing ``entries`` (document name, updated), newest first."""
    listed = "".join(
        f"<entry><title>津波警報・注意報・予報a</title>"
        f"<id>https://www.data.jma.go.jp/developer/xml/data/{name}</id>"
        f"<updated>{updated}</updated><author><name>気象庁</name></author>"
        f'<link type="application/xml" '
        f'href="https://www.data.jma.go.jp/developer/xml/data/{name}"/></entry>'
        for name, updated in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
        'lang="ja"><title>高頻度（地震火山）</title>'
        "<id>https://www.data.jma.go.jp/developer/xml/feed/eqvol.xml</id>"
        f"<updated>2024-08-08T02:10:00Z</updated>{listed}</feed>"
    ).encode()


async def poll(live_server: LiveServer, jma: JmaServer) -> feed.FeedPoll:
    engine = db.create_engine(live_server.database_url, pool_size=1)
    try:
        async with db.session_scope(db.session_factory(engine)) as session:
            poller = feed.Poller(
                live_server.keys, feeds=[jma.feed_url], allowed_hosts=[jma.host], actor="e2e:jma"
            )
            [done] = await poller.poll(session)
            return done
    finally:
        await engine.dispose()


async def test_a_tsunami_warning_for_izu_reaches_a_tagalog_visitor_in_shimoda_then_is_lifted(
    live_server: LiveServer, live_session: AsyncSession, browser: Browser, screenshots: Screenshots
) -> None:
    visitor = await lodging_visitor(live_session, live_server.keys, SHIMODA, language="tl")
    session_token = (await auth.start_visitor_session(live_session, visitor)).token
    await live_session.commit()
    context = await browser.new_context(locale="fil-PH", viewport={"width": 390, "height": 844})
    await context.add_cookies(
        [{"name": web.SESSION_COOKIE, "value": session_token, "url": live_server.base}]
    )
    page = await context.new_page()
    await page.goto(live_server.base + "/alerts")
    await expect(page.locator("html")).to_have_attribute("lang", "tl")
    await expect(page.locator("h1")).to_have_text(TAGALOG.gettext("Alerts for where you stay"))
    await expect(page.locator("#alerts")).to_contain_text(
        TAGALOG.gettext("There is no official warning for where you stay.")
    )

    with serving() as jma:
        # JMA lists the warning in its feed; the poller fetches and ingests it.
        jma.documents[WARNING] = fixture("vtse41_shizuoka_warning.xml")
        jma.feed = atom((WARNING, "2024-08-08T07:50:00Z"))
        warned = await poll(live_server, jma)
        assert len(warned.ingested) == 1, warned
        [warning_id] = warned.alert_ids

        card = page.locator("article.alert")
        await expect(card).to_have_count(1, timeout=15_000)
        await expect(card).to_have_attribute("lang", "tl")
        await expect(card.locator("h2")).to_have_text("Babala sa Tsunami: Shizuoka (静岡県)")
        # The places in Latin script, the Japanese beside them for someone local to read.
        await expect(card).to_contain_text("Shizuoka (静岡県): Babala sa tsunami")
        await expect(card).to_contain_text("Izu Shoto (伊豆諸島): Abiso sa tsunami")
        await expect(card.locator(".official")).to_have_text(
            "✔ " + TAGALOG.gettext("Official: signed by Omotenashi Cloud")
        )
        await expect(page.locator("#alerts a.button")).to_have_text(
            TAGALOG.gettext("Tell us: are you safe?")
        )
        assert await serious_accessibility_problems(page) == []
        await screenshots.take(page, "tsunami-izu-tl.png")

        # JMA lifts it: the feed lists the lifting above the warning.
        jma.documents[LIFTED] = fixture("vtse41_shizuoka_lifted.xml")
        jma.feed = atom((LIFTED, "2024-08-08T11:10:00Z"), (WARNING, "2024-08-08T07:50:00Z"))
        lifted = await poll(live_server, jma)
        assert len(lifted.ingested) == 1, lifted
        assert jma.requested().count(WARNING) == 1

    await expect(card.locator("h2")).to_have_text(
        "Inalis na ang Babala sa Tsunami: Shizuoka (静岡県) at Izu Shoto (伊豆諸島)",
        timeout=15_000,
    )
    await expect(card).to_have_count(1)
    await expect(page.locator("#alerts")).not_to_contain_text("Babala sa tsunami; inaasahang")
    await screenshots.take(page, "tsunami-izu-lifted-tl.png")

    # The warning itself, opened from the notification it sent, says it is no longer in force.
    await page.goto(f"{live_server.base}/alerts/{warning_id}")
    await expect(page.locator("article.alert")).to_contain_text(
        TAGALOG.gettext("No longer in force")
    )
    await expect(page.locator("article.alert h2")).to_have_text(
        "Babala sa Tsunami: Shizuoka (静岡県)"
    )
    assert await serious_accessibility_problems(page) == []
    await context.close()
