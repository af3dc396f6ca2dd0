"""GET /v1/catalogue, read as an integrator who has only the API: is what it says true?"""

from __future__ import annotations

import httpx
from tests.actors import bearer

from omotenashi import i18n

LANGUAGES = [language.code for language in i18n.LANGUAGES]


async def _catalogue(client: httpx.AsyncClient) -> dict:
    response = await client.get("/v1/catalogue")
    assert response.status_code == 200, response.text
    return response.json()


async def test_the_profile_schema_points_to_a_catalogue_that_answers(
    client: httpx.AsyncClient,
) -> None:
    openapi = (await client.get("/openapi.json")).json()
    profile = openapi["components"]["schemas"]["Registration"]["properties"]["profile"]
    assert "GET /v1/catalogue" in profile["description"]
    assert "/v1/catalogue" in openapi["paths"]
    assert (await client.get("/v1/catalogue")).status_code == 200


async def test_every_attribute_and_term_is_labelled_in_all_fifteen_languages(
    client: httpx.AsyncClient,
) -> None:
    catalogue = await _catalogue(client)
    assert catalogue["languages"] == LANGUAGES
    dietary = next(a for a in catalogue["attributes"] if a["key"] == "dietary_needs")
    assert dietary["type"] == "enum_set"
    assert dietary["sensitivity"] == "sensitive"
    assert dietary["labels"]["ja"]
    assert dietary["labels"]["th"] != dietary["labels"]["en"]
    for attribute in catalogue["attributes"]:
        assert list(attribute["labels"]) == LANGUAGES, attribute["key"]
        assert attribute["value"], attribute["key"]
        for term in attribute["vocabulary"] or ():
            assert list(term["labels"]) == LANGUAGES, term["key"]
    enums = [a for a in catalogue["attributes"] if a["type"] in ("enum", "enum_set")]
    assert enums
    assert all(a["vocabulary"] for a in enums)


async def test_a_profile_written_from_the_catalogue_alone_is_accepted(
    client: httpx.AsyncClient,
) -> None:
    catalogue = await _catalogue(client)
    by_key = {a["key"]: a for a in catalogue["attributes"]}
    allergens = [term["key"] for term in by_key["allergens"]["vocabulary"]][:3]
    diet = by_key["dietary_needs"]["vocabulary"][0]["key"]
    registered = await client.post(
        "/v1/visitors",
        json={"language": "th", "profile": {"allergens": allergens, "dietary_needs": [diet]}},
    )
    assert registered.status_code == 201, registered.text
    assert registered.json()["attributes"]["allergens"] == allergens
    # A key the catalogue does not list is refused, naming the field.
    token = registered.json()["session"]["token"]
    refused = await client.patch(
        "/v1/me/profile", json={"favourite_colour": "blue"}, headers=bearer(token)
    )
    assert refused.status_code == 422


async def test_purposes_name_catalogue_attributes_and_their_legal_basis(
    client: httpx.AsyncClient,
) -> None:
    catalogue = await _catalogue(client)
    keys = {a["key"] for a in catalogue["attributes"]}
    purposes = {p["key"]: p for p in catalogue["purposes"]}
    assert "passport" in purposes["tax_free_sale"]["attributes"]
    assert "Hotel Business Act" in purposes["hotel_check_in"]["legal_basis"]
    for purpose in purposes.values():
        assert set(purpose["attributes"]) <= keys
        assert list(purpose["labels"]) == LANGUAGES


async def test_every_scope_says_what_it_allows(client: httpx.AsyncClient) -> None:
    catalogue = await _catalogue(client)
    scopes = {s["key"]: s for s in catalogue["scopes"]}
    assert set(scopes) == {
        "resolve",
        "consent:request",
        "servicer:admin",
        "alerts:ingest",
        "partners:invite",
    }
    assert "terminal" in scopes["resolve"]["granted_to"]
    assert scopes["partners:invite"]["granted_to"] == ["system"]
    assert all(scope["allows"] for scope in scopes.values())


async def test_the_landing_permit_is_listed_and_asked_by_a_tax_free_sale(
    client: httpx.AsyncClient,
) -> None:
    catalogue = await _catalogue(client)
    by_key = {a["key"]: a for a in catalogue["attributes"]}
    status, landing = by_key["status_of_residence"], by_key["landing_date"]
    assert (status["type"], landing["type"]) == ("enum", "date")
    assert status["sensitivity"] == landing["sensitivity"] == "identity_document"
    assert status["vocabulary"][0]["key"] == "temporary_visitor"
    assert status["vocabulary"][0]["labels"]["ja"] == "短期滞在"
    assert landing["labels"]["ja"] == "上陸年月日"
    tax_free = next(p for p in catalogue["purposes"] if p["key"] == "tax_free_sale")
    assert {"status_of_residence", "landing_date"} <= set(tax_free["attributes"])
