"""The OpenAPI document tells an integrator every error an operation answers, in the shape it
is answered in: problem+json, with ``errors[].field`` on a 422 (not FastAPI's ``detail[].loc``).
(tests/test_conformance.py checks the document against the running server.)"""

from __future__ import annotations

from typing import Any

import httpx
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
