from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import AsyncSession
from tests.pages import post_form, signed_in_staff, text_of

from omotenashi.runtime import Platform
from omotenashi.servicers import service as servicers
from omotenashi.servicers.models import PurposeState, ServicerCategory, ServicerState
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff.models import Role


async def test_the_operator_approves_a_new_servicer_and_its_purpose_and_it_is_audited(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    applied = await servicers.apply(
        session,
        name="Ramen Ichiban",
        name_ja="ラーメン一番",
        category=ServicerCategory.restaurant,
        contact_email="shop@ramen.example.jp",
        municipality_code="131067",
        purposes={PurposeKey.food_service: "Allergen-aware menu"},
    )
    await signed_in_staff(client, session, platform.keys.master, Role.operator, None)
    console = text_of(await client.get("/operator"))
    assert "ラーメン一番" in console
    await post_form(
        client,
        f"/operator/servicers/{applied.id}/purposes/food_service",
        {"approve": "true"},
        form_page="/operator",
    )
    await post_form(
        client,
        f"/operator/servicers/{applied.id}/state",
        {"state": "approved"},
        form_page="/operator",
    )
    servicer = await servicers.get(session, applied.id)
    assert servicer.state is ServicerState.approved
    assert servicer.purposes[0].state is PurposeState.approved
    after = text_of(await client.get("/operator"))
    # The audit log names each action in Japanese, never by its key.
    assert "事業者を承認" in after
    assert "servicer.approved" not in after
    assert "利用目的を承認" in after


async def test_servicer_staff_have_no_operator_console(
    client: httpx.AsyncClient, session: AsyncSession, platform: Platform
) -> None:
    hotel = await servicers.apply(
        session,
        name="Hotel Q",
        name_ja="ホテルQ",
        category=ServicerCategory.hotel,
        contact_email="q@hotel.example.jp",
        municipality_code="131067",
        purposes={PurposeKey.hotel_check_in: ""},
    )
    await signed_in_staff(client, session, platform.keys.master, Role.servicer_admin, hotel.id)
    assert (await client.get("/operator")).status_code == 403
