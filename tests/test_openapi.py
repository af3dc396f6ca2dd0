"""The OpenAPI document tells an integrator every error an operation answers, in the shape it
is answered in: problem+json, with ``errors[].field`` on a 422 (not FastAPI's ``detail[].loc``).
(tests/test_conformance.py checks the document against the running server.)"""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import jsonschema_rs
from fastapi import FastAPI

PROBLEM = "application/problem+json"


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    ]


def _ref(response: dict[str, Any], media: str) -> str:
    return str(response["content"][media]["schema"]["$ref"]).rsplit("/", 1)[-1]


def test_every_error_an_operation_documents_is_a_problem(app: FastAPI) -> None:
    document = app.openapi()
    assert "HTTPValidationError" not in document["components"]["schemas"]
    for method, path, operation in _operations(document):
        for status, response in operation["responses"].items():
            if not status.startswith("4") or path == "/v1/oauth/token":
                continue
            assert list(response.get("content", {})) == [PROBLEM], (method, path, status)
            expected = "ValidationProblem" if status == "422" else "Problem"
            assert _ref(response, PROBLEM) == expected, (method, path, status)


def test_operations_document_what_their_callers_and_inputs_can_meet(app: FastAPI) -> None:
    document = app.openapi()
    for method, path, operation in _operations(document):
        statuses = set(operation["responses"])
        if operation.get("security"):
            assert {"401", "403"} <= statuses, (method, path)
        if any(p["in"] == "path" for p in operation.get("parameters", [])):
            assert "404" in statuses, (method, path)
        if operation.get("parameters") or "requestBody" in operation:
            assert "422" in statuses or path == "/v1/oauth/token", (method, path)
    resolve = document["paths"]["/v1/resolve"]["post"]["responses"]  # the lean route too
    assert {"401", "403", "404", "409", "422", "429"} <= set(resolve)
    assert "consent_required" in resolve["403"]["description"]


def test_the_token_endpoint_documents_its_token_and_oauth_errors(app: FastAPI) -> None:
    document = app.openapi()
    responses = document["paths"]["/v1/oauth/token"]["post"]["responses"]
    assert _ref(responses["200"], "application/json") == "TokenOut"
    token = document["components"]["schemas"]["TokenOut"]
    assert {"access_token", "expires_in"} <= set(token["required"])
    assert _ref(responses["401"], "application/json") == "OAuthErrorOut"


async def test_a_documented_validation_problem_is_what_the_api_answers(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    schema = app.openapi()["components"]["schemas"]["ValidationProblem"]
    answer = await client.post("/v1/visitors", json={"language": 12})
    assert answer.status_code == 422
    assert answer.headers["content-type"] == PROBLEM
    body = answer.json()
    assert set(schema["required"]) <= set(body)
    assert body["errors"][0]["field"] == "body.language"
    assert isinstance(body["detail"], str)  # a sentence, not FastAPI's list of locations


def _used_schemas(document: dict[str, Any]) -> set[str]:
    """Every component schema a request or a response refers to, directly or through another."""
    schemas = document["components"]["schemas"]
    found: set[str] = set()
    waiting = {
        name
        for _, _, operation in _operations(document)
        for part in (operation.get("requestBody", {}), operation["responses"])
        for name in re.findall(r"#/components/schemas/([\w.-]+)", json.dumps(part))
    }
    while waiting:
        name = waiting.pop()
        if name not in found:
            found.add(name)
            waiting |= set(re.findall(r"#/components/schemas/([\w.-]+)", json.dumps(schemas[name])))
    return found


def test_the_document_tells_an_integrator_where_and_how_to_start(app: FastAPI) -> None:
    document = app.openapi()
    assert document["servers"] == [
        {"url": "/", "description": "The server that answered this document"}
    ]  # no public URL configured in tests
    start = document["info"]["description"]
    for promise in ("/v1/oauth/token", "client_credentials", "/v1/resolve", "consent_required"):
        assert promise in start
    for promise in ("consent_request.answered", "problem+json", "`code`", "429", "oms_test_"):
        assert promise in start
    assert "(/developers)" in start


def test_every_operation_says_what_it_is_for(app: FastAPI) -> None:
    undescribed = [
        (method, path)
        for method, path, operation in _operations(app.openapi())
        if len(operation.get("description", "").strip()) < 20
    ]
    assert undescribed == []


def test_every_shape_an_operation_uses_has_an_example_that_fits_it(app: FastAPI) -> None:
    """Objects need an example; an enum's values are their own. Each example is checked against
    its schema as published (refs resolved within the document)."""
    document = app.openapi()
    schemas = document["components"]["schemas"]
    used = _used_schemas(document)
    assert {"ResolveRequest", "ResolveResponse", "TokenOut", "Problem"} <= used
    without = sorted(
        name
        for name in used
        if schemas[name].get("type") == "object" and not schemas[name].get("examples")
    )
    assert without == []
    misfits = []
    for name in sorted(used):
        for example in schemas[name].get("examples", []):
            root = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
            errors = list(jsonschema_rs.Draft202012Validator(root).iter_errors(example))
            misfits += [(name, list(error.instance_path), error.message) for error in errors]
    assert misfits == []


def test_a_misfitting_example_is_caught() -> None:
    """The check above is not vacuous: an example of the wrong shape fails it."""
    components = {
        "schemas": {
            "ChargeIn": {
                "type": "object",
                "properties": {"amount": {"type": "integer"}},
                "required": ["amount"],
            }
        }
    }
    root = {"$ref": "#/components/schemas/ChargeIn", "components": components}
    validator = jsonschema_rs.Draft202012Validator(root)
    assert validator.is_valid({"amount": 3200})
    assert not validator.is_valid({"amount": "3200 yen"})
