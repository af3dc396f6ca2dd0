from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.alerts.support import NANAO, WAJIMA, fixture, weather_report
from tests.factories.alerts import jis, lodging_visitor
from tests.factories.servicers import make_servicer
from tests.factories.staff import staff_headers

from omotenashi.alerts import stream
from omotenashi.alerts.models import StoredAlert
from omotenashi.alerts.regions import tsunami_regions
from omotenashi.auth import service as auth
from omotenashi.clients import service as clients
from omotenashi.clients.models import ClientKind
from omotenashi.clients.tokens import issue_access_token
from omotenashi.runtime import Platform
from omotenashi.servicers.models import ServicerCategory
from omotenashi.servicers.purposes import PurposeKey
from omotenashi.staff.models import Role

XML = {"content-type": "application/xml"}


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


async def operator(session: AsyncSession, email: str) -> dict[str, str]:
    return await staff_headers(session, email, Role.operator)


async def visitor_headers(session: AsyncSession, visitor_id: uuid.UUID) -> dict[str, str]:
    started = await auth.start_visitor_session(session, visitor_id)
    return bearer(started.token)


async def feed_client(
    session: AsyncSession, platform: Platform, category: ServicerCategory
) -> dict[str, str]:
    servicer = await make_servicer(
        session,
        name=f"Feed {category}",
        name_ja="防災システム",
        category=category,
        contact_email="bousai@test.example.jp",
        municipality_code=jis(WAJIMA),
        purposes={PurposeKey.emergency: "Disaster alerts"},
        approved=True,
        approved_purposes=(),  # the feed's servicer itself, not its purpose, is approved
    )
    client, _ = await clients.create_client(
        session,
        servicer.id,
        kind=ClientKind.system,
        label="Alert feed",
        scopes=("alerts:ingest",),
        actor="staff:test",
    )
    return bearer(issue_access_token(platform.keys, client))


async def _alerts(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(StoredAlert)) or 0)


