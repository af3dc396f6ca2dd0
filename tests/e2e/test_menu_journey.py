"""The journey of issue 5: a vegan visitor allergic to sesame scans a restaurant's table code,
signs in and says what they avoid, and reads the menu in Vietnamese in the right three groups;
they suggest a better translation of a machine-translated dish, and read the events."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from playwright.async_api import Browser, Page, expect
from sqlalchemy.ext.asyncio import AsyncSession
from tests.e2e.conftest import LiveServer
from tests.e2e.journey import latest_code, sent_so_far, serious_accessibility_problems
from tests.e2e.shots import Screenshots
from tests.factories import approved_servicer

from omotenashi import i18n
from omotenashi.content import service as content
from omotenashi.content.dietary import Presence
from omotenashi.content.models import ContentItem, ContentKind
from omotenashi.servicers.models import Servicer
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.translation import service as bank
from omotenashi.visitors.catalogue import allergens_on

VIETNAMESE = i18n.translations("vi")
ADMIN = "staff:e2e-admin"


@dataclass
class VietnameseMachine:
    """A machine translator that knows one dish."""

    name: str = "e2e-mt"

    def supports(self, source: str, target: str) -> bool:
        return target == "vi"

    async def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        known = {
            "野菜の天ぷら": "Tempura rau củ",
            "合羽橋道具まつり": "Lễ hội dụng cụ Kappabashi",
            "合羽橋道具街": "Phố dụng cụ Kappabashi",
        }
        return [known.get(text, text) for text in texts]


def vi(message: str) -> str:
    return VIETNAMESE.gettext(message)


async def _dish(
    session: AsyncSession,
    shop: Servicer,
    title: str,
    position: int,
    allergens: dict[str, Presence] | None = None,
    diet: dict[str, bool] | None = None,
) -> ContentItem:
    return await content.create_item(
        session,
        shop.id,
        content.Draft(
            kind=ContentKind.dish,
            title=title,
            allergens=allergens or {},
            diet=diet or {},
            position=position,
        ),
        actor=ADMIN,
    )


async def _restaurant(session: AsyncSession) -> Servicer:
    shop = await approved_servicer(session, "Shokudo Kappabashi", PurposeKey.food_service)
    tempura = await _dish(
        session,
        shop,
        "野菜の天ぷら",
        0,
        {"sesame": Presence.free, "wheat": Presence.contains},
        {"vegan": True},
    )
    tofu = await _dish(session, shop, "胡麻豆腐", 1, {"sesame": Presence.contains}, {"vegan": True})
    await _dish(
        session, shop, "豚の生姜焼き", 2, {"pork": Presence.contains, "sesame": Presence.free}
    )
    await _dish(session, shop, "冷奴", 3)
    machine = bank.Chain(translator=VietnameseMachine())
    await content.translate_item(session, machine, shop.id, tempura.id, ["vi"], actor=ADMIN)
    await content.post_edit(session, shop.id, tofu.id, "vi", "title", "Đậu phụ mè", actor=ADMIN)
    festival = await content.create_item(
        session,
        shop.id,
        content.Draft(
            kind=ContentKind.event,
            title="合羽橋道具まつり",
            venue="合羽橋道具街",
            starts_at=datetime.now(UTC) + timedelta(days=2),
            tags=["food", "shopping"],
        ),
        actor=ADMIN,
    )
    await content.translate_item(session, machine, shop.id, festival.id, ["vi"], actor=ADMIN)
    return shop


async def _checked(page: Page, problems: dict[str, list[str]]) -> None:
    found = await serious_accessibility_problems(page)
    if found:
        problems[page.url] = found


async def test_a_vegan_visitor_allergic_to_sesame_reads_a_menu_in_vietnamese(
    live_server: LiveServer,
    live_session: AsyncSession,
    browser: Browser,
    screenshots: Screenshots,
) -> None:
    shop = await _restaurant(live_session)
    await live_session.commit()
    base = live_server.base
    table_code = f"{base}/menus/{shop.id}"  # what the QR code on the table holds
    context = await browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = await context.new_page()
    a11y: dict[str, list[str]] = {}

    # The table's code asks a visitor who is not signed in to sign in first, in Vietnamese.
    await page.goto(table_code)
    await page.wait_for_url("**/signin?next=**")
    before = sent_so_far(live_server.outbox)
    await page.fill("#email", "lan@example.vn")
    await page.click("form[action='/signin/email'] button")
    await page.fill("#code", await latest_code(live_server.outbox, before))
    await page.click("form[action='/signin/code'] button")
    await page.wait_for_url("**/register/**")

    # They say what they avoid: vegan, and sesame.
    await page.goto(base + "/register/food")
    await page.check("input[name=dietary_needs][value=vegan]")
    await page.check("input[name=allergens][value=sesame]")
    await page.click("form.card button[type=submit]")
    await page.wait_for_url("**/register/help")

    # The table's code again: the menu, sorted for them, in Vietnamese.
    await page.goto(table_code)
    fits, avoid, unknown = (page.locator(f"#{group}") for group in ("fits", "avoid", "unknown"))
    await expect(fits.locator("h2")).to_contain_text(vi("Fits you"))
    await expect(avoid.locator("h2")).to_contain_text(vi("Contains something you avoid"))
    await expect(unknown.locator("h2")).to_contain_text(vi("Not enough information"))
    await expect(fits.locator("li strong")).to_have_count(1)
    await expect(fits).to_contain_text("Tempura rau củ")
    await expect(fits).to_contain_text(vi("Machine-translated"))
    await expect(avoid.locator("li strong")).to_have_count(2)
    sesame = next(rule for rule in allergens_on(datetime.now(UTC).date()) if rule.key == "sesame")
    tofu = avoid.locator("li", has_text="Đậu phụ mè")
    await expect(tofu).to_contain_text(vi("Contains: %(items)s") % {"items": sesame.label("vi")})
    await expect(tofu).not_to_contain_text(vi("Machine-translated"))  # a person translated it
    await expect(avoid).to_contain_text("豚の生姜焼き")
    await expect(unknown.locator("li strong")).to_have_count(1)
    await expect(unknown).to_contain_text("冷奴")
    await expect(unknown).to_contain_text(vi("Not translated yet"))
    await _checked(page, a11y)
    await screenshots.take(page, "menu-vi.png")

    # A better name for the tempura, suggested from the menu.
    await fits.locator("details.suggest summary").click()
    await fits.locator("textarea[name=text]").fill("Rau củ chiên tempura")
    await fits.locator("form[action='/suggestions'] button").click()
    await expect(page.locator("main [role=status]")).to_have_text(
        vi("Thank you. The business will check your suggestion.")
    )
    await _checked(page, a11y)
    waiting = await content.suggestions(live_session, servicer_id=shop.id)
    assert [view.suggestion.text for view in waiting] == ["Rau củ chiên tempura"]

    # Event information, in Vietnamese, filtered by interest.
    await page.goto(base + "/events?tag=food")
    await expect(page.locator("main h2")).to_contain_text("Lễ hội dụng cụ Kappabashi")
    await expect(page.locator("main")).to_contain_text("Phố dụng cụ Kappabashi")
    await _checked(page, a11y)
    await screenshots.take(page, "events-vi.png")
    await context.close()
    assert a11y == {}, a11y
