"""A tour to Kyoto: the agency uploads a party of three (lead, spouse, child); the spouse opens
her invitation in Traditional Chinese, corrects her name, confirms and sees her pass; the lead
confirms for himself and leaves his son's details for later; the agency's console shows two
accepted, one pending, and nothing of their profiles."""

from __future__ import annotations

import asyncio
import email
import email.policy
import re
import time
from pathlib import Path

from playwright.async_api import Browser, Page, expect
from sqlalchemy.ext.asyncio import AsyncSession
from tests.e2e.conftest import LiveServer
from tests.e2e.journey import serious_accessibility_problems
from tests.e2e.shots import Screenshots
from tests.factories.partners import kyoto_party_csv

from omotenashi import i18n, web
from omotenashi.auth import service as auth
from omotenashi.servicers import service as servicers
from omotenashi.servicers.models import ServicerCategory, ServicerState
from omotenashi.staff import service as staff
from omotenashi.staff.models import Role
from omotenashi.staff.service import SignedIn

TRADITIONAL = i18n.translations("zh-Hant")
JAPANESE = i18n.translations("ja")


def _invitation_link(outbox: Path, to: str) -> str:
    """The link in the invitation e-mail the server's worker wrote for ``to``."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for path in sorted(outbox.glob("*.eml")) if outbox.exists() else []:
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if message["To"] == to:
                body = message.get_body()
                assert body is not None
                found = re.search(r"https?://\S+/invite/[\w-]+", str(body.get_content()))
                assert found is not None
                return found.group(0)
        time.sleep(0.3)
    raise AssertionError(f"no invitation reached the outbox for {to}")


async def _confirm(page: Page) -> None:
    await page.click("form[data-invitation] button[type=submit]")
    thanks = TRADITIONAL.gettext("Thank you: your details are confirmed")
    await expect(page.locator("h1")).to_have_text(thanks)


async def test_an_agency_pre_registers_a_party_and_the_spouse_confirms_in_chinese(
    live_server: LiveServer,
    live_session: AsyncSession,
    browser: Browser,
    screenshots: Screenshots,
    tmp_path: Path,
) -> None:
    agency = await servicers.apply(
        live_session,
        name="Sakura Tours",
        name_ja="さくらツアーズ",
        category=ServicerCategory.travel_agency,
        contact_email="desk@sakura-tours.example.jp",
        municipality_code=None,
        purposes={},
    )
    await servicers.set_state(live_session, agency.id, ServicerState.approved, actor="e2e")
    enrolment = await staff.create_user(
        live_session,
        live_server.keys.master,
        email="admin@sakura-tours.example.jp",
        display_name="Sato",
        password="a long enough password",
        role=Role.servicer_admin,
        servicer_id=agency.id,
        actor="e2e",
    )
    who = SignedIn(enrolment.user.id, agency.id, Role.servicer_admin)
    staff_token = (await auth.start_staff_session(live_session, who)).token
    await live_session.commit()
    base = live_server.base
    problems: list[str] = []
    party = tmp_path / "kyoto-tour.csv"
    party.write_bytes(kyoto_party_csv())

    # The agency uploads the party on its console.
    office = await browser.new_context(locale="ja-JP")
    await office.add_cookies([{"name": web.STAFF_COOKIE, "value": staff_token, "url": base}])
    console = await office.new_page()
    await console.goto(base + "/partners/console")
    problems += await serious_accessibility_problems(console)
    await console.set_input_files("#f-file", str(party))
    await console.click("form[data-upload] button[type=submit]")
    result = console.locator("[data-result]")
    await expect(result).to_be_visible(timeout=30_000)
    await expect(result).to_contain_text("3")
    await expect(console.locator("tr[data-state=sent]")).to_have_count(3)

    # The spouse opens her invitation in Traditional Chinese and corrects her name.
    spouse_link = await asyncio.to_thread(
        _invitation_link, live_server.outbox, "mei.chen@example.tw"
    )
    phone = await browser.new_context(locale="zh-TW", viewport={"width": 390, "height": 844})
    spouse = await phone.new_page()
    await spouse.goto(spouse_link)
    heading = TRADITIONAL.gettext("Check what %(agency)s entered for you") % {
        "agency": "Sakura Tours"
    }
    await expect(spouse.locator("h1")).to_have_text(heading)
    from_agency = TRADITIONAL.gettext("from %(agency)s") % {"agency": "Sakura Tours"}
    await expect(spouse.locator("fieldset[data-field=name] legend")).to_contain_text(from_agency)
    await expect(spouse.locator("input[name='name.given_names']")).to_have_value("Mei")
    problems += await serious_accessibility_problems(spouse)
    await screenshots.take(spouse, "partners-invitation-zh-hant.png")
    await spouse.fill("input[name='name.given_names']", "Mei-Ling")
    await _confirm(spouse)
    await spouse.click("a[href='/pass']")
    await spouse.wait_for_url("**/pass")
    await expect(spouse.locator("h1")).to_be_visible()
    problems += await serious_accessibility_problems(spouse)
    await spouse.goto(base + "/access")
    await expect(spouse.locator("main")).to_contain_text("Sakura Tours")

    # The lead confirms for himself and leaves his son's details for later.
    lead_link = await asyncio.to_thread(_invitation_link, live_server.outbox, "wei.lin@example.tw")
    laptop = await browser.new_context(locale="zh-TW")
    lead = await laptop.new_page()
    await lead.goto(lead_link)
    await expect(lead.locator("[data-minor]")).to_have_count(1)
    await _confirm(lead)

    # The agency sees two accepted, one pending, and nothing of their profiles.
    await console.goto(base + "/partners/console")
    counts = JAPANESE.gettext(
        "%(accepted)d accepted, %(pending)d pending, %(expired)d expired, %(withdrawn)d withdrawn"
    ) % {"accepted": 2, "pending": 1, "expired": 0, "withdrawn": 0}
    await expect(console.locator("[data-counts]")).to_have_text(counts)
    await expect(console.locator("tr[data-state=accepted]")).to_have_count(2)
    page = await console.content()
    for private in ("Mei-Ling", "Chen", "mei.chen@example.tw", "wei.lin@example.tw", "1982-07-15"):
        assert private not in page
    await screenshots.take(console, "partners-console-ja.png")
    assert problems == []
    await office.close()
    await phone.close()
    await laptop.close()