async def test_malformed_document_is_422_with_its_reason_and_nothing_stored(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    headers = {**await operator(session, "ops@example.jp"), **XML}
    document = fixture("eew_vxse43.xml").replace(b"<Serial>3</Serial>", b"<Serial>three</Serial>")
    response = await client.post("/v1/alerts/ingest", content=document, headers=headers)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "malformed_alert"
    assert "Head/Serial" in problem["detail"]
    assert await _alerts(session) == 0
    empty = await client.post("/v1/alerts/ingest", content=b"", headers=headers)
    assert empty.status_code == 422


async def test_ingest_answers_with_the_alert_and_unknown_elements(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    headers = {**await operator(session, "ops@example.jp"), **XML}
    # 佐渡 under a code JMA's table does not have: reported, never guessed from the name.
    document = (
        fixture("tsunami_vtse41.xml")
        .replace(b"</Body>", b"<Extra>1</Extra></Body>")
        .replace(b"<Code>341</Code>", b"<Code>349</Code>")
    )
    response = await client.post("/v1/alerts/ingest", content=document, headers=headers)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["unknown_elements"] == ["Body/Extra"]
    assert body["alert"]["type"] == "major_tsunami_warning"
    version = tsunami_regions().version
    assert body["alert"]["unresolved_areas"] == [
        f"jma_tsunami_region:349 佐渡 (not in JMA's table, {version})"
    ]
    assert body["alert"]["unresolved_count"] == 1
    assert len(body["alert"]["headlines"]) == 16


async def test_municipality_feed_may_ingest_but_a_hotel_may_not(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    town = await feed_client(session, platform, ServicerCategory.municipality)
    hotel = await feed_client(session, platform, ServicerCategory.hotel)
    document = fixture("volcano_vfvo50.xml")
    refused = await client.post("/v1/alerts/ingest", content=document, headers={**hotel, **XML})
    assert refused.status_code == 403
    assert refused.json()["code"] == "alert_feed_not_allowed"
    accepted = await client.post("/v1/alerts/ingest", content=document, headers={**town, **XML})
    assert accepted.status_code == 201, accepted.text
    assert accepted.json()["alert"]["created_by"].startswith("api_client:")


def _composed() -> dict[str, Any]:
    return {
        "details": {"kind": "evacuation", "level": 5},
        "areas": [{"kind": "municipality", "code": WAJIMA, "name_ja": "輪島市"}],
        "source": "輪島市 / Wajima City",
        "expires_at": (datetime.now(UTC) + timedelta(hours=3)).isoformat(),
    }


async def test_four_eyes_through_the_api(session: AsyncSession, client: httpx.AsyncClient) -> None:
    first = await operator(session, "first@example.jp")
    second = await operator(session, "second@example.jp")
    preview = await client.post("/v1/operator/alerts/preview", json=_composed(), headers=first)
    assert preview.status_code == 200
    assert set(preview.json()["renderings"]) >= {"tl", "my", "ja-x-easy"}
    drafted = await client.post("/v1/operator/alerts", json=_composed(), headers=first)
    assert drafted.status_code == 201
    alert_id = drafted.json()["id"]
    assert (await client.get(f"/v1/alerts/{alert_id}")).status_code == 404
    own = await client.post(f"/v1/operator/alerts/{alert_id}/approve", headers=first)
    assert own.status_code == 403
    assert own.json()["code"] == "second_operator_required"
    approved = await client.post(f"/v1/operator/alerts/{alert_id}/approve", headers=second)
    assert approved.status_code == 200
    assert approved.json()["state"] == "current"
    public = await client.get(f"/v1/alerts/{alert_id}", params={"language": "tl"})
    assert public.status_code == 200
    assert public.json()["language"] == "tl"
    verified = await client.post(
        "/v1/alerts/verify", json={"text": public.json()["signature"], "language": "ko"}
    )
    assert verified.json()["genuine"] is True
    assert verified.json()["alert"]["language"] == "ko"


async def test_composed_alert_with_wrong_field_is_422_naming_it(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    body = _composed()
    body["areas"] = [{"kind": "prefecture", "code": "99", "name_ja": "どこか"}]
    response = await client.post(
        "/v1/operator/alerts", json=body, headers=await operator(session, "o@example.jp")
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "areas[0]"


async def test_tampered_alert_is_not_genuine_through_the_api(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    headers = {**await operator(session, "ops@example.jp"), **XML}
    ingested = await client.post(
        "/v1/alerts/ingest", content=fixture("eew_vxse43.xml"), headers=headers
    )
    signature = ingested.json()["alert"]["signature"]
    tampered = signature[:-6] + ("AAAAAA" if not signature.endswith("AAAAAA") else "BBBBBB")
    response = await client.post("/v1/alerts/verify", json={"text": tampered})
    assert response.status_code == 200
    assert response.json()["genuine"] is False
    assert response.json()["alert"] is None


async def test_visitor_answers_and_operator_reads_the_safety_report(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    ops = await operator(session, "ops@example.jp")
    visitor = await lodging_visitor(session, platform.keys, NANAO, language="tl", surname="SANTOS")
    me = await visitor_headers(session, visitor)
    ingested = await client.post(
        "/v1/alerts/ingest", content=fixture("eew_vxse43.xml"), headers={**ops, **XML}
    )
    alert_id = ingested.json()["alert"]["id"]
    mine = await client.get("/v1/me/alerts", headers=me)
    assert [alert["id"] for alert in mine.json()] == [alert_id]
    assert mine.json()[0]["language"] == "tl"
    answered = await client.post(
        f"/v1/me/alerts/{alert_id}/safety",
        json={"answer": "need_help", "latitude": 37.04, "longitude": 136.96},
        headers=me,
    )
    assert answered.status_code == 200, answered.text
    report = await client.get(f"/v1/operator/alerts/{alert_id}/safety", headers=ops)
    assert report.status_code == 200
    body = report.json()
    assert body["counts"] == [
        {"prefecture": "17", "municipality": NANAO, "safe": 0, "need_help": 1}
    ]
    [person] = body["need_help"]
    assert person["name"]["surname"] == "SANTOS"
    assert person["languages"] == ["tl"]
    assert set(person) == {
        "visitor_id",
        "answered_at",
        "name",
        "languages",
        "accessibility_needs",
        "family_members",
        "municipality",
        "location",
    }


async def test_visitor_subscribes_and_unsubscribes(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    visitor = await lodging_visitor(session, platform.keys, NANAO)
    me = await visitor_headers(session, visitor)
    key = await client.get("/v1/push/vapid-key")
    assert len(key.json()["application_server_key"]) == 87
    created = await client.post(
        "/v1/me/push-subscriptions",
        json={
            "endpoint": "https://fcm.googleapis.com/fcm/send/abc",
            "keys": {
                "p256dh": "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7V"
                "d8pZGH6SRpkNtoIAiw4",
                "auth": "BTBZMqHH6r4Tts7J_aSIgg",
            },
        },
        headers=me,
    )
    assert created.status_code == 201
    listed = await client.get("/v1/me/push-subscriptions", headers=me)
    assert [found["id"] for found in listed.json()] == [created.json()["id"]]
    gone = await client.delete(f"/v1/me/push-subscriptions/{created.json()['id']}", headers=me)
    assert gone.status_code == 204
    bad = await client.post(
        "/v1/me/push-subscriptions",
        json={"endpoint": "javascript:alert(1)", "keys": {"p256dh": "x", "auth": "y"}},
        headers=me,
    )
    assert bad.status_code == 422
    assert {error["field"] for error in bad.json()["errors"]} == {
        "endpoint",
        "keys.p256dh",
        "keys.auth",
    }


async def test_push_subscription_into_the_internal_network_is_a_problem(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    visitor = await lodging_visitor(session, platform.keys, NANAO)
    me = await visitor_headers(session, visitor)
    refused = await client.post(
        "/v1/me/push-subscriptions",
        json={
            "endpoint": "https://169.254.169.254/latest/meta-data/",
            "keys": {
                "p256dh": "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7V"
                "d8pZGH6SRpkNtoIAiw4",
                "auth": "BTBZMqHH6r4Tts7J_aSIgg",
            },
        },
        headers=me,
    )
    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("application/problem+json")
    [error] = refused.json()["errors"]
    assert (error["field"], error["code"]) == ("endpoint", "private_address")
    assert "private network" in error["message"]
    listed = await client.get("/v1/me/push-subscriptions", headers=me)
    assert listed.json() == []


async def test_location_is_kept_as_a_coarse_cell(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    visitor = await lodging_visitor(session, platform.keys, NANAO)
    me = await visitor_headers(session, visitor)
    shared = await client.put(
        "/v1/me/alerts/location", json={"latitude": 37.0437, "longitude": 136.9669}, headers=me
    )
    assert shared.status_code == 200
    assert shared.json()["cell"].startswith("87")  # an H3 cell at resolution 7
    assert (await client.delete("/v1/me/alerts/location", headers=me)).status_code == 204


class _Sessions:
    """Hands the test's session to code that opens its own, without closing it."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def __call__(self) -> _Sessions:
        return self

    async def __aenter__(self) -> AsyncSession:
        return self._session

    async def __aexit__(self, *exc: object) -> None:
        return None


async def test_stream_yields_each_current_alert_once(
    session: AsyncSession, platform: Platform, client: httpx.AsyncClient
) -> None:
    ops = await operator(session, "ops@example.jp")
    visitor = await lodging_visitor(session, platform.keys, NANAO)
    ingested = await client.post(
        "/v1/alerts/ingest", content=fixture("eew_vxse43.xml"), headers={**ops, **XML}
    )
    seen = [
        alert.id if alert else None
        async for alert in stream.watch(
            _Sessions(session),  # type: ignore[arg-type]
            visitor,
            poll_seconds=0.01,
            duration_seconds=0.05,
        )
    ]
    assert [str(found) for found in seen if found] == [ingested.json()["alert"]["id"]]


async def test_signage_finds_alerts_in_force_at_its_place(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    ops = await operator(session, "ops@example.jp")
    ingested = await client.post(
        "/v1/alerts/ingest", content=fixture("volcano_vfvo50.xml"), headers={**ops, **XML}
    )
    alert_id = ingested.json()["alert"]["id"]
    here = await client.get("/v1/alerts", params={"municipality": "462012", "language": "th"})
    assert [found["id"] for found in here.json()] == [alert_id]
    assert here.json()[0]["language"] == "th"
    elsewhere = await client.get("/v1/alerts", params={"prefecture": "13"})
    assert elsewhere.json() == []
    nowhere = await client.get("/v1/alerts")
    assert nowhere.status_code == 422
    listed = await client.get("/v1/operator/alerts", headers=ops)
    assert [found["id"] for found in listed.json()] == [alert_id]


async def test_oversized_document_is_refused_unread(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    headers = {**await operator(session, "ops@example.jp"), **XML}
    response = await client.post(
        "/v1/alerts/ingest", content=b" " * (8 * 1024 * 1024 + 1), headers=headers
    )
    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"
    assert "larger than 8 MiB" in response.json()["detail"]


async def test_open_stream_is_woken_when_an_alert_is_announced(
    session: AsyncSession, platform: Platform, database_url: str
) -> None:
    import asyncio

    import asyncpg

    from omotenashi import db
    from omotenashi.alerts import lifecycle

    bell = stream.Bell(database_url)
    visitor = await lodging_visitor(session, platform.keys, NANAO)
    seen: list[uuid.UUID] = []

    async def page() -> None:
        async for alert in stream.watch(
            _Sessions(session),  # type: ignore[arg-type]
            visitor,
            bell=bell,
            duration_seconds=20,
        ):
            if alert is not None:
                seen.append(alert.id)
                return

    try:
        opened = asyncio.create_task(page())
        await asyncio.sleep(0.5)  # it has looked, found nothing, and listens
        done = await lifecycle.ingest(session, platform.keys, fixture("eew_vxse43.xml"), actor="t")
        assert done.alert is not None
        # The test's transaction never commits, so the announcement is sent from outside it.
        other = await asyncpg.connect(db.plain_url(database_url))
        try:
            await other.execute(f"SELECT pg_notify('{lifecycle.NOTIFY_CHANNEL}', 'x')")
        finally:
            await other.close()
        await asyncio.wait_for(opened, 5)
        assert seen == [done.alert.id]
    finally:
        await bell.close()


def _declared(encoding: str) -> str:
    text = fixture("eew_vxse43.xml").decode()
    return text.replace('encoding="UTF-8"', f'encoding="{encoding}"', 1)


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        pytest.param(_declared("Shift_JIS").encode("shift_jis"), "Shift_JIS", id="shift-jis"),
        pytest.param(_declared("EUC-JP").encode("euc_jp"), "EUC-JP", id="euc-jp"),
        pytest.param(_declared("UTF-32").encode("utf-32"), "UTF-32", id="utf-32-bom"),
        pytest.param(_declared("UTF-16").encode("utf-16"), "UTF-16", id="utf-16-bom"),
        pytest.param(_declared("x-klingon").encode(), "x-klingon", id="unknown-encoding"),
        pytest.param(_declared("ISO-8859-1").encode(), "ISO-8859-1", id="latin-1"),
        pytest.param(
            fixture("eew_vxse43.xml").replace(b"</Report>", b"\xff\xfe</Report>"),
            "not UTF-8",
            id="invalid-utf-8",
        ),
        pytest.param(
            fixture("eew_vxse43.xml").split(b"\n", 1)[1].decode().encode("shift_jis"),
            "not UTF-8",
            id="undeclared-shift-jis",
        ),
    ],
)
async def test_a_report_not_in_utf_8_is_422_with_its_reason_and_nothing_stored(
    document: bytes, reason: str, session: AsyncSession, client: httpx.AsyncClient
) -> None:
    headers = {**await operator(session, "ops@example.jp"), **XML}
    response = await client.post("/v1/alerts/ingest", content=document, headers=headers)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "malformed_alert"
    assert reason in problem["detail"]
    assert "UTF-8" in problem["detail"]
    assert await _alerts(session) == 0


async def test_a_utf_8_report_with_a_byte_order_mark_is_ingested(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    headers = {**await operator(session, "ops@example.jp"), **XML}
    document = b"\xef\xbb\xbf" + fixture("eew_vxse43.xml").replace(b"UTF-8", b"utf-8", 1)
    response = await client.post("/v1/alerts/ingest", content=document, headers=headers)
    assert response.status_code == 201, response.text


async def test_a_report_for_no_known_area_is_refused_naming_the_areas_and_nothing_stored(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    headers = {**await operator(session, "ops@example.jp"), **XML}
    document = weather_report([("9999999", "架空町"), ("99", "架空県")])
    response = await client.post("/v1/alerts/ingest", content=document, headers=headers)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "no_known_area"
    assert problem["unresolved_areas"] == [
        "jma_forecast_area:9999999 架空町",
        "jma_forecast_area:99 架空県",
    ]
    assert problem["unresolved_count"] == 2
    assert await _alerts(session) == 0


async def test_a_report_with_some_unknown_areas_is_issued_and_the_answer_names_them(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    headers = {**await operator(session, "ops@example.jp"), **XML}
    document = weather_report([("0420200", "石巻市"), ("9999999", "架空町")])
    response = await client.post("/v1/alerts/ingest", content=document, headers=headers)
    assert response.status_code == 201, response.text
    alert = response.json()["alert"]
    assert alert["state"] == "current"
    assert alert["prefectures"] == ["04"]
    assert alert["municipality_count"] == 1
    assert alert["unresolved_areas"] == ["jma_forecast_area:9999999 架空町"]
    assert alert["unresolved_count"] == 1


async def test_the_answer_to_a_report_of_ten_thousand_areas_is_a_small_summary(
    session: AsyncSession, client: httpx.AsyncClient, app: FastAPI
) -> None:
    headers = {**await operator(session, "ops@example.jp"), **XML}
    known = [(f"{1 + n % 47:02d}{100 + n // 47:03d}00", f"試験市{n}") for n in range(9_700)]
    unknown = [(f"99{n:05d}", f"架空町{n}") for n in range(300)]
    response = await client.post(
        "/v1/alerts/ingest", content=weather_report(known + unknown), headers=headers
    )
    assert response.status_code == 201, response.text[:500]
    assert len(response.content) < 50_000
    body = response.json()
    alert = body["alert"]
    assert alert["area_count"] == 10_000
    assert alert["municipality_count"] == 9_700
    assert len(alert["prefectures"]) == 47
    assert alert["unresolved_count"] == 300
    assert alert["unresolved_areas"][0] == "jma_forecast_area:9900000 架空町0"
    assert len(alert["unresolved_areas"]) < 300
    assert set(alert["headlines"]) >= {"ja", "en", "th", "ja-x-easy"}
    # The answer is what the OpenAPI document says it is, field for field.
    schemas = app.openapi()["components"]["schemas"]
    created = app.openapi()["paths"]["/v1/alerts/ingest"]["post"]["responses"]["201"]
    assert created["content"]["application/json"]["schema"]["$ref"].endswith("/Ingested")
    assert set(body) == set(schemas["Ingested"]["properties"])
    assert set(alert) == set(schemas["IngestedAlert"]["properties"])


async def test_the_checker_answers_a_changed_alert_with_the_official_text_and_the_changes(
    session: AsyncSession, client: httpx.AsyncClient, app: FastAPI
) -> None:
    headers = {**await operator(session, "ops@example.jp"), **XML}
    ingested = await client.post(
        "/v1/alerts/ingest", content=fixture("eew_vxse43.xml"), headers=headers
    )
    alert_id = ingested.json()["alert"]["id"]
    issued = (await client.get(f"/v1/alerts/{alert_id}", params={"language": "ja"})).json()
    official = "\n".join([issued["text"]["headline"], *issued["text"]["lines"]])
    official += "\n" + issued["text"]["action"]
    unchanged = await client.post("/v1/alerts/verify", json={"text": official})
    assert unchanged.json()["verdict"] == "official_unchanged"
    assert unchanged.json()["genuine"] is True
    changed = await client.post(
        "/v1/alerts/verify",
        json={
            "text": f"{official.replace('6', '7', 1)}\n{issued['signature']}",
            "language": "en",
        },
    )
    assert changed.status_code == 200
    body = changed.json()
    assert (body["verdict"], body["genuine"], body["matched_by"]) == (
        "official_changed",
        False,
        "signature",
    )
    assert (body["language"], body["official_text"]) == ("ja", official)
    assert {"change": "deleted", "text": "6"} in body["differences"]
    assert {"change": "inserted", "text": "7"} in body["differences"]
    assert body["alert"]["language"] == "en"
    schema = app.openapi()["components"]["schemas"]["VerificationOut"]
    assert set(body) == set(schema["properties"])
    verdicts = app.openapi()["components"]["schemas"]["VerificationVerdict"]["enum"]
    assert verdicts == ["official_unchanged", "official_changed", "no_such_alert"]


@pytest.mark.parametrize("duration", ["-1", "301", "soon", "nan", "1e999"])
async def test_a_stream_asked_for_a_duration_it_cannot_keep_is_refused_at_once(
    duration: str, session: AsyncSession, client: httpx.AsyncClient, platform: Platform
) -> None:
    visitor = await lodging_visitor(session, platform.keys, NANAO)
    answer = await client.get(
        "/v1/me/alerts/stream",
        params={"duration": duration},
        headers=await visitor_headers(session, visitor),
    )
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["errors"][0]["field"].endswith("duration")
