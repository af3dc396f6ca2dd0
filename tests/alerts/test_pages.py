from __future__ import annotations

import re

import httpx
from sqlalchemy.ext.asyncio import AsyncSession
from tests.alerts.support import CHIYODA, NANAO, fixture, weather_report
from tests.factories.alerts import lodging_visitor
from tests.pages import csrf_token, post_form, signed_in_staff, text_of

from omotenashi import i18n, web
from omotenashi.alerts import EASY_JAPANESE, lifecycle, pages, reading, safety
from omotenashi.alerts.models import AlertState, SafetyAnswer
from omotenashi.auth import service as auth
from omotenashi.consent import service as consent
from omotenashi.runtime import Platform
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff.models import Role


async def _as_visitor(client: httpx.AsyncClient, session: AsyncSession, visitor_id: object) -> None:
    started = await auth.start_visitor_session(session, visitor_id)  # type: ignore[arg-type]
    client.cookies.set(web.SESSION_COOKIE, started.token)


async def test_a_tagalog_visitor_reads_the_warning_in_tagalog_and_says_they_are_safe(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    visitor = await lodging_visitor(session, platform.keys, NANAO, language="tl")
    done = await lifecycle.ingest(session, platform.keys, fixture("eew_vxse43.xml"), actor="t")
    assert done.alert is not None
    await _as_visitor(client, session, visitor)
    page = text_of(await client.get("/alerts"))
    assert done.alert.renderings["tl"]["headline"] in page
    assert done.alert.renderings["tl"]["action"] in page
    answered = await post_form(
        client,
        f"/alerts/{done.alert.id}/safety",
        {"answer": "safe"},
        form_page=f"/alerts/{done.alert.id}",
    )
    assert answered.status_code == 303
    thanked = text_of(await client.get(answered.headers["location"]))
    assert i18n.translations("tl").gettext("Thank you. We noted that you are safe.") in thanked
    report = await safety.safety_report(session, platform.keys, done.alert.id, operator="t")
    assert [(c.safe, c.need_help) for c in report.counts] == [(1, 0)]


async def test_a_reader_of_easy_japanese_is_asked_in_easy_japanese_if_they_are_safe(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    visitor = await lodging_visitor(session, platform.keys, NANAO, language="ja")
    done = await lifecycle.ingest(session, platform.keys, fixture("eew_vxse43.xml"), actor="t")
    assert done.alert is not None
    await _as_visitor(client, session, visitor)
    easy = f"/alerts/{done.alert.id}?lang={EASY_JAPANESE}"
    page = text_of(await client.get(easy))
    assert done.alert.renderings[EASY_JAPANESE]["headline"] in page
    assert "あなたは だいじょうぶ ですか？" in page
    assert "たすけて ください" in page
    assert "無事" not in page
    answered = await post_form(
        client,
        f"/alerts/{done.alert.id}/safety",
        {"answer": "safe", "lang": EASY_JAPANESE},
        form_page=easy,
    )
    assert answered.status_code == 303
    thanked = text_of(await client.get(answered.headers["location"]))
    assert "あなたが だいじょうぶ だと わかりました" in thanked


async def test_a_visitor_elsewhere_sees_no_warning_and_one_without_consent_is_offered_it(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    visitor = await lodging_visitor(session, platform.keys, CHIYODA, emergency=False)
    await lifecycle.ingest(session, platform.keys, fixture("eew_vxse43.xml"), actor="t")
    await _as_visitor(client, session, visitor)
    page = text_of(await client.get("/alerts"))
    assert "There is no official warning for where you stay." in page
    assert "Yes, send me warnings" in page
    await post_form(client, "/alerts/emergency", {}, form_page="/alerts")
    grants = await consent.grants_of(session, visitor)
    assert [(g.purpose, list(g.attributes)) for g in grants] == [
        (PurposeKey.emergency, ["preferred_languages", "stay"])
    ]


async def test_anyone_can_check_a_forwarded_alert_and_a_rumour_is_called_one(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    done = await lifecycle.ingest(session, platform.keys, fixture("eew_vxse43.xml"), actor="t")
    assert done.alert is not None
    token = await csrf_token(client, "/verify")
    genuine = await client.post(
        "/verify", data={"csrf_token": token, "text": f"https://x/alerts/{done.alert.id}"}
    )
    assert "Genuine" in text_of(genuine)
    rumour = await client.post(
        "/verify", data={"csrf_token": token, "text": "A huge earthquake will hit Tokyo at 3 pm"}
    )
    assert pages.VERDICTS["unknown"] in text_of(rumour)


async def test_an_evacuation_order_needs_a_second_operator_and_previews_in_every_language(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    await signed_in_staff(client, session, platform.keys.master, Role.operator, None)
    form = {
        "municipality": "172022",
        "municipality_name": "七尾市",
        "level": "4",
        "shelters": "七尾市立中学校",
        "source": "七尾市",
        "hours": "6",
        "status": "exercise",
    }
    preview = text_of(
        await post_form(client, "/operator/alerts/preview", form, form_page="/operator/alerts")
    )
    for name in ("Tagalog", "ไทย", "やさしい日本語", "Монгол"):
        assert name in preview
    saved = await post_form(client, "/operator/alerts", form, form_page="/operator/alerts")
    assert saved.status_code == 303
    (draft,) = [
        a for a in await reading.recent_for_operator(session) if a.state is AlertState.draft
    ]
    listing = (await client.get("/operator/alerts")).text
    assert f"/operator/alerts/{draft.id}/approve" not in listing  # not for the one who wrote it
    refused = await post_form(
        client, f"/operator/alerts/{draft.id}/approve", {}, form_page="/operator/alerts"
    )
    assert refused.status_code in (403, 409)
    client.cookies.clear()
    await signed_in_staff(client, session, platform.keys.master, Role.operator, None)
    approved = await post_form(
        client, f"/operator/alerts/{draft.id}/approve", {}, form_page="/operator/alerts"
    )
    assert approved.status_code == 303
    assert (await reading.get(session, draft.id)).state is AlertState.issued
    assert re.search(
        r"/operator/alerts/[0-9a-f-]+/safety", (await client.get("/operator/alerts")).text
    )


async def test_the_operator_sees_who_needs_help_on_a_map_of_japan(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    visitor = await lodging_visitor(session, platform.keys, NANAO, surname="NEEDSHELP")
    done = await lifecycle.ingest(session, platform.keys, fixture("eew_vxse43.xml"), actor="t")
    assert done.alert is not None
    await safety.answer_safety(session, visitor, done.alert.id, SafetyAnswer.need_help)
    await signed_in_staff(client, session, platform.keys.master, Role.operator, None)
    page = await client.get(f"/operator/alerts/{done.alert.id}/safety")
    assert page.status_code == 200
    assert 'class="japan need-help"' in page.text
    shaded = re.search(r'<div class="tile heat-([1-5])"[^>]*title="([^"]+)"', page.text)
    assert shaded is not None
    assert shaded.group(2) == "石川県"  # operators read Japanese first
    assert "NEEDSHELP" in text_of(page)


async def test_the_operator_sees_the_areas_an_alert_reaches_nobody_in(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    report = weather_report([("0420200", "石巻市"), ("9999999", "架空町")])
    done = await lifecycle.ingest(session, platform.keys, report, actor="t")
    assert done.alert is not None
    await signed_in_staff(client, session, platform.keys.master, Role.operator, None)
    listing = await client.get("/operator/alerts")
    assert f'href="/operator/alerts/{done.alert.id}"' in listing.text
    page = await client.get(f"/operator/alerts/{done.alert.id}")
    assert page.status_code == 200
    shown = text_of(page)
    assert i18n.translations("ja").gettext("Areas that reach nobody") in shown
    assert "jma_forecast_area:9999999 架空町" in shown
    assert "宮城県" in shown  # operators read Japanese first
    client.cookies.clear()
    visitor = await lodging_visitor(session, platform.keys, NANAO)
    await _as_visitor(client, session, visitor)
    refused = await client.get(f"/operator/alerts/{done.alert.id}")
    assert "架空町" not in refused.text


async def test_the_operators_list_names_each_alerts_state_in_japanese(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    done = await lifecycle.ingest(session, platform.keys, fixture("eew_vxse43.xml"), actor="t")
    assert done.alert is not None
    await signed_in_staff(client, session, platform.keys.master, Role.operator, None)
    listed = text_of(await client.get("/operator/alerts"))
    assert "発表中" in listed
    assert not re.search(r"\b(current|expired|superseded|cancelled)\b", listed)


async def test_a_changed_alert_is_shown_beside_the_official_text_with_the_changes_marked(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    done = await lifecycle.ingest(session, platform.keys, fixture("eew_vxse43.xml"), actor="t")
    assert done.alert is not None
    issued = done.alert.renderings["th"]
    pasted = "\n".join([issued["headline"], *issued["lines"], issued["action"]]).replace(
        "6", "7", 1
    )
    token = await csrf_token(client, "/verify?lang=th")
    page = await client.post(
        "/verify",
        data={"csrf_token": token, "text": f"{pasted}\nhttps://x/alerts/{done.alert.id}"},
    )
    verdict = re.search(r'<h2 id="verdict-title">([^<]*)</h2>', page.text)
    assert verdict is not None
    assert verdict.group(1) == i18n.translations("th").gettext(
        "Changed: this is not what we issued"
    )
    shown = text_of(page)
    assert re.search(r"<del>\s*6</del><ins>\s*7</ins>", page.text)
    assert issued["action"] in shown  # the official text, in the language that was pasted
