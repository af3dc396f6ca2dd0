from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.factories.clients import make_client
from tests.factories.servicers import approved_servicer, make_servicer

from omotenashi.clients import service
from omotenashi.clients.errors import (
    ApiClientNotFoundError,
    ApiClientRevokedError,
    InsufficientScopeError,
    InvalidApiClientError,
    InvalidClientError,
    InvalidTokenError,
    ServicerNotApprovedError,
)
from omotenashi.clients.models import ApiClient, ClientKind
from omotenashi.clients.tokens import issue_access_token, verify_access_token
from omotenashi.runtime import Platform
from omotenashi.security.audit import AuditEntry
from omotenashi.servicers import service as servicers
from omotenashi.servicers.errors import PurposeNotApprovedError
from omotenashi.servicers.models import ServicerState
from omotenashi.servicers.purposes import PurposeKey


async def test_secret_is_returned_once_and_stored_only_as_argon2(session: AsyncSession) -> None:
    servicer = await approved_servicer(session, "Hotel Test Ueno", PurposeKey.hotel_check_in)
    client, secret = await make_client(session, servicer)
    row = await session.scalar(select(ApiClient).where(ApiClient.id == client.id))
    assert row is not None
    assert row.client_id.startswith("omc_")
    assert row.secret_hash != secret
    assert row.secret_hash.startswith("$argon2")
    assert secret not in row.secret_hash
    assert (await service.authenticate(session, client.client_id, secret)).id == client.id


async def test_a_secret_made_with_the_platform_keys_is_stored_as_its_keyed_digest(
    session: AsyncSession, platform: Platform
) -> None:
    servicer = await approved_servicer(session, "Hotel Test Ueno", PurposeKey.hotel_check_in)
    client, secret = await service.create_client(
        session,
        servicer.id,
        kind=ClientKind.system,
        label="Back office",
        scopes=("servicer:admin",),
        actor="staff:test",
        keys=platform.keys,
    )
    assert client.secret_hash.startswith("hmac-sha256$")
    assert secret not in client.secret_hash
    authenticated = await service.authenticate(session, client.client_id, secret, platform.keys)
    assert authenticated.id == client.id
    with pytest.raises(InvalidClientError):
        await service.authenticate(session, client.client_id, secret + "x", platform.keys)
    with pytest.raises(InvalidClientError):
        await service.authenticate(session, "omc_nobody", secret, platform.keys)


async def test_an_argon2_secret_still_works_and_is_stored_again_as_its_keyed_digest(
    session: AsyncSession, platform: Platform
) -> None:
    servicer = await approved_servicer(session, "Hotel Test Ueno", PurposeKey.hotel_check_in)
    client, secret = await make_client(session, servicer)  # as stored before: argon2
    assert client.secret_hash.startswith("$argon2")
    with pytest.raises(InvalidClientError):
        await service.authenticate(session, client.client_id, "wrong", platform.keys)
    assert client.secret_hash.startswith("$argon2")  # a failure changes nothing
    await service.authenticate(session, client.client_id, secret, platform.keys)
    await session.refresh(client)
    assert client.secret_hash.startswith("hmac-sha256$")
    assert (await service.authenticate(session, client.client_id, secret, platform.keys)).id == (
        client.id
    )


async def test_pending_servicer_cannot_have_clients(session: AsyncSession) -> None:
    servicer = await make_servicer(session)
    with pytest.raises(ServicerNotApprovedError):
        await make_client(session, servicer)


async def test_unknown_scope_and_purpose_name_the_field(session: AsyncSession) -> None:
    servicer = await approved_servicer(session, "Hotel Test Ueno", PurposeKey.hotel_check_in)
    with pytest.raises(InvalidApiClientError) as caught:
        await service.create_client(
            session,
            servicer.id,
            kind=ClientKind.terminal,
            label="Till",
            scopes=["resolve", "everything"],
            purposes=["hotel_check_in", "spying"],
            actor="staff:test",
        )
    assert {f.field for f in caught.value.fields} == {"scopes[1]", "purposes[1]"}


async def test_rotation_replaces_the_secret_at_once(session: AsyncSession) -> None:
    servicer = await approved_servicer(session, "Hotel Test Ueno", PurposeKey.hotel_check_in)
    client, old = await make_client(session, servicer)
    new = await service.rotate_secret(session, servicer.id, client.id, actor="staff:test")
    assert new != old
    with pytest.raises(InvalidClientError):
        await service.authenticate(session, client.client_id, old)
    assert (await service.authenticate(session, client.client_id, new)).id == client.id


async def test_revoked_client_cannot_authenticate_or_be_rotated(session: AsyncSession) -> None:
    servicer = await approved_servicer(session, "Hotel Test Ueno", PurposeKey.hotel_check_in)
    client, secret = await make_client(session, servicer)
    await service.revoke(session, servicer.id, client.id, actor="staff:test")
    with pytest.raises(InvalidClientError):
        await service.authenticate(session, client.client_id, secret)
    with pytest.raises(ApiClientRevokedError):
        await service.rotate_secret(session, servicer.id, client.id, actor="staff:test")


