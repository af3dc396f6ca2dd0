"""An earthquake early warning reaches a Tagalog-speaking visitor who has the alerts page open:
it appears by itself (server-sent events), in Tagalog, marked official; they answer "I am safe"."""

from __future__ import annotations

from playwright.async_api import Browser, expect
from sqlalchemy.ext.asyncio import AsyncSession
from tests.alerts.support import NANAO, fixture
from tests.e2e.conftest import LiveServer
from tests.e2e.journey import serious_accessibility_problems
from tests.e2e.shots import Screenshots
from tests.factories.alerts import lodging_visitor

from omotenashi import db, i18n, web
from omotenashi.alerts import lifecycle
from omotenashi.auth import service as auth

TAGALOG = i18n.translations("tl")


async def test_an_earthquake_warning_appears_in_tagalog_and_the_visitor_answers_safe(
    live_server: LiveServer, live_session: AsyncSession, browser: Browser, screenshots: Screenshots
) -> None:
    visitor = await lodging_visitor(live_session, live_server.keys, NANAO, language="tl")
    session_token = (await auth.start_visitor_session(live_session, visitor)).token
    await live_session.commit()
    context = await browser.new_context(locale="fil-PH", viewport={"width": 390, "height": 844})
    await context.add_cookies(
        [{"name": web.SESSION_COOKIE, "value": session_token, "url": live_server.base}]
    )
    page = await context.new_page()
    await page.goto(live_server.base + "/alerts")
    await expect(page.locator("#alerts")).to_contain_text(
        TAGALOG.gettext("There is no official warning for where you stay.")
    )

    # JMA issues the warning; the open page shows it without anyone touching the phone.
    engine = db.create_engine(live_server.database_url, pool_size=1)
    try:
        async with db.session_scope(db.session_factory(engine)) as session:
            done = await lifecycle.ingest(
                session, live_server.keys, fixture("eew_vxse43.xml"), actor="e2e:jma"
            )
            assert done.alert is not None
            tagalog = done.alert.renderings["tl"]
    finally:
        await engine.dispose()
    card = page.locator("article.alert")
    await expect(card).to_contain_text(tagalog["headline"], timeout=15_000)
    await expect(card).to_contain_text(tagalog["action"])
    await expect(card.locator(".official")).to_be_visible()
    assert await serious_accessibility_problems(page) == []
    await screenshots.take(page, "alert-tl.png")

    await page.click("#alerts a.button")
    await page.click("form[action$='/safety'] input[value=safe] ~ button")
    await expect(page.locator(".saved")).to_have_text(
        TAGALOG.gettext("Thank you. We noted that you are safe.")
    )
    assert await serious_accessibility_problems(page) == []
    await context.close()
