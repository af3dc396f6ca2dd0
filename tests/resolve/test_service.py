from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories import approved_servicer
from tests.factories.visitors import MINJI, make_visitor

from omotenashi import db
from omotenashi.consent import service as consent
from omotenashi.resolve import service
from omotenashi.resolve.errors import ConsentRequiredError
from omotenashi.security.keys import PlatformKeys
from omotenashi.servicers import service as servicers
from omotenashi.servicers.errors import PurposeNotApprovedError
from omotenashi.servicers.models import Servicer
from omotenashi.servicers.purposes import PURPOSES, PurposeKey
from omotenashi.visitors import service as visitors

NOW = datetime(2026, 11, 23, 14, 2, tzinfo=UTC)


async def test_hotel_sees_exactly_what_was_granted_for_check_in(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor_id = (await make_visitor(session, keys, **MINJI)).id
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    await consent.grant(
        session,
        keys,
        visitor_id,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name", "nationality", "passport"],
        servicer_id=hotel.id,
        now=NOW,
    )
    result = await service.resolve(
        session,
        keys,
        servicer_id=hotel.id,
        visitor_id=visitor_id,
        purpose=PurposeKey.hotel_check_in,
        now=NOW,
    )
    assert set(result.attributes) == {"name", "nationality", "passport"}
    assert result.attributes["passport"]["number"] == "M12345678"
    assert "allergens" not in result.attributes
    assert result.language == "ko"
    assert "stay" in result.missing


async def test_no_consent_is_403_consent_required_and_logs_nothing(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor_id = (await make_visitor(session, keys, **MINJI)).id
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    with pytest.raises(ConsentRequiredError) as caught:
        await service.resolve(
            session,
            keys,
            servicer_id=hotel.id,
            visitor_id=visitor_id,
            purpose=PurposeKey.hotel_check_in,
            now=NOW,
        )
    assert "passport" in caught.value.extra["missing"]
    assert await service.access_log(session, visitor_id) == []


async def test_a_purpose_the_operator_refused_after_the_consent_gives_nothing(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor_id = (await make_visitor(session, keys, **MINJI)).id
    shop = await approved_servicer(session, "Drugstore", PurposeKey.tax_free_sale)
    await consent.grant(
        session,
        keys,
        visitor_id,
        purpose=PurposeKey.tax_free_sale,
        attributes=["passport"],
        servicer_id=shop.id,
        now=NOW,
    )
    await servicers.decide_purpose(
        session, shop.id, PurposeKey.tax_free_sale, approve=False, actor="operator:test"
    )
    with pytest.raises(PurposeNotApprovedError):
        await service.resolve(
            session,
            keys,
            servicer_id=shop.id,
            visitor_id=visitor_id,
            purpose=PurposeKey.tax_free_sale,
            now=NOW,
        )


async def test_every_disclosure_is_in_the_visitors_access_log(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor_id = (await make_visitor(session, keys, **MINJI)).id
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    await consent.grant(
        session,
        keys,
        visitor_id,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name", "passport"],
        servicer_id=hotel.id,
        now=NOW,
    )
    terminal = uuid.uuid4()
    await service.resolve(
        session,
        keys,
        servicer_id=hotel.id,
        visitor_id=visitor_id,
        purpose=PurposeKey.hotel_check_in,
        terminal_id=terminal,
        now=NOW,
    )
    (entry,) = await service.access_log(session, visitor_id)
    assert (entry.servicer_id, entry.terminal_id, entry.purpose) == (
        hotel.id,
        terminal,
        "hotel_check_in",
    )
    assert entry.attribute_keys == ["name", "passport"]
    assert entry.at == NOW


async def test_subject_ids_are_stable_per_servicer_and_differ_between_servicers(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    visitor_id = (await make_visitor(session, keys, **MINJI)).id
    first = await approved_servicer(session, "Soba Nishimura", PurposeKey.food_service)
    second = await approved_servicer(session, "Sushi Asakusa", PurposeKey.food_service)
    for servicer in (first, second):
        await consent.grant(
            session,
            keys,
            visitor_id,
            purpose=PurposeKey.food_service,
            attributes=["allergens"],
            servicer_id=servicer.id,
            now=NOW,
        )

    async def subject(servicer: Servicer) -> str:
        result = await service.resolve(
            session,
            keys,
            servicer_id=servicer.id,
            visitor_id=visitor_id,
            purpose=PurposeKey.food_service,
            now=NOW,
        )
        assert result.attributes == {"allergens": ["buckwheat"]}
        return result.subject

    assert await subject(first) == await subject(first)
    assert await subject(first) != await subject(second)
    assert str(visitor_id) not in await subject(first)


async def test_the_hot_paths_plan_reads_the_terminals_and_visitors_indexes_however_the_log_lies(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    """A gate resolves on a connection that plans the deciding statement once, without the
    values (``db.HOT_PATH_SETTINGS``). Even when yesterday's whole log lies on one terminal,
    that plan must read a terminal's last minute and a visitor's own rows through their
    indexes, never the whole log: one bad plan made every resolve read it."""
    visitor_id = (await make_visitor(session, keys, **MINJI)).id
    busy_terminal = uuid.uuid4()
    await session.execute(
        sa.text(
            "INSERT INTO access_log (visitor_id, at, servicer_id, terminal_id, purpose,"
            " attribute_keys)"
            " SELECT :visitor, CAST(:now AS timestamptz) - interval '1 day' + n * interval '1 s',"
            " :servicer, :terminal, 'hotel_check_in', '{name}'"
            " FROM generate_series(1, 20000) AS n"
        ),
        {"visitor": visitor_id, "now": NOW, "servicer": uuid.uuid4(), "terminal": busy_terminal},
    )
    await session.execute(sa.text("ANALYZE access_log"))
    statement = service._DECIDE[(True, True)].compile(dialect=postgresql.asyncpg.dialect())
    raw = await (await session.connection()).get_raw_connection()
    driver = raw.driver_connection
    assert driver is not None
    for name, value in db.HOT_PATH_SETTINGS.items():
        await driver.execute(f"SET LOCAL {name} = {value}")
    await driver.execute(f"PREPARE decide_probe AS {statement}")
    try:
        values = {
            "servicer_id": uuid.uuid4(),
            "purpose": "hotel_check_in",
            "needed": ["name"],
            "now": NOW,
            "since": NOW - service.ANOMALY_WINDOW,
            "client_id": "omc_probe",
            "qr_carrier_id": None,
            "qr_step": None,
            "kind": "ic_card",
            "lookup_hash": b"\x00" * 32,
        }
        types = await driver.fetchval(
            "SELECT parameter_types::text[] FROM pg_prepared_statements WHERE name = 'decide_probe'"
        )
        arguments = ", ".join(
            f"CAST({_literal(values[name])} AS {type_})"
            for name, type_ in zip(statement.positiontup or (), types, strict=True)
        )
        explained = await driver.fetchval(
            f"EXPLAIN (FORMAT JSON) EXECUTE decide_probe({arguments})"
        )
    finally:
        await driver.execute("DEALLOCATE decide_probe")
    nodes = list(_plan_nodes(explained[0]["Plan"]))  # JSON, decoded by the driver
    indexes = sorted(n["Index Name"] for n in nodes if n.get("Index Name", "").startswith("ix_acc"))
    assert indexes == ["ix_access_log_terminal_at", "ix_access_log_visitor_at"]
    assert not [
        n for n in nodes if n["Node Type"] == "Seq Scan" and n["Relation Name"] == "access_log"
    ]


def _literal(value: object) -> str:
    """A test value as an SQL literal (EXECUTE takes no protocol parameters)."""
    if value is None:
        return "NULL"
    if isinstance(value, bytes):
        return f"'\\x{value.hex()}'"
    if isinstance(value, list):
        return "ARRAY[" + ", ".join(_literal(item) for item in value) + "]"
    return "'" + str(value).replace("'", "''") + "'"


def _plan_nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", ()):
        yield from _plan_nodes(child)


async def test_a_tax_free_resolve_returns_the_landing_permit_beside_the_passport(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    # The purchase record's passport part: the status of residence and the date of landing come
    # with the passport, read from the visitor's profile under the same consent.
    visitor_id = (
        await make_visitor(
            session,
            keys,
            **MINJI,
            date_of_birth="1995-03-14",
            status_of_residence="temporary_visitor",
            landing_date="2026-11-20",
        )
    ).id
    shop = await approved_servicer(session, "Drugstore", PurposeKey.tax_free_sale)
    await consent.grant(
        session,
        keys,
        visitor_id,
        purpose=PurposeKey.tax_free_sale,
        attributes=list(PURPOSES[PurposeKey.tax_free_sale].attributes),
        servicer_id=shop.id,
        now=NOW,
    )
    result = await service.resolve(
        session,
        keys,
        servicer_id=shop.id,
        visitor_id=visitor_id,
        purpose=PurposeKey.tax_free_sale,
        now=NOW,
    )
    assert result.attributes["status_of_residence"] == "temporary_visitor"
    assert result.attributes["landing_date"] == "2026-11-20"
    assert result.attributes["passport"]["number"] == "M12345678"
    assert result.missing == ()
    (line,) = await service.access_log(session, visitor_id)
    assert {"status_of_residence", "landing_date"} <= set(line.attribute_keys)


async def test_resolve_tells_a_verified_value_from_a_typed_one_until_the_visitor_edits_it(
    session: AsyncSession, keys: PlatformKeys
) -> None:
    issuer = "https://auth.example.go.jp"
    visitor_id = (await make_visitor(session, keys, **MINJI)).id
    await visitors.update_profile(
        session,
        keys.keyring,
        visitor_id,
        {"name": {"surname": "KIM", "given_names": "MINJI"}, "nationality": "KR"},
        verified=visitors.Verification(issuer, datetime(2026, 12, 4, 9, 30, tzinfo=UTC)),
    )
    hotel = await approved_servicer(session, "Hotel Sakura", PurposeKey.hotel_check_in)
    await consent.grant(
        session,
        keys,
        visitor_id,
        purpose=PurposeKey.hotel_check_in,
        attributes=["name", "nationality", "passport"],
        servicer_id=hotel.id,
        now=NOW,
    )

    async def resolved() -> service.Resolution:
        return await service.resolve(
            session,
            keys,
            servicer_id=hotel.id,
            visitor_id=visitor_id,
            purpose=PurposeKey.hotel_check_in,
            now=NOW,
        )

    first = await resolved()
    verified = {"verified_by": issuer, "verified_at": "2026-12-04T09:30:00Z"}
    # One entry per disclosed attribute, nothing for what was not disclosed.
    assert first.verification == {"name": verified, "nationality": verified, "passport": None}
    # The visitor corrects the name themselves: a hotel now sees it as typed.
    await visitors.update_profile(
        session, keys.keyring, visitor_id, {"name": {"surname": "KIM", "given_names": "MIN-JI"}}
    )
    second = await resolved()
    assert second.attributes["name"] == {"surname": "KIM", "given_names": "MIN-JI"}
    assert second.verification == {"name": None, "nationality": verified, "passport": None}
