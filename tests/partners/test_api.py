"""The agency's API: an upload answers each refused row; the agency sees states and counts,
never a traveller's data; only an approved agency's callers with ``partners:invite`` get in."""

from __future__ import annotations

import httpx
import orjson
import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from tests.actors import bearer
from tests.factories.clients import make_client
from tests.factories.partners import CSV_HEADER, kyoto_party_csv, make_agency, trip
from tests.factories.servicers import approved_servicer
from tests.factories.staff import staff_headers

from omotenashi.clients.errors import InvalidApiClientError
from omotenashi.clients.models import ClientKind
from omotenashi.clients.tokens import issue_access_token
from omotenashi.runtime import Platform
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff.models import Role


async def _agency_backend(session: AsyncSession, platform: Platform) -> tuple[dict[str, str], str]:
    agency = await make_agency(session)
    client, _ = await make_client(
        session,
        agency,
        kind=ClientKind.system,
        scopes=("partners:invite",),
        label="Booking system",
        location=None,
    )
    return bearer(issue_access_token(platform.keys, client)), str(agency.id)


async def test_an_agency_uploads_and_sees_only_states(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    headers, _ = await _agency_backend(session, platform)
    arrival, departure = trip()
    body = kyoto_party_csv() + (
        f"K-9,,yes,Wrong,,not-mail,1980-01-01,en,{arrival},{departure},\n".encode()
    )
    answer = await client.post(
        "/v1/partners/imports", content=body, headers={**headers, "content-type": "text/csv"}
    )
    assert answer.status_code == 201, answer.text
    result = answer.json()
    assert (result["rows"], result["invited"]) == (4, 3)
    assert result["refused"] == [
        {"row": 4, "field": "email", "reason": "Is not an e-mail address."}
    ]
    listing = await client.get("/v1/partners/invitations", headers=headers)
    assert listing.status_code == 200
    rows = {row["reference"]: row for row in listing.json()}
    assert {row["state"] for row in rows.values()} == {"sent"}
    assert rows["K-2"]["link"].startswith("http://testserver/invite/")
    assert rows["K-3"]["link"] is None  # the child's is the lead's to answer
    # Nothing the agency supplied comes back: no names, no addresses, no birth dates.
    for secret in ("Chen", "Mei", "mei.chen", "1982-07-15", "Lin"):
        assert secret not in listing.text
    counts = await client.get("/v1/partners/invitations/counts", headers=headers)
    assert counts.json() == {"sent": 3, "opened": 0, "accepted": 0, "expired": 0, "withdrawn": 0}
    withdrawn = await client.post(
        f"/v1/partners/invitations/{rows['K-2']['id']}/withdraw", headers=headers
    )
    assert withdrawn.status_code == 200
    assert withdrawn.json()["state"] == "withdrawn"
    assert withdrawn.json()["link"] is None
    again = await client.post(
        f"/v1/partners/invitations/{rows['K-2']['id']}/withdraw", headers=headers
    )
    assert again.status_code == 409
    assert again.headers["content-type"].startswith("application/problem+json")


async def test_json_and_xml_uploads_and_unreadable_files(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    headers, _ = await _agency_backend(session, platform)
    arrival, departure = trip()
    traveller = {
        "reference": "J-1",
        "name": {"surname": "Ito"},
        "email": "ito@example.com",
        "arrival": arrival,
        "departure": departure,
    }
    answer = await client.post(
        "/v1/partners/imports",
        content=orjson.dumps({"travellers": [traveller]}),
        headers={**headers, "content-type": "application/json"},
    )
    assert answer.status_code == 201
    assert answer.json()["invited"] == 1
    for content, media in (
        (b"<OTA_HotelResNotifRQ><unclosed>", "application/xml"),
        (b"{not json", "application/json"),
        (b"name,age\nA,1\n", "text/csv"),
        (b"anything", "application/octet-stream"),
    ):
        refused = await client.post(
            "/v1/partners/imports", content=content, headers={**headers, "content-type": media}
        )
        assert refused.status_code == 422, (media, refused.text)
        assert refused.json()["code"] == "unreadable_file"


async def test_a_hotel_may_neither_invite_nor_hold_the_scope(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    hotel = await approved_servicer(session, "Hotel Kyoto", PurposeKey.hotel_check_in)
    with pytest.raises(InvalidApiClientError):
        await make_client(
            session, hotel, kind=ClientKind.system, scopes=("partners:invite",), location=None
        )
    backend, _ = await make_client(
        session, hotel, kind=ClientKind.system, scopes=("servicer:admin",), location=None
    )
    answer = await client.post(
        "/v1/partners/imports",
        content=kyoto_party_csv(),
        headers={**bearer(issue_access_token(platform.keys, backend)), "content-type": "text/csv"},
    )
    assert answer.status_code == 403
    admin = await staff_headers(session, "admin@hotel.example.jp", Role.servicer_admin, hotel)
    assert (await client.get("/v1/partners/invitations", headers=admin)).status_code == 403
    agency = await make_agency(session, "Other Tours")
    with pytest.raises(InvalidApiClientError):  # an agency never resolves a visitor
        await make_client(session, agency, scopes=("resolve",))


async def test_the_agency_administrator_may_use_the_api(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    agency = await make_agency(session)
    admin = await staff_headers(session, "admin@sakura.example.jp", Role.servicer_admin, agency)
    answer = await client.post(
        "/v1/partners/imports?format=csv",
        content=(CSV_HEADER + "\n").encode(),
        headers=admin,
    )
    assert answer.status_code == 201
    assert answer.json()["rows"] == 0
    clerk = await staff_headers(session, "clerk@sakura.example.jp", Role.servicer_staff, agency)
    assert (await client.get("/v1/partners/invitations", headers=clerk)).status_code == 403
