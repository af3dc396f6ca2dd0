"""The rules of pre-registration: rows checked one by one, parties bound to their lead, data
sealed and unread until the traveller confirms, and deleted when nobody does."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import orjson
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.partners import CSV_HEADER, kyoto_party_csv, make_agency, trip
from tests.factories.servicers import approved_servicer
from tests.mailbox import Mail

from omotenashi import jobs
from omotenashi.partners import service, tasks
from omotenashi.partners.errors import (
    InvitationClosedError,
    InvitationNotFoundError,
    NotAnAgencyError,
)
from omotenashi.partners.formats import ImportFormat, UnreadableFileError
from omotenashi.partners.models import Invitation, InvitationState
from omotenashi.resolve import queries as resolve_queries
from omotenashi.runtime import Platform
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.visitors import service as visitors

ACTOR = "test:agency"


async def _import(
    session: AsyncSession, keys: PlatformKeys, agency_id: uuid.UUID, data: bytes, form: str = "csv"
) -> service.ImportResult:
    return await service.import_travellers(
        session, keys, agency_id, data, ImportFormat(form), actor=ACTOR
    )


async def _invitations(session: AsyncSession, agency_id: uuid.UUID) -> dict[str, Invitation]:
    rows = await session.scalars(sa.select(Invitation).where(Invitation.servicer_id == agency_id))
    return {row.reference: row for row in rows}


async def test_a_party_becomes_invitations_bound_to_its_lead(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    agency = await make_agency(session)
    result = await _import(session, keys, agency.id, kyoto_party_csv())
    assert (result.invitations, result.mailed, result.refused) == (3, 2, [])
    found = await _invitations(session, agency.id)
    lead, spouse, child = found["K-1"], found["K-2"], found["K-3"]
    assert lead.lead_id is None
    assert spouse.lead_id == lead.id
    assert child.lead_id == lead.id
    assert (lead.minor, spouse.minor, child.minor) == (False, False, True)
    assert child.token_digest is None  # the lead confirms for the child
    assert {lead.language, spouse.language} == {"zh-Hant"}
    # Sealed: the name is nowhere in the row's bytes.
    assert spouse.sealed is not None
    assert b"Chen" not in spouse.sealed
    assert service.supplied(keys.keyring, spouse)["name"] == {
        "surname": "Chen",
        "given_names": "Mei",
    }
    assert await service.counts(session, agency.id) == {
        "sent": 3,
        "opened": 0,
        "accepted": 0,
        "expired": 0,
        "withdrawn": 0,
    }


async def test_bad_rows_are_named_and_good_rows_kept(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    agency = await make_agency(session)
    arrival, departure = trip()
    rows = [
        CSV_HEADER,
        f"A-1,,yes,Sato,Yu,yu@example.com,1990-01-01,en,{arrival},{departure},261009",
        f"A-2,,yes,Kim,,not-an-address,1990-01-01,ko,{arrival},{departure},261009",
        f"A-3,,yes,,Min,min@example.com,1990-01-01,ko,{arrival},{departure},261009",
        f"A-4,,yes,Park,,park@example.com,1990-01-01,ko,{departure},{arrival},261009",
        f"A-5,,yes,Lee,,,1990-01-01,ko,{arrival},{departure},261009",
        f"A-1,,yes,Sato,Yu,yu@example.com,1990-01-01,en,{arrival},{departure},261009",
        f"A-6,,yes,Ono,,ono@example.com,1990-01-01,en,{arrival},{departure},999999",
        "A-7,,yes,Ito",
    ]
    result = await _import(session, keys, agency.id, ("\n".join(rows) + "\n").encode())
    assert result.invitations == 1
    reasons = {(r.row, r.field) for r in result.refused}
    assert reasons == {
        (2, "email"),
        (3, "name.surname"),
        (4, "departure"),
        (5, "email"),
        (6, "reference"),
        (7, "lodging_municipality"),
        (8, "row"),
    }
    assert result.record.rows == 8
    assert result.record.accepted == 1
    assert all("reason" in r and "row" in r for r in result.record.refused)
    # Nothing the agency wrote is kept in the record of refusals: only where and why.
    assert "not-an-address" not in orjson.dumps(result.record.refused).decode()


async def test_a_party_whose_lead_is_refused_is_refused_whole(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    agency = await make_agency(session)
    arrival, departure = trip()
    rows = [
        CSV_HEADER,
        f"B-1,P,yes,Sato,,bad-address,1980-01-01,en,{arrival},{departure},",
        f"B-2,P,,Sato,,b2@example.com,1981-01-01,en,{arrival},{departure},",
        f"C-1,Q,,Ito,,c1@example.com,1981-01-01,en,{arrival},{departure},",
        f"C-2,Q,,Ito,,c2@example.com,1981-01-01,en,{arrival},{departure},",
    ]
    result = await _import(session, keys, agency.id, ("\n".join(rows) + "\n").encode())
    assert result.invitations == 0
    assert {(r.row, r.field) for r in result.refused} == {
        (1, "email"),
        (2, "party"),
        (3, "lead"),
        (4, "lead"),
    }


async def test_the_same_traveller_is_not_invited_twice(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    agency = await make_agency(session)
    await _import(session, keys, agency.id, kyoto_party_csv())
    again = await _import(session, keys, agency.id, kyoto_party_csv())
    assert again.invitations == 0
    assert [(r.row, r.field) for r in again.refused] == [
        (1, "reference"),
        (2, "reference"),
        (3, "reference"),
    ]
    assert len(await _invitations(session, agency.id)) == 3


async def test_json_and_opentravel_files_are_read_alike(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    agency = await make_agency(session)
    arrival, departure = trip()
    document = [
        {
            "reference": "J-1",
            "lead": True,
            "name": {"surname": "Nguyen", "given_names": "An"},
            "email": "an@example.vn",
            "language": "vi",
            "arrival": arrival,
            "departure": departure,
            "passport": {"number": "C1234567", "issuing_state": "VNM", "expiry_date": "2031-01-01"},
        }
    ]
    result = await _import(session, keys, agency.id, orjson.dumps(document), "json")
    assert result.invitations == 1, result.refused
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<OTA_HotelResNotifRQ xmlns="http://www.opentravel.org/OTA/2003/05" Version="1.0">
 <HotelReservations><HotelReservation>
  <UniqueID Type="14" ID="OTA-9"/>
  <RoomStays><RoomStay><TimeSpan Start="{arrival}" End="{departure}"/>
   <BasicPropertyInfo HotelCode="KYO1" HotelCityCode="261009"/></RoomStay></RoomStays>
  <ResGuests>
   <ResGuest ResGuestRPH="1" PrimaryIndicator="true" AgeQualifyingCode="10"><Profiles><ProfileInfo>
    <UniqueID Type="1" ID="O-1"/><Profile><Customer BirthDate="1975-05-05" Language="th">
     <PersonName><GivenName>Somchai</GivenName><Surname>Dee</Surname></PersonName>
     <Telephone PhoneNumber="+66812345678"/><Email>somchai@example.th</Email>
     <Address><AddressLine>1 Sukhumvit</AddressLine><CityName>Bangkok</CityName>
      <CountryName Code="TH"/></Address>
    </Customer></Profile></ProfileInfo></Profiles></ResGuest>
   <ResGuest ResGuestRPH="2" AgeQualifyingCode="8"><Profiles><ProfileInfo>
    <UniqueID Type="1" ID="O-2"/><Profile><Customer Language="th">
     <PersonName><Surname>Dee</Surname></PersonName>
    </Customer></Profile></ProfileInfo></Profiles></ResGuest>
  </ResGuests>
 </HotelReservation></HotelReservations>
</OTA_HotelResNotifRQ>"""
    result = await _import(session, keys, agency.id, xml.encode(), "ota")
    assert result.invitations == 2, result.refused
    found = await _invitations(session, agency.id)
    assert found["O-2"].minor
    assert found["O-2"].lead_id == found["O-1"].id
    values = service.supplied(keys.keyring, found["O-1"])
    assert values["home_address"]["country"] == "TH"
    assert values["stay"]["lodging_municipality"] == "261009"
    assert values["preferred_languages"] == ["th"]
    assert found["O-1"].language == "th"


