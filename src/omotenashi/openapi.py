"""The OpenAPI document's errors, worked out once for every operation from what it depends on.

Every error the API answers is RFC 9457 problem+json (:mod:`omotenashi.errors`), and a 422
names the rejected fields in ``errors[].field``, not FastAPI's default ``detail[].loc``. Rather
than each route listing them by hand, :func:`install` walks the application's routes and their
dependencies and documents, as ``application/problem+json`` with the problem schema:

- 401 and 403 for an operation behind a security scheme (a session or a client token);
- 404 for one with a path parameter (the thing it names may not exist, or not be the caller's);
- 422 for one that takes a body or validated parameters; 400 for a body that is not JSON and
  413 for one over the size limit;
- 409 for one that takes an ``Idempotency-Key`` (a key still being answered);
- every status a route declares itself in ``responses`` (400, 403, 404, 409, 429 with the codes
  it answers them with), whose description is kept.

It also gives the document its ``servers``, a getting-started as ``info.description``, and an
example of every request and response shape (:mod:`omotenashi.openapi_examples`).

A status a route documents with a body of another shape (the token endpoint's OAuth errors) is
left as the route declared it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts
from fastapi.security.base import SecurityBase
from pydantic import BaseModel, ConfigDict, Field

from omotenashi.errors import PROBLEM_JSON
from omotenashi.openapi_examples import EXAMPLES

_REF = "#/components/schemas/{model}"

DESCRIPTION = """\
Omotenashi Cloud lets a visitor to Japan register once, in their own language, and be served
to their needs by every participating hotel, shop, transit line and venue. A servicer's systems
(a PMS, a POS, a gate) identify the visitor from the card, tag or QR code they present and
receive only what the visitor consented to share with that servicer, for one purpose.

## 1. Take a token

Create a client in the console (or with `POST /v1/servicer/clients`) and exchange its
credentials for a short-lived access token (OAuth 2.0 client credentials, RFC 6749 §4.4):

```
POST /v1/oauth/token
Authorization: Basic base64(client_id:client_secret)
Content-Type: application/x-www-form-urlencoded

grant_type=client_credentials&scope=resolve
```

Send it as `Authorization: Bearer <access_token>` and take a new one shortly before
`expires_in` runs out. The scopes a client may hold, and what each allows, are listed in
`GET /v1/catalogue` and in this document's security schemes.

## 2. Resolve a card or QR code

`POST /v1/resolve` with the carrier the visitor presented (`ic_card`, `nfc_tag` or `qr`) and
the purpose you serve them for. The answer is the visitor as your organisation knows them: a
pairwise `subject` (an opaque string, stable across your touchpoints and unlinkable by anyone
else), their language, and the attributes they consented to share for the purpose.

## 3. Ask for consent, learn the answer by webhook

Without consent, resolve answers 403 `consent_required` with a `consent_request`: show its
`url` as a QR code for the visitor to open on their phone. Register a webhook endpoint
(`POST /v1/servicer/webhooks`) for `consent_request.answered` to learn their answer (deliveries
are signed as Standard Webhooks specifies), or poll the request's `status_url`; then resolve
again.

## Errors

Every error is RFC 9457 `application/problem+json` with a stable `code` (test it, not the
wording) and a `request_id` to quote when asking for help; a 422 names each rejected input in
`errors[]`. The token endpoint alone answers in the OAuth shape (`error`, `error_description`).

## Rate limits

Each client has a request rate (requests per minute) and each terminal a number of different
visitors it may resolve per minute; beyond the first the answer is 429 `rate_limited` with a
`Retry-After` header, beyond the second the terminal is suspended until an operator reviews it.

## Sandbox

A sandbox client (its secret starts with `oms_test_`) reaches only sandbox visitors, never live
data, and can drive test visitors through `/v1/sandbox/...`: their QR codes, consents and answers
to your consent requests.

## More

