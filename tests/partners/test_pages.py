"""The agency's console and the traveller's invitation as people use them."""

from __future__ import annotations

import uuid

import httpx
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.partners import kyoto_party_csv, make_agency
from tests.factories.servicers import approved_servicer
from tests.pages import csrf_token, signed_in_staff, text_of

from omotenashi import web
from omotenashi.partners import service
from omotenashi.partners.formats import ImportFormat
from omotenashi.partners.models import Invitation
from omotenashi.runtime import Platform
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff.models import Role


async def _party(session: AsyncSession, platform: Platform) -> dict[str, Invitation]:
    agency = await make_agency(session)
    await service.import_travellers(
        session, platform.keys, agency.id, kyoto_party_csv(), ImportFormat.csv, actor="test"
    )
    rows = await session.scalars(sa.select(Invitation).where(Invitation.servicer_id == agency.id))
    return {row.reference: row for row in rows}


def _link(platform: Platform, invitation: Invitation) -> str:
    return service.invitation_path(service.LinkMaker(platform.keys.derivation).token(invitation.id))


async def test_the_agency_uploads_on_its_console_and_sees_no_profile(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    agency = await make_agency(session)
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_admin, agency.id)
    console = await client.get("/console")
    assert "/partners/console" in console.text
    token = await csrf_token(client, "/partners/console")
    answer = await client.post(
        "/partners/console/imports",
        data={"csrf_token": token},
        files={"file": ("kyoto.csv", kyoto_party_csv(), "text/csv")},
    )
    assert answer.status_code == 200, answer.text[:500]
    page = text_of(answer)
    assert "3 invitations" in page or "3" in page
    for secret in ("Chen", "mei.chen", "1982-07-15"):
        assert secret not in answer.text
    wrong = await client.post(
        "/partners/console/imports",
        data={"csrf_token": token},
        files={"file": ("kyoto.txt", b"x", "text/plain")},
    )
    assert wrong.status_code == 422


async def test_a_hotel_administrator_is_refused_the_agency_console(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    hotel = await approved_servicer(session, "Hotel Kyoto", PurposeKey.hotel_check_in)
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_admin, hotel.id)
    assert (await client.get("/partners/console")).status_code == 403


async def test_the_traveller_sees_corrects_and_confirms_in_her_language(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    found = await _party(session, platform)
    link = _link(platform, found["K-2"])
    page = await client.get(link)
    assert page.status_code == 200
    assert page.headers["content-language"] == "zh-Hant"
    assert "Sakura Tours" in page.text
    assert 'value="Chen"' in page.text
    token = await csrf_token(client, link)
    answer = await client.post(
        link,
        data={
            "csrf_token": token,
            "name.surname": "Chen",
            "name.given_names": "Mei-Ling",
            "email": "mei.chen@example.tw",
            "remove.date_of_birth": "yes",
            "preferred_languages": "zh-Hant",
            "stay.arrival": found["K-2"].arrival.isoformat(),
            "stay.departure": found["K-2"].departure.isoformat(),
            "stay.lodging_municipality": "261009",
        },
    )
    assert answer.status_code == 200, answer.text[:500]
    assert web.SESSION_COOKIE in answer.cookies or web.SESSION_COOKIE in client.cookies
    me = await client.get("/me")
    assert me.status_code == 200
    log = await client.get("/access")
    assert "Sakura Tours" in log.text
    # The link is spent.
    assert (await client.get(link)).status_code == 404


async def test_a_wrong_correction_is_said_beside_its_field(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    found = await _party(session, platform)
    link = _link(platform, found["K-1"])
    token = await csrf_token(client, link)
    answer = await client.post(
        link, data={"csrf_token": token, "name.surname": "Lin", "email": "not an address"}
    )
    assert answer.status_code == 422
    assert 'id="e-email"' in answer.text
    assert (await client.get(link)).status_code == 200  # still open


async def test_an_unknown_link_is_a_page_not_an_error(client: httpx.AsyncClient) -> None:
    answer = await client.get(f"/invite/{uuid.uuid4().hex}")
    assert answer.status_code == 404


async def test_the_agency_prints_a_link_and_withdraws_an_invitation(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    found = await _party(session, platform)
    spouse = found["K-2"]
    await signed_in_staff(
        client, session, platform.keys.master, Role.servicer_admin, spouse.servicer_id
    )
    printed = await client.get(f"/partners/console/invitations/{spouse.id}/print")
    assert printed.status_code == 200
    assert f'data-qr-text="http://testserver{_link(platform, spouse)}"' in printed.text
    for private in ("Chen", "Mei", "mei.chen"):
        assert private not in printed.text
    token = await csrf_token(client, "/partners/console")
    withdrawn = await client.post(
        f"/partners/console/invitations/{spouse.id}/withdraw", data={"csrf_token": token}
    )
    assert withdrawn.status_code == 303
    assert (await client.get(_link(platform, spouse))).status_code == 404
    # A withdrawn invitation has no link to print.
    again = await client.get(f"/partners/console/invitations/{spouse.id}/print")
    assert again.status_code == 303


async def test_another_servicer_cannot_print_or_withdraw_an_agency_invitation(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    found = await _party(session, platform)
    other = await make_agency(session, "Other Tours")
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_admin, other.id)
    spouse = found["K-2"]
    printed = await client.get(f"/partners/console/invitations/{spouse.id}/print")
    assert printed.status_code == 303  # nothing of another agency's: back to one's own console
    token = await csrf_token(client, "/partners/console")
    refused = await client.post(
        f"/partners/console/invitations/{spouse.id}/withdraw", data={"csrf_token": token}
    )
    assert refused.status_code == 404
    assert (await client.get(_link(platform, spouse))).status_code == 200
