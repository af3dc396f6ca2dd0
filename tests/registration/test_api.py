"""The visitor's own API, as a phone app would use it."""

from __future__ import annotations

import base64

import httpx
from tests.actors import bearer

from omotenashi.visitors import service

LINE1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
LINE2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"


async def _register(http: httpx.AsyncClient, **body: object) -> tuple[dict[str, str], dict]:
    response = await http.post("/v1/visitors", json={"language": "ko", **body})
    assert response.status_code == 201, response.text
    registered = response.json()
    return bearer(registered["session"]["token"]), registered


async def test_registration_returns_the_profile_and_a_working_session(
    client: httpx.AsyncClient,
) -> None:
    headers, registered = await _register(
        client, profile={"name": {"surname": "KIM", "given_names": "MINJI"}, "nationality": "KR"}
    )
    assert registered["language"] == "ko"
    assert registered["attributes"]["nationality"] == "KR"
    profile = (await client.get("/v1/me/profile", headers=headers)).json()
    assert profile["attributes"]["name"] == {"surname": "KIM", "given_names": "MINJI"}


async def test_an_unserved_language_is_a_field_error(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/visitors", json={"language": "tlh"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "language"


async def test_a_bad_field_names_itself_and_loses_nothing_already_stored(
    client: httpx.AsyncClient,
) -> None:
    headers, _ = await _register(client, profile={"nationality": "KR"})
    response = await client.patch(
        "/v1/me/profile",
        headers=headers,
        json={"nationality": "ZZ", "date_of_birth": "1990-02-30", "sex": "F"},
    )
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"nationality", "date_of_birth"} <= fields
    kept = (await client.get("/v1/me/profile", headers=headers)).json()["attributes"]
    assert kept == {"nationality": "KR"}  # neither the bad nor the good field of the patch


async def test_null_removes_an_attribute_and_other_keys_stay(client: httpx.AsyncClient) -> None:
    headers, _ = await _register(client, profile={"nationality": "KR", "sex": "F"})
    response = await client.patch("/v1/me/profile", headers=headers, json={"sex": None})
    assert response.json()["attributes"] == {"nationality": "KR"}


async def test_the_mrz_fills_in_the_passport_and_a_wrong_digit_is_named(
    client: httpx.AsyncClient,
) -> None:
    headers, _ = await _register(client)
    read = await client.post(
        "/v1/me/passport/mrz", headers=headers, json={"mrz": f"{LINE1}\n{LINE2}"}
    )
    assert read.status_code == 200, read.text
    attributes = read.json()["attributes"]
    assert attributes["passport"]["number"] == "L898902C3"
    assert attributes["name"] == {"surname": "ERIKSSON", "given_names": "ANNA MARIA"}
    assert "nationality" not in attributes  # UTO is the specimen's fictional state
    saved = await client.patch("/v1/me/profile", headers=headers, json=attributes)
    assert saved.status_code == 200, saved.text

    wrong = LINE2[:9] + "7" + LINE2[10:]  # the document number's check digit
    refused = await client.post(
        "/v1/me/passport/mrz", headers=headers, json={"mrz": f"{LINE1}\n{wrong}"}
    )
    assert refused.status_code == 422
    codes = {error["code"] for error in refused.json()["errors"]}
    assert "mrz.document_number_check" in codes


async def test_a_parent_registers_a_child_who_is_exported_and_erased_with_them(
    client: httpx.AsyncClient,
) -> None:
    headers, _ = await _register(client, profile={"nationality": "KR"})
    child = await client.post(
        "/v1/me/family",
        headers=headers,
        json={"attributes": {"name": {"surname": "KIM", "given_names": "JIHO"}}},
    )
    assert child.status_code == 201, child.text
    family = (await client.get("/v1/me/family", headers=headers)).json()["members"]
    assert [m["attributes"]["name"]["given_names"] for m in family] == ["JIHO"]

    export = await client.get("/v1/me/export", headers=headers)
    assert export.status_code == 200
    assert export.headers["content-disposition"].startswith("attachment;")
    document = export.json()
    assert document["family_members"][0]["profile"]["name"]["given_names"] == "JIHO"

    assert (await client.delete("/v1/me", headers=headers)).status_code == 204
    gone = await client.get("/v1/me/profile", headers=headers)
    assert gone.status_code == 401  # the session died with the account


async def test_a_lost_card_is_revoked_and_can_then_be_linked_again(
    client: httpx.AsyncClient,
) -> None:
    headers, _ = await _register(client)
    card = {"kind": "ic_card", "id": "01 2E 4C 3B 9A 77 10 05", "label": "Suica"}
    linked = await client.post("/v1/me/carriers", headers=headers, json=card)
    assert linked.status_code == 202, linked.text
    again = await client.post("/v1/me/carriers", headers=headers, json=card)
    assert again.json() == linked.json()  # already mine: the same answer, nothing added
    (mine,) = (await client.get("/v1/me/carriers", headers=headers)).json()
    revoked = await client.delete(f"/v1/me/carriers/{mine['id']}", headers=headers)
    assert revoked.json()["revoked_at"] is not None
    relinked = await client.post("/v1/me/carriers", headers=headers, json=card)
    assert relinked.status_code == 202
    listed = (await client.get("/v1/me/carriers", headers=headers)).json()
    assert sorted(c["revoked_at"] is None for c in listed) == [False, True]


async def test_a_phone_gets_its_qr_secret_once(client: httpx.AsyncClient) -> None:
    headers, _ = await _register(client)
    registered = await client.post("/v1/me/devices", headers=headers, json={"label": "Phone"})
    assert registered.status_code == 201
    body = registered.json()
    assert len(body["secret"]) == 43
    # OM2: the code seals the carrier to the platform's P-256 key, so it carries no stable id.
    assert body["qr_version"] == "OM2"
    assert len(base64.urlsafe_b64decode(body["qr_key"] + "=")) == 65  # an uncompressed point
    listed = (await client.get("/v1/me/carriers", headers=headers)).text
    assert body["secret"] not in listed


async def test_registrations_from_one_network_meet_a_rate_limit(
    client: httpx.AsyncClient,
) -> None:
    burst = service.REGISTRATIONS_PER_ADDRESS.burst
    statuses = [
        (await client.post("/v1/visitors", json={"language": "en"})).status_code
        for _ in range(burst + 1)
    ]
    assert statuses == [201] * burst + [429]
    refused = await client.post("/v1/visitors", json={"language": "en"})
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["code"] == "rate_limited"
    assert int(refused.headers["retry-after"]) >= 1
