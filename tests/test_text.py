"""Text the database cannot store (a NUL byte, a lone surrogate) is refused as requests are
validated, naming the field, in every request schema and form."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel, Field, ValidationError
from tests.pages import csrf_token, text_of

from omotenashi import text, web
from omotenashi.alerts import schemas as alerts_schemas
from omotenashi.text import RequestBody, Text, storable, unstorable_fields

# Outside this rule: resolve's hot path parses its carrier strictly (hex, base32) before
# anything is stored; the alerts domain keeps its own schemas for now.
EXEMPT = ("/v1/resolve",)
NOT_YET = {name for name, value in vars(alerts_schemas).items() if isinstance(value, type)}


class Inner(RequestBody):
    email: str


class Outer(RequestBody):
    label: str
    tags: list[str] = Field(default_factory=list)
    extra: dict[str, object] = Field(default_factory=dict)
    admin: Inner | None = None


@pytest.mark.parametrize("bad", ["a\x00b", "a\ud800b", "\udfff"])
def test_nul_bytes_and_lone_surrogates_cannot_be_stored(bad: str) -> None:
    assert not storable(bad)
    assert unstorable_fields(name=bad, other="fine") == unstorable_fields(name=bad)


def test_fine_text_in_any_script_is_storable() -> None:
    assert storable("ホテル\tHôtel 🏨 ឈ្មោះ")


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ({"label": "a\x00"}, ("label",)),
        ({"label": "ok", "tags": ["fine", "b\ud800"]}, ("tags",)),
        ({"label": "ok", "extra": {"x": [1, {"y": "\x00"}]}}, ("extra",)),
        ({"label": "ok", "admin": {"email": "\x00@example.jp"}}, ("admin", "email")),
    ],
)
def test_a_request_body_names_the_field_holding_it(data: dict, where: tuple[str, ...]) -> None:
    with pytest.raises(ValidationError) as refused:
        Outer.model_validate(data)
    (error,) = refused.value.errors()
    assert error["type"] == "unstorable_text"
    assert error["loc"] == where


def test_a_lone_text_parameter_is_checked_too() -> None:
    class Form(BaseModel):
        value: Text

    with pytest.raises(ValidationError):
        Form(value="\x00")


def _subclasses(cls: type) -> set[type]:
    return {cls}.union(*(_subclasses(sub) for sub in cls.__subclasses__()))


def test_every_request_schema_in_the_openapi_refuses_unstorable_text(app: FastAPI) -> None:
    checked = {cls.__name__ for cls in _subclasses(RequestBody)}
    plain = sorted(
        f"{method.upper()} {path}: {name}"
        for path, operations in app.openapi()["paths"].items()
        if not path.startswith(EXEMPT)
        for method, operation in operations.items()
        for content in operation.get("requestBody", {}).get("content", {}).values()
        if (name := content.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1])
        and name not in checked | NOT_YET
    )
    assert plain == []


async def test_a_form_without_field_errors_of_its_own_says_what_is_wrong(
    client: httpx.AsyncClient,
) -> None:
    client.cookies.set(web.LANGUAGE_COOKIE, "en")
    token = await csrf_token(client, "/staff/signin")
    refused = await client.post(
        "/staff/signin",
        data={"csrf_token": token, "email": "a\x00@example.jp", "password": "x", "code": "1"},
        headers={"accept": "text/html"},
    )
    assert refused.status_code == 422
    assert text.PAGE_TITLE in text_of(refused)
    api = await client.post(
        "/staff/signin",
        data={"csrf_token": token, "email": "a\x00@example.jp", "password": "x", "code": "1"},
    )
    assert [(e["field"], e["code"]) for e in api.json()["errors"]] == [
        ("body.email", "unstorable_text")
    ]