async def test_hostile_xml_is_refused_unread(session: AsyncSession, keys: PlatformKeys) -> None:
    agency = await make_agency(session)
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<OTA_HotelResNotifRQ>&b;</OTA_HotelResNotifRQ>"""
    external = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><OTA_HotelResNotifRQ>&x;</OTA_HotelResNotifRQ>"""
    for document in (bomb, external, b"<not-closed>"):
        with pytest.raises(UnreadableFileError):
            await _import(session, keys, agency.id, document, "ota")


async def test_only_an_approved_agency_may_invite(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    hotel = await approved_servicer(session, "Hotel Kyoto", PurposeKey.hotel_check_in)
    with pytest.raises(NotAnAgencyError):
        await _import(session, keys, hotel.id, kyoto_party_csv())


async def test_each_adult_is_mailed_in_their_language(
    session: AsyncSession, platform: Platform, sent_mail: list[Mail]
) -> None:
    keys = platform.keys
    agency = await make_agency(session)
    await _import(session, keys, agency.id, kyoto_party_csv())
    found = await _invitations(session, agency.id)
    assert await jobs.pending(session, service.INVITE_JOB) >= 1  # one batch for the party
    for reference in ("K-1", "K-2"):
        await tasks.invite(session, {"invitation": str(found[reference].id)}, platform)
    await tasks.invite(session, {"invitation": str(found["K-3"].id)}, platform)  # no address
    assert [m.to for m in sent_mail] == ["wei.lin@example.tw", "mei.chen@example.tw"]
    token = service.LinkMaker(keys.derivation).token(found["K-2"].id)
    assert f"/invite/{token}" in sent_mail[1].body
    assert "Sakura Tours" in sent_mail[1].subject
    assert "Mei Chen" in sent_mail[1].body
    # In Traditional Chinese, not English.
    assert "Nobody will use them" not in sent_mail[1].body


async def test_the_traveller_confirms_what_they_keep_and_it_becomes_theirs(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    agency = await make_agency(session)
    await _import(session, keys, agency.id, kyoto_party_csv())
    found = await _invitations(session, agency.id)
    links = service.LinkMaker(keys.derivation)
    spouse_token = links.token(found["K-2"].id)
    opened = await service.open_invitation(session, keys.keyring, spouse_token)
    assert opened.agency.name == "Sakura Tours"
    assert opened.minors == []
    assert (await service.counts(session, agency.id))["opened"] == 1
    answer = dict(opened.values)
    answer["name"] = {"surname": "Chen", "given_names": "Mei-Ling"}
    answer["date_of_birth"] = None  # removed
    accepted = await service.accept(session, keys.keyring, spouse_token, answer)
    profile = await visitors.read_profile(session, keys.keyring, accepted.visitor_id)
    assert profile["name"] == {"surname": "Chen", "given_names": "Mei-Ling"}
    assert "date_of_birth" not in profile
    assert profile["email"] == "mei.chen@example.tw"
    spouse = (await _invitations(session, agency.id))["K-2"]
    assert spouse.state is InvitationState.accepted
    assert spouse.sealed is None
    # Her log: sent (with what the agency supplied), opened, accepted.
    log = (await session.execute(resolve_queries.log_of(accepted.visitor_id))).all()
    assert [line.purpose for line in log] == [
        "invitation_accepted",
        "invitation_opened",
        "invitation_sent",
    ]
    assert all(line.servicer_id == agency.id for line in log)
    with pytest.raises(InvitationNotFoundError):
        await service.open_invitation(session, keys.keyring, spouse_token)


async def test_the_lead_confirms_for_a_minor(session: AsyncSession, keys: PlatformKeys) -> None:
    agency = await make_agency(session)
    await _import(session, keys, agency.id, kyoto_party_csv())
    found = await _invitations(session, agency.id)
    token = service.LinkMaker(keys.derivation).token(found["K-1"].id)
    opened = await service.open_invitation(session, keys.keyring, token)
    [(child, values)] = opened.minors
    assert values["name"] == {"surname": "Lin", "given_names": "Hao"}
    accepted = await service.accept(session, keys.keyring, token, opened.values, minors=[child.id])
    [member] = await visitors.family(session, accepted.visitor_id)
    assert (await visitors.read_profile(session, keys.keyring, member.id))["name"][
        "given_names"
    ] == "Hao"
    counts = await service.counts(session, agency.id)
    assert (counts["accepted"], counts["sent"]) == (2, 1)


async def test_withdrawn_and_expired_invitations_keep_nothing(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    agency = await make_agency(session)
    await _import(session, keys, agency.id, kyoto_party_csv())
    found = await _invitations(session, agency.id)
    await service.withdraw(session, agency.id, found["K-1"].id, actor=ACTOR)
    found = await _invitations(session, agency.id)
    assert found["K-1"].state is InvitationState.withdrawn
    assert found["K-1"].sealed is None
    assert found["K-3"].state is InvitationState.withdrawn  # the lead's minor goes with it
    with pytest.raises(InvitationNotFoundError):
        await service.open_invitation(
            session, keys.keyring, service.LinkMaker(keys.derivation).token(found["K-1"].id)
        )
    with pytest.raises(InvitationClosedError):
        await service.withdraw(session, agency.id, found["K-1"].id, actor=ACTOR)
    other = await make_agency(session, "Other Tours")
    with pytest.raises(InvitationNotFoundError):
        await service.withdraw(session, other.id, found["K-2"].id, actor=ACTOR)
    later = datetime.now(UTC) + timedelta(days=60)
    assert await service.expire_due(session, now=later) == 1
    agency_id = agency.id
    session.expire_all()
    found = await _invitations(session, agency_id)
    assert found["K-2"].state is InvitationState.expired
    assert found["K-2"].sealed is None


async def test_reminders_go_once_to_those_who_have_not_answered(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    agency = await make_agency(session)
    await _import(session, keys, agency.id, kyoto_party_csv(days_ahead=2))
    assert await service.remind_due(session) == 2  # the two adults, not the child
    assert await service.remind_due(session) == 0
