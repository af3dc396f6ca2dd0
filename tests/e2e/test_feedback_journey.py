"""A Korean visitor rates a hotel check-in 2/5 with a comment in Korean; the hotel's staff read
it in Japanese and reply; the visitor reads the reply in Korean; the operator's chart for that
day shows the rating once k visitors have rated. (The translation memory knows the two
sentences; with no machine-translation engine configured, nothing else would.)"""

from __future__ import annotations

from datetime import UTC, datetime

from playwright.async_api import Browser, expect
from sqlalchemy.ext.asyncio import AsyncSession
from tests.e2e.conftest import LiveServer
from tests.e2e.journey import serious_accessibility_problems
from tests.e2e.shots import Screenshots
from tests.feedback.helpers import (
    COMMENT_JA,
    COMMENT_KO,
    REPLY_JA,
    REPLY_KO,
    checked_in,
    teach_the_memory,
)
from tests.statistics.helpers import make_visitors, resolves

from omotenashi import i18n, web
from omotenashi.auth import service as auth
from omotenashi.config import Settings
from omotenashi.staff import service as staff
from omotenashi.staff.models import Role
from omotenashi.staff.service import SignedIn
from omotenashi.statistics import service as statistics

KOREAN = i18n.translations("ko")
K = Settings().statistics_k


async def test_a_korean_rating_is_read_in_japanese_and_the_reply_in_korean(
    live_server: LiveServer, live_session: AsyncSession, browser: Browser, screenshots: Screenshots
) -> None:
    stay = await checked_in(live_session, live_server.keys, "Hotel Sakura Korea Test")
    await teach_the_memory(live_session)
    visitor_token = (await auth.start_visitor_session(live_session, stay.visitor_id)).token
    enrolment = await staff.create_user(
        live_session,
        live_server.keys.master,
        email="frontdesk@feedback.example.jp",
        display_name="Front desk",
        password="a long enough password",
        role=Role.servicer_staff,
        servicer_id=stay.hotel.id,
        actor="e2e",
    )
    who = SignedIn(enrolment.user.id, stay.hotel.id, Role.servicer_staff)
    staff_token = (await auth.start_staff_session(live_session, who)).token
    await live_session.commit()
    base = live_server.base
    problems: list[str] = []

    phone = await browser.new_context(locale="ko-KR", viewport={"width": 390, "height": 844})
    await phone.add_cookies([{"name": web.SESSION_COOKIE, "value": visitor_token, "url": base}])
    visitor = await phone.new_page()
    await visitor.goto(base + "/access")
    await visitor.click(f"a[href='/feedback/{stay.interaction}']")
    await visitor.check("input[name=rating][value='2']")
    await visitor.fill("#f-comment", COMMENT_KO)
    problems += await serious_accessibility_problems(visitor)
    await visitor.click("form[action^='/feedback/'] button[type=submit]")
    await visitor.wait_for_url(f"**/feedback/{stay.interaction}")

    tablet = await browser.new_context(locale="ja-JP")
    await tablet.add_cookies([{"name": web.STAFF_COOKIE, "value": staff_token, "url": base}])
    desk = await tablet.new_page()
    await desk.goto(base + "/inbox")
    entry = desk.locator("ul.log > li").first
    await expect(entry).to_contain_text(COMMENT_JA)
    await expect(entry).to_contain_text(COMMENT_KO)
    await expect(entry).to_contain_text("★★☆☆☆")
    problems += await serious_accessibility_problems(desk)
    await screenshots.take(desk, "inbox-ja.png")
    await entry.locator("textarea[name=body]").fill(REPLY_JA)
    await entry.locator("form[action$='/reply'] button").click()
    await desk.wait_for_url("**/inbox*")

    await visitor.reload()
    await expect(visitor.locator("section[aria-labelledby=replies-title]")).to_contain_text(
        REPLY_KO
    )
    problems += await serious_accessibility_problems(visitor)
    await screenshots.take(visitor, "feedback-reply-ko.png")
    await phone.close()
    await tablet.close()

    # The operator's chart of that day: nothing while one visitor has rated, the rating once k have.
    operator = await staff.create_user(
        live_session,
        live_server.keys.master,
        email="operator@feedback.example.jp",
        display_name="Operator",
        password="a long enough password",
        role=Role.operator,
        servicer_id=None,
        actor="e2e",
    )
    operator_token = (
        await auth.start_staff_session(
            live_session, SignedIn(operator.user.id, None, Role.operator)
        )
    ).token
    today = statistics.today()
    await statistics.recompute_day(live_session, today)
    await live_session.commit()
    console = await browser.new_context(locale="en-GB")
    await console.add_cookies([{"name": web.STAFF_COOKIE, "value": operator_token, "url": base}])
    page = await console.new_page()
    chart_of_the_day = f"{base}/operator/statistics?from={today}&to={today}&lang=en"
    await page.goto(chart_of_the_day)
    await expect(page.locator("#ratings-by-purpose")).to_contain_text("Nothing to show")
    others = await make_visitors(live_session, K - 1, nationality="KR", language="ko")
    await resolves(live_session, others, stay.hotel.id, rating=2, when=datetime.now(UTC))
    await statistics.recompute_day(live_session, today)
    await live_session.commit()
    await page.goto(chart_of_the_day)
    drawn = await page.evaluate(
        "Chart.getChart(document.querySelector('canvas[data-chart=ratings-by-purpose]'))"
        ".data.datasets[0].data"
    )
    assert drawn == [2]
    problems += await serious_accessibility_problems(page)
    await screenshots.take(page, "operator-statistics-rating-en.png")
    await console.close()
    assert problems == []