async def test_another_servicers_client_is_not_found(session: AsyncSession) -> None:
    mine = await approved_servicer(session, "Hotel Test Ueno", PurposeKey.hotel_check_in)
    theirs = await approved_servicer(session, "Hotel Other", PurposeKey.hotel_check_in)
    client, _ = await make_client(session, mine)
    with pytest.raises(ApiClientNotFoundError):
        await service.revoke(session, theirs.id, client.id, actor="staff:test")


async def test_every_administration_step_is_audited(session: AsyncSession) -> None:
    servicer = await approved_servicer(session, "Hotel Test Ueno", PurposeKey.hotel_check_in)
    client, _ = await make_client(session, servicer)
    await service.rotate_secret(session, servicer.id, client.id, actor="staff:test")
    await service.revoke(session, servicer.id, client.id, actor="staff:test")
    actions = (
        await session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.target == f"api_client:{client.id}", AuditEntry.actor == "staff:test")
            .order_by(AuditEntry.id)
        )
    ).all()
    assert actions == ["api_client.created", "api_client.rotated", "api_client.revoked"]


async def test_token_carries_the_terminal_and_is_refused_once_revoked(
    session: AsyncSession, platform: Platform
) -> None:
    servicer = await approved_servicer(session, "Hotel Test Ueno", PurposeKey.hotel_check_in)
    client, _ = await make_client(session, servicer)
    claims = verify_access_token(platform.keys, issue_access_token(platform.keys, client))
    assert claims.client_id == client.client_id
    assert claims.servicer_id == servicer.id
    assert claims.kind is ClientKind.terminal
    assert claims.purposes == ("hotel_check_in",)
    assert claims.scopes == {"resolve", "consent:request"}
    caller = await service.authorize(session, claims, "resolve")
    assert caller.id == client.id
    with pytest.raises(InsufficientScopeError):
        await service.authorize(session, claims, "servicer:admin")
    await service.revoke(session, servicer.id, client.id, actor="staff:test")
    with pytest.raises(InvalidTokenError):
        await service.authorize(session, claims, "resolve")


async def test_expired_token_is_refused(session: AsyncSession, platform: Platform) -> None:
    servicer = await approved_servicer(session, "Hotel Test Ueno", PurposeKey.hotel_check_in)
    client, _ = await make_client(session, servicer)
    token = issue_access_token(platform.keys, client, ttl=timedelta(seconds=-60))
    with pytest.raises(InvalidTokenError):
        verify_access_token(platform.keys, token)


async def test_token_for_another_audience_is_refused(
    session: AsyncSession, platform: Platform
) -> None:
    servicer = await approved_servicer(session, "Hotel Test Ueno", PurposeKey.hotel_check_in)
    client, _ = await make_client(session, servicer)
    token = issue_access_token(platform.keys, client, audience="someone-else")
    with pytest.raises(InvalidTokenError):
        verify_access_token(platform.keys, token)


async def test_unknown_client_is_refused_like_a_wrong_secret(session: AsyncSession) -> None:
    servicer = await approved_servicer(session, "Hotel Test Ueno", PurposeKey.hotel_check_in)
    client, secret = await make_client(session, servicer)
    with pytest.raises(InvalidClientError) as unknown:
        await service.authenticate(session, "omc_nobody", secret)
    with pytest.raises(InvalidClientError) as wrong:
        await service.authenticate(session, client.client_id, secret + "x")
    assert (unknown.value.code, unknown.value.message) == (wrong.value.code, wrong.value.message)


async def test_a_terminal_serves_only_purposes_the_operator_approved(
    session: AsyncSession,
) -> None:
    hotel = await make_servicer(
        session,
        purposes={
            PurposeKey.hotel_check_in: "Guest register",
            PurposeKey.tax_free_sale: "Shop in the lobby",  # never decided
            PurposeKey.payment: "Room charges",  # refused
        },
    )
    await servicers.decide_purpose(
        session, hotel.id, PurposeKey.hotel_check_in, approve=True, actor="operator:test"
    )
    await servicers.decide_purpose(
        session, hotel.id, PurposeKey.payment, approve=False, actor="operator:test"
    )
    await servicers.set_state(session, hotel.id, ServicerState.approved, actor="operator:test")
    for purposes in (["tax_free_sale"], ["hotel_check_in", "payment"], ["emergency"]):
        with pytest.raises(PurposeNotApprovedError) as refused:
            await service.create_client(
                session,
                hotel.id,
                kind=ClientKind.terminal,
                label="Desk",
                scopes=["resolve"],
                purposes=purposes,
                actor="staff:test",
            )
        assert refused.value.status == 403
        assert refused.value.code == "purpose_not_approved"
        assert {error.field for error in refused.value.fields} == {"purposes"}
    assert await service.list_clients(session, hotel.id) == []
    made, _ = await service.create_client(
        session,
        hotel.id,
        kind=ClientKind.terminal,
        label="Desk",
        scopes=["resolve"],
        purposes=["hotel_check_in"],
        actor="staff:test",
    )
    assert made.purposes == ["hotel_check_in"]