The developer pages at [/developers](/developers) cover the QR code format, verifying webhooks,
the Python SDK, every error `code` and the versioning policy.
"""


class FieldError(BaseModel):
    """One rejected input."""

    field: str = Field(
        description="Where: the input's location, dotted ('body.passport.number', 'query.limit')",
        examples=["body.purpose"],
    )
    message: str = Field(description="Why, in English", examples=["Field required"])
    code: str = Field(description="Why, for a machine", examples=["missing"])


class Problem(BaseModel):
    """An error (RFC 9457). ``code`` is stable and what a program should test; the other
    members are for people. Some codes add members of their own (``retry_after`` for
    ``rate_limited``, ``missing`` and ``consent_request`` for ``consent_required``)."""

    model_config = ConfigDict(extra="allow", title="Problem")

    type: str = Field(examples=["urn:omotenashi:problem:not_found"])
    title: str = Field(examples=["Not found"])
    status: int = Field(examples=[404])
    detail: str = Field(examples=["There is no such consent request."])
    code: str = Field(description="Stable error code (see /developers#errors)")
    instance: str | None = Field(default=None, description="The request's path")
    request_id: str | None = Field(
        default=None, description="Quote it when asking for help: it finds the request's log"
    )
    errors: list[FieldError] | None = Field(
        default=None, description="The rejected inputs, on a validation error"
    )


class ValidationProblem(Problem):
    """A request that did not validate: ``errors`` says which inputs and why (it is absent
    only when the request is refused as a whole, such as a document that cannot be read)."""

    model_config = ConfigDict(extra="allow", title="ValidationProblem")


_DEFAULTS = {
    400: "bad_request: the request cannot be served as sent (a body that is not JSON)",
    401: "not_signed_in, invalid_token or session_expired: no valid credentials were sent",
    403: "wrong_principal, forbidden or insufficient_scope: the caller may not do this",
    404: "not_found: nothing of that id exists for this caller",
    409: "conflict: the request conflicts with the current state",
    413: "request_too_large: the body is larger than the limit; nothing was stored",
    422: "validation_failed: errors[] names each rejected input (field, message, code)",
    429: "rate_limited: too many requests; wait Retry-After seconds",
}
_FASTAPI_422 = "#/components/schemas/HTTPValidationError"


def _dependants(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for sub in dependant.dependencies:
        yield from _dependants(sub)


def error_statuses(route: RouteContext) -> set[int]:
    """The error statuses ``route`` can answer, from its dependencies and declarations."""
    every = list(_dependants(route.dependant))
    statuses = {int(status) for status in route.responses if str(status)[0] == "4"}
    if any(isinstance(each.call, SecurityBase) for each in every):
        statuses |= {401, 403}
    if any(each.path_params for each in every):
        statuses.add(404)
    if any(each.body_params for each in every):
        # A body that is not JSON at all (FastAPI's "error parsing the body"), and one larger
        # than the body limit (middleware.BodyLimit).
        statuses |= {400, 413}
    if any(
        each.path_params or each.query_params or each.header_params or each.body_params
        for each in every
    ):
        statuses.add(422)
    headers = [param.alias.lower() for each in every for param in each.header_params]
    if "idempotency-key" in headers:
        statuses.add(409)
    return statuses


def _schemas() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for model in (Problem, ValidationProblem):
        schema = model.model_json_schema(ref_template=_REF)
        found.update(schema.pop("$defs", {}))
        found[str(schema["title"])] = schema
    return found


def _problem_content(status: int) -> dict[str, Any]:
    model = "ValidationProblem" if status == 422 else "Problem"
    return {PROBLEM_JSON: {"schema": {"$ref": _REF.format(model=model)}}}


def _document(app: FastAPI, schema: dict[str, Any]) -> None:
    schema.setdefault("components", {}).setdefault("schemas", {}).update(_schemas())
    # Each route as included (its routers' prefixes and dependencies with it).
    for route in iter_route_contexts(app.routes):
        if not isinstance(route.original_route, APIRoute) or not route.include_in_schema:
            continue
        operations = schema["paths"][route.path_format]
        for method in route.methods or ():
            operation = operations.get(method.lower())
            if operation is None:
                continue
            responses = operation.setdefault("responses", {})
            for status in sorted(error_statuses(route)):
                response = responses.setdefault(str(status), {})
                content = response.get("content")
                replaced = content is None or _FASTAPI_422 in str(content)
                if replaced:
                    response["content"] = _problem_content(status)
                if replaced and response.get("description") in (None, "Validation Error"):
                    response["description"] = _DEFAULTS.get(status, "An error (problem+json)")
    components = schema["components"]["schemas"]
    # An example of each shape, where its model gives none of its own.
    for name, example in EXAMPLES.items():
        if name in components and "examples" not in components[name]:
            components[name]["examples"] = [example]
    # FastAPI's own 422 shapes, which no answer has, once nothing refers to them.
    for name in ("HTTPValidationError", "ValidationError"):
        components_left = {key: value for key, value in components.items() if key != name}
        if _REF.format(model=name) not in str([schema["paths"], components_left]):
            components.pop(name, None)


def _servers(app: FastAPI) -> list[dict[str, Any]]:
    if app.servers:
        return list(app.servers)
    platform = getattr(app.state, "platform", None)
    public_url = platform.settings.public_url if platform is not None else None
    if public_url:
        return [{"url": public_url.rstrip("/"), "description": "This deployment"}]
    return [{"url": "/", "description": "The server that answered this document"}]


def install(app: FastAPI) -> None:
    """Serve ``app``'s OpenAPI with every operation's errors documented (built once), its
    servers (the deployment's public URL when set) and a getting-started for integrators."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                openapi_version=app.openapi_version,
                summary=app.summary,
                description=app.description or DESCRIPTION,
                routes=app.routes,
                tags=app.openapi_tags,
                servers=_servers(app),
            )
            _document(app, schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
